"""One small site built per session, served on localhost, and a Chromium to look at it.

The browser is Debian's /usr/bin/chromium driven by Playwright (no downloaded browsers); every
test gets a fresh context, and records console errors, failed requests and requests to any other
host than the local server.
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.site.editions import EditionSummary, TopicSummary
from tests.site.conftest import build, make_settings
from tests.site.factory import make_digest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
EARLIER = EditionSummary(
    "2031-03-05",
    (TopicSummary("old-strike", "Strike", "Dockers walk out in Valmora", ("Dockers walked out over pay.",),
                  ("lena-varga", "port-authority"), ("port strike", "union"), 2),),
    (("lena-varga", "Lena Varga"), ("port-authority", "Port Authority")),
)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real Chromium against the built site")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: ARG002 - keep the test output clean
        pass


@pytest.fixture(scope="session")
def site_url(tmp_path_factory) -> str:
    """The test digest (with one earlier edition) built with search and served on localhost."""
    root = tmp_path_factory.mktemp("browser-site")
    build(make_digest(), make_settings(root, site=root / "site"), history=(EARLIER,))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is needed for the browser tests (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """What a page did while loading: errors, failed requests, other hosts, bytes received."""

    page: object
    origin: str
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    received: list[tuple[str, int]] = field(default_factory=list)

    def bytes(self) -> int:
        return sum(size for _, size in self.received)


@pytest.fixture
def open_page(browser, site_url):
    """open_page(path, width=1280, scheme="light") -> Visit, after the page has loaded."""
    contexts = []

    def open_(path: str, width: int = 1280, scheme: str = "light") -> Visit:
        context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page, urlsplit(site_url).netloc)
        page.on("console", lambda message: visit.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: visit.errors.append(str(error)))
        page.on("requestfailed", lambda request: visit.failed.append(request.url))

        def response(resp):
            if urlsplit(resp.url).netloc != visit.origin:
                visit.foreign.append(resp.url)
            if resp.status >= 400:
                visit.failed.append(f"{resp.status} {resp.url}")
            else:
                try:
                    visit.received.append((resp.url, len(resp.body())))
                except Exception:  # noqa: BLE001 - a redirect or an aborted body has no size
                    visit.received.append((resp.url, 0))

        page.on("response", response)
        page.on("request", lambda request: visit.foreign.append(request.url)
                if urlsplit(request.url).netloc not in (visit.origin, "") and not request.url.startswith("data:") else None)
        page.goto(site_url + path, wait_until="networkidle")
        return visit

    yield open_
    for context in contexts:
        context.close()
