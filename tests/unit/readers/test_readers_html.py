"""The .html reader: article text without boilerplate, metadata, non-articles, charsets."""

from __future__ import annotations

import pytest
import trafilatura

from generator.errors import ReadError
from generator.model import InputMeta
from generator.readers.html import read_html

PARAGRAPHS = (
    "The harbour bridge reopened to traffic on Tuesday morning after eight months of repairs that cost "
    "the city more than 40 million euros, officials said.",
    "Engineers replaced the corroded steel cables and resurfaced the deck, which had been closed since a "
    "routine inspection found cracks in two of the main supports last summer.",
    '"This bridge carries thirty thousand vehicles a day, and we could not take any risks with it," the '
    "city's chief engineer told reporters at the opening ceremony.",
    "Commuters welcomed the reopening after months of detours through the old town, where traffic jams "
    "had become a daily feature of life for residents and shop owners alike.",
)
HEAD = """<meta charset="utf-8">
<title>Harbour bridge reopens after repairs | The Coastal Herald</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta property="og:site_name" content="The Coastal Herald">
<meta property="og:type" content="article">
<link rel="canonical" href="https://herald.example/2024/03/05/harbour-bridge-reopens">
<meta property="article:published_time" content="2024-03-05T08:30:00+01:00">
<meta name="author" content="Maria Jensen">"""
BOILERPLATE = {
    "cookie banner": "We use cookies to improve your experience",
    "navigation": "Weather forecast",
    "subscribe link": "Subscribe today",
    "related story": "Ferry timetable changes announced for spring",
    "related story 2": "City council approves new cycling lanes",
    "comment": "About time they fixed that thing",
    "footer": "All rights reserved",
    "footer link": "Privacy policy",
}


