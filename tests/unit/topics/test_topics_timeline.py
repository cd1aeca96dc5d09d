"""timeline: dated events of a topic from stated dates, weekdays and 'will ... on <day>'."""

from __future__ import annotations

from generator.model import Analysis, Article, Sentence, TimelineEvent
from generator.topics import timeline


def article(id: str, date: str | None, title: str | None = None) -> Article:
    return Article(id=id, source=f"{id}.txt", part=1, start=0, end=1, title=title, date=date, date_basis="input" if date else None,
                   standfirst=(), paragraphs=("x",))


def analysis(id: str, *body: str) -> Analysis:
    return Analysis(id, tuple(Sentence(text, "body", i) for i, text in enumerate(body)), (), (), (), ())


# 2025-03-12 is a Wednesday.
DOHA = article("doha", "2025-03-12", "Gaza truce talks resume in Doha")


def test_the_headline_stands_on_the_article_date():
    events = timeline.events([0], [DOHA], [analysis("doha", "Negotiators met again in Doha.")])
    assert events == (TimelineEvent("2025-03-12", "Gaza truce talks resume in Doha", "doha"),)


def test_a_full_date_puts_its_sentence_on_that_date():
    said = "The first phase of the truce began on January 19, 2025, with a hostage exchange."
    events = timeline.events([0], [DOHA], [analysis("doha", said)])
    assert [(e.date, e.text, e.scheduled) for e in events] == [("2025-01-19", said, False), ("2025-03-12", DOHA.title, False)]


def test_a_weekday_resolves_back_to_the_week_before_the_article():
    said = "Egyptian mediators presented a new proposal on Monday, officials said."
    events = timeline.events([0], [DOHA], [analysis("doha", said)])
    assert [(e.date, e.text) for e in events][0] == ("2025-03-10", said)


def test_yesterday_is_the_day_before():
    said = "Qatar's prime minister met the delegations yesterday in Doha."
    assert timeline.events([0], [DOHA], [analysis("doha", said)])[0].date == "2025-03-11"


def test_what_will_happen_on_a_weekday_is_forward_and_scheduled():
    said = "The delegations will meet again on Tuesday to discuss the second phase."
    events = timeline.events([0], [DOHA], [analysis("doha", said)])
    assert events[-1] == TimelineEvent("2025-03-18", said, "doha", scheduled=True)


def test_next_weekday_is_forward():
    said = "Mediators expect an answer from both sides by next Friday at the latest."
    assert timeline.events([0], [DOHA], [analysis("doha", said)])[-1].date == "2025-03-14"


def test_a_date_before_the_newest_article_of_the_topic_is_not_scheduled():
    later = article("cairo", "2025-03-20", "Truce talks move to Cairo")
    said = "The delegations will meet again on Tuesday to discuss the second phase."
    events = timeline.events([0, 1], [DOHA, later], [analysis("doha", said), analysis("cairo")])
    assert [(e.date, e.article_id, e.scheduled) for e in events] == [
        ("2025-03-12", "doha", False), ("2025-03-18", "doha", False), ("2025-03-20", "cairo", False),
    ]


def test_a_sentence_about_the_article_day_adds_no_event():
    said = "Talks resumed today in Doha after a two-week pause."
    assert timeline.events([0], [DOHA], [analysis("doha", said)]) == (TimelineEvent("2025-03-12", DOHA.title, "doha"),)


def test_without_an_article_date_only_full_dates_count():
    undated = article("undated", None, "Truce talks")
    full = "The truce began on January 19, 2025, with a hostage exchange."
    events = timeline.events([0], [undated], [analysis("undated", "Mediators met on Monday in Doha.", full)])
    assert events == (TimelineEvent("2025-01-19", full, "undated"),)


def test_events_are_oldest_first_and_capped():
    body = [f"Aid convoy number {day} reached Rafah on March {day}, 2025, the UN said." for day in range(1, 16)]
    events = timeline.events([0], [DOHA], [analysis("doha", *body)])
    dates = [e.date for e in events]
    assert dates == sorted(dates)
    assert len(events) == timeline.MAX_EVENTS
    assert dates[-1] == "2025-03-15"


def test_one_event_per_date_and_article():
    first = "Negotiators met on March 3, 2025, in Cairo."
    second = "A second meeting on March 3, 2025, ended without a deal."
    events = timeline.events([0], [DOHA], [analysis("doha", first, second)])
    assert [(e.date, e.text) for e in events] == [("2025-03-03", first), ("2025-03-12", DOHA.title)]


def test_an_undated_title_falls_back_to_the_first_body_sentence():
    untitled = article("untitled", "2025-03-12")
    events = timeline.events([0], [untitled], [analysis("untitled", "Hamas delegates arrived in Doha.")])
    assert events == (TimelineEvent("2025-03-12", "Hamas delegates arrived in Doha.", "untitled"),)
