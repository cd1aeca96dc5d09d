"""Repairs inside a paragraph: dateline, closing agency credit, glued sentences, widget sentences."""

from __future__ import annotations

import pytest

from generator.clean.inline import Paragraph, repair


def test_the_dateline_of_a_first_paragraph_is_cut_and_kept():
    found = repair("SOFIA, Dec 6 (Reuters) - Bulgaria's government resigned on Friday.", first=True)
    assert found.text == "Bulgaria's government resigned on Friday."
    assert (found.dateline.place, found.dateline.agency, found.dateline.month_day) == ("Sofia", "Reuters", (12, 6, None))
    assert found.credit is None


def test_a_later_paragraph_keeps_a_dateline_shaped_opening():
    text = "WASHINGTON - The Senate passed the bill late on Thursday."
    assert repair(text, first=False) == Paragraph(text, None, None)


@pytest.mark.parametrize("agency", ["ILKHA", "Xinhua", "Anadolu", "WAFA"])
def test_a_closing_agency_credit_is_cut_and_kept(agency):
    found = repair(f"Rescue teams reached the village of Hatay at dawn. ({agency})", first=False)
    assert found == Paragraph("Rescue teams reached the village of Hatay at dawn.", None, agency)


@pytest.mark.parametrize(
    "text",
    [
        "The deal was signed in Kuala Lumpur with Petronas (Malaysia)",
        "The vote in Dhaka was postponed (again)",
        "Sweden became the 32nd member of the North Atlantic Treaty Organization (NATO).",
    ],
)
def test_other_closing_brackets_stay(text):
    assert repair(text, first=False) == Paragraph(text, None, None)


def test_dateline_and_closing_credit_together():
    found = repair("KYIV (Reuters) - Russia launched 40 drones overnight, Ukraine's air force said. (Reuters)", first=True)
    assert (found.text, found.dateline.place, found.credit) == ("Russia launched 40 drones overnight, Ukraine's air force said.", "Kyiv", "Reuters")


def test_glued_sentences_are_parted():
    found = repair("The talks in Doha lasted four months.Russian news agencies said a deal was near.", first=False)
    assert found.text == "The talks in Doha lasted four months. Russian news agencies said a deal was near."


@pytest.mark.parametrize("text", ["The U.S.Treasury said it would act.", "He earned a Ph.D.In 2010 he moved to Accra."])
def test_abbreviations_are_not_parted(text):
    assert repair(text, first=False).text == text


def test_a_widget_sentence_inside_a_paragraph_is_dropped():
    found = repair(
        "The talks lasted four months. Follow us on Telegram for the latest news. Officials in Doha declined to comment.",
        first=False,
    )
    assert found.text == "The talks lasted four months. Officials in Doha declined to comment."


def test_a_paragraph_without_widget_sentences_keeps_its_spacing():
    text = "Talks lasted four months.  Officials declined to comment."
    assert repair(text, first=False).text == text


def test_a_paragraph_of_only_a_widget_sentence_becomes_empty():
    assert repair("Follow us on Telegram for the latest news.", first=False).text == ""


def test_a_sentence_that_only_contains_an_opener_stays():
    text = "Officials said they would read more of the report. Talks resume on Monday."
    assert repair(text, first=False).text == text
