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
import logging
from dataclasses import dataclass

from generator import slugs
from generator.clean import blocks as blocks_module
from generator.clean import furniture, inline, split
from generator.clean.casing import CasingTable, is_lower_case
from generator.clean.dates import first_full_date
from generator.clean.lines import Line, split_lines
from generator.errors import ReadError
from generator.model import Article, Furniture, Source
from generator.settings import CleanSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageFacts:
    """What the page around the stories says: its title, date and outlet."""

    title: str | None
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


def _page_facts(source: Source, lines: tuple[Line, ...], claimed: dict, page_blocks: list) -> PageFacts:
    kept = tuple(Furniture(kind, lines[i].text, rule) for i, (kind, rule) in sorted(claimed.items()))
    title = source.meta.title
    if title is None:
        for block in page_blocks:
            if block.kind == "heading":
                title = block.text
                break
            if block.kind == "text":
                break
    stamps = " | ".join(f.text for f in kept if f.kind == "timestamp")
    captions = " | ".join(f.text for f in kept if f.kind in ("caption", "credit"))
    date, basis = None, None
    if source.meta.date:
        date, basis = datetime.date.fromisoformat(source.meta.date), "input"
    elif first_full_date(stamps):
        date, basis = first_full_date(stamps), "stamp"
    elif first_full_date(captions):
        date, basis = first_full_date(captions), "caption"
    return PageFacts(title, date, basis, kept)


def clean(source: Source, settings: CleanSettings, casing: CasingTable | None = None, explain: str | None = None) -> tuple[Article, ...]:
    """The stories of one source as Articles, in page order.

    Raises ReadError(kind="no news") when nothing but furniture is left.
    """
    text = source.text
    if casing is not None and is_lower_case(text):
        text = casing.restore(text)
    lines = page_lines(text)
    page = furniture.Page(lines, settings, "en")
    claimed = furniture.classify(page, explain)
    page_blocks = blocks_module.build(lines, claimed, settings.heading_max_words)
    facts = _page_facts(source, lines, claimed, page_blocks)
    body_blocks = _without_title(page_blocks, facts.title)
    stories = split.split(split.units(body_blocks, text), settings)
    if sum(unit.words for story in stories for unit in story.units) < settings.furniture_only_words:
        raise ReadError("only page furniture (menus, widgets, captions), no news text", kind="no news")
    articles = []
    ends = [story.start for story in stories[1:]] + [len(source.text)]
    for number, (story, end) in enumerate(zip(stories, ends), start=1):
        articles.append(_article(source, story, number, end, facts, first_story=number == 1))
    return tuple(articles)


def _without_title(page_blocks: list, title: str | None) -> list:
    """The blocks after the page's headline and the labels above it."""
    if title is None:
        return page_blocks
    folded = " ".join(title.lower().split())
    for position, block in enumerate(page_blocks):
        if block.kind == "text":
            return page_blocks
        if block.kind == "heading" and " ".join(block.text.lower().split()) == folded:
            return page_blocks[position + 1 :]
    return page_blocks


def _article(source: Source, story: split.Story, number: int, end: int, facts: PageFacts, first_story: bool) -> Article:
    standfirst = tuple(unit.text for unit in story.units if unit.bullet and first_story)
    repaired = [inline.repair(unit.text, first=i == 0) for i, unit in enumerate(u for u in story.units if not (u.bullet and first_story))]
    paragraphs = tuple(p.text for p in repaired if p.text)
    dateline = repaired[0].dateline if repaired else None
    credits = [p.credit for p in repaired if p.credit]
    date, basis = facts.date, facts.date_basis
    if basis != "input" and dateline is not None and dateline.date(facts.date) is not None:
        date, basis = dateline.date(facts.date), "dateline"
    title = facts.title if first_story and facts.title else story.heading
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
        paragraphs=paragraphs or (title or "",),
        dateline=dateline.place if dateline else None,
        outlet=outlet,
        author=source.meta.author,
        url=source.meta.url,
        furniture=facts.furniture if first_story else (),
    )
