"""The build's MkDocs plugins: HTML built in code skips Markdown and comes back byte for byte; the
theme's shared parts are rendered once per folder of pages the navigation does not list."""

from __future__ import annotations

import markdown
import pytest

from generator.site.hooks import PrerenderedHTML, SharedFragments


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


class _Listed:
    def __init__(self, url: str) -> None:
        self.url = url


class _Nav:
    def __init__(self, *urls: str) -> None:
        self.pages = [_Listed(url) for url in urls]


def _counting():
    rendered: list[str] = []

    def caller(text: str):
        def render() -> str:
            rendered.append(text)
            return text
        return render

    return rendered, caller


def test_a_shared_part_is_rendered_once_per_folder_of_unlisted_pages():
    plugin = SharedFragments()
    plugin.on_nav(_Nav("", "topics/"), None, None)
    rendered, caller = _counting()
    parts = [plugin.fragment("tabs", _Listed(url), caller(f"tabs for {url}")) for url in ("actors/a/", "actors/b/", "topics/t/", "topics/u/")]
    assert parts == ["tabs for actors/a/", "tabs for actors/a/", "tabs for topics/t/", "tabs for topics/t/"]
    assert rendered == ["tabs for actors/a/", "tabs for topics/t/"]
    assert plugin.fragment("nav", _Listed("actors/c/"), caller("nav")) == "nav"  # another part, its own entry


@pytest.mark.parametrize("url", ["", "topics/", "topics", None])
def test_a_listed_page_a_page_above_one_or_no_page_renders_its_own_part(url):
    plugin = SharedFragments()
    plugin.on_nav(_Nav("", "topics/"), None, None)
    rendered, caller = _counting()
    page = None if url is None else _Listed(url)
    for _ in range(2):
        plugin.fragment("tabs", page, caller("tabs"))
    assert rendered == ["tabs", "tabs"]


def test_a_new_navigation_forgets_the_parts_rendered_for_the_last_one():
    plugin = SharedFragments()
    rendered, caller = _counting()
    for version in ("one", "two"):
        plugin.on_nav(_Nav(""), None, None)
        assert plugin.fragment("tabs", _Listed("actors/a/"), caller(version)) == version
    assert rendered == ["one", "two"]
