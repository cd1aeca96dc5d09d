"""Duplicate articles: exact copies, the same address and near copies kept once, with `also_in`."""

from __future__ import annotations

import logging

import pytest

from generator.clean.dedupe import MIN_WORDS, WordHashes, drop_duplicates, fingerprints, shingle_hashes
from generator.settings import CleanSettings

WIRE = (
    "Indonesian rescuers on Sunday searched for 14 people still missing after a landslide buried homes in a remote village on the island of Sulawesi, the national disaster agency said.",
    "Heavy rain triggered the landslide early on Saturday in the Tana Toraja district, burying at least a dozen houses, agency spokesman Abdul Muhari told reporters in Jakarta.",
    "Rescue teams using excavators and bare hands have recovered 18 bodies so far, and three injured villagers were taken to a hospital in the town of Makale.",
)
LIGHTLY_EDITED = (WIRE[0].replace("on Sunday", "on Sunday morning"), WIRE[1], WIRE[2])
REWRITTEN = (
    "Fourteen villagers remain missing on Sulawesi after heavy rain sent a hillside crashing onto homes in Tana Toraja early on Saturday, Indonesia's disaster agency said on Sunday.",
    "Abdul Muhari, a spokesman for the agency, said 18 bodies had been recovered by rescue teams working with excavators and bare hands, while three injured villagers were in hospital in Makale.",
)
SELIC = (
    "Brazil's central bank raised its benchmark Selic rate by a full percentage point on Wednesday to 13.25 percent, as policymakers in Brasilia sought to tame inflation that has run above target for months.",
    "The bank signalled another increase of the same size in March, citing a weaker real and rising food prices, and said it would act firmly to bring inflation back to its 3 percent goal.",
)


@pytest.fixture
def dedupe(article):
    def run(*items: tuple[str, tuple[str, ...]] | tuple[str, tuple[str, ...], str]) -> tuple[list[tuple[str, tuple[str, ...]]], dict[str, str]]:
        made = [article(*paragraphs, id=f"{source}-{n}", source=source, url=url[0] if url else None) for n, (source, paragraphs, *url) in enumerate(items)]
        kept, dropped = drop_duplicates(made, fingerprints(made), CleanSettings())
        return [(a.source, a.also_in) for a in kept], dropped

    return run


def test_the_wire_story_is_long_enough_for_near_duplicate_search():
    assert len(" ".join(WIRE).split()) >= MIN_WORDS


def test_an_exact_copy_is_kept_once_and_listed(dedupe):
    assert dedupe(("antara.txt", WIRE), ("copy.txt", WIRE)) == ([("antara.txt", ("copy.txt",))], {"copy.txt": "antara.txt"})


def test_exact_means_the_same_words_whatever_the_case_and_punctuation(dedupe):
    kept, _ = dedupe(("a.txt", ("Tokyo stocks fell.",)), ("b.txt", ("TOKYO stocks -- fell!",)))
    assert kept == [("a.txt", ("b.txt",))]


def test_the_same_address_is_one_article(dedupe):
    found = dedupe(("page.html", ("Short note on the Kenyan shilling.",), "https://news.example/ke/1"), ("feed.xml", ("Shilling steady.",), "https://news.example/ke/1"))
    assert found == ([("page.html", ("feed.xml",))], {"feed.xml": "page.html"})


def test_wire_copy_with_light_edits_is_kept_once(dedupe):
    assert dedupe(("antara.txt", WIRE), ("jakartapost.html", LIGHTLY_EDITED), ("folha.txt", SELIC)) == (
        [("antara.txt", ("jakartapost.html",)), ("folha.txt", ())],
        {"jakartapost.html": "antara.txt"},
    )


def test_another_outlets_own_account_of_the_event_is_kept(dedupe):
    kept, dropped = dedupe(("antara.txt", WIRE), ("kompas.txt", REWRITTEN))
    assert (kept, dropped) == ([("antara.txt", ()), ("kompas.txt", ())], {})


def test_different_stories_are_kept_apart(dedupe):
    assert dedupe(("antara.txt", WIRE), ("folha.txt", SELIC)) == ([("antara.txt", ()), ("folha.txt", ())], {})


