"""Actors: the people, organisations and places of the digest, each spelling merged into one.

From the mentions every article's analysis found, with the names other articles' parses
recognised where this one's missed them (`recover`): names the text cites as news sources
(agencies, broadcasters, presenters) become the article's credits, not actors; nationality
words are context, not actors; every other name becomes a Name per article, the merge passes
(`merge`) join the spellings of one actor, and each group becomes an Actor with a type decided
by vote (`types`), its variants, roles, quotes and the actors most often named beside it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence

from generator import resources, slugs
from generator.actors import merge as merging
from generator.actors import recover, salience, types
from generator.actors.names import fold
from generator.model import Actor, ActorIndex, Analysis, Article, ArticleActors, Mention, QuoteRef
from generator.settings import ActorSettings


def _names(analyses: Sequence[Analysis], language: str) -> tuple[list[merging.Name], dict[tuple[int, str], list[Mention]]]:
    """One Name per article and folded spelling, with the mentions behind it."""
    event_titles = resources.words("event_titles", language)
    grouped: dict[tuple[int, str], list[Mention]] = defaultdict(list)
    first: dict[tuple[int, str], int] = {}
    last: dict[tuple[int, str], int] = {}
    for position, analysis in enumerate(analyses):
        for order, mention in enumerate(analysis.mentions):
            if mention.label == "SOURCE" or types.is_demonym(mention.name, language):
                continue
            key = (position, fold(mention.name))
            grouped[key].append(mention)
            first.setdefault(key, order)
            last[key] = order
    found = []
    for (position, key), mentions in sorted(grouped.items()):
        written = Counter(m.name for m in mentions)
        text = min(written.items(), key=lambda item: (-item[1], item[0]))[0]
        votes = types.votes(text, mentions, language)
        found.append(
            merging.Name(
                id=len(found),
                article=position,
                text=text,
                kind=types.decide(votes),
                mentions=len(mentions),
                votes=votes,
                forms=Counter(m.text for m in mentions),
                aliases={m.alias for m in mentions if m.alias},
                located=any(m.locative for m in mentions),
                titled=any(m.title and m.title.lower() not in event_titles for m in mentions),
                first=first[(position, key)],
                last=last[(position, key)],
            )
        )
    return found, grouped


def _canonical(group: Sequence[merging.Name]) -> str:
    """The fullest spelling written: several words over one, then the most used, then the longest."""
    written: Counter[str] = Counter()
    for name in group:
        written[name.text] += name.mentions
    return min(written, key=lambda text: (-(len(text.split()) > 1), -written[text], -len(text), text))


def build(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    settings: ActorSettings,
    language: str = "en",
    explain: str | None = None,
) -> ActorIndex:
    """Every actor of the digest and the main actors of each article."""
    analyses = recover.recover(analyses)
    all_names, grouped = _names(analyses, language)
    groups = merging.merge(all_names, settings, explain)
    taken: set[str] = set()
    drafts = []
    for group in groups:
        mentions = [m for name in group for m in grouped[(name.article, fold(name.text))]]
        canonical = _canonical(group)
        tally: Counter = Counter()
        for name in group:
            tally.update(name.votes)
        drafts.append((canonical, types.decide(tally), group, mentions))
    # Ids in order of prominence so that the most mentioned actor keeps the plain slug.
    drafts.sort(key=lambda d: (-len(d[3]), d[0]))
    actors = []
    owner: dict[tuple[int, str], str] = {}
    for canonical, kind, group, mentions in drafts:
        actor_id = slugs.unique(slugs.slugify(canonical), taken)
        for name in group:
            owner[(name.article, fold(name.text))] = actor_id
        roles = Counter(m.role for m in mentions if m.role)
        actors.append(
            Actor(
                id=actor_id,
                name=canonical,
                type=kind,
                variants=tuple(sorted({form for name in group for form in name.forms} | {name.text for name in group})),
                articles=tuple(articles[i].id for i in sorted({name.article for name in group})),
                mentions=len(mentions),
                role=roles.most_common(1)[0][0] if roles else None,
                roles=tuple(role for role, _ in sorted(roles.items(), key=lambda item: (-item[1], item[0]))),
            )
        )
    per_article = salience.main_actors(analyses, owner, settings)
    actors = _with_quotes_and_related(actors, analyses, articles, owner, [ids for ids, _ in per_article], settings)
    return ActorIndex(
        actors=tuple(actors),
        by_article=tuple(
            ArticleActors(article.id, ids, counts, _credited(analysis))
            for article, analysis, (ids, counts) in zip(articles, analyses, per_article)
        ),
    )


def _credited(analysis: Analysis) -> tuple[str, ...]:
    return tuple(sorted({m.name for m in analysis.mentions if m.label == "SOURCE"}))


def _with_quotes_and_related(actors, analyses, articles, owner, per_article, settings) -> list[Actor]:
    """Actors with their quotes and the actors most often named in the same articles."""
    quotes: dict[str, list[QuoteRef]] = defaultdict(list)
    for position, analysis in enumerate(analyses):
        for quote in analysis.quotes:
            actor_id = owner.get((position, fold(quote.speaker)))
            if actor_id:
                quotes[actor_id].append(QuoteRef(articles[position].id, quote.text, quote.sentence))
    together: dict[str, Counter[str]] = defaultdict(Counter)
    for ids in per_article:
        for actor_id in ids:
            together[actor_id].update(other for other in ids if other != actor_id)
    return [
        dataclasses.replace(
            actor,
            quotes=tuple(quotes.get(actor.id, ())),
            related=tuple(other for other, _ in sorted(together[actor.id].items(), key=lambda item: (-item[1], item[0]))[: settings.related_max]),
        )
        for actor in actors
    ]
