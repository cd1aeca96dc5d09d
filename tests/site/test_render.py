"""Render: stories with headlines, summaries and sources; article pages; text shown, never run."""

from __future__ import annotations

import dataclasses
import re

import pytest

from generator import render
from generator.site import text
from generator.site.editions import EditionSummary, TopicSummary
from tests.site.conftest import make_settings
from tests.site.factory import make_digest

TOPIC = "topics/valmora-dockers-keep-the-port-shut-as-talks-stall.md"
STRIKE = "articles/coast-wire-2031-03-04-port-strike-enters-second-week.md"
COMET = "articles/astronomers-saw-a-faint-comet-over-the-bay.md"


@pytest.fixture
def pages(tmp_path):
    return render.render(make_digest(), make_settings(tmp_path), ())


def test_renders_every_page_and_feed(pages):
    expected = {
        "index.md", "about.md", "search.md", "digest.json" if False else "feed.xml", "feed.json",
        "topics/index.md", "articles/index.md", "actors/index.md", "phrases/index.md", "archive/index.md",
        TOPIC, STRIKE, COMET, "phrases/port-strike.md", "actors/lena-varga.md",
    }
    assert expected <= set(pages)
    assert sum(p.startswith("articles/") for p in pages) == 6
    assert sum(p.startswith("topics/") for p in pages) == 4
    assert list(pages) == sorted(pages)


def test_home_is_the_dated_edition_with_story_cards(tmp_path):
    settings = make_settings(tmp_path)
    settings = dataclasses.replace(settings, topics=dataclasses.replace(settings.topics, home_sections=2))
    home = render.render(make_digest(), settings, ())["index.md"]
    assert "Thursday 6 March 2031" in home
    assert "### [Valmora dockers keep the port shut as talks stall](topics/valmora-dockers-keep-the-port-shut-as-talks-stall.md)" in home
    assert "Dockers in Valmora kept the port closed for a second week. Exports fell by half while talks stalled." in home
    assert "[Lena Varga](actors/lena-varga.md) · [Port Authority](actors/port-authority.md)" in home
    # the card's lines stay indented inside its list item, with or without named outlets
    assert "\n    3 outlets · 3 articles" in home and "\n    1 article · " in home
    other = home.split("## Other news", 1)[1]
    assert "Council notice" in other and "Valmora dockers" not in other
    # Headlines, never labels.
    assert "Port strike\n" not in home and "[Port strike]" not in home


def test_topic_tells_the_story(pages):
    topic = pages[TOPIC]
    assert topic.startswith('---\ntitle: "Valmora dockers keep the port shut as talks stall"\ndescription: "Dockers in Valmora')
    assert "# Valmora dockers keep the port shut as talks stall {: data-pagefind-body" in topic
    # Each highlight opens its article at the sentence.
    assert "- [The union rejected the latest offer.](../articles/coast-wire-2031-03-04-port-strike-enters-second-week.md#s-2)" in topic
    assert "“We will not move until the offer changes,”" in topic
    assert "— [Lena Varga](../actors/lena-varga.md), [Coast Wire](../" in topic
    assert '<a href="../../actors/lena-varga/">Lena Varga</a> <span class="digest-role">(union leader)</span>' in topic
    assert '<p class="digest-where" data-pagefind-body="" data-digest-html><strong>Where:</strong> <a href="../../actors/valmora/">Valmora</a>' in topic
    assert '**10 March 2031** <span class="digest-scheduled">Scheduled</span>' in topic
    assert "## Covered by 3 outlets" in topic
    assert "**portnews.example**" in topic and 'href="https://coastwire.example/news/port-strike?id=1&amp;ref=%28x%29"' in topic
    assert '<a href="../../phrases/port-strike/">port strike</a> · union · exports</p>' in topic
    assert '<figure class="digest-chart digest-chart--coverage"' in topic
    # No file names beside outlets.
    assert "harbour.txt" not in topic and "ports.xml" not in topic


