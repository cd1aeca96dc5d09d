"""Screenshots of a built site for the README: `python -m tests.browser.screenshots SITE OUT`.

Takes the home page and the first topic at desktop width and at 390 px, in the light and the
dark palette, with the system Chromium (see conftest).
"""

from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from pathlib import Path

from tests.browser.conftest import ARGS, CHROMIUM, _Quiet

SIZES = {"desktop": 1280, "mobile": 390}


def first_topic(site: Path) -> str:
    """The URL path of the first story on the home page."""
    html = (site / "index.html").read_text(encoding="utf-8")
    return re.search(r'href="(topics/(?!index)[^"]+/)"', html).group(1)


def main(site: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    pages = {"home": "", "topic": first_topic(site)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for scheme in ("light", "dark"):
            for size, width in SIZES.items():
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(base + path, wait_until="networkidle")
                    page.screenshot(path=str(out / f"{name}-{size}-{scheme}.png"), full_page=True)
                context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
