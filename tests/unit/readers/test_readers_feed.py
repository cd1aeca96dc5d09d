"""The feed reader: RSS 2.0 and Atom items, invalid feeds, non-feeds, and safety."""

from __future__ import annotations

import logging

import pytest

from generator.errors import ReadError
from generator.model import InputMeta
from generator.readers.feed import read_feed

SECRET = "TOP-SECRET-CONTENT-4711"

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Coastal Herald</title>
  <link>https://herald.example/</link>
  <description>News from the coast</description>
  <item>
    <title>Harbour bridge reopens</title>
    <link>https://herald.example/2024/03/05/bridge</link>
    <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
    <dc:creator>Maria Jensen</dc:creator>
    <description>Short teaser that must not win over the full text.</description>
    <content:encoded><![CDATA[<p>The harbour bridge reopened on Tuesday.</p>
      <script>alert("tracker")</script><style>p { color: red }</style>
      <p>Engineers replaced the <b>corroded</b> cables.<br/>Traffic flows again.</p>
      <ul><li>Cost: 40 million</li><li>Duration: eight months</li></ul>]]></content:encoded>
  </item>
  <item>
    <title>Ferry timetable changes</title>
    <link>https://herald.example/ferry</link>
    <description>&lt;p&gt;The spring timetable starts on &lt;em&gt;Monday&lt;/em&gt;.&lt;/p&gt;</description>
    <source url="https://agency.example/rss">Coast Wire Agency</source>
  </item>
  <item>
    <title>Storm warning for Friday</title>
  </item>
  <item>
    <link>https://herald.example/nothing</link>
  </item>
</channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Mountain Gazette</title>
  <id>urn:uuid:feed</id>
  <updated>2024-04-02T10:00:00Z</updated>
  <entry>
    <title type="html">Avalanche &lt;em&gt;risk&lt;/em&gt; rises</title>
    <link rel="alternate" href="https://gazette.example/avalanche"/>
    <id>urn:uuid:1</id>
    <published>2024-04-01T07:00:00+02:00</published>
    <updated>2024-04-02T09:00:00Z</updated>
    <author><name>Lena Berg</name></author>
    <summary>Teaser only.</summary>
    <content type="html">&lt;p&gt;Rescue teams warned of avalanches.&lt;/p&gt;
      &lt;p&gt;Skiers should stay on marked slopes.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Pass road closed</title>
    <link href="https://gazette.example/pass"/>
    <id>urn:uuid:2</id>
    <updated>2024-04-02T08:00:00Z</updated>
    <summary type="text">The pass road   stays closed
      until Thursday.</summary>
  </entry>
