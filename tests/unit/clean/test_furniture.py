"""Page furniture passes: each fires on its kind of line and leaves news sentences and headlines alone."""

from __future__ import annotations

import logging

import pytest

from generator.clean import furniture
from generator.clean.lines import split_lines
from generator.settings import CleanSettings

HEADLINE = "Chile's Senate passes pension reform after a decade of debate"
STORY = (
    HEADLINE,
    "",
    "SANTIAGO, March 11 (Reuters) - Chile's Senate approved on Tuesday an overhaul of the private pension system, sending the bill back to the lower house.",
    "",
    "The reform raises employer contributions and creates a solidarity fund, Labour Minister Jeannette Jara told reporters in Valparaíso.",
    "",
    "“This is a historic day for Chilean workers,” Jara said after the vote, which passed 40 to 7.",
)


def page(*lines: str, **settings: object) -> furniture.Page:
    return furniture.Page(split_lines("\n".join(lines)), CleanSettings(**settings), "en")


def run(rule, *lines: str) -> dict[int, str]:
    """The lines a pass claims on a page made of the given lines: {line index: kind}."""
    built = page(*lines)
    return rule(built, built.content)


def test_the_passes_run_in_this_order():
    assert [rule.__name__ for rule in furniture.PASSES] == [
        "repeated_lines",
        "credit_lines",
        "stamp_lines",
        "link_lines",
        "stage_directions",
        "widget_lines",
        "menu_runs",
        "bylines",
        "agency_captions",
        "header_labels",
        "trailing_headings",
    ]


@pytest.mark.parametrize("rule", furniture.PASSES, ids=lambda rule: rule.__name__)
def test_no_pass_fires_on_a_plain_story(rule):
    assert run(rule, *STORY) == {}


def test_every_pass_has_a_one_line_docstring():
    assert all(rule.__doc__ and "\n" not in rule.__doc__.strip() for rule in furniture.PASSES)


# agency_captions


def test_a_sentence_credited_to_an_agency_above_furniture_is_a_caption():
    built = page("People shelter in a metro station in Kyiv. (Reuters)", "Short Url", *STORY)
    open_lines = [line for line in built.content if line.text != "Short Url"]
    assert furniture.agency_captions(built, open_lines) == {0: "caption"}


def test_the_last_paragraph_credited_to_an_agency_is_no_caption():
    built = page(*STORY, "The bill now goes back to the lower house. (Reuters)")
    assert furniture.agency_captions(built, built.content) == {}


# stage_directions


def test_a_bracketed_stage_direction_is_furniture():
    assert run(furniture.stage_directions, "(MUSIC PLAYING)", *STORY, "[Applause]") == {0: "header", len(STORY) + 1: "header"}


def test_a_long_bracketed_aside_is_text():
    aside = "(The ministry later said the figures had been revised after an audit of regional offices.)"
    assert run(furniture.stage_directions, aside, *STORY) == {}


# repeated_lines


def test_a_line_printed_again_is_a_duplicate_and_a_repeated_sentence_a_caption():
    caption = "Residents wade through floodwater in Kitengela, south of Nairobi, on Monday."
    found = run(furniture.repeated_lines, "Kenya floods displace thousands", caption, "The Red Cross said 40,000 people had fled.", caption)
    assert found == {3: "duplicate", 1: "caption"}


def test_a_repeated_headline_is_only_a_duplicate():
    found = run(furniture.repeated_lines, "Kenya floods displace thousands", "The Red Cross said 40,000 people had fled.", "Kenya floods displace thousands")
    assert found == {2: "duplicate"}


def test_repeats_of_short_lines_are_left_to_other_passes():
    assert run(furniture.repeated_lines, "Share", "Tokyo stocks fell.", "Share") == {}


# credit_lines


