"""A page's lines, furniture set aside, as blocks: headings, paragraphs, bullets and time markers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from generator.clean.lines import Line, is_heading_shape
from generator.model import LineKind

BULLET = re.compile(r"^(?:[-–•*·▪●]\s+)")
CLOCK_OPENING = re.compile(r"^\[?(\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)\]?\s+(?=\S)", re.I)
"""'00:18 First, to Bulgaria...': a bulletin or live-blog line that opens with its clock time."""
DASHED_HEADING = re.compile(r"^[-–]\s+(\S.{0,80}?)\s+[-–]$")
"""'- Genuine progress -': a wire story's crosshead, set between dashes."""
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
    mid-sentence is joined again.
    """
    blocks: list[Block] = []
    seen_text = False
    for line in lines:
        if line.blank:
            continue
        claimed = furniture.get(line.index)
        if claimed is not None:
            if claimed[0] == "timestamp" and seen_text:
                blocks.append(Block("marker", line.text, line.start, line.end))
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
        bullet = BULLET.match(line.text)
        crosshead = DASHED_HEADING.match(line.text)
        if crosshead:
            blocks.append(Block("heading", crosshead.group(1), line.start + crosshead.start(1), line.start + crosshead.end(1)))
        elif bullet:
            blocks.append(Block("bullet", line.text[bullet.end():], line.start + bullet.end(), line.end))
        elif is_heading_shape(line, heading_max_words) and not _is_sentence_cut(line, lines):
            blocks.append(Block("heading", line.text, line.start, line.end))
        else:
            blocks.append(Block("text", line.text, line.start, line.end))
            seen_text = True
    return blocks


def _is_sentence_cut(line: Line, lines: tuple[Line, ...]) -> bool:
    """The text's last line stopped mid-sentence: it is text, not a heading."""
    last = next((l for l in reversed(lines) if not l.blank), None)
    return last is not None and line.index == last.index and len(line.words) > 8
