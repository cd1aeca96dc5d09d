"""A small hand-made Digest for testing rendering and publishing without the NLP stages."""

from __future__ import annotations

from generator.model import (
    Actor,
    ActorIndex,
    Article,
    Digest,
    KeyPoint,
    Quote,
    TimelineEvent,
    Topic,
)

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% raw %} *bold* [link](javascript:x) | pipe"


def make_digest(hostile: str = HOSTILE) -> Digest:
    articles = (
        Article(
            id="harbour-1", source="harbour.txt", part=1, start=0, end=120, title="Port strike enters second week",
            date="2031-03-04", dateline="Valmora", outlet="Coast Wire", standfirst=("Dockers reject the offer",),
            paragraphs=("Dockers in Valmora kept the port closed on Tuesday.", f"A union leaflet read {hostile}."),
        ),
        Article(
            id="harbour-2", source="harbour.txt", part=2, start=121, end=300, title=None,
            date="2031-03-05", dateline=None, outlet=None, standfirst=(),
            paragraphs=("Talks between the port authority and the union resumed on Wednesday without a deal.",),
        ),
        Article(
            id="comet", source="space/comet.txt", part=1, start=0, end=80, title="Comet seen over the bay",
            date=None, dateline=None, outlet="Sky Daily", standfirst=(),
            paragraphs=("Astronomers saw a faint comet.",),
        ),
    )
    lena = Actor(
        id="lena-varga", name="Lena Varga", type="person", variants=("Lena Varga", "Varga"),
        articles=("harbour-1", "harbour-2"), mentions=4, role="union leader", roles=("union leader",),
        quotes=(Quote(article_id="harbour-1", speaker="lena-varga", text=f"We will not move {hostile}"),),
        related=("valmora",),
    )
    valmora = Actor(
        id="valmora", name="Valmora", type="place", variants=("Valmora",), articles=("harbour-1",), mentions=1,
    )
    topics = (
        Topic(
            id="port-strike", label="Port strike in Valmora", articles=("harbour-1", "harbour-2"),
            keyphrases=("port strike", "union"), actors=("lena-varga", "valmora"),
            key_points=(KeyPoint("Dockers in Valmora kept the port closed on Tuesday.", "harbour-1"),),
            timeline=(TimelineEvent("2031-03-04", "Dockers kept the port closed.", "harbour-1"),),
        ),
        Topic(id="comet-sighting", label="Comet sighting", articles=("comet",), keyphrases=("comet",)),
    )
    return Digest(
        generated="2031-03-05T00:00:00Z",
        articles=articles,
        keyphrases={"harbour-1": ("port strike", "union"), "harbour-2": ("Port strike", "talks"), "comet": ("comet",)},
        actors=ActorIndex(actors=(lena, valmora), by_article={"harbour-1": ("lena-varga", "valmora"), "harbour-2": ("lena-varga",)}),
        topics=topics,
        article_topic={"harbour-1": "port-strike", "harbour-2": "port-strike", "comet": "comet-sighting"},
        summaries={"harbour-1": ("Dockers in Valmora kept the port closed on Tuesday.",)},
    )