@pytest.mark.parametrize(
    "line, kind",
    [
        ("AFP", "credit"),
        ("(Reuters)", "credit"),
        ("Photo: Tomás Ortega", "credit"),
        ("Image: Supplied", "credit"),
        ("Rescue workers search the rubble in Antakya on Monday. — AFP", "caption"),
        ("Rescue workers search the rubble in Antakya. REUTERS/Umit Bektas", "caption"),
        ("President Lula speaks in Brasília. (AP Photo/Eraldo Peres)", "caption"),
        ("Firefighters battle a blaze near Athens [Getty]", "caption"),
        ("Police officers stand guard. Evan Vucci/Pool via REUTERS", "caption"),
        ("Farmers protest in Brussels. Photo courtesy of Copa-Cogeca", "caption"),
        ("Smoke rises over the port of Odesa (Getty Images)", "caption"),
        ("Smoke rises over the port of Odesa via Anadolu Agency", "caption"),
        ("A bus lies on its side near Keswick on Monday. Picture: Cumbria Police", "caption"),
        ("Crowds gather outside the court in Nairobi Image: Kenya Judiciary", "caption"),
    ],
)
def test_credit_lines_claim_credits_and_credited_captions(line, kind):
    assert run(furniture.credit_lines, line) == {0: kind}


@pytest.mark.parametrize(
    "line",
    [
        "MOSCOW, March 3 (Reuters) -",
        "The rate rose to 4.5% - the highest since 2008.",
        "The ruling party won 60% of the vote, the electoral commission (IEBC) said.",
        "Data showed 1/3 of voters in Lagos were undecided.",
        "Officials spoke to reporters in Caracas on Monday (local time).",
        "The central bank said it would sell dollars to importers on Tuesday. (Reuters)",
    ],
)
def test_credit_lines_leave_datelines_and_news_sentences(line):
    assert run(furniture.credit_lines, line) == {}


def test_a_news_sentence_with_a_slash_is_not_a_caption():
    assert run(furniture.credit_lines, "Mr Sánchez said the PSOE/Sumar coalition would survive the vote.") == {}


# stamp_lines


@pytest.mark.parametrize(
    "line",
    ["Updated 3 hours ago", "2:01 pm", "8 min read", "Published September 9, 2023", "12:12 am EST", "Tuesday 5 March 2024 08.15 GMT", "date 2023-09-12"],
)
def test_stamp_lines_claim_date_and_time_lines(line):
    assert run(furniture.stamp_lines, line) == {0: "timestamp"}


@pytest.mark.parametrize("line", ["The vote is on March 5", "March 2024", "Updated", "Polls close at 8 pm in Jakarta"])
def test_stamp_lines_need_a_time_and_nothing_but_stamp_words(line):
    assert run(furniture.stamp_lines, line) == {}


def test_is_stamp_counts_ago_and_read_only_with_a_number():
    assert furniture.is_stamp(split_lines("5 hours ago")[0]) is True
    assert furniture.is_stamp(split_lines("hours ago")[0]) is False


# link_lines


@pytest.mark.parametrize(
    "line, kind",
    [
        ("https://www.example.com/news/world-africa-6789", "navigation"),
        ("www.abc.net.au/news", "navigation"),
        ("Read also: Argentina's inflation slows for a fifth month", "related"),
        ("Follow us on Telegram", "related"),
        ("Advertisement", "related"),
        ("Skip to main content", "related"),
    ],
)
def test_link_lines_claim_addresses_and_link_openers(line, kind):
    assert run(furniture.link_lines, line) == {0: kind}


def test_link_lines_leave_a_sentence_that_names_a_site():
    assert run(furniture.link_lines, "The ministry published the list of candidates on gov.uk on Monday.") == {}


def test_a_long_sentence_after_an_opener_stays_unless_the_opener_ends_in_a_colon():
    long = "Read more about how the floods in the Rift Valley and Nairobi have displaced families, and how aid groups are responding to them now"
    assert run(furniture.link_lines, long) == {}
    assert run(furniture.link_lines, "Read more: " + long) == {0: "related"}


def test_an_opener_must_be_whole_words():
    assert run(furniture.link_lines, "More onerous checks on migrants will begin in June, the Home Office said.") == {}


# widget_lines


@pytest.mark.parametrize("line", ["Email Share", "Follow us on X", "Share this article", "Watch live", "Read more.", "Home"])
def test_widget_lines_claim_short_lines_of_widget_words(line):
    assert run(furniture.widget_lines, line) == {0: "navigation"}


