"""The built site in a real browser: clean loads, highlights, search, palettes, small screens."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "topic": "topics/valmora-dockers-keep-the-port-shut-as-talks-stall/",
    "actor": "actors/lena-varga/",
    "article": "articles/coast-wire-2031-03-04-port-strike-enters-second-week/",
    "archive": "archive/",
    "edition": "archive/2031-03-05/",
    "search": "search/?q=dockers",
    "phrases": "phrases/",
}
SEARCH_BUDGET = 2_000_000


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_load_cleanly(open_page, name, width):
    visit = open_page(PAGES[name], width=width)
    assert visit.errors == []
    assert visit.failed == []
    assert visit.foreign == []
    overflow = visit.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"


def test_page_load_fetches_no_search_index(open_page):
    visit = open_page(PAGES["home"])
    assert not [url for url, _ in visit.received if "/pagefind/" in url]
    assert visit.bytes() < 400_000  # the theme's CSS and JS; nothing that grows with the articles


def test_a_highlight_opens_its_article_at_the_sentence(open_page):
    page = open_page(PAGES["topic"], width=390).page
    link = page.locator("h2.digest-highlights + ul a").nth(3)  # "Ships are waiting outside the harbour."
    text = link.inner_text()
    link.click()
    page.wait_for_load_state("networkidle")
    assert re.search(r"/articles/coast-wire-2031-03-04-port-strike-enters-second-week/#s-\d+$", page.url)
    target = page.evaluate("""() => {
        const el = document.querySelector(':target');
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return {text: el.textContent, top: box.top, bottom: box.bottom, height: innerHeight,
                outline: style.outlineStyle, background: style.backgroundColor};
    }""")
    assert target["text"] == text
    assert 0 <= target["top"] and target["bottom"] <= target["height"]
    assert target["outline"] != "none" and target["background"] not in ("rgba(0, 0, 0, 0)", "transparent")


def test_search_finds_a_topic_by_a_word_of_its_headline(open_page):
    visit = open_page(PAGES["home"])
    page = visit.page
    before = visit.bytes()
    page.click(".digest-search__input")
    page.wait_for_selector(".pagefind-ui__search-input")
    page.keyboard.type("dockers")
    page.wait_for_selector(".pagefind-ui__result-link")
    page.wait_for_load_state("networkidle")
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => [a.textContent, a.getAttribute('href')])")
    assert ["Story · Valmora dockers keep the port shut as talks stall", "/topics/valmora-dockers-keep-the-port-shut-as-talks-stall/"] in links
    assert visit.bytes() - before < SEARCH_BUDGET
    assert visit.errors == [] and visit.failed == [] and visit.foreign == []


def test_search_page_searches_for_the_query(open_page):
    page = open_page(PAGES["search"]).page
    page.wait_for_selector(".digest-search-page .pagefind-ui__result-link")
    assert "Valmora dockers" in page.inner_text(".digest-search-page")


@pytest.mark.parametrize(("scheme", "expected"), [("light", "default"), ("dark", "slate")])
def test_both_palettes_render(open_page, scheme, expected):
    page = open_page(PAGES["topic"], scheme=scheme).page
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    colours = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('.md-typeset h1')).color,
        getComputedStyle(document.querySelector('.digest-chart .digest-bar')).fill]""")
    background, text, bar = colours
    assert background != text and bar not in ("none", "rgb(0, 0, 0)")
    page.click("label.md-header__button[for^='__palette']:not([hidden])")
    assert page.get_attribute("body", "data-md-color-scheme") != expected
