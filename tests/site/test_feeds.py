"""Feeds: RSS 2.0 and JSON Feed 1.1 of the edition's topics, valid and parsed back."""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from generator import render
from generator.site import feeds
from tests.site.conftest import make_settings
from tests.site.factory import make_digest


@pytest.fixture(params=[None, "https://news.example.org/digest/"])
def rendered(request, tmp_path, monkeypatch):
    if request.param:
        monkeypatch.setenv("SITE_URL", request.param)
    else:
        monkeypatch.delenv("SITE_URL", raising=False)
    return request.param, render.render(make_digest(), make_settings(tmp_path), ())


def test_rss_has_one_item_per_topic_with_absolute_links(rendered):
    site_url, pages = rendered
    parsed = feedparser.parse(pages["feed.xml"])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert [e.title for e in parsed.entries] == [t.headline for t in make_digest().topics]
    base = site_url or feeds.LOCAL_BASE
    assert parsed.feed.link == base
    assert parsed.entries[0].link == base + "topics/valmora-dockers-keep-the-port-shut-as-talks-stall/"
    assert parsed.entries[0].summary.startswith("Dockers in Valmora kept the port closed for a second week.")
    assert parsed.entries[0].published == "Thu, 06 Mar 2031 00:00:00 GMT"
    assert len({e.id for e in parsed.entries}) == 3
    ET.fromstring(pages["feed.xml"].encode())  # well-formed XML, hostile text included


def test_json_feed_is_valid_and_relative_without_a_site_url(rendered):
    site_url, pages = rendered
    data = json.loads(pages["feed.json"])
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert len(data["items"]) == 3 and all(item["id"] and item["content_text"] for item in data["items"])
    first = data["items"][0]["url"]
    if site_url:
        assert data["feed_url"] == site_url + "feed.json" and first.startswith(site_url)
    else:
        assert "feed_url" not in data and first == "topics/valmora-dockers-keep-the-port-shut-as-talks-stall/"
    # feedparser 6.0 reads no JSON Feed: check the JSON Feed 1.1 rules instead.
    assert isinstance(data["title"], str) and data["title"]
    for item in data["items"]:
        assert isinstance(item["id"], str) and isinstance(item["content_text"], str)
        assert datetime.datetime.fromisoformat(item["date_published"]).tzinfo is not None
    assert len({item["id"] for item in data["items"]}) == len(data["items"])
    assert [item["title"] for item in data["items"]] == [t.headline for t in make_digest().topics]


def test_hostile_text_is_escaped_in_feeds(tmp_path):
    pages = render.render(make_digest(), make_settings(tmp_path), ())
    assert "<script>" not in pages["feed.xml"] and "&lt;script&gt;" in pages["feed.xml"]
    title = feedparser.parse(pages["feed.xml"]).entries[2].title
    assert "<script>alert(1)</script>" in title  # the text, shown as text


def test_every_page_links_to_both_feeds(built_site):
    for page in ("index.html", "topics/index.html", "about/index.html"):
        html = (built_site / "site" / page).read_text()
        assert '<link rel="alternate" type="application/rss+xml"' in html
        assert '<link rel="alternate" type="application/feed+json"' in html