@pytest.mark.parametrize("line", ["Live: Kyiv under attack", "Watch the video of the launch in Sriharikota."])
def test_widget_lines_leave_lines_with_news_words(line):
    assert run(furniture.widget_lines, line) == {}


# menu_runs


def test_menu_runs_claim_a_run_of_short_label_lines():
    found = run(furniture.menu_runs, "World", "Africa", "Europe", "Asia Pacific", HEADLINE, STORY[2])
    assert found == {0: "navigation", 1: "navigation", 2: "navigation", 3: "navigation"}


def test_menu_runs_need_the_minimum_run():
    assert run(furniture.menu_runs, "World", "Africa", HEADLINE, STORY[2]) == {}
    assert page("World", "Africa", menu_min_run=2).settings.menu_min_run == 2
    built = page("World", "Africa", HEADLINE, STORY[2], menu_min_run=2)
    assert furniture.menu_runs(built, built.content) == {0: "navigation", 1: "navigation"}


def test_menu_runs_claim_labels_on_one_line():
    assert run(furniture.menu_runs, "World | Africa | Europe | Asia", HEADLINE) == {0: "navigation"}
    assert run(furniture.menu_runs, "Politics · Business · Sport · Culture", HEADLINE) == {0: "navigation"}


def test_menu_runs_skip_lines_an_earlier_pass_claimed():
    built = page("World", "Africa", "Europe", HEADLINE)
    assert furniture.menu_runs(built, [line for line in built.content if line.index != 1]) == {}


def test_menu_runs_claim_labels_separated_by_wide_spaces():
    assert run(furniture.menu_runs, "World    Africa    Europe    Asia", HEADLINE) == {0: "navigation"}


# bylines


@pytest.mark.parametrize(
    "line",
    [
        "By Aiko Tanaka",
        "By Aiko Tanaka and Kenji Sato",
        "Written by Oluwaseun Adeyemi for Premium Times",
        "Reporting by Priya Nair; Editing by Tom Hogue",
        "Reuters staff",
        "Chidi Okafor contributed reporting from Lagos.",
    ],
)
def test_bylines_claim_author_lines(line):
    assert run(furniture.bylines, line) == {0: "byline"}


def test_bylines_leave_a_sentence_that_mentions_reporting():
    assert run(furniture.bylines, "Reporters in Kabul said the roads were cut by snow on Sunday.") == {}


def test_a_sentence_opening_with_by_is_not_a_byline():
    assert run(furniture.bylines, "By Tuesday evening, rescuers had pulled 40 people from the rubble in Hatay.") == {}


def test_a_headline_ending_in_staff_is_not_a_byline():
    assert run(furniture.bylines, "Ghana clinics lack staff") == {}


# header_labels


def test_header_labels_claim_short_labels_and_caps_kickers_above_the_headline():
    found = run(furniture.header_labels, "Business", "Markets", "EXCLUSIVE INTERVIEW WITH THE GOVERNOR", HEADLINE, STORY[2])
    assert found == {0: "navigation", 1: "navigation", 2: "navigation"}


def test_header_labels_stop_at_the_first_headline_or_sentence():
    assert run(furniture.header_labels, HEADLINE, "Markets", STORY[2]) == {}
    assert run(furniture.header_labels, "Yes.", "Markets", STORY[2]) == {}


# trailing_headings


def test_trailing_headings_claim_headlines_after_the_last_paragraph():
    found = run(furniture.trailing_headings, *STORY, "", "Uganda opposition leader detained in Kampala", "Ghana cedi hits record low")
    assert found == {9: "related", 8: "related"}


def test_trailing_headings_claim_a_titled_list_of_bulleted_headlines():
    found = run(furniture.trailing_headings, *STORY, "", "More on this story", "- Uganda opposition leader detained in Kampala",
                "- Ghana cedi hits record low")
    assert found == {8: "related", 9: "related", 10: "related"}


def test_trailing_headings_take_a_bulleted_question_as_a_headline():
    found = run(furniture.trailing_headings, *STORY, "", "More on this story", "- What is the African Union and who is in it?",
                "- Ghana cedi hits record low")
    assert found == {8: "related", 9: "related", 10: "related"}


def test_trailing_headings_leave_a_question_closing_the_text():
    found = run(furniture.trailing_headings, *STORY, "", "Will the talks resume next week?")
    assert found == {}


