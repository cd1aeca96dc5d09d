"""A small hand-made Digest for testing the site without the analysis stages.

Three stories: a port strike covered by three outlets (one article known only by its web
address), a comet sighting from one article with no headline and no outlet, and a council
story whose article text is hostile (markup, template syntax, Markdown links).
"""

from __future__ import annotations

import re

from generator.model import (
    Actor,
    Analysis,
    Article,
    ArticleDigest,
    Digest,
    Highlight,
    InputRecord,
    QuoteRef,
    Sentence,
    TimelineEvent,
    Topic,
    TopicQuote,
)

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% if %} | [click](javascript:alert(2)) *bold* # not a heading"
SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")
EDITION = "2031-03-06"


def _sentences(title: str | None, paragraphs: tuple[str, ...]) -> tuple[Sentence, ...]:
    out = [Sentence(title, "title", 0)] if title else []
    for number, paragraph in enumerate(paragraphs):
        out.extend(Sentence(text, "body", number) for text in SENTENCE_END.split(paragraph))
    return tuple(out)


def _article(id: str, source: str, title: str | None, paragraphs: tuple[str, ...], **fields) -> Article:
    return Article(
        id=id, source=source, part=fields.pop("part", 1), start=fields.pop("start", 0), end=fields.pop("end", 500),
        title=title, date=fields.pop("date", None), date_basis=fields.pop("date_basis", None), standfirst=(),
        paragraphs=paragraphs, **fields,
    )


