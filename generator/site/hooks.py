"""The build's MkDocs plugins: HTML built by the renderer skips Markdown; parts of the theme
shared by many pages are rendered once.

Article text, charts and the lines and lists of links to other pages are HTML built in code with
every piece of text escaped and final URLs; Markdown would pass them through unchanged, but
reading them costs Python-Markdown's HTML parser more than the rest of the page. A block marked
with `data-digest-html` on one line is cut out before Markdown and put back, byte for byte,
after it; the element ids in it are registered with MkDocs so that links to them (`#s-12`)
still validate. Without the plugin (plain `mkdocs serve`) a page renders the same HTML up to
blank lines, only slower.

Material renders its header, tabs, navigation and settings script for every page, and they
take about a fifth of a page's time. On a page that the navigation does not list (every
article, topic, actor and phrase page), all of them but the header's page title depend on the
page only through the folder of its URL, which their relative links start from:
`SharedFragments` renders them once per folder. Without the plugin, the theme overrides render
them for every page, the same.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from mkdocs.plugins import BasePlugin

from generator.site.text import HTML_MARK as MARK

BLOCK = re.compile(rf"^<(?:div|figure|p|ul)\b[^>\n]*\b{MARK}\b[^\n]*$", re.M)
IDS = re.compile(r'\sid="([^"]+)"')


class PrerenderedHTML(BasePlugin):
    """Cuts marked HTML blocks out before Markdown and puts them back after it."""

    def __init__(self) -> None:
        super().__init__()
        self._blocks: dict[str, tuple[str, list[str]]] = {}

    def on_page_markdown(self, markdown: str, page, config, files) -> str:  # noqa: ARG002 - MkDocs event signature
        blocks: list[str] = []
        token = secrets.token_hex(8)

        def stash(match: re.Match) -> str:
            blocks.append(match.group(0))
            return f"\ndigest{token}x{len(blocks) - 1}\n"

        text = BLOCK.sub(stash, markdown)
        if blocks:
            self._blocks[page.file.src_uri] = (token, blocks)
        return text

    def on_page_content(self, html: str, page, config, files) -> str:  # noqa: ARG002 - MkDocs event signature
        stashed = self._blocks.pop(page.file.src_uri, None)
        if stashed is None:
            return html
        token, blocks = stashed
        for number, block in enumerate(blocks):
            html = html.replace(f"<p>digest{token}x{number}</p>", block, 1)
            if page.present_anchor_ids is not None:
                page.present_anchor_ids.update(IDS.findall(block))
        return html


def _folder(url: str) -> str:
    """The folder a page's relative links start from: 'actors/x/' and 'actors/x.html' -> 'actors'."""
    return url.rstrip("/").rpartition("/")[0]


class SharedFragments(BasePlugin):
    """Renders a shared part of the theme once per folder of unlisted pages (`digest_fragment`).

    A part is shared when the page is not in the navigation and no page of the navigation is
    at or below its URL: no navigation item is then the active one, and every link in the part
    is relative to the page's folder. Any other page, or a template without a page, renders it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._listed: tuple[str, ...] = ()
        self._rendered: dict[tuple[str, str], str] = {}

    def on_nav(self, nav, config, files):  # noqa: ARG002 - MkDocs event signature
        self._listed = tuple(page.url for page in nav.pages)
        self._rendered = {}
        return nav

    def on_env(self, env, config, files):  # noqa: ARG002 - MkDocs event signature
        env.globals["digest_fragment"] = self.fragment
        return env

    def fragment(self, name: str, page, caller: Callable[[], str]) -> str:
        """The part `name` of the page, as `caller` renders it; once per folder where it is shared."""
        url = page.url if page else None  # no page: a theme template such as 404.html
        if url is None or any(listed.startswith(url) for listed in self._listed):
            return caller()
        key = (name, _folder(url))
        if key not in self._rendered:
            self._rendered[key] = caller()
        return self._rendered[key]
