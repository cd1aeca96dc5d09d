"""A page's lines, furniture set aside, read as headings, paragraphs, bullets and time markers."""

from __future__ import annotations

import pytest

from generator.clean.blocks import Block, build
from generator.clean.lines import split_lines


def blocks_of(text: str, furniture: dict | None = None, max_words: int = 16) -> list[Block]:
    return build(split_lines(text), furniture or {}, max_words)


def shapes(blocks: list[Block]) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in blocks]


def test_headings_paragraphs_and_bullets_in_reading_order():
    text = (
        "Typhoon Gaemi lashes Taiwan\n"
        "- Schools and offices closed in Taipei\n"
        "• Flights cancelled at Taoyuan\n"
        "\n"
        "Typhoon Gaemi made landfall on Taiwan's east coast on Wednesday night, bringing heavy rain.\n"
        "Evacuations\n"
        "More than 8,000 people were moved from mountain villages in Hualien, officials said.\n"
    )
    assert shapes(blocks_of(text)) == [
        ("heading", "Typhoon Gaemi lashes Taiwan"),
        ("bullet", "Schools and offices closed in Taipei"),
        ("bullet", "Flights cancelled at Taoyuan"),
        ("text", "Typhoon Gaemi made landfall on Taiwan's east coast on Wednesday night, bringing heavy rain."),
        ("heading", "Evacuations"),
        ("text", "More than 8,000 people were moved from mountain villages in Hualien, officials said."),
    ]


def test_a_crosshead_between_dashes_is_a_heading():
    text = "Typhoon Gaemi made landfall on Taiwan's east coast on Wednesday night.\n- 'Like a river' -\nWater filled the streets of Hualien."
    found = blocks_of(text)
    assert shapes(found)[1] == ("heading", "'Like a river'")
    assert text[found[1].start : found[1].end] == "'Like a river'"


def test_a_dateline_set_over_lines_joins_its_paragraph():
    text = "Kyiv\n—\nRussia launched its biggest air strike of the month overnight, officials said.\nPower was cut in Lviv."
    found = blocks_of(text)
    assert shapes(found)[0] == ("text", "KYIV — Russia launched its biggest air strike of the month overnight, officials said.")
    assert found[0].start == 0


def test_a_lone_dash_after_a_long_heading_is_dropped_and_the_heading_stays():
    text = "Russia launches biggest air strike of the month\n—\n- Power cut in Lviv\nOfficials said repairs would take days."
    assert shapes(blocks_of(text))[:2] == [("heading", "Russia launches biggest air strike of the month"), ("bullet", "Power cut in Lviv")]


def test_block_offsets_point_into_the_source_and_skip_the_bullet_mark():
    text = "Ghana cedi slides\n  - Importers rush for dollars\nGhana's cedi fell to a record low on Monday."
    found = blocks_of(text)
    assert [text[block.start : block.end] for block in found] == [block.text for block in found]
    assert found[1].start == text.index("Importers")


def test_furniture_lines_are_left_out():
    text = "Share this article\nThe Bank of Ghana raised its policy rate to 30 percent.\nBy Kwame Mensah"
    found = blocks_of(text, {0: ("navigation", "widget_lines"), 2: ("byline", "bylines")})
    assert shapes(found) == [("text", "The Bank of Ghana raised its policy rate to 30 percent.")]


def test_a_time_stamp_between_paragraphs_is_a_marker():
    text = (
        "10:02 am\n"
        "Russian drones struck energy sites in the Odesa region overnight, the governor said.\n"
        "10:45 am\n"
        "The Bank of England kept its main interest rate at 5.25 percent."
    )
    stamps = {0: ("timestamp", "stamp_lines"), 2: ("timestamp", "stamp_lines")}
    assert [block.kind for block in blocks_of(text, stamps)] == ["text", "marker", "text"]
    assert blocks_of(text, stamps)[1] == Block("marker", "10:45 am", text.index("10:45"), text.index("10:45") + 8)


def test_a_paragraph_broken_by_a_clock_line_mid_sentence_is_joined_again():
    text = (
        "Rescuers in the eastern Libyan city of Derna said on Wednesday that the death toll had risen above 5,000 and that\n"
        "11:20\n"
        "thousands more were still missing after the dams burst."
    )
    found = blocks_of(text, {1: ("timestamp", "stamp_lines")})
    assert shapes(found) == [
        (
            "text",
            "Rescuers in the eastern Libyan city of Derna said on Wednesday that the death toll had risen above 5,000 and that"
            " thousands more were still missing after the dams burst.",
        )
    ]
    assert (found[0].start, found[0].end) == (0, len(text))


def test_a_lower_case_line_continues_the_paragraph_above():
    text = "The central bank in Abuja said on Tuesday that inflation in Nigeria had slowed for a second month running, but\nwarned that food prices remained high."
    assert shapes(blocks_of(text)) == [
        (
            "text",
            "The central bank in Abuja said on Tuesday that inflation in Nigeria had slowed for a second month running, but"
            " warned that food prices remained high.",
        )
    ]


def test_a_line_after_a_finished_sentence_is_a_new_paragraph():
    text = "Inflation in Nigeria slowed in March.\nanalysts at Lagos-based firms expected the decline."
    assert [block.kind for block in blocks_of(text)] == ["text", "text"]


def test_the_last_line_cut_mid_sentence_is_text_not_a_heading():
    text = "Ghana cedi slides\nThe cedi fell to a record low against the dollar on Monday as importers in Accra"
    assert shapes(blocks_of(text)) == [
        ("heading", "Ghana cedi slides"),
        ("text", "The cedi fell to a record low against the dollar on Monday as importers in Accra"),
    ]


def test_heading_length_is_a_setting():
    line = "Kenya floods displace thousands as rains batter Nairobi"
    assert [block.kind for block in blocks_of(line + "\nRains fell.", max_words=7)] == ["text", "text"]
    assert [block.kind for block in blocks_of(line + "\nRains fell.", max_words=16)] == ["heading", "text"]


def test_a_hard_wrapped_sentence_is_one_paragraph():
    text = (
        "Schools across Luzon were closed on Monday as Typhoon Gaemi approached, officials said, and\n"
        "ferries were halted in the Visayas."
    )
    assert shapes(blocks_of(text)) == [
        ("text", "Schools across Luzon were closed on Monday as Typhoon Gaemi approached, officials said, and ferries were halted in the Visayas.")
    ]
