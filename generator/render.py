"""Digest -> {relative path: Markdown} through the Jinja templates in templates/.

The only module that uses Jinja. Article text is data: every value printed by
a template is escaped for Markdown and HTML unless the code marks it as
already-safe Markup (links and numbers built here), and text never reaches
Jinja as template source.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from generator import slugs
from generator.model import Actor, Article, Digest, Topic

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
# Topics shown as full sections on the home page; the rest are listed under "Other news".
HOME_SECTIONS = 8
HOME_KEY_POINTS = 3
TITLE_FALLBACK_CHARS = 90
SOURCE_LABEL_CHARS = 40
# Characters Python-Markdown gives a meaning to and lets us backslash-escape
# (its ESCAPED_CHARS, plus "|" from the tables extension). "<", ">" and "&"
# become entities instead, so no HTML survives.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]#|])")
HTML_SPECIALS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# Line starts Markdown would read as a list item; text is one line, so only its start counts.
BULLET_START = re.compile(r"^( ?)([-+])")
ORDERED_START = re.compile(r"^( ?\d+)\.")
# Control characters: Python-Markdown uses \x02/\x03 as internal placeholders.
WHITESPACE = re.compile(r"\s+")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_markdown(text: str) -> str:
    """Inline-safe Markdown for arbitrary text: shows exactly the characters given, on one line."""
    text = WHITESPACE.sub(" ", CONTROL_CHARS.sub("", str(text)))
    text = "".join(HTML_SPECIALS.get(ch, ch) for ch in text)
    text = MARKDOWN_SPECIALS.sub(r"\\\1", text)
    text = BULLET_START.sub(r"\1\\\2", text)
    return ORDERED_START.sub(r"\1\\.", text)


def _finalize(value: object) -> object:
    """Escape every printed value unless it is Markup built by this module."""
    if isinstance(value, Markup) or isinstance(value, (int, float)):
        return value
    if value is None:
        return ""
    return escape_markdown(str(value))


def yaml_string(text: str) -> Markup:
    """A YAML-safe scalar for front matter (JSON strings are valid YAML)."""
    quoted = json.dumps(" ".join(str(text).split()), ensure_ascii=False)
    # Escaped angle brackets keep the value inert inside HTML comments (tag listings).
    return Markup(quoted.replace("<", "\\u003c").replace(">", "\\u003e"))


class Paths:
    """Where each kind of page lives; the one place that knows the site's layout."""

    @staticmethod
    def article(article_id: str) -> str:
        return f"articles/{article_id}.md"

    @staticmethod
    def topic(topic_id: str) -> str:
        return f"topics/{topic_id}.md"

    @staticmethod
    def actor(actor_id: str) -> str:
        return f"actors/{actor_id}.md"

    @staticmethod
    def tag(slug: str) -> str:
        return f"tags/{slug}.md"


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most limit characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def display_title(article: Article) -> str:
    """The stated title, or the opening words of the lede when the text has none."""
    return article.title or shorten(article.paragraphs[0], TITLE_FALLBACK_CHARS)


def tag_names(digest: Digest) -> dict[str, str]:
    """Keyphrases that recur across two or more articles become tags: lower-cased key -> display form."""
    counts: Counter[str] = Counter()
    display: dict[str, str] = {}
    for phrases in digest.keyphrases.values():
        for phrase in {p.lower(): p for p in phrases}.values():
            counts[phrase.lower()] += 1
            display.setdefault(phrase.lower(), phrase)
    return {key: display[key] for key in sorted(counts) if counts[key] >= 2}


