"""Splitting a page into stories where a cued run shares too little with the story so far."""

from __future__ import annotations

from generator.clean.blocks import Block
from generator.clean.split import CHUNK_WORDS, UNIT_MAX_WORDS, Story, Unit, split, units
from generator.settings import CleanSettings

CHILE = "Chile's Senate approved an overhaul of the private pension system on Tuesday, raising employer contributions and creating a solidarity fund for retirees with low savings."
JAPAN = "A magnitude 7.1 earthquake struck off the coast of Miyazaki prefecture on Thursday, prompting a tsunami advisory along Kyushu and shaking buildings in Osaka."
NIGERIA = "Nigeria's state oil company raised petrol pump prices in Lagos and Abuja by nearly 40 percent, the third increase this year, as the naira slid against the dollar."
MOROCCO_1 = "Survivors of the earthquake in Morocco's High Atlas mountains spent a third night outdoors on Monday as rescuers dug through the rubble of mud-brick villages near Marrakech."
MOROCCO_2 = "In the village of Amizmiz, survivors said the earthquake had destroyed every house and that aid from Marrakech had been slow to reach the mountain villages cut off by rubble."


def page(*parts: tuple[str, str]) -> tuple[list[Block], str]:
    """Blocks laid out one a line, as (kind, text) pairs, and the source text they index."""
    blocks, text = [], ""
    for kind, body in parts:
        blocks.append(Block(kind, body, len(text), len(text) + len(body)))
        text += body + "\n"
    return blocks, text


def stories_of(*parts: tuple[str, str], **settings: object) -> list[Story]:
    blocks, text = page(*parts)
    return split(units(blocks, text), CleanSettings(**settings))


def test_units_carry_the_heading_or_marker_above_them():
    blocks, text = page(("text", CHILE), ("heading", "Japan earthquake"), ("text", JAPAN), ("marker", "10:45 am"), ("bullet", NIGERIA))
    assert units(blocks, text) == [
        Unit(CHILE, 0, None, False),
        Unit(JAPAN, text.index(JAPAN), "Japan earthquake", True),
        Unit(NIGERIA, text.index(NIGERIA), None, True, bullet=True),
    ]


def test_a_long_paragraph_is_cut_into_runs_of_sentences_at_their_offsets():
    sentences = [CHILE, JAPAN, NIGERIA, MOROCCO_1, MOROCCO_2]
    paragraph = " ".join(sentences)
    assert len(paragraph.split()) > UNIT_MAX_WORDS
    blocks, text = page(("text", paragraph))
    found = units(blocks, text)
    assert [unit.text for unit in found] == [f"{CHILE} {JAPAN}", f"{NIGERIA} {MOROCCO_1}", MOROCCO_2]
    assert [unit.start for unit in found] == [0, text.index(NIGERIA), text.index(MOROCCO_2)]
    assert all(unit.words >= CHUNK_WORDS // 2 for unit in found)


def test_a_short_tail_of_a_long_paragraph_joins_the_run_before():
    tail = "Officials said more talks were due."
    paragraph = " ".join([CHILE, JAPAN, NIGERIA, MOROCCO_1, tail])
    blocks, text = page(("text", paragraph))
    assert [unit.text for unit in units(blocks, text)] == [f"{CHILE} {JAPAN}", f"{NIGERIA} {MOROCCO_1} {tail}"]


def test_a_newsletter_of_unrelated_stories_splits_at_its_headings():
    blocks, text = page(
        ("text", CHILE),
        ("heading", "Japan earthquake"),
        ("text", JAPAN),
        ("heading", "Nigeria fuel prices"),
        ("text", NIGERIA),
    )
    found = split(units(blocks, text), CleanSettings())
    assert [(story.heading, [unit.text for unit in story.units]) for story in found] == [
        (None, [CHILE]),
        ("Japan earthquake", [JAPAN]),
        ("Nigeria fuel prices", [NIGERIA]),
    ]
    assert [story.start for story in found] == [0, text.index(JAPAN), text.index(NIGERIA)]


def test_a_story_with_a_subheading_stays_one_story():
    found = stories_of(("text", MOROCCO_1), ("heading", "Aid slow to arrive"), ("text", MOROCCO_2))
    assert [[unit.text for unit in story.units] for story in found] == [[MOROCCO_1, MOROCCO_2]]
    assert found[0].heading is None


def test_time_stamps_cue_a_split_like_headings():
    found = stories_of(("text", CHILE), ("marker", "10:45 am"), ("text", JAPAN))
    assert [[unit.text for unit in story.units] for story in found] == [[CHILE], [JAPAN]]


def test_without_a_cue_a_change_of_subject_does_not_split():
    found = stories_of(("text", CHILE), ("text", JAPAN), ("text", NIGERIA))
    assert len(found) == 1


def test_a_short_run_is_absorbed_by_a_neighbour():
    found = stories_of(
        ("text", CHILE),
        ("heading", "Japan"),
        ("text", "Tokyo stocks fell."),
        ("heading", "Nigeria fuel prices"),
        ("text", NIGERIA),
    )
    assert [[unit.text for unit in story.units] for story in found] == [[CHILE, "Tokyo stocks fell."], [NIGERIA]]


def test_a_short_first_run_joins_the_story_after_it():
    found = stories_of(("text", "Tokyo stocks fell."), ("heading", "Nigeria fuel prices"), ("text", NIGERIA), ("heading", "Japan"), ("text", JAPAN))
    assert [[unit.text for unit in story.units] for story in found] == [["Tokyo stocks fell.", NIGERIA], [JAPAN]]


def test_min_story_words_and_shift_threshold_are_settings():
    parts = (("text", CHILE), ("heading", "Japan"), ("text", "Tokyo stocks fell sharply on Friday."))
    assert len(stories_of(*parts)) == 1
    assert len(stories_of(*parts, min_story_words=3)) == 2
    assert len(stories_of(("text", MOROCCO_1), ("heading", "Aid"), ("text", MOROCCO_2), story_shift_max=0.99)) == 2


def test_no_units_no_stories():
    assert split([], CleanSettings()) == []


def test_a_roundup_introduction_that_sums_up_the_sections_is_no_story():
    intro = "Today: an earthquake shakes Japan and Nigeria raises petrol prices."
    found = stories_of(
        ("text", intro),
        ("heading", "Japan earthquake"),
        ("text", JAPAN),
        ("heading", "Nigeria fuel prices"),
        ("text", NIGERIA),
    )
    assert [[unit.text for unit in story.units] for story in found] == [[JAPAN], [NIGERIA]]
