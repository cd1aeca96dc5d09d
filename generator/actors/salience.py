"""Which actors an article is about, most central first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from generator.actors.names import fold
from generator.model import Analysis
from generator.settings import ActorSettings

ZONE_WEIGHT = {"title": 3.0, "standfirst": 2.0, "body": 1.0}
LEAD_SENTENCES = 2
LEAD_WEIGHT = 1.0


def main_actors(
    analyses: Sequence[Analysis],
    owner: Mapping[tuple[int, str], str],
    settings: ActorSettings,
) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """For each article, its actors by salience (mentions weighted by where they stand) and
    how often it names each."""
    found = []
    for position, analysis in enumerate(analyses):
        first_body = next((i for i, s in enumerate(analysis.sentences) if s.zone == "body"), 0)
        score: dict[str, float] = defaultdict(float)
        count: dict[str, int] = defaultdict(int)
        first_seen: dict[str, int] = {}
        for order, mention in enumerate(analysis.mentions):
            actor_id = owner.get((position, fold(mention.name)))
            if actor_id is None:
                continue
            weight = ZONE_WEIGHT[mention.zone]
            if mention.zone == "body" and mention.sentence - first_body < LEAD_SENTENCES:
                weight += LEAD_WEIGHT
            score[actor_id] += weight
            count[actor_id] += 1
            first_seen.setdefault(actor_id, order)
        ranked = sorted(score, key=lambda a: (-score[a], first_seen[a], a))[: settings.max_per_article]
        found.append((tuple(ranked), tuple(count[a] for a in ranked)))
    return found