</feed>"""


def test_rss_items_become_sources_numbered_from_one():
    output = read_feed(RSS.encode(), "herald.xml")
    assert [source.item for source in output.sources] == [1, 2, 3]
    assert [source.name for source in output.sources] == ["herald.xml#1", "herald.xml#2", "herald.xml#3"]


def test_content_encoded_wins_and_is_cleaned_into_paragraphs():
    first = read_feed(RSS.encode(), "herald.xml").sources[0]
    assert first.text.split("\n\n") == [
        "The harbour bridge reopened on Tuesday.",
        "Engineers replaced the corroded cables.",
        "Traffic flows again.",
        "Cost: 40 million",
        "Duration: eight months",
    ]
    assert "tracker" not in first.text and "color" not in first.text and "teaser" not in first.text


def test_rss_item_metadata_keeps_the_local_date():
    first = read_feed(RSS.encode(), "herald.xml").sources[0]
    assert first.meta == InputMeta(
        title="Harbour bridge reopens",
        date="2024-03-05",  # 23:30 -0500 is March 6 in UTC; the publisher's date is kept
        outlet="The Coastal Herald",
        url="https://herald.example/2024/03/05/bridge",
        author="Maria Jensen",
    )


def test_description_html_and_source_outlet():
    second = read_feed(RSS.encode(), "herald.xml").sources[1]
    assert second.text == "The spring timetable starts on Monday."
    assert second.meta.outlet == "Coast Wire Agency"


def test_item_with_only_a_title_gets_the_title_as_text_and_empty_item_is_a_problem():
    output = read_feed(RSS.encode(), "herald.xml")
    assert output.sources[2].text == "Storm warning for Friday"
    assert [(problem.path, problem.kind) for problem in output.problems] == [("herald.xml: item 4", "empty")]


def test_atom_entries():
    first, second = read_feed(ATOM.encode(), "gazette.atom").sources
    assert first.text == "Rescue teams warned of avalanches.\n\nSkiers should stay on marked slopes."
    assert first.meta == InputMeta(
        title="Avalanche risk rises",
        date="2024-04-01",
        outlet="Mountain Gazette",
        url="https://gazette.example/avalanche",
        author="Lena Berg",
    )
    assert second.text == "The pass road stays closed until Thursday."
    assert second.meta.date == "2024-04-02"


def test_feed_declared_in_latin1_is_decoded_by_its_declaration():
    rss = RSS.replace('encoding="utf-8"', 'encoding="iso-8859-1"')
    rss = rss.replace("Harbour bridge reopens", "Brücke in Göteborg geöffnet")
    first = read_feed(rss.encode("iso-8859-1"), "latin.rss").sources[0]
    assert first.meta.title == "Brücke in Göteborg geöffnet"


def test_undeclared_legacy_charset_is_detected():
    body = "Москва. Президент России заявил журналистам, что переговоры продолжатся на следующей неделе."
    item = f"<item><title>Переговоры</title><description>{body}</description></item>"
    rss = f'<rss version="2.0"><channel><title>Вести</title>{item}</channel></rss>'
    source = read_feed(rss.encode("cp1251"), "ru.xml").sources[0]
    assert source.text == body
    assert source.meta.title == "Переговоры" and source.meta.outlet == "Вести"
    assert source.encoding == "cp1251"


def test_invalid_xml_without_items_is_an_invalid_feed():
    with pytest.raises(ReadError) as caught:
        read_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><<<', "broken.xml")
    assert caught.value.kind == "invalid feed"
    assert "not well-formed" in caught.value.reason


def test_recovered_items_of_a_broken_feed_are_kept_with_a_warning(caplog):
    broken = RSS.replace("</channel>\n</rss>", "<item><title>Cut off</titl>")
    with caplog.at_level(logging.WARNING):
        output = read_feed(broken.encode(), "cut.xml")
    assert output.sources[0].meta.title == "Harbour bridge reopens"
    assert "cut.xml" in caplog.text and "not well-formed" in caplog.text


def test_reference_to_a_surrogate_does_not_crash_the_reader():
    # feedparser's lenient parser raises UnicodeEncodeError on this; it is one invalid feed.
    xml = b'<rss version="2.0"><channel><title>T</title><item><title>&#xD800;</title></item></channel></rss>'
    with pytest.raises(ReadError) as caught:
        read_feed(xml, "surrogate.xml")
    assert caught.value.kind == "invalid feed"


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://x.example/</loc></url></urlset>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
    ],
)
def test_xml_that_is_not_a_feed(xml):
    with pytest.raises(ReadError) as caught:
        read_feed(xml, "other.xml")
    assert caught.value.kind == "not a feed"


def test_feed_without_items_is_empty():
    with pytest.raises(ReadError) as caught:
        read_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "quiet.rss")
    assert caught.value.kind == "empty"


@pytest.mark.parametrize(("data", "kind"), [(b"", "empty"), (b"  \n", "empty"), (b"\x1f\x8b\x08\x00", "binary")])
def test_empty_and_binary_feed_files(data, kind):
    with pytest.raises(ReadError) as caught:
        read_feed(data, "feed.xml")
    assert caught.value.kind == kind


def secret_feed(path) -> None:
    path.write_text(
        f'<rss version="2.0"><channel><title>{SECRET}</title><item><title>{SECRET}</title>'
        f"<description>{SECRET}</description></item></channel></rss>"
    )


def test_a_file_holding_a_path_does_not_make_feedparser_open_it(tmp_path):
    # feedparser.parse(bytes) would open this path and parse the secret feed found there.
    secret = tmp_path / "secret.xml"
    secret_feed(secret)
    try:
        output = read_feed(str(secret).encode(), "path.xml")
    except ReadError as error:
        assert SECRET not in error.reason
    else:
        assert SECRET not in repr(output)


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>T</title><item><title>Item &leak;</title>'
        "<description>Text &leak; here</description></item></channel></rss>"
    )
    output = read_feed(xml.encode(), "xxe.xml")
    assert SECRET not in repr(output)
