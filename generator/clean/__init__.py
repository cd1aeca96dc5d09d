"""Clean and split: one Source in, its stories out as Articles, page furniture set aside.

The sole owner of page furniture, datelines, dates and page splitting. For one source:
restore casing if it is all lower case, cut it into lines, let the furniture passes claim the
lines that are not news, read the rest as blocks (headings, paragraphs, time markers), split the
blocks into stories where the subject changes, and give each story its title, date, dateline
and outlet. Metadata the input states (feed fields, HTML meta, front matter) wins over what is
read from the text.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from generator import resources, slugs
from generator.clean import blocks as blocks_module
from generator.clean import cohesion, furniture, inline, split
from generator.clean.blocks import Block
from generator.clean.casing import CasingTable, is_lower_case
from generator.clean.dates import first_full_date
from generator.clean.lines import Line, split_lines
from generator.errors import ReadError
from generator.model import Article, Furniture, Source
from generator.settings import CleanSettings


@dataclass(frozen=True)
class PageFacts:
    """What the page around the stories says: its title, date and outlet."""

    title: str | None
    deck: tuple[str, ...]
    """Heading lines under the headline that belong to it (shown as its standfirst)."""
    date: datetime.date | None
    date_basis: str | None
    furniture: tuple[Furniture, ...]


def page_lines(text: str) -> tuple[Line, ...]:
    """The lines of a text, with a leading ISO stamp ('date 2023-09-12 ...') as a line of its own."""
    lines = list(split_lines(text))
    first = next((line for line in lines if not line.blank), None)
    if first is not None:
        cut = furniture.strip_leading_stamp(first.text)
        rest = first.text[cut:].strip()
        if cut and rest:
            stamp = Line(first.index, first.start, first.start + cut, first.text[:cut].strip())
            body_start = text.index(rest[:20], first.start + cut) if rest[:20] in text[first.start + cut :] else first.start + cut
            lines[first.index : first.index + 1] = [stamp, Line(first.index + 1, body_start, first.end, rest)]
            lines = [Line(i, line.start, line.end, line.text) for i, line in enumerate(lines)]
    return tuple(lines)


def _page_facts(source: Source, lines: tuple[Line, ...], claimed: dict, title: str | None, deck: tuple[str, ...]) -> PageFacts:
    kept = tuple(Furniture(kind, lines[i].text, rule) for i, (kind, rule) in sorted(claimed.items()))
    stamps = " | ".join(f.text for f in kept if f.kind == "timestamp")
    captions = " | ".join(f.text for f in kept if f.kind in ("caption", "credit"))
    date, basis = None, None
    if source.meta.date:
        date, basis = datetime.date.fromisoformat(source.meta.date), "input"
    elif first_full_date(stamps):
        date, basis = first_full_date(stamps), "stamp"
    elif first_full_date(captions):
        date, basis = first_full_date(captions), "caption"
    return PageFacts(title, deck, date, basis, kept)


def clean(
    source: Source, settings: CleanSettings, casing: CasingTable | None = None, explain: str | None = None,
    language: str = resources.LANGUAGE,
) -> tuple[Article, ...]:
    """The stories of one source as Articles, in page order.

    Raises ReadError(kind="no news") when nothing but furniture is left.
    """
    text = source.text
    if casing is not None and is_lower_case(text):
        text = casing.restore(text)
    lines = page_lines(text)
    page = furniture.Page(lines, settings, language)
    claimed = furniture.classify(page, explain)
    page_blocks = blocks_module.build(lines, claimed, settings.heading_max_words)
    leading = list(itertools.takewhile(lambda b: b.kind != "text", page_blocks))
    body_blocks = page_blocks[len(leading) :]
    headings = [b for b in leading if b.kind == "heading"]
    title, deck, teasers = _title_and_teasers(headings, body_blocks, source.meta.title, settings)
    facts = _page_facts(source, lines, claimed, title, deck)
    # The page's headline heads its first story, unless it is a masthead that the text does not
    # continue ('The Daily Briefing'): then the lines above the first section are its introduction.
    first_heading = [Block("heading", title, 0, 0)] if title and _heads_the_text(title, body_blocks, settings) else []
    units = split.units(first_heading + [b for b in leading if b.kind != "heading"] + body_blocks, text, language)
    stories = sorted(teasers + split.split(units, settings, language), key=lambda story: story.start)
    if sum(unit.words for story in stories for unit in story.units) < settings.furniture_only_words:
        raise ReadError("only page furniture (menus, widgets, captions), no news text", kind="no news")
    articles = []
    ends = [story.start for story in stories[1:]] + [len(source.text)]
    main = next((i for i, story in enumerate(stories) if not story.headline_only), 0)
    for position, (story, end) in enumerate(zip(stories, ends)):
        article = _article(source, story, position + 1, end, facts, main=position == main, language=language)
        if article is not None:
            articles.append(article)
    if not articles:
        raise ReadError("only page furniture (menus, widgets, captions), no news text", kind="no news")
    return tuple(articles)


def _heads_the_text(title: str, body: list[Block], settings: CleanSettings) -> bool:
    """The headline shares words with the opening paragraph: it is the first story's headline."""
    opening = cohesion.bag(" ".join(b.text for b in body if b.kind == "text")[:600])
    return cohesion.cosine(cohesion.bag(title), opening) >= settings.story_shift_max


