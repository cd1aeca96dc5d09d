"""Where every page lives: the one place that knows the site's paths and which pages exist.

Paths are relative to the docs folder ("topics/<slug>.md"); MkDocs serves each at a directory
URL ("/topics/<slug>/"). Every slug is derived from data that does not change between builds of
the same input, and clashes are settled in a sorted order, so URLs are stable.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from generator import slugs
from generator.model import Digest

SLUG_CHARS = 70
"""Longest slug made from a headline or phrase."""
ACTOR_PAGE_MIN_ARTICLES = 3
"""An actor named in this many articles gets a page (a topic's key players always do)."""
PHRASE_PAGE_MIN_ARTICLES = 3
"""A key phrase shared by this many articles gets a page."""
SAFE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,150}$")
RESERVED = frozenset({"index"})

HOME = "index.md"
TOPICS = "topics/index.md"
ACTORS = "actors/index.md"
ARTICLES = "articles/index.md"
PHRASES = "phrases/index.md"
ARCHIVE = "archive/index.md"
ABOUT = "about.md"
SEARCH = "search.md"
FEED_RSS = "feed.xml"
FEED_JSON = "feed.json"
DIGEST_JSON = "digest.json"

GENERATED_ROOTS = ("index.md", "topics", "articles", "actors", "phrases", "archive", SEARCH, FEED_RSS, FEED_JSON, DIGEST_JSON)
"""Entries of the docs folder a build owns and replaces; everything else there is hand-written."""


def page_url(path: str) -> str:
    """The site URL of a docs page, relative to the site root ("topics/x.md" -> "topics/x/")."""
    if path == HOME:
        return ""
    stem = path.removesuffix(".md")
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative(target: str, page: str) -> str:
    """A link from one docs page to another docs file, as MkDocs expects it (a relative .md path)."""
    return _relative(target, page.rpartition("/")[0])


@lru_cache(maxsize=100_000)
def _relative(target: str, folder: str) -> str:
    return posixpath.relpath(target, folder or ".")


@lru_cache(maxsize=1 << 17)
def _url_parts(path: str, page: bool) -> tuple[str, ...]:
    """The folders of a docs page's URL ('topics/x.md' -> ('topics', 'x')), or of a site file's path."""
    url = page_url(path) if page else path
    return tuple(part for part in url.split("/") if part not in ("", "."))


def relative_url(target: str, page: str) -> str:
    """A link from a page to another page's final URL, for raw HTML that MkDocs does not rewrite.

    Computed on the URLs' folders, as `posixpath.relpath` would, without resolving them against
    the working folder, which costs more than the rest; every page links to many, so the
    folders of each path are worked out once."""
    to, base = _url_parts(target, target.endswith(".md")), _url_parts(page, True)
    common, limit = 0, min(len(to), len(base))
    while common < limit and to[common] == base[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + list(to[common:]))
    if not rel:
        return "./"
    return rel + "/" if target.endswith(".md") else rel


def _safe(slug: str) -> str:
    return slug if SAFE_SLUG.match(slug) and slug not in RESERVED else slugs.slugify(slug, max_length=SLUG_CHARS)


def _assign(items: Iterable[tuple[str, str]], taken: set[str] | None = None) -> dict[str, str]:
    """Unique slugs for (key, wanted slug) pairs, settled in sorted (slug, key) order."""
    taken = set(RESERVED) if taken is None else taken
    out = {}
    for wanted, key in sorted((slug, key) for key, slug in items):
        out[key] = slugs.unique(wanted, taken)
    return out


@dataclass
class Layout:
    """Paths of every page of one digest, and which entities have a page."""

    topics: dict[str, str] = field(default_factory=dict)
    """Topic id -> docs path."""
    articles: dict[str, str] = field(default_factory=dict)
    actors: dict[str, str] = field(default_factory=dict)
    """Actor id -> docs path, only for actors that get a page."""
    phrases: dict[str, str] = field(default_factory=dict)
    """Folded key phrase -> docs path, only for phrases shared by enough articles."""
    phrase_names: dict[str, str] = field(default_factory=dict)
    """Folded key phrase -> the form shown."""
    phrase_articles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Folded key phrase (with a page) -> ids of the articles that have it, in digest order."""

    def actor(self, actor_id: str) -> str | None:
        """The actor's page, or None when it has none."""
        return self.actors.get(actor_id)


def plan(digest: Digest) -> Layout:
    """Decide every page's path for a digest."""
    layout = Layout()
    layout.topics = {
        key: f"topics/{slug}.md"
        for key, slug in _assign(
            (topic.id, slugs.slugify(topic.headline or topic.label, max_length=SLUG_CHARS)) for topic in digest.topics
        ).items()
    }
    layout.articles = {
        key: f"articles/{slug}.md" for key, slug in _assign((e.article.id, _safe(e.article.id)) for e in digest.articles).items()
    }
    # key players and places of a story that several articles tell; one article's actors are on its page
    key_players = {actor_id for topic in digest.topics if len(topic.articles) > 1 for actor_id in topic.actors + topic.places}
    with_pages = [a for a in digest.actors if len(set(a.articles)) >= ACTOR_PAGE_MIN_ARTICLES or a.id in key_players]
    layout.actors = {key: f"actors/{slug}.md" for key, slug in _assign((a.id, _safe(a.id)) for a in with_pages).items()}
    _plan_phrases(digest, layout)
    return layout


def _plan_phrases(digest: Digest, layout: Layout) -> None:
    articles: dict[str, list[str]] = defaultdict(list)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for entry in digest.articles:
        for phrase in entry.keyphrases:
            key = " ".join(phrase.split()).casefold()
            if not key:
                continue
            forms[key][" ".join(phrase.split())] += 1
            if entry.article.id not in articles[key]:
                articles[key].append(entry.article.id)
    shared = [key for key, ids in articles.items() if len(ids) >= PHRASE_PAGE_MIN_ARTICLES]
    layout.phrase_names = {key: min(forms[key].items(), key=lambda kv: (-kv[1], kv[0]))[0] for key in forms}
    layout.phrases = {
        key: f"phrases/{slug}.md" for key, slug in _assign((key, slugs.slugify(key, max_length=SLUG_CHARS)) for key in shared).items()
    }
    layout.phrase_articles = {key: tuple(articles[key]) for key in shared}
