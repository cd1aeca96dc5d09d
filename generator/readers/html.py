"""Saved web pages: the article text and its metadata, boilerplate left to trafilatura."""

from __future__ import annotations

import re

import trafilatura

from generator.errors import ReadError
from generator.model import InputMeta, Source
from generator.readers.base import ReaderOutput
from generator.readers.decode import decode, normalise
from generator.readers.meta import clean_text

# Fewer words than this is a home page, a list of links, an error page or a stub, not a story;
# even a short news brief has two or three sentences.
MIN_ARTICLE_WORDS = 40
# Where a page states its charset: browsers look in the first 1024 bytes; allow for long heads.
CHARSET_PRESCAN_BYTES = 4096
META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# trafilatura finds the date with htmldate.find_date on the same tree. Markup only (meta tags,
# JSON-LD, <time>, the URL): the extensive search falls back to the footer's copyright year and
# returns it as YYYY-01-01, a wrong date that would skew the edition. The text is left to later
# stages, which read datelines in context.
DATE_PARAMS = {"original_date": True, "extensive_search": False}


def read_html(data: bytes, name: str) -> ReaderOutput:
    """One Source from a saved web page, or ReadError("not an article") for any other page."""
    decoded = decode(data, name, declared=declared_charset(data))
    # Never a URL and never fetch_url: the tree is parsed here, so nothing goes online.
    tree = trafilatura.load_html(normalise(decoded.text))
    if tree is None:
        raise ReadError("not an article: the file is not HTML", kind="not an article")
    # favor_precision drops link lists, so a home page yields too little text to pass as an article.
    document = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, favor_precision=True, date_extraction_params=DATE_PARAMS
    )
    text = normalise(_paragraphs(document.text if document else ""))
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        raise ReadError(
            f"not an article: {words} words of article text found, fewer than {MIN_ARTICLE_WORDS}",
            kind="not an article",
        )
    meta = InputMeta(
        title=clean_text(document.title),
        date=document.date,
        outlet=clean_text(document.sitename),  # trafilatura reads og:site_name first
        url=clean_text(document.url),  # og:url, else <link rel=canonical>
        author=clean_text(document.author),
    )
    source = Source(path=name, text=text, meta=meta, encoding=decoded.encoding, decode_note=decoded.note)
    return ReaderOutput((source,))


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in a <meta> tag near its start, if any."""
    match = META_CHARSET.search(data[:CHARSET_PRESCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def _paragraphs(text: str) -> str:
    # trafilatura writes one line per block element; a blank line between them marks paragraphs.
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