def page(head: str = HEAD, paragraphs: tuple[str, ...] = PARAGRAPHS) -> str:
    body = "".join(f"<p>{text}</p>\n" for text in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head>{head}</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. Accept all
cookies or manage your preferences.</p><button>Accept</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/weather">Weather forecast</a></li><li><a href="/subscribe">Subscribe today</a></li></ul></nav></header>
<main><article>
<h1>Harbour bridge reopens after repairs</h1>
<p class="byline">By Maria Jensen</p>
{body}</article>
<aside class="related"><h2>Related stories</h2>
<ul><li><a href="/a">Ferry timetable changes announced for spring</a></li>
<li><a href="/b">City council approves new cycling lanes</a></li></ul></aside>
<section class="comments"><h3>Comments</h3><div class="comment"><p>Finally! About time they fixed that thing,
said reader Bob.</p></div></section>
</main>
<footer><p>Copyright 2024 The Coastal Herald. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/contact">Contact us</a></li></ul></footer>
</body></html>"""


def read_page(html: str | bytes, name: str = "story.html"):
    data = html.encode("utf-8") if isinstance(html, str) else html
    output = read_html(data, name)
    assert len(output.sources) == 1
    return output.sources[0]


def test_article_text_is_kept_and_boilerplate_removed():
    source = read_page(page())
    for paragraph in PARAGRAPHS:
        assert paragraph in source.text
    for where, text in BOILERPLATE.items():
        assert text not in source.text, where


def test_paragraphs_are_separated_by_blank_lines():
    paragraphs = read_page(page()).text.split("\n\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in paragraphs
    assert all(paragraph.strip() == paragraph and paragraph for paragraph in paragraphs)


def test_metadata_is_read_from_the_page():
    assert read_page(page()).meta == InputMeta(
        title="Harbour bridge reopens after repairs",
        date="2024-03-05",
        outlet="The Coastal Herald",
        url="https://herald.example/2024/03/05/harbour-bridge-reopens",
        author="Maria Jensen",
    )


def test_date_from_the_url_and_from_a_time_element():
    head = HEAD.replace('<meta property="article:published_time" content="2024-03-05T08:30:00+01:00">', "")
    assert read_page(page(head)).meta.date == "2024-03-05"
    no_url = head.replace("/2024/03/05/", "/news/")
    stamp = '<p><time datetime="2024-03-06">6 March</time></p>'
    timed = page(no_url).replace('<p class="byline">By Maria Jensen</p>', stamp)
    assert read_page(timed).meta.date == "2024-03-06"


def test_a_copyright_year_is_not_taken_for_the_date():
    head = HEAD.replace('<meta property="article:published_time" content="2024-03-05T08:30:00+01:00">', "")
    head = head.replace("/2024/03/05/", "/news/")
    assert read_page(page(head)).meta.date is None  # not 2024-01-01


def test_list_of_links_is_not_an_article():
    item = "<li><a href='/s{n}'>Story number {n} about the harbour and the city council</a></li>"
    links = "".join(item.format(n=n) for n in range(25))
    home = f"<html><head><title>Herald</title></head><body><h1>Latest news</h1><ul>{links}</ul></body></html>"
    with pytest.raises(ReadError) as caught:
        read_html(home.encode(), "index.html")
    assert caught.value.kind == "not an article"


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>404 Not Found</title></head><body><h1>Page not found</h1>"
        "<p>Sorry, the page you requested does not exist.</p></body></html>",
        "<html><body><p>Too short to be a story.</p></body></html>",
        "<html></html>",
        "just some words, no markup",
    ],
)
def test_error_pages_and_stubs_are_not_articles(html):
    with pytest.raises(ReadError) as caught:
        read_html(html.encode(), "stub.html")
    assert caught.value.kind == "not an article"


def test_a_short_news_brief_is_an_article():
    source = read_page(page(paragraphs=PARAGRAPHS[:2]))
    assert PARAGRAPHS[1] in source.text


def test_truncated_page_still_yields_its_article():
    html = page()
    cut = html[: html.index("detours through")]  # mid-paragraph: no closing tags at all
    source = read_page(cut)
    for paragraph in PARAGRAPHS[:3]:
        assert paragraph in source.text
    assert source.meta.title == "Harbour bridge reopens after repairs"


def test_page_cut_in_half_keeps_what_it_has():
    html = page(paragraphs=PARAGRAPHS * 3)
    source = read_page(html[: len(html) // 2])
    assert PARAGRAPHS[0] in source.text


def test_windows_1252_page_with_meta_charset():
    german = (
        "Die Bürgerinnen und Bürger in München ärgerten sich am Montag über die „Preiserhöhung“ der Stadtwerke.",
        "“Das ist völlig überzogen”, sagte Jörg Weiß, Sprecher des Verbraucherverbands, am späten Nachmittag.",
        "Der Oberbürgermeister äußerte sich zunächst nicht; die Straßenbahn fährt vorerst weiter wie bisher.",
    )
    declaration = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    head = HEAD.replace('<meta charset="utf-8">', declaration)
    source = read_page(page(head, german).encode("cp1252"))
    for paragraph in german:
        assert paragraph in source.text
    assert source.encoding == "cp1252"
    assert "declares" in source.decode_note


def test_latin1_label_is_read_as_windows_1252():
    text = ("Er sagte: „Wir schaffen das“ – und ging. " * 3,) + PARAGRAPHS
    head = HEAD.replace('<meta charset="utf-8">', '<meta charset="ISO-8859-1">')
    assert "„Wir schaffen das“ – und ging." in read_page(page(head, text).encode("cp1252")).text


def test_no_url_is_ever_fetched(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("fetch_url called")

    monkeypatch.setattr(trafilatura, "fetch_url", refuse)
    monkeypatch.setattr(trafilatura.downloads, "fetch_url", refuse)
    assert read_page(page()).meta.url.startswith("https://herald.example/")


def test_binary_html_file_is_refused():
    with pytest.raises(ReadError) as caught:
        read_html(b"\x89PNG\r\n\x1a\n\x00\x00", "image.html")
    assert caught.value.kind == "binary"
