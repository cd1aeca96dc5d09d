"""Text for pages: escaping, display titles and outlets, sentence anchors."""

from __future__ import annotations

import html as html_lib
import re

import markdown
from hypothesis import given
from hypothesis import strategies as st

from generator.model import Analysis, Article, Sentence
from generator.render import escape_markdown
from generator.site import text


@given(st.text())
def test_escaped_text_round_trips_through_markdown(value):
    escaped = escape_markdown(value)
    html = markdown.markdown(escaped, extensions=["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details"])
    expected = " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value).split())
    assert "\n" not in escaped
    # Python-Markdown renders one paragraph whose text content is exactly what was given.
    inner = re.sub(r"^<p>|</p>$", "", html)
    assert "<" not in inner.replace("&lt;", "")
    assert html_lib.unescape(inner).strip() == expected


@given(st.text())
def test_escaped_html_is_inert(value):
    escaped = text.escape_html(value)
    assert "<" not in escaped and ">" not in escaped and '"' not in escaped
    assert html_lib.unescape(escaped) == " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value).split())


def test_admonition_and_list_starts_are_escaped():
    for value in ("!!! note", "- item", "+ item", "1. item", "# heading", "> quote"):
        html = markdown.markdown(escape_markdown(value), extensions=["admonition"])
        assert html.startswith("<p>"), (value, html)


def test_only_http_urls_are_links_and_they_cannot_break_out():
    assert text.safe_url("javascript:alert(1)") is None
    assert text.safe_url("data:text/html,x") is None
    assert text.safe_url("/relative/path") is None
    assert text.safe_url("https://example.org/a b)c\"d<e>") == "https://example.org/a%20b%29c%22d%3Ce%3E"
    assert text.safe_url("http://example.org/?q=1&x=2#top") == "http://example.org/?q=1&x=2#top"


def _article(**fields) -> Article:
    base = dict(id="a", source="f.txt", part=1, start=0, end=10, title=None, date=None, date_basis=None,
                standfirst=(), paragraphs=("First sentence here. Second one.",))
    return Article(**{**base, **fields})


def test_outlet_is_the_outlet_else_the_domain_else_none():
    assert text.outlet_name(_article(outlet="Coast Wire", url="https://x.example/")) == "Coast Wire"
    assert text.outlet_name(_article(url="https://www.portnews.example/a")) == "portnews.example"
    assert text.outlet_name(_article()) is None


def test_untitled_article_takes_its_first_sentence_and_says_so():
    analysis = Analysis("a", (Sentence("First sentence here.", "body", 0), Sentence("Second one.", "body", 0)), (), (), (), ())
    title = text.display_title(_article(), analysis)
    assert title == text.Title("First sentence here.", True)
    assert text.display_title(_article(title="  Stated  headline "), analysis) == text.Title("Stated headline", False)
    assert text.display_title(_article(title="—"), analysis).from_text  # a lone dash is no headline
    dashed = Analysis("a", (Sentence("—", "body", 0), Sentence("Real words.", "body", 1)), (), (), (), ())
    assert text.display_title(_article(), dashed).text == "Real words."


def test_every_sentence_gets_its_anchor_even_across_a_line_break():
    article = _article(
        standfirst=("Officials met on Tuesday to discuss the plan", "— and agreed."),
        paragraphs=("One. Two words here.", "Three."),
        title="Headline",
    )
    sentences = (
        Sentence("Headline", "title", 0),
        Sentence("Officials met on Tuesday to discuss the plan — and agreed.", "standfirst", 0),
        Sentence("One.", "body", 0),
        Sentence("Two words here.", "body", 3),  # paragraph numbers from the parse are not trusted
        Sentence("Not in the text at all.", "body", 1),
        Sentence("Three.", "body", 1),
    )
    anchored = text.anchor(article, Analysis("a", sentences, (), (), (), ()))
    assert anchored.title_sentence == 0
    first_line, second_line = anchored.standfirst
    assert first_line == (text.Segment("Officials met on Tuesday to discuss the plan", 1),)
    assert second_line == (text.Segment("— and agreed.", 1, first=False),)
    assert [s for s in anchored.paragraphs[0] if s.sentence is not None][:2] == [text.Segment("One.", 2), text.Segment("Two words here.", 3)]
    assert anchored.unplaced == (4,)
    html = "".join(text.segments_html(p) for p in anchored.paragraphs)
    for number in (2, 3, 4, 5):
        assert html.count(f'id="s-{number}"') == 1
    assert "".join(s.text for s in anchored.paragraphs[0]) == "One. Two words here."


def test_article_html_escapes_text():
    html = text.paragraphs_html(((text.Segment("<b>x</b> & y", 0),),), "digest-text")
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt; &amp; y" in html
    assert html.startswith('<div class="digest-text" data-digest-html>') and "\n" not in html
