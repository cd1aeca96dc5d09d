"""Render: every page from templates, with article text shown exactly and never interpreted."""

from __future__ import annotations

import html as html_lib
import re

import markdown
from hypothesis import given
from hypothesis import strategies as st

from generator.render import escape_markdown, render, tag_names
from tests.digest_factory import make_digest


def html_of(markdown_text: str) -> str:
    body = markdown_text.split("\n---\n", 1)[-1] if markdown_text.startswith("---") else markdown_text
    return markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html", "admonition"])


def test_renders_every_page_of_the_digest():
    pages = render(make_digest())
    assert set(pages) == {
        "index.md", "topics/index.md", "articles/index.md", "actors/index.md", "tags/index.md",
        "topics/port-strike.md", "topics/comet-sighting.md",
        "articles/harbour-1.md", "articles/harbour-2.md", "articles/comet.md",
        "actors/lena-varga.md", "actors/valmora.md",
        "tags/port-strike.md",
    }


def test_home_lists_topics_with_key_points_actors_and_sources():
    home = render(make_digest())["index.md"]
    assert "## [Port strike in Valmora](topics/port-strike.md)" in home
    assert "[Lena Varga](actors/lena-varga.md)" in home
    assert "Dockers in Valmora kept the port closed on Tuesday." in home
    assert "[Coast Wire](articles/harbour-1.md), 2031-03-04" in home
    # No outlet stated: the source is named by its headline (here the lede), never its file name.
    assert "[Talks between the port authority and…](articles/harbour-2.md), 2031-03-05" in home
    assert "harbour.txt" not in home


def test_links_are_relative_to_the_page():
    article = render(make_digest())["articles/harbour-1.md"]
    assert "[Port strike in Valmora](../topics/port-strike.md)" in article
    assert "[Lena Varga](../actors/lena-varga.md)" in article


def test_hostile_article_text_renders_as_text():
    pages = render(make_digest())
    for path in ("articles/harbour-1.md", "actors/lena-varga.md"):
        html = html_of(pages[path])
        assert "<script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "{{ 7*7 }}" in html and "49" not in html
        assert "{% raw %}" in html
        assert 'href="javascript:x"' not in html


def test_untitled_article_gets_a_title_from_its_lede():
    page = render(make_digest())["articles/harbour-2.md"]
    assert page.splitlines()[1].startswith('title: "Talks between the port authority')


def test_only_recurring_keyphrases_become_tags_case_insensitively():
    assert tag_names(make_digest()) == {"port strike": "port strike"}
    article = render(make_digest())["articles/harbour-2.md"]
    assert 'tags:\n  - "port strike"' in article


def test_rendering_is_deterministic():
    assert render(make_digest()) == render(make_digest())


@given(st.text())
def test_escaped_text_round_trips_through_markdown(text):
    html = markdown.markdown(escape_markdown(text), extensions=["tables"])
    expected = " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text).split())
    assert "\n" not in escape_markdown(text)
    # Python-Markdown renders a paragraph; its text content must be exactly what was given.
    inner = re.sub(r"^<p>|</p>$", "", html)
    assert "<" not in inner.replace("&lt;", "")
    assert html_lib.unescape(inner).strip() == expected
