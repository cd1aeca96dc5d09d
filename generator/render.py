"""Digest -> every generated file of the docs folder: Markdown pages, feeds, the About page.

The only module that uses Jinja. Article text is data: every value a template prints is escaped
for Markdown and HTML by the environment's `finalize`, unless it is Markup built in code from
escaped pieces (links, sentence-anchored text, charts); text never becomes template source.
Views handed to the templates are plain frozen objects, sorted with explicit tie-breaks, so the
same digest renders the same bytes.
"""

from __future__ import annotations

import datetime
import importlib.util
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from generator import slugs
from generator.model import Actor, ArticleDigest, Digest, Topic
from generator.settings import Settings
from generator.site import charts, editions, feeds
from generator.site import layout as site_layout
from generator.site.editions import Continuation, EditionSummary
from generator.site.layout import Layout, page_url, relative, relative_url
from generator.site.text import (
    HTML_MARK,
    UNKNOWN_OUTLET,
    AnchoredText,
    Segment,
    anchor,
    anchors_in,
    display_title,
    escape_html,
    escape_markdown,
    lead_count,
    list_html,
    outlet_name,
    paragraphs_html,
    safe_url,
    sentence_id,
    shorten,
    yaml_string,
)

__all__ = ["render", "escape_markdown", "templates_dir"]

