/* Pagefind search for the digest: the header box, and the Search page (?q=...).
   The Pagefind UI script and style are fetched on first use only, so a page costs the same
   whatever the size of the site; the index is then fetched in chunks as the reader types. */
(function () {
  "use strict";
  var root = document.querySelector("[data-digest-search]");
  if (!root) return;
  var base = new URL((root.getAttribute("data-base") || ".") + "/", window.location.href);
  var loading = null;

  function asset(path) {
    return new URL(path, base).href;
  }

  function loadUI() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = asset("pagefind/pagefind-ui.css");
      document.head.appendChild(style);
      var script = document.createElement("script");
      script.src = asset("pagefind/pagefind-ui.js");
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  function createUI(element, options) {
    return new window.PagefindUI(Object.assign({
      element: element,
      bundlePath: new URL("pagefind/", base).pathname,
      baseUrl: base.pathname,
      showImages: false,
      showSubResults: false,
      excerptLength: 24,
      debounceTimeoutMs: 100,
      resetStyles: false,
      translations: { placeholder: "Search stories, people, key phrases" }
    }, options || {}));
  }

  /* The header box: replaced by the Pagefind UI on first focus, results in a dropdown. */
  var form = root.querySelector("form");
  var input = root.querySelector(".digest-search__input");
  var host = root.querySelector(".digest-search__ui");
  var headerUI = null;

  function open() {
    root.classList.add("digest-search--open");
  }

  function close() {
    root.classList.remove("digest-search--open");
  }

  function start() {
    if (headerUI) return;
    open();
    loadUI().then(function () {
      if (headerUI) return;
      headerUI = createUI(host, { autofocus: true });
      host.hidden = false;
      form.hidden = true;
      if (input.value) headerUI.triggerSearch(input.value);
      var real = host.querySelector("input");
      if (real) {
        real.value = input.value;
        real.focus();
      }
    }, function () {
      form.classList.add("digest-search__form--unavailable");
      input.placeholder = "Search is unavailable";
    });
  }

  input.addEventListener("focus", start);
  form.addEventListener("submit", function (event) {
    if (!document.querySelector("[data-digest-search-page]")) return;
    event.preventDefault();
  });
  root.addEventListener("focusin", open);
  document.addEventListener("pointerdown", function (event) {
    if (!root.contains(event.target)) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && root.classList.contains("digest-search--open")) {
      close();
      if (document.activeElement && root.contains(document.activeElement)) document.activeElement.blur();
    }
  });

  /* The Search page: the full UI in the page, searching for ?q= when given. */
  var page = document.querySelector("[data-digest-search-page]");
  if (page) {
    root.hidden = true;
    loadUI().then(function () {
      var ui = createUI(page, { autofocus: true });
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) ui.triggerSearch(query);
    });
  }
})();
