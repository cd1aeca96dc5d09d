"""Datelines that open a story: place, date and agency read, their length cut from the text."""

from __future__ import annotations

import datetime

import pytest

from generator.clean.datelines import Dateline, parse


@pytest.mark.parametrize(
    "paragraph, place, agency, month_day, rest",
    [
        ("SOFIA, Dec 6 (Reuters) - Bulgaria's government resigned.", "Sofia", "Reuters", (12, 6, None), "Bulgaria's government resigned."),
        ("LONDON (AP) — Britain's unemployment rate rose.", "London", "AP", None, "Britain's unemployment rate rose."),
        ("Sept. 13 (UPI) -- A fire broke out at a warehouse.", None, "UPI", (9, 13, None), "A fire broke out at a warehouse."),
        ("NEW DELHI: India's monsoon arrived early.", "New Delhi", None, None, "India's monsoon arrived early."),
        ("Kennett Square, Pa. (AP) - A mushroom farm flooded.", "Kennett Square", "AP", None, "A mushroom farm flooded."),
        ("KYIV, Ukraine (AP) — Russian drones hit Odesa.", "Kyiv", "AP", None, "Russian drones hit Odesa."),
        ("GAZA CITY, 5 March (AFP) - Israeli strikes hit Rafah.", "Gaza City", "AFP", (3, 5, None), "Israeli strikes hit Rafah."),
        ("BEIRUT [Lebanon], Jan 3 - A blast shook the port.", "Beirut", None, (1, 3, None), "A blast shook the port."),
        ("ISTANBUL (ILKHA) - Turkish police detained 12.", "Istanbul", "ILKHA", None, "Turkish police detained 12."),
        ("DUBAI, Jan 3, 2024 (WAM) - The UAE announced aid.", "Dubai", "WAM", (1, 3, 2024), "The UAE announced aid."),
        ("WASHINGTON - The Senate passed the bill.", "Washington", None, None, "The Senate passed the bill."),
    ],
)
def test_dateline_is_read_and_measured(paragraph, place, agency, month_day, rest):
    dateline = parse(paragraph)
    assert (dateline.place, dateline.agency, dateline.month_day) == (place, agency, month_day)
    assert paragraph[dateline.length :] == rest


def test_an_agency_written_as_the_place_is_the_agency():
    dateline = parse("XINHUA - China's exports rose 7 percent in May.")
    assert (dateline.place, dateline.agency) == (None, "XINHUA")


@pytest.mark.parametrize(
    "paragraph",
    [
        "The minister - who took office in May - resigned on Friday.",
        "Washington - the capital - was quiet on Sunday.",
        "Reuters - the news agency - reported the deal first.",
        "Paris: the mayor closed the Seine to swimmers.",
        "Kenya floods displace thousands as rains batter Nairobi",
        "LONDON (AP) —",
    ],
)
def test_ordinary_openings_are_no_dateline(paragraph):
    assert parse(paragraph) is None


def test_dateline_date_takes_the_year_nearest_the_reference():
    dateline = parse("SYDNEY, Dec 30 (Reuters) - Bushfires spread.")
    assert dateline.date(datetime.date(2024, 1, 2)) == datetime.date(2023, 12, 30)
    assert dateline.date(None) is None
    assert parse("DUBAI, Jan 3, 2024 (WAM) - Aid left.").date(None) == datetime.date(2024, 1, 3)


def test_dateline_without_date_has_no_date():
    assert Dateline(10, "London", "AP", None).date(datetime.date(2024, 1, 2)) is None
