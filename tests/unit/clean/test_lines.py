"""Lines of a source with offsets, and the shape features the furniture passes read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.clean.lines import Line, is_heading_shape, split_lines


def test_lines_keep_offsets_of_their_stripped_text():
    text = "  Kenya floods displace thousands  \n\n\tNAIROBI (Reuters) - Heavy rain  fell.\n"
    lines = split_lines(text)
    assert [line.text for line in lines] == ["Kenya floods displace thousands", "", "NAIROBI (Reuters) - Heavy rain fell.", ""]
    assert [(line.index, line.start, line.end) for line in lines] == [(0, 2, 33), (1, 36, 36), (2, 38, 75), (3, 76, 76)]
    assert text[38:75] == "NAIROBI (Reuters) - Heavy rain  fell."  # inner spaces are collapsed only in .text


def test_blank_lines_are_blank():
    assert [line.blank for line in split_lines("Lagos\n   \nAbuja")] == [False, True, False]


def test_words_keep_abbreviations_hyphens_and_apostrophes():
    line = split_lines("U.S. envoy Amos Hochstein's Beirut-Tel Aviv shuttle, 2 trips")[0]
    assert line.words == ("U.S.", "envoy", "Amos", "Hochstein's", "Beirut-Tel", "Aviv", "shuttle", "2", "trips")


def test_sentence_end_also_before_a_closing_agency_credit():
    assert split_lines("Rescuers reached the village of Hatay at dawn. (ILKHA)")[0].ends_sentence is True
    assert split_lines("“We will rebuild,” Erdogan said.”")[0].ends_sentence is True
    assert split_lines("Turkey quake survivors wait for tents")[0].ends_sentence is False


def test_upper_and_title_shares():
    line = split_lines("BREAKING NEWS")[0]
    assert (line.upper_share, line.title_share) == (1.0, 1.0)
    line = split_lines("Modi wins third term")[0]
    assert line.title_share == 0.25
    assert split_lines("2024 — 15")[0].upper_share == 0.0


def test_heading_shape_is_short_unpunctuated_and_capitalised():
    heading = split_lines("Kenya floods displace thousands as rains batter Nairobi")[0]
    assert is_heading_shape(heading, 16) is True
    assert is_heading_shape(split_lines("“Historic day” for Chile as Senate passes pension reform")[0], 16) is True
    assert is_heading_shape(split_lines("2,000 dead in Morocco quake")[0], 16) is True


def test_heading_shape_rejects_sentences_lower_case_and_long_lines():
    sentence = split_lines("The Kenya Red Cross said 40,000 people had been displaced.")[0]
    lower = split_lines("and ferries were halted in the Visayas")[0]
    inner = split_lines("Rains eased on Tuesday. Rescuers reached Mai Mahiu")[0]
    long = split_lines("Kenya floods displace thousands as rains batter Nairobi and the Rift Valley for a third week running now")[0]
    assert [is_heading_shape(line, 16) for line in (sentence, lower, inner, long)] == [False, False, False, False]
    assert is_heading_shape(long, 20) is True


@given(st.text(alphabet=st.sampled_from(list("ab Z.,\t\n\r\u00a0\u2003é—")), max_size=80))
def test_offsets_always_slice_back_to_the_stripped_line(text):
    lines = split_lines(text)
    assert len(lines) == text.count("\n") + 1
    raw_lines = text.split("\n")
    for line, raw in zip(lines, raw_lines):
        assert text[line.start : line.end] == raw.strip()
        assert line.text == " ".join(text[line.start : line.end].split())
        assert isinstance(line, Line)