DESCRIPTION_CHARS = 300
"""Longest meta description (search engines show about 160; the rest is context)."""
OTHER_NEWS_MAX = 24
"""Stories listed under "Other news" on the home page; the Topics page lists them all."""
CARD_PLAYERS = 4
"""Key players named on a home-page card."""
NETWORK_PLAYERS = 8
"""Key players drawn in a topic's network chart."""
NETWORK_MIN_ARTICLES = 3
"""A topic of fewer articles gets no network chart: every pair would be named together."""
TYPE_ORDER = ("person", "organization", "group", "place", "event", "other")
TYPE_HEADINGS = {
    "person": "People", "organization": "Organisations", "group": "Groups", "place": "Places",
    "event": "Events", "other": "Other",
}
TYPE_NAMES = {
    "person": "Person", "organization": "Organisation", "group": "Group", "place": "Place", "event": "Event", "other": "Other",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
UNTITLED_HINT = "No headline in the source: the first sentence stands in for it"


def templates_dir() -> Path:
    """The page templates: shipped in the installed package, else the repository's templates/."""
    try:
        spec = importlib.util.find_spec("generator.templates")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "templates"


def _finalize(value: object) -> object:
    """Escape every printed value unless it is Markup built in code."""
    if isinstance(value, Markup) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    if value is None:
        return ""
    return escape_markdown(str(value))


def long_date(text: str | None) -> str:
    """6 December 2025 (or "Undated")."""
    return charts.long_date(text) if text else "Undated"


def day_heading(text: str) -> str:
    """Saturday 6 December 2025."""
    return f"{WEEKDAYS[datetime.date.fromisoformat(text).weekday()]} {charts.long_date(text)}"


def date_range(dates: Sequence[str]) -> str:
    """"5 December 2025" or "2-6 December 2025" style span of sorted dates, or ""."""
    if not dates:
        return ""
    first, last = min(dates), max(dates)
    if first == last:
        return long_date(first)
    a, b = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{long_date(last)}"
    if a.year == b.year:
        return f"{charts.long_date(first).rsplit(' ', 1)[0]} – {long_date(last)}"
    return f"{long_date(first)} – {long_date(last)}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 article", "3 articles"."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


# -- views: what the templates show -----------------------------------------------------------


@dataclass(frozen=True)
class ArticleRef:
    id: str
    title: str
    from_text: bool
    path: str
    outlet: str | None
    """None when the input names no outlet and has no web address."""
    date: str | None
    url: str | None
    """The original's address, when it is a safe http(s) URL."""
    topic: str | None


@dataclass(frozen=True)
class ActorRef:
    id: str
    name: str
    type: str
    path: str | None
    role: str | None
    articles: int


@dataclass(frozen=True)
class PhraseRef:
    text: str
    path: str | None
    articles: int


@dataclass(frozen=True)
class Cited:
    """A sentence of an article that a page quotes, and where it leads."""

    text: str
    article: ArticleRef
    anchor: str | None


@dataclass(frozen=True)
class QuoteView:
    text: str
    speaker: ActorRef | None
    speaker_name: str
    article: ArticleRef
    anchor: str | None


@dataclass(frozen=True)
class EventView:
    date: str
    text: str
    scheduled: bool
    article: ArticleRef
    anchor: str | None


@dataclass(frozen=True)
class OutletView:
    name: str | None
    articles: tuple[ArticleRef, ...]


@dataclass(frozen=True)
class TopicRef:
    id: str
    headline: str
    path: str


@dataclass(frozen=True)
class TopicView:
    topic: Topic
    path: str
    headline: str
    summary: tuple[str, ...]
    articles: tuple[ArticleRef, ...]
    outlets: tuple[OutletView, ...]
    named_outlets: int
    """How many outlets are named: articles of no stated outlet count none."""
    highlights: tuple[Cited, ...]
    quotes: tuple[QuoteView, ...]
    actors: tuple[ActorRef, ...]
    places: tuple[ActorRef, ...]
    phrases: tuple[PhraseRef, ...]
    timeline: tuple[EventView, ...]
    dates: str
    earlier: tuple[Continuation, ...]
    coverage_chart: Markup | None
    network_chart: Markup | None


class Renderer:
    """Renders every file of one digest."""

    def __init__(self, digest: Digest, settings: Settings, history: Sequence[EditionSummary], templates: Path | None = None):
        self.digest = digest
        self.settings = settings
        self.layout: Layout = site_layout.plan(digest)
        self.entries: dict[str, ArticleDigest] = {e.article.id: e for e in digest.articles}
        self.analyses = {a.article_id: a for a in digest.analyses}
        self.actors: dict[str, Actor] = {a.id: a for a in digest.actors}
        self.actor_page_refs = {
            a.id: ActorRef(a.id, a.name, a.type, self.layout.actor(a.id), a.role, len(set(a.articles))) for a in digest.actors
        }
        self.topics: dict[str, Topic] = {t.id: t for t in digest.topics}
        self.history = tuple(sorted((h for h in history if h.edition != digest.edition), key=lambda h: h.edition, reverse=True))
        self.site_url = os.environ.get("SITE_URL") or None
        self.edition_anchors = {edition.edition: edition_anchors(edition) for edition in self.history}
        self.env = Environment(
            loader=FileSystemLoader(templates or templates_dir()),
            autoescape=False,
            finalize=_finalize,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(
            link=self._link, external_link=self._external_link,
            article_list=self._article_list, name_list=self._name_list, search_title=self._search_title,
            link_line=self._link_line, topic_list=self._topic_list,
            yaml_string=yaml_string, plural=plural, long_date=long_date, day_heading=day_heading,
            unknown_outlet=UNKNOWN_OUTLET, actor_page_min=site_layout.ACTOR_PAGE_MIN_ARTICLES,
            phrase_page_min=site_layout.PHRASE_PAGE_MIN_ARTICLES,
        )
        # Escaped text as Markup, for building a larger piece in a template expression.
        self.env.filters["md"] = lambda text: Markup(escape_markdown("" if text is None else str(text)))
        self.anchored: dict[str, AnchoredText] = {}
        self.cited: dict[str, set[int]] = defaultdict(set)
        self.article_refs = {article_id: self._article_ref(article_id) for article_id in self.entries}
        self.topic_views = [self._topic_view(topic) for topic in digest.topics]
        self.topic_position = {view.topic.id: position for position, view in enumerate(self.topic_views)}
        self.key_player_views: dict[str, list[TopicView]] = {}
        for view in self.topic_views:
            for actor_id in dict.fromkeys(view.topic.actors + view.topic.places):
                self.key_player_views.setdefault(actor_id, []).append(view)
        self.quotes_by_article = self._quotes_by_article()

    # -- helpers the templates call ---------------------------------------------------------

    @staticmethod
    @pass_context
    def _link(context, text: str, target: str | None, anchor: str | None = None) -> Markup:
        """A Markdown link to a docs page, relative to the page being rendered; plain text without one."""
        label = escape_markdown(text)
        if not target:
            return Markup(label)
        href = relative(target, context["page_path"]) + (f"#{anchor}" if anchor else "")
        return Markup(f"[{label}]({href})")

    @staticmethod
    @pass_context
    def _article_list(context, refs: Iterable[ArticleRef], show_outlet: bool = True, outlet_first: bool = False) -> Markup:
        """Article links as one line of HTML that skips Markdown (see generator.site.hooks).

        Lists of articles grow with the corpus; built here, with every text escaped and final
        URLs, they cost MkDocs nothing to convert.
        """
        items = []
        for ref in refs:
            mark = f' class="digest-untitled" title="{escape_html(UNTITLED_HINT)}"' if ref.from_text else ""
            link = _html_link(ref.title, ref.path, context["page_path"], mark)
            parts = [f"<strong>{escape_html(ref.outlet or UNKNOWN_OUTLET)}</strong>", link] if outlet_first else [link]
            if show_outlet and not outlet_first and ref.outlet:
                parts.append(escape_html(ref.outlet))
            if ref.date and not outlet_first:
                parts.append(escape_html(long_date(ref.date)))
            if ref.url and not outlet_first:
                parts.append(f'<a class="digest-external" href="{escape_html(ref.url)}" rel="noopener">original</a>')
            items.append("<li>" + " · ".join(parts) + "</li>")
        return Markup(f'<ul class="digest-articles" {HTML_MARK}>' + "".join(items) + "</ul>")

    @staticmethod
    @pass_context
    def _name_list(context, refs: Iterable[ActorRef | PhraseRef]) -> Markup:
        """Actor or phrase links with their article counts, as one line of HTML that skips Markdown."""
        items = []
        for ref in refs:
            item = _html_link(_entity_name(ref), ref.path, context["page_path"])
            item += f' <span class="digest-count">{ref.articles}</span>'
            if isinstance(ref, ActorRef) and ref.role:
                item += f' <span class="digest-role">{escape_html(ref.role)}</span>'
            items.append(f"<li>{item}</li>")
        return Markup(f'<ul class="digest-names" {HTML_MARK}>' + "".join(items) + "</ul>")

    @staticmethod
    @pass_context
    def _link_line(context, refs: Iterable[ActorRef | PhraseRef], css_class: str, label: str | None = None,
                   roles: bool = False, searchable: bool = True) -> Markup:
        """Actor or phrase links (plain text for those without a page) separated by dots, after a
        bold label, with actors' roles: one paragraph of HTML that skips Markdown.

        Every article, topic and actor page has a few of these lines, and Markdown's handling of
        links is most of what converting such a page costs MkDocs.
        """
        items = []
        for ref in refs:
            item = _html_link(_entity_name(ref), ref.path, context["page_path"])
            if roles and isinstance(ref, ActorRef) and ref.role:
                item += f' <span class="digest-role">({escape_html(ref.role)})</span>'
            items.append(item)
        head = f"<strong>{escape_html(label)}</strong> " if label else ""
        search = ' data-pagefind-body=""' if searchable else ""
        return Markup(f'<p class="{css_class}"{search} {HTML_MARK}>{head}{" · ".join(items)}</p>')

    @staticmethod
    @pass_context
    def _topic_list(context, views: Iterable[TopicRef | TopicView]) -> Markup:
        """Links to topic pages as one line of HTML that skips Markdown."""
        items = (f'<li>{_html_link(view.headline, view.path, context["page_path"])}</li>' for view in views)
        return Markup(f'<ul class="digest-topics" {HTML_MARK}>' + "".join(items) + "</ul>")

    @staticmethod
    def _search_title(kind: str, text: str) -> Markup:
        """The title a search result shows: the kind of page, then its title (hidden on the page)."""
        return Markup(f'<div data-pagefind-meta="title" hidden {HTML_MARK}>{escape_html(kind)} · {escape_html(text)}</div>')

    @staticmethod
    def _external_link(text: str, url: str | None) -> Markup:
        """A link to another site (only http and https), or the text alone."""
        safe = safe_url(url)
        if not safe:
            return Markup(escape_markdown(text))
        return Markup(f'[{escape_markdown(text)}]({safe}){{: .digest-external rel="noopener" }}')

    # -- references -------------------------------------------------------------------------

    def _article_ref(self, article_id: str) -> ArticleRef:
        entry = self.entries[article_id]
        article = entry.article
        title = display_title(article, self.analyses.get(article_id))
        return ArticleRef(
            id=article_id, title=title.text, from_text=title.from_text, path=self.layout.articles[article_id],
            outlet=outlet_name(article), date=article.date, url=safe_url(article.url), topic=entry.topic or None,
        )

    def actor_ref(self, actor_id: str) -> ActorRef | None:
        """The actor as a page reference (no path when it has no page), or None when unknown."""
        return self.actor_page_refs.get(actor_id)

    def actor_refs(self, ids: Iterable[str]) -> tuple[ActorRef, ...]:
        """References of the known actors among ids, once each, in order."""
        return tuple(ref for ref in (self.actor_ref(i) for i in dict.fromkeys(ids)) if ref is not None)

    def phrase_refs(self, phrases: Iterable[str]) -> tuple[PhraseRef, ...]:
        """Key phrases once each (case and spacing aside), with their pages where they have one."""
        out, seen = [], set()
        for phrase in phrases:
            key = " ".join(phrase.split()).casefold()
            if not key or key in seen:
                continue
            seen.add(key)
            out.append(PhraseRef(" ".join(phrase.split()), self.layout.phrases.get(key), len(self.layout.phrase_articles.get(key, ()))))
        return tuple(out)

    def topic_ref(self, topic_id: str | None) -> TopicRef | None:
        """The topic as a page reference, or None."""
        topic = self.topics.get(topic_id or "")
        if topic is None:
            return None
        return TopicRef(topic.id, topic.headline or topic.label, self.layout.topics[topic.id])

    def _anchored(self, article_id: str) -> AnchoredText:
        if article_id not in self.anchored:
            self.anchored[article_id] = anchor(self.entries[article_id].article, self.analyses.get(article_id))
        return self.anchored[article_id]

    def _sentence(self, article_id: str, index: int | None) -> str | None:
        """The anchor of a sentence of an article, noted as cited so its page shows it."""
        analysis = self.analyses.get(article_id)
        if index is None or analysis is None or not 0 <= index < len(analysis.sentences):
            return None
        self.cited[article_id].add(index)
        return sentence_id(index)

    def _find_sentence(self, article_id: str, text: str) -> int | None:
        """The number of the sentence of an article that holds text, if any."""
        analysis = self.analyses.get(article_id)
        if analysis is None:
            return None
        wanted = " ".join(text.split())
        for index, sentence in enumerate(analysis.sentences):
            if sentence.text == wanted:
                return index
        for index, sentence in enumerate(analysis.sentences):
            if wanted and (wanted in sentence.text or sentence.text in wanted):
                return index
        return None

    # -- topic views ------------------------------------------------------------------------

    def _outlets(self, refs: Iterable[ArticleRef]) -> tuple[OutletView, ...]:
        groups: dict[str | None, list[ArticleRef]] = defaultdict(list)
        for ref in refs:
            groups[ref.outlet].append(ref)
        order = sorted(groups, key=lambda name: (name is None, -len(groups[name]), (name or "").casefold(), name or ""))
        return tuple(
            OutletView(name, tuple(sorted(groups[name], key=lambda r: (r.date or "", r.title.casefold(), r.id), reverse=False)))
            for name in order
        )

    def _topic_view(self, topic: Topic) -> TopicView:
        path = self.layout.topics[topic.id]
        refs = tuple(
            sorted(
                (self.article_refs[a] for a in dict.fromkeys(topic.articles) if a in self.article_refs),
                key=lambda r: (*_newest_first(r), r.title.casefold(), r.id),
            )
        )
        highlights = tuple(
            Cited(h.text, self.article_refs[h.article_id], self._sentence(h.article_id, h.sentence))
            for h in topic.highlights
            if h.article_id in self.article_refs
        )
        quotes = []
        for quote in topic.quotes:
            if quote.article_id not in self.article_refs:
                continue
            speaker = self.actor_ref(quote.speaker)
            found = self._find_sentence(quote.article_id, quote.text)
            quotes.append(QuoteView(quote.text, speaker, speaker.name if speaker else quote.speaker,
                                    self.article_refs[quote.article_id], self._sentence(quote.article_id, found)))
        timeline = tuple(
            EventView(e.date, e.text, e.scheduled, self.article_refs[e.article_id],
                      self._sentence(e.article_id, self._find_sentence(e.article_id, e.text)))
            for _, e in sorted(enumerate(topic.timeline), key=lambda pair: (pair[1].date, pair[0]))
            if e.article_id in self.article_refs
        )
        dates = sorted(r.date for r in refs if r.date)
        headline = topic.headline or topic.label
        earlier = editions.continuations(editions.summary_of_topic(topic), self.history, before=self.digest.edition)
        chart_id = f"chart-{slugs.slugify(topic.id, max_length=40)}"
        return TopicView(
            topic=topic, path=path, headline=headline, summary=topic.summary, articles=refs, outlets=self._outlets(refs),
            named_outlets=len({ref.outlet for ref in refs if ref.outlet}),
            highlights=highlights, quotes=tuple(quotes), actors=self.actor_refs(topic.actors),
            places=self.actor_refs(topic.places), phrases=self.phrase_refs(topic.keyphrases), timeline=timeline,
            dates=date_range(dates), earlier=earlier,
            coverage_chart=charts.coverage(dates, f"{chart_id}-coverage", headline),
            network_chart=self._network(topic, f"{chart_id}-network", headline),
        )

    def _network(self, topic: Topic, chart_id: str, subject: str) -> Markup | None:
        if len(set(topic.articles)) < NETWORK_MIN_ARTICLES:
            return None
        players = [a for a in dict.fromkeys(topic.actors) if a in self.actors][:NETWORK_PLAYERS]
        named = {a: set() for a in players}
        for article_id in topic.articles:
            entry = self.entries.get(article_id)
            if entry is None:
                continue
            for actor_id in set(entry.actors) & set(players):
                named[actor_id].add(article_id)
        nodes = [charts.Node(a, self.actors[a].name, len(named[a])) for a in players if named[a]]
        edges = [(a.id, b.id, len(named[a.id] & named[b.id])) for a, b in combinations(nodes, 2)]
        return charts.network(nodes, edges, chart_id, subject)

    def _quotes_by_article(self) -> dict[str, list[QuoteView]]:
        found: dict[str, list[QuoteView]] = defaultdict(list)
        for actor in sorted(self.actors.values(), key=lambda a: a.id):
            for quote in actor.quotes:
                if quote.article_id in self.article_refs:
                    found[quote.article_id].append(
                        QuoteView(quote.text, self.actor_ref(actor.id), actor.name, self.article_refs[quote.article_id],
                                  self._sentence(quote.article_id, quote.sentence))
                    )
        for quotes in found.values():
            quotes.sort(key=lambda q: (q.anchor is None, int(q.anchor[2:]) if q.anchor else 0, q.speaker_name, q.text))
        return found

    # -- pages ------------------------------------------------------------------------------

    def files(self) -> Iterator[tuple[str, str]]:
        """Every generated file as (path relative to the docs folder, text), each rendered when
        asked for, so that the pages of a large digest never all sit in memory."""
        layout = self.layout
        continued = self._continued_in()
        for view in self.topic_views:
            yield view.path, self._page("topic.md.j2", view.path, view=view, anchors=self.edition_anchors)
        yield site_layout.HOME, self._page("home.md.j2", site_layout.HOME, **self._home())
        yield site_layout.TOPICS, self._page("topics_index.md.j2", site_layout.TOPICS, topics=self.topic_views)
        yield site_layout.ARTICLES, self._page("articles_index.md.j2", site_layout.ARTICLES, days=self._article_days())
        yield site_layout.ACTORS, self._page("actors_index.md.j2", site_layout.ACTORS, groups=self._actor_groups())
        yield site_layout.PHRASES, self._page("phrases_index.md.j2", site_layout.PHRASES, phrases=self._phrase_rows())
        yield site_layout.ARCHIVE, self._page("archive_index.md.j2", site_layout.ARCHIVE, **self._archive())
        yield site_layout.SEARCH, self._page("search.md.j2", site_layout.SEARCH)
        yield site_layout.ABOUT, self._page("about.md.j2", site_layout.ABOUT)
        for edition in self.history:
            path = f"archive/{edition.edition}.md"
            yield path, self._page("edition.md.j2", path, **self._edition(edition, continued.get(edition.edition, {})))
        for actor in self.digest.actors:
            path = layout.actor(actor.id)
            if path:
                yield path, self._page("actor.md.j2", path, **self._actor(actor))
        for key, path in layout.phrases.items():
            yield path, self._page("phrase.md.j2", path, **self._phrase(key))
        # Article pages last: the pages above decide which sentences are cited.
        for article_id in self.entries:
            path = layout.articles[article_id]
            yield path, self._page("article.md.j2", path, **self._article(article_id))
        items = [
            feeds.FeedItem(
                id=f"{self.digest.edition}/{page_url(view.path).strip('/')}", title=view.headline,
                summary=" ".join(view.summary), url=page_url(view.path),
                outlets=view.named_outlets,
                articles=len(view.articles),
            )
            for view in self.topic_views
        ]
        channel = feeds.Channel(
            title=f"News digest, {long_date(self.digest.edition)}",
            description="The day's stories: what happened, who is involved and who reports it.",
            edition=self.digest.edition, generated=self.digest.generated, site_url=self.site_url,
        )
        yield site_layout.FEED_RSS, feeds.rss(items, channel)
        yield site_layout.FEED_JSON, feeds.json_feed(items, channel)

    def _page(self, template: str, path: str, **context: object) -> str:
        return self.env.get_template(template).render(page_path=path, digest=self.digest, **context)

    def _home(self) -> dict:
        sections = self.settings.topics.home_sections
        outlets = {ref.outlet for ref in self.article_refs.values() if ref.outlet}
        top = self.topic_views[:sections]
        lead = "; ".join(view.headline for view in top[:3])
        return {
            "top": top,
            "other": self.topic_views[sections : sections + OTHER_NEWS_MAX],
            "topics": len(self.topic_views),
            "edition": self.digest.edition,
            "articles": len(self.entries),
            "outlets": len(outlets),
            "card_players": CARD_PLAYERS,
            "description": shorten(f"Top stories on {long_date(self.digest.edition)}: {lead}", DESCRIPTION_CHARS),
        }

    def _article_days(self) -> list[tuple[str | None, list[ArticleRef]]]:
        days: dict[str | None, list[ArticleRef]] = defaultdict(list)
        for ref in self.article_refs.values():
            days[ref.date].append(ref)
        order = sorted(days, key=lambda d: (d is None, "" if d is None else _desc(d)))
        return [(day, sorted(days[day], key=lambda r: (r.outlet is None, (r.outlet or "").casefold(), r.title.casefold(), r.id)))
                for day in order]

    def _actor_groups(self) -> list[tuple[str, list[ActorRef]]]:
        groups: dict[str, list[ActorRef]] = defaultdict(list)
        for actor in self.digest.actors:
            ref = self.actor_ref(actor.id)
            if ref.path is None:
                # No page of its own: the name leads to its one article.
                first = next((a for a in actor.articles if a in self.article_refs), None)
                ref = ActorRef(ref.id, ref.name, ref.type, self.article_refs[first].path if first else None, ref.role, ref.articles)
            groups[actor.type if actor.type in TYPE_HEADINGS else "other"].append(ref)
        return [
            (TYPE_HEADINGS[kind], sorted(groups[kind], key=lambda r: (-r.articles, r.name.casefold(), r.id)))
            for kind in TYPE_ORDER
            if groups.get(kind)
        ]

    def _phrase_rows(self) -> list[PhraseRef]:
        rows = [PhraseRef(self.layout.phrase_names[key], path, len(self.layout.phrase_articles[key])) for key, path in self.layout.phrases.items()]
        return sorted(rows, key=lambda r: (-r.articles, r.text.casefold(), r.text))

    def _phrase(self, key: str) -> dict:
        refs = [self.article_refs[a] for a in self.layout.phrase_articles[key]]
        topics = [topic for topic in map(self.topic_ref, dict.fromkeys(ref.topic for ref in refs)) if topic is not None]
        return {
            "phrase": self.layout.phrase_names[key],
            "articles": sorted(refs, key=lambda r: (*_newest_first(r), r.id)),
            "topics": topics,
        }

    def _actor(self, actor: Actor) -> dict:
        refs = [self.article_refs[a] for a in dict.fromkeys(actor.articles) if a in self.article_refs]
        key_player_in = self.key_player_views.get(actor.id, [])
        # the other stories its articles belong to, in story order (looked up, not a scan of every story)
        playing = {view.topic.id for view in key_player_in}
        own = {self.topic_position[ref.topic] for ref in refs if ref.topic in self.topic_position and ref.topic not in playing}
        named_in = [self.topic_views[position] for position in sorted(own)]
        quotes = [
            QuoteView(q.text, None, actor.name, self.article_refs[q.article_id], self._sentence(q.article_id, q.sentence))
            for q in actor.quotes
            if q.article_id in self.article_refs
        ]
        return {
            "actor": actor,
            "type": TYPE_NAMES.get(actor.type, "Other"),
            "key_player_in": key_player_in,
            "named_in": named_in,
            "articles": sorted(refs, key=lambda r: (*_newest_first(r), r.id)),
            "quotes": quotes,
            "related": self.actor_refs(actor.related),
            "description": shorten(
                f"{actor.name}{', ' + actor.role if actor.role else ''}: named in {plural(len(refs), 'article')}"
                + (f" about {'; '.join(v.headline for v in key_player_in[:3])}" if key_player_in else ""),
                DESCRIPTION_CHARS,
            ),
        }

    def _article(self, article_id: str) -> dict:
        entry = self.entries[article_id]
        article = entry.article
        ref = self.article_refs[article_id]
        text = self._anchored(article_id)
        mode = self.settings.io.article_text
        excerpt = mode == "excerpt" or (mode == "auto" and ref.url is not None)
        lead = lead_count(article) if excerpt else len(text.paragraphs)
        title_anchor = text.title_sentence if text.title_sentence is not None and not ref.from_text else None
        shown = anchors_in(text.standfirst) | anchors_in(text.paragraphs[:lead]) | ({title_anchor} - {None})
        analysis = self.analyses.get(article_id)
        cited = self.cited.get(article_id, set())
        passages = []
        if excerpt and analysis is not None:
            passages = [Segment(analysis.sentences[i].text, i) for i in sorted(cited - shown)]
        hidden = sorted(cited - shown - {p.sentence for p in passages})
        summary = entry.summary
        return {
            "ref": ref,
            "article": article,
            "topic": self.topic_ref(entry.topic),
            "title_anchor": sentence_id(title_anchor) if title_anchor is not None else None,
            "standfirst": paragraphs_html(text.standfirst, "digest-standfirst") if text.standfirst else None,
            "body": paragraphs_html(text.paragraphs[:lead], "digest-text"),
            "excerpt": excerpt,
            "more": len(article.paragraphs) - lead,
            "passages": list_html(((p,) for p in passages), "digest-passages") if passages else None,
            "hidden_anchors": Markup("".join(f'<span id="{sentence_id(i)}"></span>' for i in hidden)) if hidden else None,
            "summary": summary,
            "actors": tuple(a for a in self.actor_refs(entry.actors) if a.type != "place"),
            "places": tuple(a for a in self.actor_refs(entry.actors) if a.type == "place"),
            "phrases": self.phrase_refs(entry.keyphrases),
            "quotes": self.quotes_by_article.get(article_id, []),
            "credited": entry.credited,
            "date_basis": _date_basis(article.date_basis),
            "description": shorten(" ".join(summary) if summary else " ".join(article.paragraphs[:1]), DESCRIPTION_CHARS),
        }

    # -- editions ---------------------------------------------------------------------------

    def _continued_in(self) -> dict[str, dict[str, TopicView]]:
        """Edition -> earlier topic id -> the topic of this edition that continues it."""
        out: dict[str, dict[str, TopicView]] = defaultdict(dict)
        for view in self.topic_views:
            for earlier in view.earlier:
                out[earlier.edition].setdefault(earlier.topic.id, view)
        return out

    def _archive(self) -> dict:
        current = editions.summary_of(self.digest)
        weeks = editions.by_week([current, *self.history])
        return {"weeks": weeks, "current": self.digest.edition, "days": sorted([current, *self.history], key=lambda e: e.edition, reverse=True)}

    def _edition(self, edition: EditionSummary, continued: dict[str, TopicView]) -> dict:
        anchors = edition_anchors(edition)
        names = dict(edition.names)
        rows = []
        for topic in edition.topics:
            players = [self.actor_ref(a) or ActorRef(a, names.get(a, a), "other", None, None, 0) for a in topic.actors[:CARD_PLAYERS]]
            rows.append({"topic": topic, "anchor": anchors[topic.id], "players": players, "continued": continued.get(topic.id)})
        return {"edition": edition, "rows": rows, "description": shorten(
            f"News digest of {long_date(edition.edition)}: " + "; ".join(t.headline for t in edition.topics[:3]), DESCRIPTION_CHARS)}


def _html_link(text: str, target: str | None, page: str, attributes: str = "") -> str:
    """The escaped text as an HTML link, from `page`, to the final URL of the docs page `target`
    (MkDocs does not rewrite links in raw HTML); the escaped text alone without a target."""
    label = escape_html(text)
    if not target:
        return label
    return f'<a href="{escape_html(relative_url(target, page))}"{attributes}>{label}</a>'


def _entity_name(ref: ActorRef | PhraseRef) -> str:
    return ref.name if isinstance(ref, ActorRef) else ref.text


def edition_anchors(edition: EditionSummary) -> dict[str, str]:
    """The element id of each topic on an edition's page."""
    taken: set[str] = set()
    return {topic.id: slugs.unique(slugs.slugify(topic.headline or topic.label, max_length=60), taken) for topic in edition.topics}


def _desc(date: str) -> str:
    """A sort key that puts later dates first."""
    return "".join(chr(0x7F - ord(c)) if c.isdigit() else c for c in date)


def _newest_first(ref: ArticleRef) -> tuple[bool, str, str]:
    """Sort key of article lists: dated articles newest first, then by outlet."""
    return (ref.date is None, "" if ref.date is None else _desc(ref.date), (ref.outlet or "").casefold())


DATE_BASES = {
    "stamp": "from the page's date stamp",
    "dateline": "from the dateline",
    "caption": "from a photo caption",
}


def _date_basis(basis: str | None) -> str | None:
    """How a date that the input did not state was found, in words; None for stated dates."""
    if basis in (None, "input"):
        return None
    return DATE_BASES.get(basis, f"from the {basis}")


def pages(digest: Digest, settings: Settings, history: Sequence[EditionSummary]) -> Iterator[tuple[str, str]]:
    """Every generated file of the digest as (path relative to the docs folder, text), rendered
    one by one as they are taken."""
    return Renderer(digest, settings, history).files()


def render(digest: Digest, settings: Settings, history: Sequence[EditionSummary]) -> dict[str, str]:
    """Every generated file of the digest, keyed by path relative to the docs folder, in path order."""
    return dict(sorted(pages(digest, settings, history)))
