"""Search speed and weight on a built site: `python -m tests.browser.search_bench SITE [QUERY ...]`.

Serves the site, opens its home page in the system Chromium, and for each query types it into
the search box; prints the home page's weight, then per query the time from the last key to the
first result on screen and the bytes fetched for it (Pagefind loads index chunks on demand).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from tests.browser.conftest import ARGS, CHROMIUM, _Quiet

QUERIES = ("election", "Paris", "bank", "Johnson", "climate change")


def main(site: Path, queries: tuple[str, ...]) -> None:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for query in queries:
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            received: list[int] = []

            def count(response, received=received) -> None:
                try:
                    received.append(len(response.body()))
                except Exception:  # noqa: BLE001 - a redirect or an aborted body has no size
                    received.append(0)

            page.on("response", count)
            page.goto(base, wait_until="networkidle")
            home = sum(received)
            page.click(".digest-search__input")
            page.wait_for_selector(".pagefind-ui__search-input")
            page.wait_for_load_state("networkidle")
            before = sum(received)
            page.keyboard.type(query)
            typed = time.perf_counter()
            page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
            shown = time.perf_counter() - typed
            page.wait_for_load_state("networkidle")
            results = page.locator(".pagefind-ui__result-link").count()
            print(f"home page {home / 1e3:.0f} kB; {query!r}: first result after {shown * 1000:.0f} ms, "
                  f"{(sum(received) - before) / 1e6:.2f} MB fetched, {results} results shown", flush=True)
            page.context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), tuple(sys.argv[2:]) or QUERIES)
