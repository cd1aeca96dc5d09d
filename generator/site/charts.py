"""Static, accessible SVG charts drawn at build time: no script, nothing fetched.

Each chart is one <figure> with an inline <svg role="img"> that carries a <title> and a <desc>
stating the data in words. Colours come from the theme (classes styled with Material's CSS
variables, `currentColor` for text and lines), so a chart reads in the light and dark palettes.
Layouts are deterministic: the same data draws the same bytes.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from generator.site.text import HTML_MARK, escape_html, shorten

MAX_DAILY_BARS = 45
"""Coverage spanning more days than this is counted per ISO week instead."""
NETWORK_LABEL_CHARS = 22
DESCRIBED_PAIRS = 12
"""A network's text description names the pairs named together most, up to this many."""
BAR_WIDTH = 26
BAR_GAP = 8
CHART_HEIGHT = 150
MIN_PLOT_WIDTH = 240
"""Bars widen so that a chart of few days is still this wide."""
# Month names spelled here, not by the locale, so that a page is the same on every machine.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def day_label(day: datetime.date) -> str:
    """5 Dec."""
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def long_date(text: str) -> str:
    """5 December 2025."""
    day = _date(text)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def coverage_counts(dates: Sequence[str]) -> list[tuple[str, str, int]]:
    """(label, long label, count) for every day (or week) from the first date to the last."""
    days = sorted(_date(d) for d in dates)
    if not days:
        return []
    span = (days[-1] - days[0]).days + 1
    if span <= MAX_DAILY_BARS:
        counts = {days[0] + datetime.timedelta(n): 0 for n in range(span)}
        for day in days:
            counts[day] += 1
        return [(day_label(d), long_date(d.isoformat()), n) for d, n in counts.items()]
    first = days[0] - datetime.timedelta(days[0].weekday())
    weeks = {first + datetime.timedelta(7 * n): 0 for n in range((days[-1] - first).days // 7 + 1)}
    for day in days:
        weeks[day - datetime.timedelta(day.weekday())] += 1
    return [(day_label(w), f"week of {long_date(w.isoformat())}", n) for w, n in weeks.items()]


def coverage(dates: Sequence[str], chart_id: str, subject: str) -> Markup | None:
    """Bars of articles per day (per week over a long span); None when the coverage does not
    span two days or more."""
    counts = coverage_counts(dates)
    if len(counts) < 2:
        return None
    top = max(n for _, _, n in counts)
    left, bottom, plot = 8, 30, CHART_HEIGHT - 30 - 22
    bar = max(BAR_WIDTH, (MIN_PLOT_WIDTH - BAR_GAP * (len(counts) - 1)) // len(counts))
    width = left * 2 + len(counts) * (bar + BAR_GAP) - BAR_GAP
    step = max(1, math.ceil(len(counts) / 12))
    parts = []
    for n, (label, _, count) in enumerate(counts):
        x = left + n * (bar + BAR_GAP)
        height = round(plot * count / top) if top else 0
        y = CHART_HEIGHT - bottom - height
        parts.append(f'<rect class="digest-bar" x="{x}" y="{y}" width="{bar}" height="{height}" rx="2"/>')
        if count:
            parts.append(f'<text x="{x + bar / 2:g}" y="{y - 5}" text-anchor="middle">{count}</text>')
        if n % step == 0:
            parts.append(
                f'<text class="digest-axis" x="{x + bar / 2:g}" y="{CHART_HEIGHT - 10}" text-anchor="middle">{escape_html(label)}</text>'
            )
    baseline = CHART_HEIGHT - bottom
    parts.insert(0, f'<line class="digest-rule" x1="0" y1="{baseline}" x2="{width}" y2="{baseline}"/>')
    total = sum(n for _, _, n in counts)
    desc = "; ".join(f"{long}: {n}" for _, long, n in counts if n)
    unit = "week" if counts[0][1].startswith("week of") else "day"
    return _figure(
        chart_id,
        width,
        CHART_HEIGHT,
        title=f"Coverage of {subject} over time",
        desc=f"{total} articles. Articles per {unit}: {desc}.",
        body="".join(parts),
        caption=f"Articles per {unit}",
        css="digest-chart digest-chart--coverage",
    )


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    weight: int
    """Articles of the topic that name it."""


def network(nodes: Sequence[Node], edges: Sequence[tuple[str, str, int]], chart_id: str, subject: str) -> Markup | None:
    """Key players on a circle, joined by how many articles name both; None for fewer than 3 joined."""
    joined = {a for a, b, w in edges if w > 0} | {b for a, b, w in edges if w > 0}
    nodes = [node for node in nodes if node.id in joined]
    if len(nodes) < 3:
        return None
    width, height = 520, 340
    cx, cy, rx, ry = width / 2, height / 2, 175, 112
    position = {}
    for n, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * n / len(nodes)
        position[node.id] = (round(cx + rx * math.cos(angle), 1), round(cy + ry * math.sin(angle), 1))
    heaviest = max(node.weight for node in nodes) or 1
    parts = []
    pairs = []
    for a, b, weight in sorted(edges, key=lambda e: (-e[2], e[0], e[1])):
        if a not in position or b not in position or weight <= 0:
            continue
        (x1, y1), (x2, y2) = position[a], position[b]
        parts.append(
            f'<line class="digest-edge" x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke-width="{1 + 1.5 * (weight - 1):g}"/>'
        )
        pairs.append((a, b, weight))
    names = {node.id: node.label for node in nodes}
    for node in nodes:
        x, y = position[node.id]
        radius = round(6 + 8 * math.sqrt(node.weight / heaviest), 1)
        parts.append(f'<circle class="digest-node" cx="{x:g}" cy="{y:g}" r="{radius:g}"/>')
        below = y >= cy
        ty = y + radius + 15 if below else y - radius - 7
        label = escape_html(shorten(node.label, NETWORK_LABEL_CHARS))
        parts.append(f'<text x="{x:g}" y="{ty:g}" text-anchor="middle">{label}</text>')
    desc = "; ".join(f"{names[a]} and {names[b]}: {w} article{'s' if w != 1 else ''}" for a, b, w in pairs[:DESCRIBED_PAIRS])
    if len(pairs) > DESCRIBED_PAIRS:
        desc += f"; {len(pairs) - DESCRIBED_PAIRS} more pairs"
    return _figure(
        chart_id,
        width,
        height,
        title=f"Key players of {subject} named together",
        desc=f"Pairs of key players named in the same articles. {desc}.",
        body="".join(parts),
        caption="Key players named in the same articles (thicker line: more articles)",
        css="digest-chart digest-chart--network",
    )


def _figure(chart_id: str, width: float, height: float, title: str, desc: str, body: str, caption: str, css: str) -> Markup:
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    svg = (
        f'<svg role="img" aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">{escape_html(title)}</title><desc id="{desc_id}">{escape_html(desc)}</desc>'
        f"{body}</svg>"
    )
    return Markup(f'<figure class="{css}" {HTML_MARK}>{svg}<figcaption>{escape_html(caption)}</figcaption></figure>')
