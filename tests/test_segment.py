"""segment: boilerplate removal, splitting multi-story sources, spans and metadata."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import Source
from generator.segment import (
    furniture_kind,
    is_heading,
    parse_dateline,
    place_name,
    segment,
    spans_from_starts,
)
from generator.text import find_date

REPO = Path(__file__).resolve().parent.parent
STORIES = REPO / "tests" / "fixtures" / "stories"
EXPECTED = json.loads((STORIES / "expected.json").read_text(encoding="utf-8"))


def _source(name: str) -> Source:
    return Source(name, (STORIES / "sources" / name).read_text(encoding="utf-8"))


def _seed(prefix: str) -> Source:
    path = next((REPO / "seeds").glob(f"{prefix}_*.txt"))
    return Source(path.name, path.read_text(encoding="utf-8"))


def _assert_spans(source: Source, articles) -> None:
    previous_end = 0
    for a in articles:
        assert 0 <= a.start < a.end <= len(source.text)
        assert a.start >= previous_end, "spans overlap"
        previous_end = a.end
        span = source.text[a.start : a.end]
        assert a.paragraphs and all(p.strip() for p in a.paragraphs)
        for p in a.paragraphs:
            assert p in span, f"paragraph not in its span: {p[:60]!r}"


# --- seeds -----------------------------------------------------------------


def test_seed_single_story_with_dash_dateline_and_cnn_credit():
    source = _seed("000")
    (article,) = segment(source)
    assert article.id == "000-e660eab01833a96a"
    assert article.part == 1
    assert article.title is None
    assert article.dateline == "Kyiv"
    assert article.outlet == "CNN"
    assert article.date is None
    assert article.paragraphs[0].startswith("Russia launched its biggest airstrike")
    assert [f.kind for f in article.furniture] == ["byline"]
    assert not any("contributed reporting" in p for p in article.paragraphs)
    _assert_spans(source, [article])


def test_seed_two_pasted_stories_become_two_articles():
    source = _seed("004")
    first, second = segment(source)
    assert (first.id, second.id) == ("004-8c472709db10914e-1", "004-8c472709db10914e-2")
    assert first.title.startswith("Ukraine, US to meet for third day")
    assert second.title == "Bulgarians protest widespread graft and call for a fair election"
    assert first.date == "2025-12-06"
    assert second.date == "2025-12-06"  # "Updated 8 sec ago": inherits the page date
    assert (first.dateline, second.dateline) == ("Miami", "Sofia")
    assert first.outlet is None  # "(Reuters)" ends a photo caption: a credit, not the outlet
    assert first.paragraphs[0].startswith("Ukrainian and US officials will hold")
    assert second.paragraphs[0].startswith("Tens of thousands of people")
    assert len(second.standfirst) == 2
    kinds = {f.kind for f in first.furniture}
    assert {"caption", "navigation", "timestamp", "duplicate"} <= kinds
    assert second.start > first.end - 1
    assert "Bulgarians protest" not in source.text[first.start : first.end]
    texts = " ".join(first.paragraphs + second.paragraphs)
    for junk in ("Short Url", "Follow", "Updated", "(Reuters)", "Genuinely friendly"):
        assert junk not in texts
    _assert_spans(source, [first, second])


# --- every fixture against its expected answer -------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED["sources"]))
def test_fixture_split_and_metadata(name):
    source = _source(name)
    articles = segment(source)
    expected = EXPECTED["sources"][name]
    assert len(articles) == len(expected)
    for part, (article, exp) in enumerate(zip(articles, expected, strict=True), start=1):
        assert article.part == part
        pos = source.text.find(exp["marker"])
        assert article.start <= pos < article.end, f"marker of part {part} outside its span"
        for key in ("title", "date", "dateline", "outlet"):
            if key in exp:
                assert getattr(article, key) == exp[key], key
    _assert_spans(source, articles)


def test_ids_single_and_multi():
    assert segment(Source("a/b.txt", "Just one story here, with a sentence."))[0].id == "a-b"
    ids = [a.id for a in segment(_source("paste_umerov_chipmaker.txt"))]
    assert ids == ["paste-umerov-chipmaker-1", "paste-umerov-chipmaker-2"]


# --- cases ---------------------------------------------------------------------


def test_roundup_page_gives_one_article_per_headed_item():
    articles = segment(_source("roundup_morning.txt"))
    assert [a.title for a in articles] == [
        "Ukraine peace plan goes back to Washington",
        "Bulgarian protesters return to Sofia streets",
        "Italian rail strike halts trains nationwide",
        "Heatwave grips eastern Australia",
        "Comet makes closest approach to Earth",
    ]
    # The page title is furniture of the first item, and its date reaches every item.
    assert any(f.text.startswith("Morning Briefing") for f in articles[0].furniture)
    assert all(a.date == "2025-12-10" for a in articles)


def test_subheadings_do_not_split_one_story():
    (article,) = segment(_source("explainer_subheads.txt"))
    assert "Territory" not in article.paragraphs
    assert any(f.text == "Security guarantees" for f in article.furniture)


def test_transcript_headlines_items_and_headline_only_story():
    source = _source("bulletin_evening.txt")
    articles = segment(source)
    derail, bulgaria, ukraine = articles
    assert derail.paragraphs == ("And a freight train derails near the Austrian border.",)
    assert bulgaria.title == "Bulgaria's government steps down after weeks of street protests."
    assert ukraine.title.startswith("Ukrainian negotiators prepare")
    # The fused line "...since 2021.00:52 The crisis..." is split at its timestamp and stays text.
    assert "The crisis comes weeks before Bulgaria adopts the euro." in bulgaria.paragraphs
    assert not any(p[:5].count(":") for p in bulgaria.paragraphs)
    assert all(a.date == "2025-12-11" for a in articles)
    assert any("Thanks for watching" in f.text for f in ukraine.furniture)
    for a in articles:
        for p in a.paragraphs:
            assert p in source.text[a.start : a.end]


def test_cut_off_last_story_is_kept():
    first, second = segment(_source("cutoff_quake_bulgaria.txt"))
    assert second.title.startswith("Bulgarian lawmakers")
    assert second.paragraphs[-1].endswith("had ignored")


def test_story_named_only_in_page_title():
    source = _source("title_only_dutch_court.txt")
    only_title, story = segment(source)
    assert only_title.title == "Dutch court orders faster emissions cuts"
    assert only_title.paragraphs == (only_title.title,)
    assert source.text[only_title.start : only_title.end] == only_title.title
    assert story.title == "Ukraine says prisoner swap agreed in principle"
    assert story.dateline == "Kyiv"


def test_trailing_headline_of_another_story_becomes_short_article():
    text = (
        "Flood waters recede in the north\n\nVALENCIA: Flood waters began to recede on Sunday after "
        "three days of heavy rain, officials said.\nResidents returned to clear mud from their homes.\n\n"
        "Central bank raises interest rates to curb inflation\n"
    )
    articles = segment(Source("x.txt", text))
    assert len(articles) == 2
    assert articles[1].paragraphs == ("Central bank raises interest rates to curb inflation",)


def test_two_stories_split_at_dateline_without_headline():
    text = (
        "LONDON (Reuters) - British retail sales rose in November as shoppers bought early for Christmas, "
        "official data showed on Friday.\nThe increase beat economists' forecasts.\n\n"
        "NAIROBI (AFP) - Kenya's parliament approved a new tax bill on Thursday after a heated debate.\n"
        "Opposition lawmakers walked out of the chamber.\n"
    )
    first, second = segment(Source("x.txt", text))
    assert (first.dateline, first.outlet) == ("London", "Reuters")
    assert (second.dateline, second.outlet) == ("Nairobi", "AFP")
    assert second.paragraphs[0].startswith("Kenya's parliament")


# --- boilerplate rules ---------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Follow", "navigation"),
        ("Short Url", "navigation"),
        ("Share this article", "navigation"),
        ("Read more: Talks resume in Geneva", "navigation"),
        ("4 min read", "navigation"),
        ("Updated 06 December 2025", "timestamp"),
        ("Updated 8 sec ago", "timestamp"),
        ("Published: Dec. 6, 2025 10:41 GMT", "timestamp"),
        ("December 6, 2025", "timestamp"),
        ("By Jane Doe and John Roe, Associated Press", "byline"),
        ("CNN’s Hira Humayun and Tim Lister contributed reporting.", "byline"),
        ("Reporting by Anna Weber; Editing by Mark Reed", "byline"),
        ("(Reporting by Ola Berg in Oslo; additional reporting by Ian Vale; Editing by Tom Hart)", "byline"),
        ("This newsletter was edited by Rita Lund. Advertisement", "byline"),
        ("Follow Valmora Times on Telegram | Subscribe to our newsletter", "navigation"),
        ("Share on Facebook Share on X Print", "navigation"),
        ("Oslo (AFP) – Published on 19/11/2026 - 09:05", "timestamp"),
        ("Print edition sales fell sharply last year.", None),
        ("Evening Digest: Tuesday, March 4", "other"),
        ("Your five-minute guide to the day's news", "other"),
        ("Evening Digest", "other"),
        ("Forwarded this email? Sign up here.", "navigation"),
        ("This is Radio Valmora Evening News. I'm Ola Berg.", "byline"),
        ("This is a turning point for the country.", None),
        ("Ministers will publish a digest of the evidence.", None),
        ("Photo: Ana Lind (left) and Piet Vos shake hands after signing the minerals agreement at the ministry in Valmora on Tuesday evening.", "caption"),
        ("Follow the money, the senator said.", None),
        ("Photo: AFP", "credit"),
        ("AFP via Getty Images", "credit"),
        ("People take shelter inside a metro station in Kyiv, Ukraine. (Reuters)", "caption"),
        ("Protesters march in Sofia on Thursday. (AP Photo/Valentina Petrova)", "caption"),
        ("Russia launched its biggest airstrike against Ukraine overnight.", None),
        ("By the end of the week, the talks had stalled.", None),
        ("Ukraine, US to meet for third day, agree ‘real progress’ depends on Russia", None),
        ("Follow our coverage of the floods at https://example.org/hub/floods", "navigation"),
        ("https://example.org/live/2026/03/floods-latest", "navigation"),
        ("Read also: Floods close schools in Porto", "navigation"),
        ("Related: Floods close schools in Porto", "navigation"),
        ("Our Standards: The Example Trust Principles.", "navigation"),
        ("Share   Tweet   Email", "navigation"),
        ("Facebook | X | Telegram", "navigation"),
        ("Good morning. Here's what you need to know today.", "other"),
        ("Sign up to get the Daily Catch-Up in your inbox.", "navigation"),
        ("March 6, 2026 10:15 AM GMT Updated 4 hours ago", "timestamp"),
        ("By Ana Kovač | Updated 6 March 2026, 18:02", "timestamp"),
        ("Skiers train above Lillehammer. Photo: NTB / Hanne Lie", "caption"),
        ("A tram in Lisbon. REUTERS/Rita Moura/File Photo", "caption"),
        ("Players celebrate in Bergen. (Photo: Getty Images / Tor Aas)", "caption"),
        ("bur-kl/dt", "byline"),
        ("by Jean Morel with Piotr Nowak in Warsaw", "byline"),
        ("Written by Olu Adebayo. Edited by Kim Sorensen.", "byline"),
        ("Good evening. I'm Nadia Berg.", "byline"),
        ("Our correspondent Lena Hoff reports from Valencia.", "byline"),
        ("The report is available at the ministry's website.", None),
        ("He said the photo: was fake.", None),
        ("Our correspondent was injured in the blast, the agency said.", None),
    ],
)
def test_furniture_kind(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "text, place, agency",
    [
        ("SOFIA: Tens of thousands of people marched.", "Sofia", None),
        ("MIAMI: Ukrainian and US officials met.", "Miami", None),
        ("LONDON (Reuters) - Shares fell.", "London", "Reuters"),
        ("KYIV, Ukraine (AP) — Drones struck overnight.", "Kyiv", "AP"),
        ("WASHINGTON, Dec 6 (Reuters) - The Senate voted.", "Washington", "Reuters"),
        ("NEW YORK: Stocks rose.", "New York", None),
        ("Geneva (AFP) - Talks resumed.", "Geneva", "AFP"),
    ],
)
def test_parse_dateline(text, place, agency):
    parsed = parse_dateline(text)
    assert parsed is not None
    assert parsed[0] == place and parsed[1] == agency


@pytest.mark.parametrize("text", ["BREAKING: Talks collapse.", "US officials said on Friday.", "The talks: what we know"])
def test_not_a_dateline(text):
    assert parse_dateline(text) is None


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Updated 06 December 2025", "2025-12-06"),
        ("Published Dec. 3, 2025 at 10:00", "2025-12-03"),
        ("2025-11-24T08:00:00Z", "2025-11-24"),
        ("on 31 February 2025", None),
        ("Published on 19/11/2026 - 09:05", "2026-11-19"),
        ("on 11/19/2026", "2026-11-19"),
        ("on 05/06/2026", None),  # day and month could be either way round
        ("8 sec ago", None),
    ],
)
def test_find_date(text, iso):
    assert find_date(text) == iso


def test_headings_and_places():
    assert is_heading("Bulgarians protest widespread graft and call for a fair election")
    assert not is_heading("The talks were constructive.")
    assert not is_heading("The demonstrations in Sofia and elsewhere came after")
    assert place_name("HALLANDALE BEACH") == "Hallandale Beach"
    assert place_name("Kyiv") == "Kyiv"


# --- properties ----------------------------------------------------------------


@given(st.lists(st.integers(min_value=0, max_value=500), max_size=20), st.integers(min_value=1, max_value=500))
def test_spans_partition_without_loss_or_overlap(starts, length):
    spans = spans_from_starts(starts, length)
    valid = sorted({s for s in starts if s < length})
    if not valid:
        assert spans == []
        return
    assert spans[0][0] == valid[0] and spans[-1][1] == length
    for (a, b), (c, _) in zip(spans, spans[1:], strict=False):
        assert a < b == c


LINES = st.sampled_from(
    [
        "Talks resume in Geneva as allies press for guarantees",
        "Bulgarian lawmakers back cabinet resignation",
        "Updated 06 December 2025",
        "Follow",
        "Short Url",
        "SOFIA: Tens of thousands of people marched through the capital on Thursday.",
        "The government withdrew the budget plan after the protests.",
        "Negotiators met for a third day, officials said.",
        "  • A bullet summary line for the story",
        "People gather in a square in the capital. (Reuters)",
        "00:11 And a freight train derails near the border.",
        "Kyiv",
        "—",
        "",
        "",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=40))
def test_segment_spans_are_ordered_disjoint_and_hold_their_text(lines):
    source = Source("p.txt", "\n".join(lines))
    articles = segment(source)
    previous_end = 0
    for part, a in enumerate(articles, start=1):
        assert a.part == part
        assert previous_end <= a.start < a.end <= len(source.text)
        previous_end = a.end
        assert a.paragraphs and all(p for p in a.paragraphs)
    if source.text.strip():
        assert articles


def test_segment_is_fast_and_linear():
    source = _seed("004")
    started = time.perf_counter()
    for i in range(500):
        segment(Source(f"s{i}.txt", source.text))
    per_article = (time.perf_counter() - started) / 1000
    assert per_article < 0.004  # 10,000 articles in well under a minute
    big = Source("big.txt", source.text * 200)
    started = time.perf_counter()
    assert len(segment(big)) == 400
    assert time.perf_counter() - started < 5


def test_pasted_stories_without_cues_split_on_topical_shift():
    rail = (
        "Rail workers in Italy walked out on Friday, cancelling most high-speed trains between Rome and Milan.\n"
        "Unions said the rail strike would continue until wages for train crews were raised.\n"
        "The transport ministry said it would meet the rail unions next week.\n"
    )
    quake = (
        "A strong earthquake shook northern Japan late on Monday, prompting a brief tsunami advisory.\n"
        "The meteorological agency said the quake struck off the coast of Aomori at a shallow depth.\n"
        "Aftershocks could continue for a week, seismologists warned.\n"
    )
    first, second = segment(Source("x.txt", rail + "\n\n\n" + quake))
    assert first.paragraphs[0].startswith("Rail workers")
    assert second.paragraphs[0].startswith("A strong earthquake")
    # The same story with a wide gap stays whole.
    more_rail = "Commuters crowded onto regional trains as the rail strike entered its second day.\n"
    assert len(segment(Source("y.txt", rail + "\n\n\n" + more_rail))) == 1


def test_text_that_looks_like_furniture_is_kept():
    assert furniture_kind("Published figures showed a sharp fall in exports.") is None
    assert furniture_kind("Updated guidance was issued to hospitals.") is None
    assert furniture_kind("Follow the money, investigators said.") is None


def test_transcript_without_intro_phrase_and_bracketed_timestamps():
    text = (
        "[00:00] Floods cut off villages in the north.\n"
        "[00:05] Parliament passes the new budget.\n"
        "[00:09] First, the floods. Rescue teams used boats to reach villages cut off by the swollen river, "
        "and the army was sent to help evacuate residents.\n"
        "[00:30] Forecasters expect more heavy rain on the flooded river valley tomorrow.\n"
        "[00:52] Now to parliament, where lawmakers passed the new budget after a night of debate on taxes.\n"
        "[01:10] The finance minister said the budget would cut the deficit.\n"
    )
    source = Source("t.txt", text)
    floods, budget = segment(source)
    assert floods.title == "Floods cut off villages in the north."
    assert budget.title == "Parliament passes the new budget."
    assert floods.paragraphs[0].startswith("First, the floods.")
    assert budget.paragraphs[-1].startswith("The finance minister")


# --- blind-test failure classes (fixtures in tests/fixtures/stories/segment) ---

SEGMENT_CASES = STORIES / "segment"


def _case(name: str) -> Source:
    return Source(name, (SEGMENT_CASES / name).read_text(encoding="utf-8"))


def test_transcript_with_timestamps_on_their_own_lines():
    source = _case("bulletin_bare_stamps.txt")
    floods, docks, chess = segment(source)
    _assert_spans(source, [floods, docks, chess])
    # Items: a cue ("We begin in"), a fused timestamp with a topical shift and no cue,
    # and "And finally"; the headlines read in one unit title the items.
    assert floods.paragraphs[0].startswith("We begin in Valencia")
    assert docks.paragraphs[0].startswith("DockUnion leader Joost Maes")
    assert chess.paragraphs[0].startswith("And finally, chess.")
    # An item's span starts at its timestamp, also a bare or fused one.
    assert source.text[floods.start :].startswith("00:12\nWe begin")
    assert source.text[docks.start :].startswith("00:41DockUnion")
    assert (floods.title, docks.title, chess.title) == (
        "Floodwater reaches the old town of Valencia.",
        "Antwerp dockers prepare to strike.",
        "And a teenager stuns the chess world in Oslo.",
    )
    # The title line, the presenter and the correspondent hand-off are furniture.
    texts = " ".join(p for a in (floods, docks, chess) for p in a.paragraphs)
    for junk in ("TRANSCRIPT", "I'm Tomasz", "Our correspondent", "That's all"):
        assert junk not in texts
    kinds = {f.text[:20]: f.kind for f in floods.furniture}
    assert kinds["Good afternoon, and "] == "byline"
    assert kinds["Our correspondent Le"] == "byline"
    assert all(a.date == "2026-03-14" for a in (floods, docks, chess))


def test_footer_and_link_lines_are_furniture_not_articles():
    source = _case("footers_single_story.txt")
    (article,) = segment(source)
    assert article.title == "Lisbon tram drivers accept pay deal, ending three-week stoppage"
    assert article.paragraphs[-1].startswith("City transport operator Carris")
    kinds = {f.text: f.kind for f in article.furniture}
    assert kinds["Follow our coverage of Portuguese transport at https://example.org/hub/portugal-transport"] == "navigation"
    assert kinds["Read also: Porto metro expansion delayed again"] == "navigation"
    assert kinds["- Lisbon bus fares frozen for 2026"] == "navigation"
    assert kinds["Our Standards: The Harbour Herald Trust Principles."] == "navigation"
    # Titles and dates come from the headline and the stamp line, never a caption.
    assert article.date == "2026-03-12"
    assert article.outlet == "Harbour Herald"


def test_newsletter_intro_is_not_an_item():
    articles = segment(_case("newsletter_roundup.txt"))
    assert [a.title for a in articles] == [
        "CANAL REOPENS AFTER LANDSLIDE",
        "VOLCANO ALERT RAISED IN ICELAND",
        "SCHOOL MEALS SCHEME EXTENDED",
    ]
    assert all(a.date == "2026-03-10" for a in articles)
    assert not any("Evening Digest" in p for a in articles for p in a.paragraphs)
    assert {f.kind for f in articles[0].furniture} >= {"other", "navigation", "timestamp"}


def test_closing_sentence_before_credit_line_is_body():
    source = _case("closing_line_before_credit.txt")
    estonia, chile = segment(source)
    assert estonia.paragraphs[-1] == 'Rebane said the government would present the tax bill "within weeks, not months."'
    assert estonia.outlet == "AP"
    assert chile.title.startswith("Chile's copper output")
    # Without a final period (a quote-closed clause) it is still the story's last paragraph.
    text = source.text.replace('"within weeks, not months."', 'as "A Matter Of Weeks"')
    estonia, chile = segment(Source("x.txt", text))
    assert estonia.paragraphs[-1].endswith('"A Matter Of Weeks"')


def test_title_is_never_a_caption_or_stamp_line():
    text = (
        "Norway wins bid to host 2031 ski championships\n\n"
        "Norway's Lillehammer wins bid to host 2031 ski championships\n"
        "March 6, 2026 10:15 AM GMT Updated 4 hours ago\n\n"
        "Skiers train on a slope above Lillehammer. Photo: NTB / Hanne Lie\n\n"
        "OSLO, Mar 6 (Reuters) - Norway will host the 2031 Nordic skiing world championships in Lillehammer, "
        "the international federation said on Friday.\n"
        "The town last hosted the event in 1994.\n"
    )
    (article,) = segment(Source("x.txt", text))
    assert article.title == "Norway wins bid to host 2031 ski championships"
    assert article.date == "2026-03-06"
    kinds = [f.kind for f in article.furniture]
    assert kinds == ["duplicate", "timestamp", "caption"]


@pytest.mark.parametrize(
    "stamp, caption, iso",
    [
        # A year-less dateline takes its year from a full date elsewhere on the page.
        ("", "Fans wave flags in Oslo on March 5, 2026. (AP Photo/Ola Berg)", "2026-03-06"),
        ("Updated 6 March 2026, 18:02", "", "2026-03-06"),
        # Without one it stays undated.
        ("Updated 2 hours ago", "Fans wave flags in Oslo. (AP Photo/Ola Berg)", None),
    ],
)
def test_year_less_dateline_takes_page_year(stamp, caption, iso):
    text = (
        "Norway wins bid to host ski championships\n"
        f"{stamp}\n\n{caption}\n\n"
        "OSLO, Mar 6 (Reuters) - Norway will host the Nordic skiing world championships in Lillehammer, "
        "the federation said on Friday.\n"
    )
    (article,) = segment(Source("x.txt", text))
    assert article.date == iso
    assert article.outlet == "Reuters"


def test_caption_date_when_nothing_else_states_one():
    text = (
        "Rescuers search for survivors after Andes landslide\n"
        "Rescuers search for survivors after Andes landslide\n\n"
        "QUITO, Ecuador (AP) — Rescuers dug through mud on Tuesday after a landslide buried homes.\n\n"
        "Villagers carry supplies near Quito, Ecuador, Tuesday, March 3, 2026. (AP Photo/Dolores Ochoa)\n\n"
        "The army sent helicopters to the area.\n"
    )
    (article,) = segment(Source("x.txt", text))
    assert article.date == "2026-03-03"
    assert article.outlet == "AP"
    assert not any("Villagers carry" in p for p in article.paragraphs)


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("Updated 3 hours ago | Baltic Courier\n\nFerry service resumes\n\nThe ferry to Helsinki sailed on Monday.", "Baltic Courier"),
        ("Ferry service resumes\n\nThe ferry to Helsinki sailed on Monday.\n\n© 2026 Baltic Courier. All rights reserved.", "Baltic Courier"),
        ("Baltic Courier\nFerry service resumes after storm\nUpdated 2 hours ago\n\nThe ferry to Helsinki sailed on Monday.", "Baltic Courier"),
        ("Ferry service resumes after storm\n\nThe ferry to Helsinki sailed on Monday.", None),
    ],
)
def test_outlet_named_in_page_furniture(text, outlet):
    (article,) = segment(Source("x.txt", text))
    assert article.outlet == outlet
    assert article.title != "Baltic Courier"


def test_heading_needs_an_open_ending():
    assert not is_heading('Rebane said the bill would come "within weeks, not months."')
    assert is_heading("Estonia's Rebane: tax bill 'within weeks'")
