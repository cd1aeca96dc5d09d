"""The plugin that lets HTML built in code skip Markdown: the blocks come back byte for byte."""

from __future__ import annotations

import markdown
import pytest

from generator.site.hooks import PrerenderedHTML


class _Page:
    class file:  # noqa: N801 - stands in for MkDocs' File
        src_uri = "topics/t.md"

    present_anchor_ids: set[str]

    def __init__(self) -> None:
        self.present_anchor_ids = set()


@pytest.mark.parametrize("block", [
    '<p class="digest-players" data-digest-html><strong>Key players:</strong> <a href="../../actors/a_b/">A *not* _emphasis_</a> · B</p>',
    '<ul class="digest-topics" data-digest-html><li><a href="../../topics/t/">[not a link](x.md)</a></li></ul>',
    '<div class="digest-text" data-digest-html><p><span class="digest-s" id="s-1">One.</span></p></div>',
])
def test_a_marked_block_skips_markdown_and_comes_back_unchanged(block):
    plugin, page = PrerenderedHTML(), _Page()
    source = f"# Title\n\nSome *text*.\n\n{block}\n\nMore *text*.\n"
    text = plugin.on_page_markdown(source, page, None, None)
    assert block not in text  # cut out: Markdown's HTML parser never reads it
    html = plugin.on_page_content(markdown.markdown(text), page, None, None)
    assert block in html
    assert "<em>text</em>" in html  # the rest is still Markdown
    assert page.present_anchor_ids == ({"s-1"} if 'id="s-1"' in block else set())


def test_an_unmarked_html_line_is_left_to_markdown():
    plugin, page = PrerenderedHTML(), _Page()
    source = '<p class="x">plain</p>\n'
    assert plugin.on_page_markdown(source, page, None, None) == source
