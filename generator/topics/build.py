"""Build each topic section into a story: the one place that makes a Topic.

For the articles of one cluster: a headline (the title of the article most central to the
story, else its most central sentence), a short label (the story's leading place and its top
keyphrase), a two-sentence summary and three to five highlights (extractive, central, not
redundant, news before background, each linked to its sentence), the key players (people and
organisations first, places as 'where'), what people are saying (the strongest attributed
quotes of its key players) and the timeline.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from generator import slugs
from generator.clean import cohesion
from generator.model import Actor, ActorIndex, Analysis, Article, Highlight, Topic, TopicQuote
from generator.settings import TopicSettings
from generator.topics import sentences as sentence_pool
from generator.topics import timeline

HEADLINE_MAX_WORDS = 32
"""A headline made from a sentence is cut to this many words."""
LABEL_MAX_WORDS = 5
KEY_PLAYERS = 10
QUOTE_MAX_WORDS = 50


def _topic_bag(members: Sequence[int], articles: Sequence[Article], analyses: Sequence[Analysis]) -> Counter[str]:
    bag: Counter[str] = Counter()
    for i in members:
        bag.update(cohesion.bag(articles[i].title or ""))
        bag.update(dict(analyses[i].terms))
    return bag


def _central_article(members: Sequence[int], articles: Sequence[Article], analyses: Sequence[Analysis], bag: Counter[str]) -> int:
    """The member whose words are closest to the whole topic's (a titled one when there is one)."""
    centrality = cohesion.cosine_to(bag)

    def closeness(i: int) -> tuple[bool, float, int]:
        own = Counter(dict(analyses[i].terms))
        own.update(cohesion.bag(articles[i].title or ""))
        return (articles[i].title is not None, centrality(own), -i)

    return max(members, key=closeness)


def _shorten(text: str, max_words: int) -> str:
    words = text.split()
    if len(words) <= max_words:
        return text.rstrip(".")
    return " ".join(words[:max_words]).rstrip(",;:") + "…"


def _key_players(members: Sequence[int], index: ActorIndex, actors: dict[str, Actor]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Actor ids of the topic by summed salience: (people and organisations, places)."""
    score: Counter[str] = Counter()
    for i in members:
        entry = index.by_article[i]
        for rank, (actor_id, count) in enumerate(zip(entry.main, entry.mentions)):
            score[actor_id] += count + 1.0 / (rank + 1)
    ranked = sorted(score, key=lambda a: (-score[a], a))
    players = tuple(a for a in ranked if actors[a].type != "place")[:KEY_PLAYERS]
    places = tuple(a for a in ranked if actors[a].type == "place")[:KEY_PLAYERS]
    return players, places


def _label(places: Sequence[str], keyphrases: Sequence[str], actors: dict[str, Actor], headline: str) -> str:
    """'<leading place> <top topic phrase>' (preferably a phrase with no name in it), or the
    phrase alone, or the headline cut short when the topic has no phrase."""
    phrase = next((k for k in keyphrases if not any(w[:1].isupper() for w in k.split())), keyphrases[0] if keyphrases else None)
    place = actors[places[0]].name if places else None
    if phrase and place and place.lower() not in phrase.lower():
        return _shorten(f"{place} {phrase}", LABEL_MAX_WORDS)
    if phrase:
        return _shorten(phrase[:1].upper() + phrase[1:], LABEL_MAX_WORDS)
    return _shorten(headline, LABEL_MAX_WORDS)


def _quotes(players: Sequence[str], members: set[str], actors: dict[str, Actor], count: int) -> tuple[TopicQuote, ...]:
    """The key players' longest quotes from the topic's articles, one per speaker."""
    chosen = []
    for actor_id in players:
        said = [q for q in actors[actor_id].quotes if q.article_id in members and len(q.text.split()) <= QUOTE_MAX_WORDS]
        if said:
            best = max(said, key=lambda q: (len(q.text.split()), q.article_id))
            chosen.append(TopicQuote(actor_id, best.text, best.article_id))
        if len(chosen) == count:
            break
    return tuple(chosen)


def build(
    groups: Sequence[Sequence[int]],
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    index: ActorIndex,
    keyphrases: Sequence[Sequence[str]],
    settings: TopicSettings,
) -> tuple[Topic, ...]:
    """One Topic per group of article positions, in the groups' order."""
    actors = {actor.id: actor for actor in index.actors}
    taken: set[str] = set()
    topics = []
    for members, phrases in zip(groups, keyphrases):
        bag = _topic_bag(members, articles, analyses)
        central = _central_article(members, articles, analyses, bag)
        pool = sentence_pool.candidates(members, analyses, bag)
        summary = sentence_pool.diverse(pool, settings.summary_sentences)
        highlights = sentence_pool.diverse([c for c in pool if c not in summary], settings.highlights, taken=summary)
        headline = articles[central].title or (summary[0].text if summary else articles[central].paragraphs[0])
        players, places = _key_players(members, index, actors)
        label = _label(places, phrases, actors, headline)
        ids = {articles[i].id for i in members}
        topics.append(
            Topic(
                id=slugs.unique(slugs.slugify(label), taken),
                label=label,
                headline=_shorten(headline, HEADLINE_MAX_WORDS),
                articles=tuple(articles[i].id for i in members),
                summary=tuple(c.text for c in sorted(summary, key=lambda c: (-c.score,))),
                highlights=tuple(Highlight(c.text, articles[c.article].id, c.sentence) for c in highlights),
                keyphrases=tuple(phrases),
                actors=players,
                places=places,
                quotes=_quotes(players, ids, actors, settings.quotes),
                timeline=timeline.events(members, articles, analyses),
            )
        )
    return tuple(topics)


def by_topic(topics: Sequence[Topic]) -> dict[str, str]:
    """Article id -> id of its topic."""
    found: dict[str, str] = defaultdict(str)
    for topic in topics:
        for article_id in topic.articles:
            found[article_id] = topic.id
    return dict(found)
