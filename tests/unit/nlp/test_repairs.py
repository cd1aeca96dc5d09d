"""Span repairs: each named pass on real parses and on spans built by hand over a real Doc."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from generator import nlp
from generator.nlp import repairs


def span(doc: Doc, text: str, label: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of text in doc (token-aligned), with a label."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    found = doc.char_span(start, start + len(text), label=label)
    assert found is not None, f"{text!r} is not token-aligned in {doc.text!r}"
    return found


def run(rule, parse, text: str, *specs: tuple[str, str]) -> list[tuple[str, str]]:
    """What one repair makes of hand-built spans over the parse of text."""
    doc = parse(text)
    return [(s.text, s.label_) for s in rule(doc, [span(doc, *spec) for spec in specs], "en")]


def ents(parse, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in parse(text).ents]


def test_the_repairs_run_in_this_order():
    assert [rule.__name__ for rule in repairs.REPAIRS] == [
        "cut_at_breaks",
        "join_hyphenated",
        "extend_designators",
        "split_possessor",
        "trim_edges",
        "split_at_titles",
        "join_name_particles",
        "join_given_names",
        "drop_non_names",
        "parenthesised_acronyms",
        "event_names",
        "repeat_names",
    ]


def test_every_repair_has_a_docstring():
    assert all(rule.__doc__ for rule in repairs.REPAIRS)


# cut_at_breaks


def test_a_span_is_cut_at_an_opening_bracket(parse):
    text = "He met officials at the World Health Organization (WHO) in Geneva on Friday."
    assert run(repairs.cut_at_breaks, parse, text, ("World Health Organization (WHO", "ORG")) == [("World Health Organization", "ORG")]


def test_a_span_is_cut_at_a_line_break(parse):
    text = "The statement came from the ministry in Kampala\nMuseveni said the vote would go ahead."
    assert run(repairs.cut_at_breaks, parse, text, ("Kampala\nMuseveni", "PERSON")) == [("Kampala", "PERSON"), ("Museveni", "PERSON")]


def test_a_span_across_a_paragraph_break_keeps_only_the_name_after_it(parse):
    text = "Aid reached Gaza.\n\nTedros Adhanom Ghebreyesus said more was needed."
    found = run(repairs.cut_at_breaks, parse, text, ("Gaza.\n\nTedros Adhanom Ghebreyesus", "PERSON"))
    assert found == [("Tedros Adhanom Ghebreyesus", "PERSON")]


def test_a_span_without_break_is_left_alone(parse):
    text = "Officials at the Syrian Observatory for Human Rights said 12 people died."
    assert run(repairs.cut_at_breaks, parse, text, ("Syrian Observatory for Human Rights", "ORG")) == [("Syrian Observatory for Human Rights", "ORG")]


def test_real_parse_keeps_the_organisation_and_its_acronym_apart(parse):
    found = ents(parse, "He met officials at the World Health Organization (WHO) in Geneva.\n\nTedros Adhanom Ghebreyesus said the outbreak was over.")
    assert ("World Health Organization", "ORG") in found
    assert ("WHO", "ORG") in found
    assert not any("(" in text or "\n" in text for text, _ in found)


# join_hyphenated


def test_hyphenated_korean_given_names_are_joined(parse):
    found = run(repairs.join_hyphenated, parse, "Moon Jae-in met Kim Jong-un in Panmunjom.", ("Moon Jae", "PERSON"), ("Kim Jong", "PERSON"))
    assert found == [("Moon Jae-in", "PERSON"), ("Kim Jong-un", "PERSON")]


def test_a_capitalised_part_after_a_hyphen_is_joined_whatever_the_label(parse):
    assert run(repairs.join_hyphenated, parse, "Paris Saint-Germain beat Lille on Sunday.", ("Paris Saint", "ORG")) == [("Paris Saint-Germain", "ORG")]


def test_a_lower_case_suffix_is_not_joined_to_an_organisation(parse):
    assert run(repairs.join_hyphenated, parse, "The NATO-backed force entered the town.", ("NATO", "ORG")) == [("NATO", "ORG")]
    assert run(repairs.join_hyphenated, parse, "The Jakarta-based firm Gojek said.", ("Jakarta", "GPE")) == [("Jakarta", "GPE")]


def test_a_spaced_dash_is_not_a_hyphen(parse):
    assert run(repairs.join_hyphenated, parse, "Lee - who denied it - spoke first.", ("Lee", "PERSON")) == [("Lee", "PERSON")]


def test_real_parse_keeps_korean_names_whole(parse):
    found = ents(parse, "Samsung heir Lee Jae-yong met President Moon Jae-in in Seoul.")
    assert ("Lee Jae-yong", "PERSON") in found
    assert ("Moon Jae-in", "PERSON") in found


def test_a_lower_case_suffix_is_not_joined_to_a_person(parse):
    assert run(repairs.join_hyphenated, parse, "The Netanyahu-led coalition lost its majority.", ("Netanyahu", "PERSON")) == [("Netanyahu", "PERSON")]


# extend_designators


def test_a_place_takes_its_designator(parse):
    assert run(repairs.extend_designators, parse, "Police in the Amur region said the fire spread.", ("Amur", "GPE")) == [("Amur region", "GPE")]
    assert run(repairs.extend_designators, parse, "Officials in Al Haouz province said roads were cut.", ("Al Haouz", "LOC")) == [("Al Haouz province", "LOC")]


def test_a_name_before_a_designator_becomes_a_place(parse):
    assert run(repairs.extend_designators, parse, "Police in the Amur region said the fire spread.", ("Amur", "PERSON")) == [("Amur region", "LOC")]


def test_a_name_before_an_ordinary_word_keeps_its_span(parse):
    assert run(repairs.extend_designators, parse, "Police in Amur said the fire spread.", ("Amur", "GPE")) == [("Amur", "GPE")]


# split_possessor


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_an_organisation_after_a_possessive_is_split_off(parse, apostrophe):
    text = f"Seoul{apostrophe}s Hanyang University said the study was sound. The court in Seoul agreed."
    found = run(repairs.split_possessor, parse, text, (f"Seoul{apostrophe}s Hanyang University", "ORG"), ("Seoul", "GPE", 1))
    assert found == [("Hanyang University", "ORG"), ("Seoul", "GPE")]


def test_a_possessive_is_kept_when_the_text_names_no_such_place(parse):
    text = "Seoul's Hanyang University said the study was sound."
    assert run(repairs.split_possessor, parse, text, ("Seoul's Hanyang University", "ORG")) == [("Seoul's Hanyang University", "ORG")]


def test_a_place_with_a_possessive_is_not_split(parse):
    text = "Seoul's Gangnam district was flooded."
    assert run(repairs.split_possessor, parse, text, ("Seoul's Gangnam", "GPE")) == [("Seoul's Gangnam", "GPE")]


def test_an_organisation_whose_name_has_a_possessive_stays_whole(parse):
    assert run(repairs.split_possessor, parse, "The People's Bank of China cut rates.", ("People's Bank of China", "ORG")) == [("People's Bank of China", "ORG")]
    assert ("Moody's Investors Service", "ORG") in ents(parse, "Moody's Investors Service downgraded Israel on Friday.")


# trim_edges


def test_articles_and_possessives_are_trimmed(parse):
    text = "Officials of the European Union's executive met."
    assert run(repairs.trim_edges, parse, text, ("the European Union's", "ORG")) == [("European Union", "ORG")]


def test_a_role_word_after_an_organisation_is_trimmed(parse):
    text = "Samsung Electronics Co. Executive Chairman Lee Jae-yong attended."
    assert run(repairs.trim_edges, parse, text, ("Samsung Electronics Co. Executive", "ORG")) == [("Samsung Electronics Co.", "ORG")]
    assert run(repairs.trim_edges, parse, "Kyiv Mayor Vitali Klitschko said.", ("Kyiv Mayor", "GPE")) == [("Kyiv", "GPE")]


def test_a_title_after_a_name_is_trimmed(parse):
    text = "State Police Lt. Col. Anna Kowalski said the road was closed."
    assert run(repairs.trim_edges, parse, text, ("State Police Lt", "ORG")) == [("State Police", "ORG")]


def test_a_role_word_inside_a_person_span_is_kept_when_lower_case(parse):
    assert run(repairs.trim_edges, parse, "The Kremlin spokesman said.", ("Kremlin spokesman", "PERSON")) == [("Kremlin spokesman", "PERSON")]


@pytest.mark.parametrize(
    "text, raw, trimmed",
    [
        ("Shares of Advantest 6857.T rose in Tokyo.", "Advantest 6857.T", "Advantest"),
        ("The Nikkei .N225 slipped.", "Nikkei .N225", "Nikkei"),
        ("Borussia Dortmund 2 Bayern Munich 2.", "Borussia Dortmund 2", "Borussia Dortmund"),
    ],
)
def test_ticker_codes_and_scores_are_trimmed(parse, text, raw, trimmed):
    assert run(repairs.trim_edges, parse, text, (raw, "ORG")) == [(trimmed, "ORG")]


@pytest.mark.parametrize("text, name, label", [("Ligue 1 leaders Lens won again.", "Ligue 1", "ORG"), ("Apollo 11 landed in 1969.", "Apollo 11", "PRODUCT")])
def test_a_two_word_name_keeps_its_number(parse, text, name, label):
    assert run(repairs.trim_edges, parse, text, (name, label)) == [(name, label)]


def test_a_span_of_only_edge_words_is_dropped(parse):
    assert run(repairs.trim_edges, parse, "The plan was approved.", ("The", "ORG")) == []


# join_name_particles


def test_particles_join_the_parts_of_one_name(parse):
    assert run(repairs.join_name_particles, parse, "Ursula von der Leyen said so.", ("Ursula", "PERSON"), ("Leyen", "PERSON")) == [("Ursula von der Leyen", "PERSON")]
    assert run(repairs.join_name_particles, parse, "Luiz Inacio Lula da Silva said so.", ("Luiz Inacio Lula", "PERSON"), ("Silva", "PERSON")) == [
        ("Luiz Inacio Lula da Silva", "PERSON")
    ]


def test_a_name_stopping_before_particles_takes_the_rest(parse):
    assert run(repairs.join_name_particles, parse, "Crown Prince Mohammed bin Salman met envoys.", ("Mohammed", "PERSON")) == [("Mohammed bin Salman", "PERSON")]


def test_two_people_side_by_side_are_not_joined(parse):
    assert run(repairs.join_name_particles, parse, "Biden and Harris spoke.", ("Biden", "PERSON"), ("Harris", "PERSON")) == [("Biden", "PERSON"), ("Harris", "PERSON")]
    assert run(repairs.join_name_particles, parse, "Ruto de facto ruled.", ("Ruto", "PERSON")) == [("Ruto", "PERSON")]


# join_given_names


def test_an_adjacent_given_name_joins_the_person(parse):
    found = run(repairs.join_given_names, parse, "Kremlin aide Yury Ushakov told reporters.", ("Kremlin", "ORG"), ("Yury", "NORP"), ("Ushakov", "PERSON"))
    assert found == [("Kremlin", "ORG"), ("Yury Ushakov", "PERSON")]


def test_names_apart_are_not_joined(parse):
    found = run(repairs.join_given_names, parse, "In Lagos, Tinubu said the fuel subsidy was gone.", ("Lagos", "GPE"), ("Tinubu", "PERSON"))
    assert found == [("Lagos", "GPE"), ("Tinubu", "PERSON")]
    assert run(repairs.join_given_names, parse, "UN Guterres said.", ("UN", "ORG"), ("Guterres", "PERSON")) == [("UN", "ORG"), ("Guterres", "PERSON")]


def test_a_weekday_before_a_name_is_not_a_given_name(parse):
    assert ("Macron", "PERSON") in ents(parse, "On Monday Macron said he would dissolve parliament.")


# drop_non_names


@pytest.mark.parametrize(
    "text, spec",
    [
        ("The King arrived at the palace.", ("King", "PERSON")),
        ("Voting closes at 18:00 GMT in Accra.", ("GMT", "ORG")),
        ("The rebels said the town had fallen.", ("rebels", "NORP")),
        ("Meanwhile, prices rose in Lima.", ("Meanwhile", "PERSON")),
        ("Videos showed crowds in Lima.", ("Videos", "ORG")),
    ],
)
def test_words_that_are_not_names_are_dropped(parse, text, spec):
    assert run(repairs.drop_non_names, parse, text, spec) == []


def test_a_rare_sentence_start_word_is_dropped_when_the_text_also_writes_it_in_lower_case(parse):
    text = "Turnout was low. Officials blamed the rain for the low turnout in Dakar."
    assert run(repairs.drop_non_names, parse, text, ("Turnout", "PERSON")) == []


def test_a_word_cut_off_at_the_end_of_the_text_is_dropped(parse):
    text = "Rescuers in the province of Antal"
    assert run(repairs.drop_non_names, parse, text, ("Antal", "GPE")) == []
    assert run(repairs.drop_non_names, parse, text + "ya worked on.", ("Antalya", "GPE")) == [("Antalya", "GPE")]


def test_names_and_non_name_labels_are_kept(parse):
    text = "On Monday, Kenyan President William Ruto flew to Nairobi."
    found = run(repairs.drop_non_names, parse, text, ("Monday", "DATE"), ("William Ruto", "PERSON"), ("Nairobi", "GPE"))
    assert found == [("Monday", "DATE"), ("William Ruto", "PERSON"), ("Nairobi", "GPE")]


def test_a_rare_name_at_a_sentence_start_is_kept(parse):
    assert run(repairs.drop_non_names, parse, "Tinubu signed the bill in Abuja.", ("Tinubu", "PERSON")) == [("Tinubu", "PERSON")]


def test_a_frequent_country_name_opening_a_sentence_is_kept(parse):
    text = "Russia launched 40 drones at Kyiv overnight, Ukraine's air force said."
    assert run(repairs.drop_non_names, parse, text, ("Russia", "GPE")) == [("Russia", "GPE")]


# parenthesised_acronyms


def test_an_acronym_that_spells_the_name_is_added(parse):
    text = "The Syrian Observatory for Human Rights (SOHR) said 12 people were killed."
    found = run(repairs.parenthesised_acronyms, parse, text, ("Syrian Observatory for Human Rights", "ORG"))
    assert found == [("Syrian Observatory for Human Rights", "ORG"), ("SOHR", "ORG")]


def test_an_acronym_counts_hyphenated_parts(parse):
    text = "The Democratic Republic of Congo-Brazzaville Alliance (DRCBA) met."
    found = run(repairs.parenthesised_acronyms, parse, text, ("Democratic Republic of Congo-Brazzaville Alliance", "ORG"))
    assert found[-1] == ("DRCBA", "ORG")


@pytest.mark.parametrize(
    "text, name",
    [
        ("The European Central Bank (BCE) held rates.", "European Central Bank"),
        ("The World Health Organization (Geneva) warned.", "World Health Organization"),
    ],
)
def test_brackets_that_do_not_spell_the_name_add_nothing(parse, text, name):
    assert run(repairs.parenthesised_acronyms, parse, text, (name, "ORG")) == [(name, "ORG")]


def test_a_person_gets_no_acronym(parse):
    assert run(repairs.parenthesised_acronyms, parse, "Mohammed bin Salman (MBS) met envoys.", ("Mohammed bin Salman", "PERSON")) == [
        ("Mohammed bin Salman", "PERSON")
    ]


def test_real_parse_links_an_acronym_to_its_organisation(parse):
    found = ents(parse, "Nigeria's Independent National Electoral Commission (INEC) said turnout was low.")
    assert ("Independent National Electoral Commission", "ORG") in found
    assert ("INEC", "ORG") in found


# event_names


def test_a_storm_name_is_an_event(parse):
    assert run(repairs.event_names, parse, "Officials said storm Daniel had killed 4,000 people.") == [("Daniel", "EVENT")]
    assert run(repairs.event_names, parse, "Hurricane Lee is heading north.") == [("Hurricane Lee", "EVENT")]
    assert run(repairs.event_names, parse, 'Officials said storm "Ciarán" battered Brittany.', ("Brittany", "GPE")) == [("Brittany", "GPE"), ("Ciarán", "EVENT")]


def test_an_event_word_before_a_lower_case_word_names_nothing(parse):
    assert run(repairs.event_names, parse, "The storm hit Derna hard.", ("Derna", "GPE")) == [("Derna", "GPE")]


def test_an_event_span_replaces_a_span_that_covers_the_event_word(parse):
    assert run(repairs.event_names, parse, "Typhoon Gaemi made landfall.", ("Typhoon", "ORG")) == [("Typhoon Gaemi", "EVENT")]


def test_real_parse_names_an_operation(parse):
    assert ("Operation Sindoor", "EVENT") in ents(parse, "Operation Sindoor began after the attack, India's army said.")


def test_real_parse_names_storms_as_events(parse):
    found = ents(parse, "Hurricane Lee is heading north toward Nova Scotia, while Storm Daniel swept across Libya.")
    assert ("Hurricane Lee", "EVENT") in found
    assert ("Storm Daniel", "EVENT") in found


# the component


def test_the_component_mends_the_recogniser_spans(parse):
    text = "Kremlin aide Yury Ushakov said Samsung Electronics Co. Executive Chairman Lee Jae-yong met Moon Jae-in."
    repaired = ents(parse, text)
    with nlp.load().select_pipes(disable=["news_span_repairs"]):
        raw = [(e.text, e.label_) for e in nlp.load()(text).ents]
    assert raw == [
        ("Kremlin", "ORG"),
        ("Yury", "ORG"),
        ("Ushakov", "PERSON"),
        ("Samsung Electronics Co. Executive", "ORG"),
        ("Lee Jae-yong", "PERSON"),
        ("Moon Jae-in", "PERSON"),
    ]
    assert repaired == [
        ("Kremlin", "ORG"),
        ("Yury Ushakov", "PERSON"),
        ("Samsung Electronics Co.", "ORG"),
        ("Lee Jae-yong", "PERSON"),
        ("Moon Jae-in", "PERSON"),
    ]


# repeat_names


def test_a_surname_written_again_is_the_person(parse):
    text = "Mayor Anatoliy Hrytsenko visited Lutsk. Hrytsenko said repairs would take weeks."
    found = run(repairs.repeat_names, parse, text, ("Anatoliy Hrytsenko", "PERSON"))
    assert found == [("Anatoliy Hrytsenko", "PERSON"), ("Hrytsenko", "PERSON")]


def test_a_multi_word_name_written_again_takes_its_label(parse):
    text = "The Verkhovna Rada met on Monday. Later the Verkhovna Rada voted."
    found = run(repairs.repeat_names, parse, text, ("Verkhovna Rada", "ORG"))
    assert found == [("Verkhovna Rada", "ORG"), ("Verkhovna Rada", "ORG")]


def test_a_lone_surname_read_as_a_place_is_the_person(parse):
    text = "Substitute Gabriel Okonjo scored late. Then Okonjo ran clear again."
    found = run(repairs.repeat_names, parse, text, ("Gabriel Okonjo", "PERSON"), ("Okonjo", "GPE"))
    assert found == [("Gabriel Okonjo", "PERSON"), ("Okonjo", "PERSON")]


def test_a_surname_two_people_share_is_left_alone(parse):
    text = "Tomas Varga met Ilona Varga in Kosice. Varga said the talks went well."
    found = run(repairs.repeat_names, parse, text, ("Tomas Varga", "PERSON"), ("Ilona Varga", "PERSON"))
    assert found == [("Tomas Varga", "PERSON"), ("Ilona Varga", "PERSON")]


def test_a_surname_inside_a_longer_name_is_not_taken(parse):
    text = "Judge Maria Okafor ruled. The Okafor Foundation said it would appeal."
    found = run(repairs.repeat_names, parse, text, ("Maria Okafor", "PERSON"))
    assert found == [("Maria Okafor", "PERSON")]
