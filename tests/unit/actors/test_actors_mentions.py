"""mentions: titles, event words, roles, aliases and news sources around each recognised name."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from generator.actors import mentions


def named(analysis, name: str):
    """The first mention of that bare name."""
    found = [m for m in analysis.mentions if m.name == name]
    assert found, f"no mention {name!r} in {[m.name for m in analysis.mentions]}"
    return found[0]


def labels(analysis) -> dict[str, str]:
    return {m.name: m.label for m in analysis.mentions}


# --- titles ----------------------------------------------------------------------------------------


def test_title_before_a_name_is_kept_apart_from_the_name(analyse):
    modi = named(analyse("Prime Minister Narendra Modi arrived in Dhaka on Saturday."), "Narendra Modi")
    assert (modi.title, modi.text) == ("Prime Minister", "Prime Minister Narendra Modi")


def test_courtesy_and_royal_titles(analyse):
    found = analyse("Crown Prince Mohammed bin Salman met Mr Modi in Riyadh, and Sheikh Hasina sent a letter.")
    assert named(found, "Mohammed bin Salman").title == "Crown Prince"
    assert named(found, "Modi").text == "Mr Modi"
    assert named(found, "Hasina").title == "Sheikh"


def test_title_before_takes_the_longest_capitalised_title(parse):
    doc = parse("Deputy Prime Minister Nguyen Hoa Binh opened the session.")
    assert mentions.title_before(doc, 3, "en") == (0, "Deputy Prime Minister")


def test_a_lower_case_title_word_is_not_a_title(parse):
    doc = parse("Voters cheered president William Ruto in Nairobi.")
    assert mentions.title_before(doc, 3, "en") == (3, None)


def test_a_lower_case_event_word_is_a_title(parse):
    doc = parse("Fishermen in Hai Phong fled storm Yagi on Saturday.")
    start = [t.i for t in doc if t.text == "Yagi"][0]
    assert mentions.title_before(doc, start, "en") == (start - 1, "storm")


def test_title_inside_the_span_is_split_off(parse):
    doc = parse("Crown Prince Mohammed bin Salman spoke.")
    assert mentions.split_title(Span(doc, 0, 5, label="PERSON"), "en") == ("Crown Prince", "Mohammed bin Salman")
    assert mentions.split_title(Span(doc, 2, 5, label="PERSON"), "en") == (None, "Mohammed bin Salman")


def test_a_title_alone_is_not_split_to_nothing(parse):
    doc = parse("President spoke.")
    assert mentions.split_title(Span(doc, 0, 1, label="PERSON"), "en") == (None, "President")


def test_hyphenated_title(analyse):
    found = analyse("Secretary-General Antonio Guterres and Director-General Tedros Adhanom Ghebreyesus flew to Port Sudan.")
    assert named(found, "Antonio Guterres").title == "Secretary-General"
    assert named(found, "Tedros Adhanom Ghebreyesus").title == "Director-General"


def test_possessive_is_dropped_from_the_name(analyse):
    modi = named(analyse("Narendra Modi's government won the confidence vote in New Delhi."), "Narendra Modi")
    assert modi.text == "Narendra Modi"


# --- roles ----------------------------------------------------------------------------------------


def test_role_in_apposition_after_the_name(analyse):
    found = analyse("Dmitry Peskov, the Kremlin spokesman, said the talks were useful.")
    assert named(found, "Dmitry Peskov").role == "Kremlin spokesman"


def test_role_in_apposition_with_an_organisation(analyse):
    found = analyse("Dr. Amina Diallo, a spokesperson for the World Health Organization, said the outbreak was contained.")
    diallo = named(found, "Amina Diallo")
    assert (diallo.title, diallo.role) == ("Dr.", "spokesperson for the World Health Organization")


def test_a_relative_clause_is_not_a_role(analyse):
    found = analyse("Nguyen Van Thanh, who is a deputy minister, spoke to fishermen in Da Nang.")
    assert named(found, "Nguyen Van Thanh").role is None


def test_role_written_before_the_name(analyse):
    found = analyse("Houthi leader Abdul-Malik al-Houthi said the group would keep up its attacks.")
    assert named(found, "Abdul-Malik al-Houthi").role == "Houthi leader"


# --- aliases --------------------------------------------------------------------------------------


def test_acronym_in_brackets_is_an_alias(analyse):
    found = analyse("The Rapid Support Forces (RSF) shelled El Fasher on Sunday.")
    assert named(found, "Rapid Support Forces").alias == "RSF"


def test_known_as_gives_an_alias(analyse):
    found = analyse("Mohamed Hamdan Dagalo, better known as Hemedti, rejected the plan.")
    assert named(found, "Mohamed Hamdan Dagalo").alias == "Hemedti"


def test_born_in_brackets_gives_an_alias(analyse):
    found = analyse("Sheikh Hasina (born Hasina Wazed) left Dhaka by helicopter.")
    assert named(found, "Hasina").alias == "Hasina Wazed"


def test_known_as_alias_keeps_an_arabic_particle(analyse):
    found = analyse("Ahmed al-Sharaa, also known as Abu Mohammed al-Jolani, spoke in Damascus.")
    assert named(found, "Ahmed al-Sharaa").alias == "Abu Mohammed al-Jolani"


def test_no_alias_without_a_bracket_or_known_as(analyse):
    found = analyse("Prabowo Subianto met Anwar Ibrahim in Jakarta.")
    assert named(found, "Prabowo Subianto").alias is None


# --- news sources ---------------------------------------------------------------------------------


def test_a_listed_agency_is_a_source_and_the_people_it_names_are_not(analyse):
    found = analyse("Xinhua said Wang Yi met Sergey Lavrov in Beijing.")
    assert labels(found)["Xinhua"] == "SOURCE"
    assert labels(found)["Wang Yi"] == "PERSON"


def test_an_outlet_followed_by_reported_is_a_source(analyse):
    found = analyse("Tuoi Tre reported that Nguyen Thi Lan had won the seat.")
    assert labels(found) == {"Tuoi Tre": "SOURCE", "Nguyen Thi Lan": "PERSON"}


def test_a_name_followed_by_news_agency_is_a_source(analyse):
    found = analyse("The Tolo news agency said Amir Khan Muttaqi left Kabul.")
    assert labels(found)["Tolo"] == "SOURCE"
    assert labels(found)["Amir Khan Muttaqi"] == "PERSON"


def test_told_an_agency(analyse):
    found = analyse("A senior official told DPA that the ceasefire would hold.")
    assert labels(found) == {"DPA": "SOURCE"}


def test_a_presenter_introducing_herself_is_a_source(analyse):
    found = analyse("Good evening, I'm Lerato Mokoena and this is the late news from Johannesburg.")
    assert labels(found)["Lerato Mokoena"] == "SOURCE"


def test_the_writer_of_a_story_by_line_is_a_source(analyse):
    found = analyse("Protesters gathered in Lagos on Monday. Read the full story by Chiamaka Okafor.")
    assert labels(found)["Chiamaka Okafor"] == "SOURCE"


def test_the_outlets_own_correspondent_is_a_source(analyse):
    found = analyse("Floods cut off three villages near Chitwan. Our correspondent Sunita Gurung is in Bharatpur, where the minister Ram Thapa met families.")
    assert labels(found)["Sunita Gurung"] == "SOURCE"
    assert labels(found)["Ram Thapa"] == "PERSON"


def test_the_acronym_of_a_news_agency_is_a_source(analyse):
    found = analyse("Taqrib News Agency (TNA) said Masoud Pezeshkian travelled to Baku.")
    assert labels(found)["Taqrib News Agency"] == "SOURCE"
    assert labels(found)["TNA"] == "SOURCE"
    assert labels(found)["Masoud Pezeshkian"] == "PERSON"


def test_the_acronym_of_an_actor_is_not_a_source(analyse):
    found = analyse("The Libyan National Army (LNA) said its forces entered Sirte.")
    assert labels(found)["LNA"] == "ORG"


def test_a_person_who_speaks_to_an_agency_is_not_a_source(analyse):
    found = analyse("Kim Jong Un told Yonhap reporters that the missile test succeeded.")
    assert labels(found)["Kim Jong Un"] == "PERSON"


# --- zones --------------------------------------------------------------------------


def test_zone_of_offsets():
    zones = [(0, "title"), (40, "standfirst"), (90, "body")]
    assert [mentions.zone_of(o, zones) for o in (0, 39, 40, 89, 90, 500)] == ["title", "title", "standfirst", "standfirst", "body", "body"]
    assert mentions.zone_of(10, [(0, "body")]) == "body"


def test_mentions_carry_their_zone(analyse):
    found = analyse("President William Ruto flew to Addis Ababa on Monday.", title="Kenyan leader visits Ethiopia")
    assert [(m.name, m.zone) for m in found.mentions if m.label != "NORP"] == [
        ("Ethiopia", "title"), ("William Ruto", "body"), ("Addis Ababa", "body"),
    ]


def test_a_name_after_a_preposition_of_place_is_locative(analyse):
    found = analyse("Rescuers searched for survivors in Derna after the dam burst.")
    assert named(found, "Derna").locative is True
