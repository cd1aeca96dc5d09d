"""Dates written in news text: full, year-less, and weekdays relative to the story date."""

from __future__ import annotations

import datetime

import pytest

from generator.clean.dates import DateMention, find_dates, first_full_date, month_names, relative_dates, weekday_names

WEDNESDAY = datetime.date(2024, 3, 6)


def spans(text: str) -> list[tuple[str, int, int, int | None]]:
    return [(text[d.start : d.end], d.month, d.day, d.year) for d in find_dates(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The G7 summit opens on 2024-06-13 in Apulia.", [("2024-06-13", 6, 13, 2024)]),
        ("Voting ends on March 5, 2024 in Senegal.", [("March 5, 2024", 3, 5, 2024)]),
        ("Talks resume Sept. 13 in Doha.", [("Sept. 13", 9, 13, None)]),
        ("The strike began on 3rd of May 2023 at Durban port.", [("3rd of May 2023", 5, 3, 2023)]),
        ("Parliament sits again on 14th February.", [("14th February", 2, 14, None)]),
        ("Published 12 Dec 2023 and updated Dec 14", [("12 Dec 2023", 12, 12, 2023), ("Dec 14", 12, 14, None)]),
    ],
)
def test_find_dates_reads_every_common_form(text, expected):
    assert spans(text) == expected


def test_find_dates_ignores_months_without_a_day_and_impossible_iso_dates():
    assert find_dates("In May the court in Nairobi ruled against the tax.") == []
    assert find_dates("Reference 2023-13-01 was filed in the 1990s.") == []


def test_first_full_date_skips_year_less_and_impossible_dates():
    assert first_full_date("On Dec 25 and on 31 June 2023, then on July 2, 2023") == datetime.date(2023, 7, 2)
    assert first_full_date("Dec 25th") is None


@pytest.mark.parametrize(
    "month, day, reference, expected",
    [
        (12, 30, datetime.date(2024, 1, 2), datetime.date(2023, 12, 30)),
        (1, 2, datetime.date(2023, 12, 30), datetime.date(2024, 1, 2)),
        (2, 29, datetime.date(2023, 3, 1), datetime.date(2024, 2, 29)),
        (6, 15, datetime.date(2024, 6, 1), datetime.date(2024, 6, 15)),
    ],
)
def test_year_less_date_takes_the_year_nearest_the_reference(month, day, reference, expected):
    assert DateMention(0, 0, month, day, None).resolve(reference) == expected


def test_year_less_date_without_reference_is_unknown():
    assert DateMention(0, 0, 5, 1, None).resolve(None) is None
    assert DateMention(0, 0, 5, 1, 2022).resolve(None) == datetime.date(2022, 5, 1)


@pytest.mark.parametrize(
    "text, forward, expected",
    [
        ("Rescuers arrived on Monday.", False, datetime.date(2024, 3, 4)),
        ("Talks resume on Monday.", True, datetime.date(2024, 3, 11)),
        ("Talks resume next Monday.", False, datetime.date(2024, 3, 11)),
        ("The vote was on Wednesday.", False, WEDNESDAY),
        ("The vote is on Wednesday.", True, WEDNESDAY),
        ("He resigned yesterday.", False, datetime.date(2024, 3, 5)),
        ("He will resign tomorrow.", False, datetime.date(2024, 3, 7)),
        ("Polls close tonight.", False, WEDNESDAY),
        ("Results due Fri.", False, datetime.date(2024, 3, 1)),
    ],
)
def test_relative_dates_resolve_against_the_story_date(text, forward, expected):
    assert [date for _, date in relative_dates(text, WEDNESDAY, forward=forward)] == [expected]


def test_last_weekday_is_never_in_the_future_even_when_the_sentence_is():
    text = "Officials met last Monday and will meet again."
    assert relative_dates(text, WEDNESDAY, forward=True) == [(text.index("last"), datetime.date(2024, 3, 4))]


def test_last_weekday_named_on_that_weekday_is_a_week_before():
    text = "The minister resigned last Wednesday."
    assert relative_dates(text, WEDNESDAY) == [(text.index("last"), datetime.date(2024, 2, 28))]


def test_short_lower_case_weekday_words_are_ordinary_words():
    assert relative_dates("Crews used a sat phone and the wed couple fled.", WEDNESDAY) == []


def test_relative_dates_are_sorted_by_position():
    text = "Yesterday's talks in Geneva will resume on Friday."
    found = relative_dates(text, WEDNESDAY, forward=True)
    assert found == [(0, datetime.date(2024, 3, 5)), (text.index("Friday"), datetime.date(2024, 3, 8))]


def test_name_lists_come_from_the_calendar_resource():
    assert {"january", "sept", "dec"} <= month_names()
    assert {"monday", "thurs", "sun"} <= weekday_names()
    assert "may" in month_names() and "march" in month_names()