def test_short_articles_are_compared_only_exactly(dedupe):
    kept, _ = dedupe(("a.txt", ("Tokyo stocks fell on Friday.",)), ("b.txt", ("Tokyo stocks fell on Thursday.",)))
    assert kept == [("a.txt", ()), ("b.txt", ())]


def test_two_stories_of_one_source_are_never_merged(dedupe):
    kept, dropped = dedupe(("roundup.txt", WIRE), ("roundup.txt", WIRE))
    assert (kept, dropped) == ([("roundup.txt", ()), ("roundup.txt", ())], {})


def test_a_source_with_one_new_story_is_not_reported_as_a_duplicate(dedupe):
    kept, dropped = dedupe(("antara.txt", WIRE), ("digest.txt", WIRE), ("digest.txt", SELIC))
    assert kept == [("antara.txt", ("digest.txt",)), ("digest.txt", ())]
    assert dropped == {}


def test_every_copy_is_listed_in_input_order(dedupe):
    kept, dropped = dedupe(("a.txt", WIRE), ("b.txt", WIRE), ("c.txt", LIGHTLY_EDITED))
    assert kept == [("a.txt", ("b.txt", "c.txt"))]
    assert dropped == {"b.txt": "a.txt", "c.txt": "a.txt"}


def test_a_dropped_copy_is_logged(dedupe, caplog):
    caplog.set_level(logging.INFO, logger="generator.clean.dedupe")
    dedupe(("antara.txt", WIRE), ("copy.txt", WIRE))
    assert [record.getMessage() for record in caplog.records] == ["copy.txt repeats an article of antara.txt; kept once"]


def test_the_threshold_is_a_setting(article):
    # shares two of its three paragraphs with WIRE: an update, not a copy, at the default threshold
    update = (WIRE[0], WIRE[1], "Television footage showed villagers digging through mud with shovels as relatives waited beside a row of damaged wooden houses.")
    made = [article(*WIRE, id="a", source="a.txt"), article(*update, id="b", source="b.txt")]
    kept, _ = drop_duplicates(made, fingerprints(made), CleanSettings())
    assert [(a.source, a.also_in) for a in kept] == [("a.txt", ()), ("b.txt", ())]
    kept, _ = drop_duplicates(made, fingerprints(made), CleanSettings(near_duplicate_jaccard=0.3))
    assert [(a.source, a.also_in) for a in kept] == [("a.txt", ("b.txt",))]


def test_a_high_threshold_the_settings_accept_does_not_crash(article):
    made = [article(*WIRE, id="a", source="a.txt"), article(*WIRE, id="b", source="b.txt")]
    kept, _ = drop_duplicates(made, fingerprints(made), CleanSettings(near_duplicate_jaccard=0.97))
    assert [(a.source, a.also_in) for a in kept] == [("a.txt", ("b.txt",))]


def test_shingle_hashes_follow_word_order_and_not_what_was_hashed_before():
    words = WIRE[0].lower().split()
    alone = shingle_hashes(words, WordHashes())
    primed = WordHashes()
    shingle_hashes(SELIC[0].lower().split(), primed)
    assert list(shingle_hashes(words, primed)) == list(alone)
    assert len(alone) == len(set(zip(words, words[1:], words[2:])))
    assert list(shingle_hashes(["a", "b", "c"], WordHashes())) != list(shingle_hashes(["c", "b", "a"], WordHashes()))


def test_a_text_shorter_than_a_shingle_is_one_shingle():
    assert len(shingle_hashes(["dam", "bursts"], WordHashes())) == 1
    assert len(shingle_hashes([], WordHashes())) == 0


def test_an_articles_fingerprint_is_its_own_whatever_it_is_taken_with(article):
    # fingerprints are cached per source: they must not depend on the batch they were taken in
    wire, selic, short = article(*WIRE, id="w"), article(*SELIC, id="s"), article("Tokyo stocks fell.", id="t")
    together = fingerprints([selic, short, wire])
    assert together == (*fingerprints([selic]), *fingerprints([short]), *fingerprints([wire]))
    assert together[1].minhash is None and together[2].minhash is not None
    assert fingerprints([article("TOKYO stocks -- fell!", id="u")])[0].words == together[1].words
