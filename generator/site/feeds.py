"""The edition's topics as an RSS 2.0 feed (feed.xml) and a JSON Feed 1.1 (feed.json).

RSS needs absolute links. With SITE_URL set they point at the deployed site; without it they
point at LOCAL_BASE, the address `mkdocs serve` previews the site at, so the feed stays valid
and works with the local preview. JSON Feed allows relative URLs: without SITE_URL its links are
relative to the feed itself and it names no home page or feed URL.
"""

from __future__ import annotations

import datetime
import email.utils
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

LOCAL_BASE = "http://127.0.0.1:8000/"
"""Base of the RSS links when no SITE_URL is set: the `mkdocs serve` address."""
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# XML 1.0 allows no control character but tab, line feed and carriage return.
XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedItem:
    """One topic of the edition as a feed entry."""

    id: str
    """Stable across rebuilds: the edition date and the topic's page path."""
    title: str
    summary: str
    url: str
    """URL of the topic page relative to the site root ("topics/x/")."""
    outlets: int
    articles: int


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    edition: str
    """YYYY-MM-DD."""
    generated: str
    """ISO 8601 time stamp of the build."""
    site_url: str | None
    """The deployed site's root URL (SITE_URL), or None."""


def _clean(text: str) -> str:
    return " ".join(XML_INVALID.sub("", text).split())


def _base(channel: Channel) -> str:
    return (channel.site_url or LOCAL_BASE).rstrip("/") + "/"


def _rfc822(text: str) -> str:
    when = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return email.utils.format_datetime(when.astimezone(datetime.timezone.utc), usegmt=True)


def _content(item: FeedItem) -> str:
    outlets = f"{item.outlets} outlet{'s' if item.outlets != 1 else ''}"
    articles = f"{item.articles} article{'s' if item.articles != 1 else ''}"
    return f"{item.summary} (Covered by {outlets}, {articles}.)".strip()


def rss(items: Sequence[FeedItem], channel: Channel) -> str:
    """RSS 2.0 text of the feed."""
    base = _base(channel)
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom"})
    head = ET.SubElement(root, "channel")
    ET.SubElement(head, "title").text = _clean(channel.title)
    ET.SubElement(head, "link").text = base
    ET.SubElement(head, "description").text = _clean(channel.description)
    ET.SubElement(head, "atom:link", {"href": base + "feed.xml", "rel": "self", "type": "application/rss+xml"})
    ET.SubElement(head, "language").text = "en"
    ET.SubElement(head, "pubDate").text = _rfc822(channel.edition + "T00:00:00+00:00")
    ET.SubElement(head, "lastBuildDate").text = _rfc822(channel.generated)
    ET.SubElement(head, "generator").text = "news-digest"
    for item in items:
        entry = ET.SubElement(head, "item")
        ET.SubElement(entry, "title").text = _clean(item.title)
        ET.SubElement(entry, "link").text = base + item.url
        ET.SubElement(entry, "description").text = _clean(_content(item))
        ET.SubElement(entry, "guid", {"isPermaLink": "false"}).text = item.id
        ET.SubElement(entry, "pubDate").text = _rfc822(channel.edition + "T00:00:00+00:00")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def json_feed(items: Sequence[FeedItem], channel: Channel) -> str:
    """JSON Feed 1.1 text of the feed."""
    feed: dict = {"version": JSON_FEED_VERSION, "title": _clean(channel.title), "description": _clean(channel.description)}
    if channel.site_url:
        feed["home_page_url"] = _base(channel)
        feed["feed_url"] = _base(channel) + "feed.json"
    feed["language"] = "en"
    published = channel.edition + "T00:00:00+00:00"
    feed["items"] = [
        {
            "id": item.id,
            "url": (_base(channel) if channel.site_url else "") + item.url,
            "title": _clean(item.title),
            "summary": _clean(item.summary),
            "content_text": _clean(_content(item)),
            "date_published": published,
        }
        for item in items
    ]
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