class Renderer:
    """Renders every page of one digest."""

    def __init__(self, digest: Digest, templates_dir: Path = TEMPLATES_DIR):
        self.digest = digest
        self.env = Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=False,
            finalize=_finalize,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(link=self._link, yaml_string=yaml_string)
        self.articles = {article.id: article for article in digest.articles}
        self.actors = {actor.id: actor for actor in digest.actors.actors}
        self.topics = {topic.id: topic for topic in digest.topics}
        self.actor_pages = self._actors_with_pages()
        self.tags = tag_names(digest)
        self.tag_slugs = self._tag_slugs()
        # Inverted indexes, so that every page is rendered in time linear in its size.
        self.tagged_articles: Counter[str] = Counter(
            key for phrases in digest.keyphrases.values() for key in {p.lower() for p in phrases} if key in self.tags
        )
        self.quotes_by_article: dict[str, list] = defaultdict(list)
        for actor in digest.actors.actors:
            for quote in actor.quotes:
                self.quotes_by_article[quote.article_id].append(quote)
        self.topic_views = [self._topic_view(topic) for topic in digest.topics]

    # -- helpers available to templates -------------------------------------------------

    @staticmethod
    @pass_context
    def _link(context, text: str, target: str | None) -> Markup:
        """A Markdown link to another page, relative to the page being rendered."""
        label = escape_markdown(text)
        if not target:
            return Markup(label)
        here = posixpath.dirname(context["page_path"])
        return Markup(f"[{label}]({posixpath.relpath(target, here or '.')})")

    def actor_target(self, actor_id: str) -> str | None:
        return Paths.actor(actor_id) if actor_id in self.actor_pages else None

    def tag_target(self, phrase: str) -> str | None:
        slug = self.tag_slugs.get(phrase.lower())
        return Paths.tag(slug) if slug else None

    def _actors_with_pages(self) -> set[str]:
        """Main actors of at least one article get a page; minor mentions stay in digest.json only."""
        main = {actor_id for ids in self.digest.actors.by_article.values() for actor_id in ids}
        return {actor.id for actor in self.digest.actors.actors if actor.id in main}

    def _tag_slugs(self) -> dict[str, str]:
        taken: set[str] = {"index"}
        return {key: slugs.unique(slugs.slugify(key), taken) for key in self.tags}

    # -- pages --------------------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        """Every generated page, keyed by path relative to the docs folder."""
        pages = {
            "index.md": self._page("home.md.j2", "index.md", home=self._home()),
            "topics/index.md": self._page("topics_index.md.j2", "topics/index.md", topics=self.topic_views),
            "articles/index.md": self._page("articles_index.md.j2", "articles/index.md", rows=self._article_rows()),
            "actors/index.md": self._page("actors_index.md.j2", "actors/index.md", groups=self._actor_groups()),
            "tags/index.md": self._page("tags_index.md.j2", "tags/index.md", tags=self._tag_rows()),
        }
        for view in self.topic_views:
            path = Paths.topic(view["topic"].id)
            pages[path] = self._page("topic.md.j2", path, **view)
        for article in self.digest.articles:
            path = Paths.article(article.id)
            pages[path] = self._page("article.md.j2", path, **self._article_view(article))
        for actor in self.digest.actors.actors:
            if actor.id in self.actor_pages:
                path = Paths.actor(actor.id)
                pages[path] = self._page("actor.md.j2", path, **self._actor_view(actor))
        for key, slug in self.tag_slugs.items():
            path = Paths.tag(slug)
            pages[path] = self._page("tag.md.j2", path, tag=self.tags[key])
        return dict(sorted(pages.items()))

    def _page(self, template: str, path: str, **context: object) -> str:
        return self.env.get_template(template).render(page_path=path, digest=self.digest, **context)

    # -- views: plain dicts of what each template shows ---------------------------------

    def _article_ref(self, article_id: str) -> dict:
        article = self.articles[article_id]
        return {
            "title": display_title(article),
            "target": Paths.article(article_id),
            "date": article.date,
            # Where a story names no outlet, readers recognise it by its headline, not its file name.
            "outlet": article.outlet or shorten(display_title(article), SOURCE_LABEL_CHARS),
        }

    def _actor_refs(self, actor_ids: Iterable[str]) -> list[dict]:
        return [
            {"text": self.actors[actor_id].name, "target": self.actor_target(actor_id), "type": self.actors[actor_id].type}
            for actor_id in actor_ids
            if actor_id in self.actors
        ]

    def _phrase_refs(self, phrases: Iterable[str]) -> list[dict]:
        return [{"text": phrase, "target": self.tag_target(phrase)} for phrase in phrases]

    def _topic_view(self, topic: Topic) -> dict:
        refs = [self._article_ref(article_id) for article_id in topic.articles]
        dates = sorted(ref["date"] for ref in refs if ref["date"])
        return {
            "topic": topic,
            "target": Paths.topic(topic.id),
            "articles": refs,
            "key_points": [
                {"text": point.text, "source": self._article_ref(point.article_id)} for point in topic.key_points
            ],
            "timeline": [
                {"date": event.date, "text": event.text, "source": self._article_ref(event.article_id)}
                for event in topic.timeline
            ],
            "actors": self._actor_refs(topic.actors),
            "keyphrases": self._phrase_refs(topic.keyphrases),
            "tags": [self.tags[p.lower()] for p in topic.keyphrases if p.lower() in self.tags],
            "outlets": sorted({ref["outlet"] for ref in refs}),
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
        }

    def _home(self) -> dict:
        views = self.topic_views
        dates = sorted(article.date for article in self.digest.articles if article.date)
        return {
            "sections": views[:HOME_SECTIONS],
            "other": views[HOME_SECTIONS:],
            "key_points": HOME_KEY_POINTS,
            "article_count": len(self.digest.articles),
            "source_count": len({article.source for article in self.digest.articles}),
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
        }

    def _article_view(self, article: Article) -> dict:
        topic = self.topics.get(self.digest.article_topic.get(article.id, ""))
        phrases = self.digest.keyphrases.get(article.id, ())
        quotes = [
            {"text": quote.text, "speaker": self._actor_refs([quote.speaker])}
            for quote in self.quotes_by_article.get(article.id, ())
        ]
        return {
            "article": article,
            "title": display_title(article),
            "topic": {"label": topic.label, "target": Paths.topic(topic.id)} if topic else None,
            "summary": self.digest.summaries.get(article.id, ()),
            "keyphrases": self._phrase_refs(phrases),
            "tags": [self.tags[p.lower()] for p in phrases if p.lower() in self.tags],
            "actors": self._actor_refs(self.digest.actors.by_article.get(article.id, ())),
            "quotes": quotes,
        }

    def _actor_view(self, actor: Actor) -> dict:
        topics = []
        for topic_id in dict.fromkeys(self.digest.article_topic.get(a) for a in actor.articles):
            if topic_id in self.topics:
                topics.append({"text": self.topics[topic_id].label, "target": Paths.topic(topic_id)})
        return {
            "actor": actor,
            "articles": [self._article_ref(article_id) for article_id in actor.articles],
            "topics": topics,
            "related": self._actor_refs(actor.related),
            "quotes": [{"text": quote.text, "source": self._article_ref(quote.article_id)} for quote in actor.quotes],
        }

    def _actor_groups(self) -> list[dict]:
        by_type: dict[str, list[dict]] = defaultdict(list)
        for actor in self.digest.actors.actors:
            if actor.id in self.actor_pages:
                by_type[actor.type].append(
                    {"name": actor.name, "target": Paths.actor(actor.id), "role": actor.role,
                     "mentions": actor.mentions, "articles": len(actor.articles)}
                )
        order = ["person", "organization", "place", "group", "event", "other"]
        return [{"type": kind, "actors": by_type[kind]} for kind in order if by_type.get(kind)]

    def _article_rows(self) -> list[dict]:
        rows = []
        for article in self.digest.articles:
            topic = self.topics.get(self.digest.article_topic.get(article.id, ""))
            rows.append({
                **self._article_ref(article.id),
                "topic": {"label": topic.label, "target": Paths.topic(topic.id)} if topic else None,
            })
        return rows

    def _tag_rows(self) -> list[dict]:
        rows = [
            {"text": self.tags[key], "target": Paths.tag(slug), "articles": self.tagged_articles[key]}
            for key, slug in self.tag_slugs.items()
        ]
        return sorted(rows, key=lambda row: (-row["articles"], row["text"].lower()))


def render(digest: Digest, templates_dir: Path = TEMPLATES_DIR) -> dict[str, str]:
    """Every generated page of the digest, keyed by path relative to the docs folder."""
    return Renderer(digest, templates_dir).pages()