def test_trailing_headings_leave_a_list_that_hangs_from_the_text():
    found = run(furniture.trailing_headings, *STORY, "The agency gave the new prices:", "- Lagos: 1,030 naira a litre",
                "- Abuja: 1,060 naira a litre")
    assert found == {}


def test_trailing_headings_leave_a_last_line_cut_mid_sentence():
    cut = "The Kenya Red Cross said 40,000 people had been displaced and that the figure was likely to"
    assert run(furniture.trailing_headings, STORY[0], STORY[2], cut) == {}


# classify


def test_classify_names_the_pass_that_claimed_each_line():
    built = page(
        "Skip to main content",
        "World",
        "Africa",
        "Europe",
        *STORY,
        "Updated 2 hours ago",
        "Photo: Martín Bernetti/AFP",
        "By Camila Rojas",
        "Email Share",
        "Uganda opposition leader detained in Kampala",
    )
    assert furniture.classify(built) == {
        0: ("related", "link_lines"),
        1: ("navigation", "menu_runs"),
        2: ("navigation", "menu_runs"),
        3: ("navigation", "menu_runs"),
        11: ("timestamp", "stamp_lines"),
        12: ("credit", "credit_lines"),
        13: ("byline", "bylines"),
        14: ("navigation", "widget_lines"),
        15: ("related", "trailing_headings"),
    }


def test_classify_gives_a_line_to_the_first_pass_that_claims_it():
    # widget_lines alone would call it navigation; link_lines runs first and calls it related.
    built = page("Follow us on X", *STORY)
    assert furniture.widget_lines(built, built.content) == {0: "navigation"}
    assert furniture.classify(built)[0] == ("related", "link_lines")
    # a repeated stamp: the copy is a duplicate, the first stays for stamp_lines
    built = page("Updated 2 hours ago", *STORY, "Updated 2 hours ago")
    assert furniture.classify(built) == {0: ("timestamp", "stamp_lines"), 8: ("duplicate", "repeated_lines")}


def test_later_passes_see_only_unclaimed_lines(monkeypatch):
    seen: list[list[int]] = []

    def spy(page, lines):
        """Records what it is offered."""
        seen.append([line.index for line in lines])
        return {0: "navigation", 2: "navigation"}

    monkeypatch.setattr(furniture, "PASSES", (furniture.widget_lines, spy))
    found = furniture.classify(page("Share", "Tokyo stocks fell in early trade.", "Osaka stocks rose."))
    assert seen == [[1, 2]]
    assert found == {0: ("navigation", "widget_lines"), 2: ("navigation", "spy")}


def test_classify_logs_every_claimed_line_at_debug(caplog):
    caplog.set_level(logging.DEBUG, logger="generator.clean.furniture")
    furniture.classify(page("Follow us on Telegram", *STORY, "By Camila Rojas"))
    assert [record.getMessage() for record in caplog.records] == [
        "furniture related (link_lines): Follow us on Telegram",
        "furniture byline (bylines): By Camila Rojas",
    ]


def test_explain_logs_only_lines_containing_its_text(caplog):
    caplog.set_level(logging.DEBUG, logger="generator.clean.furniture")
    furniture.classify(page("Follow us on Telegram", *STORY, "By Camila Rojas"), explain="ROJAS")
    assert [record.getMessage() for record in caplog.records] == ["furniture byline (bylines): By Camila Rojas"]


def test_classify_logs_nothing_above_debug(caplog):
    caplog.set_level(logging.INFO, logger="generator.clean.furniture")
    furniture.classify(page("Follow us on Telegram", *STORY))
    assert caplog.records == []


@pytest.mark.parametrize(
    "text, length",
    [
        ("date 2023-09-12 Libya floods: Derna toll rises", 16),
        ("2023-09-12T08:30:00Z Derna toll rises", 21),
        ("2024-02-01 09:15 Markets open", 17),
        ("The 2023-09-12 report", 0),
        ("Libya floods: Derna toll rises", 0),
    ],
)
def test_strip_leading_stamp_measures_an_opening_iso_stamp(text, length):
    assert furniture.strip_leading_stamp(text) == length