def _title_and_teasers(
    headings: list[Block], body: list[Block], stated: str | None, settings: CleanSettings
) -> tuple[str | None, tuple[str, ...], list[split.Story]]:
    """The page's headline, its deck lines, and headlines of other stories listed above it.

    Headings above the text that share words with the opening paragraph (or with each other's
    headline) belong to the story: the first of them is the headline (unless the input states
    one), the rest its deck. A heading that shares too little is another story present only as
    a headline (a teaser, a newsletter's masthead: kept only if it matches a story of the build).
    """
    opening = cohesion.bag(" ".join(b.text for b in body if b.kind == "text")[:600])
    fits = [cohesion.cosine(cohesion.bag(h.text), opening) >= settings.story_shift_max for h in headings]
    own = [h for h, fit in zip(headings, fits) if fit]
    title = stated or (own[0].text if own else headings[-1].text if headings else None)
    story_words = cohesion.bag(f"{title or ''} {' '.join(h.text for h in own)}")
    deck, teasers = [], []
    for heading, fit in zip(headings, fits):
        if heading.text == title:
            continue
        if fit or cohesion.cosine(cohesion.bag(heading.text), story_words) >= settings.story_shift_max:
            deck.append(heading.text)
        else:
            unit = split.Unit(heading.text, heading.start, heading.text, cued=True)
            teasers.append(split.Story((unit,), heading.text, headline_only=True))
    return title, tuple(deck), teasers


def _article(source: Source, story: split.Story, number: int, end: int, facts: PageFacts, main: bool, language: str) -> Article | None:
    """The story as an Article, or None when nothing but furniture is left of it."""
    # a story's leading bullets sum it up; bullets further down are part of its text
    leading = next((i for i, unit in enumerate(story.units) if not unit.bullet), 0)  # all bullets: all text
    standfirst = (facts.deck if main else ()) + tuple(unit.text for unit in story.units[:leading])
    repaired = [inline.repair(unit.text, first=i == 0, language=language) for i, unit in enumerate(story.units[leading:])]
    paragraphs = tuple(p.text for p in repaired if p.text)
    if not paragraphs:
        return None
    dateline = repaired[0].dateline if repaired else None
    credits = [p.credit for p in repaired if p.credit]
    date, basis = facts.date, facts.date_basis
    if basis != "input" and dateline is not None and dateline.date(facts.date) is not None:
        date, basis = dateline.date(facts.date), "dateline"
    title = story.heading or (facts.title if main else None)
    if story.headline_only and title:
        title = title.rstrip(".")
    outlet = source.meta.outlet or (dateline.agency if dateline and dateline.agency else None) or (credits[-1] if credits else None)
    label = title or (paragraphs[0] if paragraphs else source.path)
    return Article(
        id=slugs.slugify(f"{date or ''} {label}", max_length=70),
        source=source.path,
        item=source.item,
        part=number,
        start=story.start,
        end=end,
        title=title,
        date=date.isoformat() if date else None,
        date_basis=basis if date else None,
        standfirst=standfirst,
        paragraphs=paragraphs,
        headline_only=story.headline_only,
        dateline=dateline.place if dateline else None,
        outlet=outlet,
        author=source.meta.author,
        url=source.meta.url,
        furniture=facts.furniture if main else (),
    )