def test_untitled_article_is_named_by_its_first_sentence_and_marked(pages):
    comet = pages[COMET]
    assert 'title: "Astronomers saw a faint comet over the bay on Friday night."' in comet
    assert "The source gives no headline" in comet
    # no outlet is stated: the meta line gives the date alone, and the topic counts no outlet
    assert "\n6 March 2031\n" in comet
    assert text.UNKNOWN_OUTLET not in comet
    topic = pages["topics/a-faint-comet-is-visible-over-the-bay.md"]
    assert 'class="digest-untitled"' in topic
    assert "Covered by" not in topic and f"**{text.UNKNOWN_OUTLET}**" in topic
    for page in (topic, pages[TOPIC]):  # one key point a line, whether or not an outlet follows it
        points = [line for line in page.split("## Key points", 1)[1].split("\n## ", 1)[0].splitlines()[1:] if line.strip()]
        assert points and all(line.startswith("- [") and line.count("](") == 1 for line in points)


def test_article_page_shows_source_text_summary_and_provenance(tmp_path):
    full = render.render(make_digest(), make_settings(tmp_path, article_text="full"), ())[STRIKE]
    assert "**Coast Wire** · Ana Pires · 4 March 2031 · [Read at source](https://coastwire.example/news/port-strike?id=1&ref=%28x%29)" in full
    assert "# Port strike enters second week {: #s-0 .digest-s" in full
    assert full.count('class="digest-s"') == 5  # every sentence of the text with its anchor
    assert '<span class="digest-s" id="s-5">Ships are waiting outside the harbour.</span>' in full
    assert "## In brief" in full
    assert '<strong>Key players:</strong> <a href="../../actors/lena-varga/">Lena Varga</a>' in full
    assert '<strong>Where:</strong> <a href="../../actors/valmora/">Valmora</a>' in full
    assert '??? note "Provenance"' in full
    assert "    - **File:** harbour.txt" in full and "characters 0–310" in full
    meet = render.render(make_digest(), make_settings(tmp_path, article_text="full"), ())[
        "articles/harbour-daily-2031-03-05-port-authority-and-union-meet.md"]
    assert "(date from the dateline)" in meet and "**Also in:** mirror/harbour.txt" in meet


def test_excerpt_shows_the_lead_and_every_cited_sentence(tmp_path):
    excerpt = render.render(make_digest(), make_settings(tmp_path, article_text="excerpt"), ())[STRIKE]
    assert "## Excerpt" in excerpt and "Continue reading at Coast Wire" in excerpt
    assert "Ships are waiting outside the harbour." in excerpt  # cited by a highlight: kept
    assert 'id="s-4"' in excerpt  # cited by the timeline
    auto = render.render(make_digest(), make_settings(tmp_path), ())
    assert "## Excerpt" in auto[STRIKE]  # it has a URL
    assert "## Text" in auto[COMET]  # it has none


def test_hostile_text_stays_text_in_every_page(tmp_path):
    pages = render.render(make_digest(), make_settings(tmp_path), ())
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        front, body = page.split("\n---\n", 1)
        assert "<" not in front, path  # front matter values are HTML-escaped: themes print them raw
        # Lines of HTML built in code skip Markdown: there, text is only HTML-escaped.
        html_lines = [line for line in body.splitlines() if "data-digest-html" in line]
        page = "\n".join(line for line in body.splitlines() if "data-digest-html" not in line)
        assert all("<script>" not in line and "{{ 7*7 }}" in line for line in html_lines if "7*7" in line), path
        assert "<script>" not in page, path
        assert not re.search(r"(?<!\\)\]\(javascript:", page), path
        assert "{{ 7*7 }}" not in page.replace("\\{\\{ 7\\*7 \\}\\}", ""), path  # only escaped
    council = pages["articles/city-council-2031-03-06-council-notice.md"]
    assert "Council notice &lt;script&gt;alert\\(1\\)" not in council  # parentheses are not escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\{\\{ 7\\*7 \\}\\} \\{% if %\\} \\| \\[click\\](javascript:alert(2))" in council