def make_digest(hostile: str = HOSTILE, edition: str = EDITION) -> Digest:
    """The test digest; `hostile` is planted in a title, a paragraph, a quote and an actor name."""
    articles = [
        _article(
            "coast-wire-2031-03-04-port-strike-enters-second-week", "harbour.txt", "Port strike enters second week",
            (
                "Dockers in Valmora kept the port closed on Tuesday. The union rejected the latest offer.",
                "“We will not move until the offer changes,” said Lena Varga, the union leader.",
                "Talks are due to resume on Monday. Ships are waiting outside the harbour.",
            ),
            date="2031-03-04", date_basis="input", outlet="Coast Wire", author="Ana Pires",
            url="https://coastwire.example/news/port-strike?id=1&ref=(x)", part=1, start=0, end=310,
        ),
        _article(
            "harbour-daily-2031-03-05-port-authority-and-union-meet", "harbour.txt", "Port authority and union meet",
            (
                "Talks between the port authority and the union resumed on Wednesday without a deal. "
                "Lena Varga said the union would wait.",
                "The port authority called the strike unlawful.",
            ),
            date="2031-03-05", date_basis="dateline", outlet="Harbour Daily", part=2, start=311, end=600,
            also_in=("mirror/harbour.txt",),
        ),
        _article(
            "valmora-port-strike-hits-exports", "feeds/ports.xml", "Port strike hits exports",
            ("Exports through Valmora fell by half during the strike. Lena Varga blamed the port authority.",),
            date="2031-03-06", date_basis="stamp", url="https://www.portnews.example/exports", item=3,
        ),
        _article(
            "astronomers-saw-a-faint-comet-over-the-bay", "space/comet.txt", None,
            ("Astronomers saw a faint comet over the bay on Friday night. It will be visible for a week.",),
            date="2031-03-06",
        ),
        _article(
            "city-council-2031-03-06-council-notice", "council.txt", f"Council notice {hostile}",
            (f"The notice read {hostile} and nothing else.", "The council said it would investigate."),
            date="2031-03-06", outlet="City Bulletin",
        ),
    ]
    ids = [a.id for a in articles]
    strike, meet, exports, comet, council = ids
    analyses = {a.id: Analysis(a.id, _sentences(a.title, a.paragraphs), (), (), (), ()) for a in articles}

    def index_of(article_id: str, start: str) -> int:
        return next(i for i, s in enumerate(analyses[article_id].sentences) if s.text.startswith(start))

    actors = (
        Actor(
            id="lena-varga", name="Lena Varga", type="person", variants=("Lena Varga", "Varga"),
            articles=(strike, meet, exports), mentions=5, role="union leader", roles=("union leader",),
            quotes=(QuoteRef(strike, "We will not move until the offer changes,", index_of(strike, "“We will not")),),
            related=("port-authority", "valmora"),
        ),
        Actor(
            id="port-authority", name="Port Authority", type="organization", variants=("Port Authority", "port authority"),
            articles=(meet, exports), mentions=3,
        ),
        Actor(
            id="valmora", name="Valmora", type="place", variants=("Valmora",), articles=(strike, exports), mentions=2,
        ),
        Actor(
            id="city-council", name=f"City Council {hostile}", type="organization", variants=("City Council",),
            articles=(council,), mentions=1,
        ),
        Actor(id="astronomers-guild", name="Astronomers Guild", type="group", variants=("Astronomers Guild",), articles=(comet,), mentions=1),
    )
    topics = (
        Topic(
            id="port-strike", label="Port strike", headline="Valmora dockers keep the port shut as talks stall",
            articles=(strike, meet, exports),
            summary=("Dockers in Valmora kept the port closed for a second week.", "Exports fell by half while talks stalled."),
            highlights=(
                Highlight("The union rejected the latest offer.", strike, index_of(strike, "The union rejected")),
                Highlight("The port authority called the strike unlawful.", meet, index_of(meet, "The port authority called")),
                Highlight("Exports through Valmora fell by half during the strike.", exports, index_of(exports, "Exports")),
                Highlight("Ships are waiting outside the harbour.", strike, index_of(strike, "Ships are")),
            ),
            keyphrases=("port strike", "union", "exports"),
            actors=("lena-varga", "port-authority"),
            places=("valmora",),
            quotes=(TopicQuote("lena-varga", "We will not move until the offer changes,", strike),),
            timeline=(
                TimelineEvent("2031-03-04", "Dockers in Valmora kept the port closed on Tuesday.", strike),
                TimelineEvent("2031-03-05", "Talks between the port authority and the union resumed on Wednesday without a deal.", meet),
                TimelineEvent("2031-03-10", "Talks are due to resume on Monday.", strike, scheduled=True),
            ),
        ),
        Topic(
            id="comet", label="Comet", headline="A faint comet is visible over the bay", articles=(comet,),
            summary=("Astronomers saw a faint comet over the bay.", "It stays visible for a week."),
            highlights=(Highlight("It will be visible for a week.", comet, index_of(comet, "It will")),),
            keyphrases=("comet",), actors=("astronomers-guild",),
        ),
        Topic(
            id="council", label="Council", headline=f"Council notice {hostile}", articles=(council,),
            summary=(f"The notice read {hostile}.", "The council will investigate."),
            highlights=(Highlight(f"The notice read {hostile} and nothing else.", council, index_of(council, "The notice")),),
            keyphrases=(f"notice {hostile}",), actors=("city-council",),
            quotes=(TopicQuote("city-council", f"Quote {hostile}", council),),
        ),
    )
    topic_of = {a: t.id for t in topics for a in t.articles}
    phrases = {
        strike: ("port strike", "union", "offer"), meet: ("Port strike", "talks", "union"), exports: ("exports", "port strike"),
        comet: ("comet",), council: (f"notice {hostile}", "council"),
    }
    actors_of = {strike: ("lena-varga", "valmora"), meet: ("lena-varga", "port-authority"),
                 exports: ("lena-varga", "port-authority", "valmora"), comet: ("astronomers-guild",), council: ("city-council",)}
    summaries = {strike: ("Dockers in Valmora kept the port closed on Tuesday.",), council: (f"The notice read {hostile}.",)}
    entries = tuple(
        ArticleDigest(a, topic_of[a.id], phrases[a.id], actors_of[a.id], summaries.get(a.id, ()))
        for a in articles
    )
    return Digest(
        generated=f"{edition}T00:00:00Z", edition=edition, articles=entries, actors=actors, topics=topics,
        analyses=tuple(analyses[i] for i in ids),
        inputs=(InputRecord("harbour.txt", "read", articles=(strike, meet)),),
    )
