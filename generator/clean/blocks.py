"""A page's lines, furniture set aside, as blocks: headings, paragraphs, bullets and time markers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from generator.clean.lines import BULLET_MARK, LONE_DASH, Line, is_cut_short, is_heading_shape
from generator.model import LineKind

CLOCK_OPENING = re.compile(r"^\[?(\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)\]?\s+(?=\S)", re.I)
"""'00:18 First, to Bulgaria...': a bulletin or live-blog line that opens with its clock time."""
DASHED_HEADING = re.compile(r"^[-–]\s+(\S.{0,80}?)\s+[-–]$")
"""'- Genuine progress -': a wire story's crosshead, set between dashes."""
DATELINE_PLACE_WORDS = 3
"""'Kyiv' / '—' / 'Russia launched...': a dateline set over lines has a place of a few words."""
BlockKind = Literal["heading", "text", "bullet", "marker"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    start: int
    end: int


def _continues(previous: Block, line: Line) -> bool:
    """A line that carries on the sentence of the line above (a hard-wrapped paragraph)."""
    return previous.kind in ("text", "heading") and not previous.text.rstrip().endswith((".", "!", "?", '"', "”", ":")) and line.text[:1].islower()


def build(lines: tuple[Line, ...], furniture: dict[int, tuple[LineKind, str]], heading_max_words: int) -> list[Block]:
    """The blocks of a page in reading order.

    A time stamp between paragraphs is kept as a marker (a live-blog post or a bulletin clock
    line may start a new story); other furniture is left out. A paragraph broken by a marker
    mid-sentence is joined again, and so is a dateline set over lines ('Kyiv' / '—' / text).
    """
    blocks: list[Block] = []
    seen_text = False
    dateline: Block | None = None
    for line in lines:
        if line.blank:
            continue
        claimed = furniture.get(line.index)
        if claimed is not None:
            if claimed[0] == "timestamp" and seen_text:
                blocks.append(Block("marker", line.text, line.start, line.end))
            continue
        if LONE_DASH.match(line.text):
            last = blocks[-1] if blocks else None
            if last is not None and last.kind == "heading" and len(last.text.split()) <= DATELINE_PLACE_WORDS:
                dateline = blocks.pop()  # joins the next line as its dateline
            continue
        clock = CLOCK_OPENING.match(line.text)
        if clock:
            blocks.append(Block("marker", clock.group(1), line.start, line.start + clock.end()))
            line = Line(line.index, line.start + clock.end(), line.end, line.text[clock.end() :])
        last_text = next((b for b in reversed(blocks) if b.kind != "marker"), None)
        if last_text is not None and _continues(last_text, line):
            while blocks[-1] is not last_text:
                blocks.pop()  # a clock line inside a sentence is no boundary
            blocks[-1] = Block("text", f"{last_text.text} {line.text}", last_text.start, line.end)
            seen_text = True
            continue
        block = _shape(line, lines, heading_max_words)
        if dateline is not None and block.kind == "text":
            # in the wire form ('KYIV — ...') that the dateline parser reads
            block = Block("text", f"{dateline.text.upper()} — {block.text}", dateline.start, block.end)
        elif dateline is not None:
            blocks.append(dateline)  # no text followed: the line stays what it was
        dateline = None
        blocks.append(block)
        seen_text = seen_text or block.kind == "text"
    return blocks


def _shape(line: Line, lines: tuple[Line, ...], heading_max_words: int) -> Block:
    """The line as a block of its own: a crosshead, a bullet, a heading or text."""
    crosshead = DASHED_HEADING.match(line.text)
    if crosshead:
        return Block("heading", crosshead.group(1), line.start + crosshead.start(1), line.start + crosshead.end(1))
    bullet = BULLET_MARK.match(line.text)
    if bullet:
        return Block("bullet", line.text[bullet.end() :], line.start + bullet.end(), line.end)
    if is_heading_shape(line, heading_max_words) and not is_cut_short(line, lines):
        return Block("heading", line.text, line.start, line.end)
    return Block("text", line.text, line.start, line.end)
