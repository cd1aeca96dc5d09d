"""A MkDocs plugin that lets HTML built by the renderer skip Markdown.

Article text, charts and the lines and lists of links to other pages are HTML built in code with
every piece of text escaped and final URLs; Markdown would pass them through unchanged, but
reading them costs Python-Markdown's HTML parser more than the rest of the page. A block marked
with `data-digest-html` on one line is cut out before Markdown and put back, byte for byte,
after it; the element ids in it are registered with MkDocs so that links to them (`#s-12`)
still validate. Without the plugin (plain `mkdocs serve`) a page renders the same HTML up to
blank lines, only slower.
"""

from __future__ import annotations

import re
import secrets

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