def test_developing_story_links_to_earlier_coverage(tmp_path):
    earlier = EditionSummary(
        "2031-03-05",
        (TopicSummary("old-strike", "Strike", "Dockers walk out in Valmora", ("Dockers walked out.",),
                      ("lena-varga", "port-authority"), ("port strike", "union", "wages"), 2),
         TopicSummary("old-other", "Other", "Unrelated story", (), ("someone",), ("weather",), 1)),
        (("lena-varga", "Lena Varga"),),
    )
    pages = render.render(make_digest(), make_settings(tmp_path), (earlier,))
    assert "**Developing story:** earlier coverage on [5 March 2031](../archive/2031-03-05.md#dockers-walk-out-in-valmora)." in pages[TOPIC]
    edition = pages["archive/2031-03-05.md"]
    assert "## Dockers walk out in Valmora {: #dockers-walk-out-in-valmora }" in edition
    assert "continued today: [Valmora dockers keep the port shut as talks stall](../topics/" in edition
    archive = pages["archive/index.md"]
    assert "## Week 2031-W10" in archive
    assert "[Wednesday 5 March 2031](2031-03-05.md)" in archive and "[Thursday 6 March 2031](../index.md) · this edition" in archive
    assert "Developing story" not in pages["topics/a-faint-comet-is-visible-over-the-bay.md"]


def test_rendering_is_deterministic(tmp_path):
    digest = make_digest()
    first = render.render(digest, make_settings(tmp_path), ())
    shuffled = dataclasses.replace(digest, actors=tuple(reversed(digest.actors)))
    second = render.render(shuffled, make_settings(tmp_path), ())
    assert first == render.render(digest, make_settings(tmp_path), ())
    # Actor order matters only where the digest says so (most mentioned first), not for pages or URLs.
    assert set(first) == set(second)
    assert all(first[p] == second[p] for p in first if p.startswith(("topics/", "articles/")) and p != "articles/index.md")


def test_front_matter_is_valid_yaml_for_every_page(pages):
    import yaml

    for path, page in pages.items():
        if path.endswith(".md"):
            match = re.match(r"^---\n(.*?)\n---\n", page, re.S)
            assert match, path
            meta = yaml.safe_load(match.group(1))
            assert meta["title"] and meta["description"], path


def test_link_lines_and_topic_lists_are_escaped_html_with_final_urls(tmp_path):
    renderer = render.Renderer(make_digest(), make_settings(tmp_path), ())
    hostile = "<script>alert(1)</script> & {{ 7*7 }}"
    actors = [render.ActorRef("a", hostile, "PERSON", "actors/a.md", hostile, 3), render.ActorRef("b", "No Page", "ORG", None, None, 1)]
    line = renderer.env.from_string('{{ link_line(refs, "digest-players", label="Key players:", roles=True) }}').render(
        refs=actors, page_path="topics/t.md")
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}"
    assert line == (
        '<p class="digest-players" data-pagefind-body="" data-digest-html><strong>Key players:</strong> '
        f'<a href="../../actors/a/">{escaped}</a> <span class="digest-role">({escaped})</span> · No Page</p>'
    )
    phrases = [render.PhraseRef("port strike", "phrases/port-strike.md", 3)]
    related = renderer.env.from_string('{{ link_line(refs, "digest-related", searchable=False) }}').render(refs=phrases, page_path="actors/x.md")
    assert related == '<p class="digest-related" data-digest-html><a href="../../phrases/port-strike/">port strike</a></p>'
    topics = [render.TopicRef("t", hostile, "topics/t.md")]
    listed = renderer.env.from_string("{{ topic_list(refs) }}").render(refs=topics, page_path="actors/x.md")
    assert listed == f'<ul class="digest-topics" data-digest-html><li><a href="../../topics/t/">{escaped}</a></li></ul>'
