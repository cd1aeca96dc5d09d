"""pipeline: a failing article is skipped (or fatal under strict input); the summary accounts for every file."""

from __future__ import annotations

import json

import pytest

from generator import pipeline
from generator.errors import InputError
from generator.keyphrases import candidates
from generator.model import Article, InputRecord
from generator.readers import ReadResult

FAILING_MARK = "Bank of Korea kept its benchmark"


@pytest.fixture
def failing_keyphrases(monkeypatch):
    """Keyphrase extraction raises for the one article about the Bank of Korea."""
    real = candidates.extract

    def extract(doc, *args, **kwargs):
        if FAILING_MARK in doc.text:
            raise RuntimeError("keyphrase pass exploded")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(candidates, "extract", extract)


def by_source(digest) -> dict[str, object]:
    return {entry.article.source: entry for entry in digest.articles}


def test_a_failing_pass_for_one_article_leaves_it_bare_and_the_rest_intact(build_digest, news_files, news_digest, failing_keyphrases):
    digest = build_digest(news_files)
    entries = by_source(digest)
    assert set(entries) == set(by_source(news_digest))
    failed = entries["03_bok.txt"]
    assert (failed.keyphrases, failed.actors) == ((), ())
    assert failed.topic != ""
    analysis = next(a for a in digest.analyses if a.article_id == failed.article.id)
    assert analysis.error == "RuntimeError: keyphrase pass exploded"
    healthy = {source: (e.keyphrases, e.actors) for source, e in entries.items() if source != "03_bok.txt"}
    expected = {source: (e.keyphrases, e.actors) for source, e in by_source(news_digest).items() if source != "03_bok.txt"}
    assert healthy == expected


def test_strict_input_makes_a_failed_article_fatal_and_names_its_file(build_digest, news_files, failing_keyphrases):
    good = {name: content for name, content in news_files.items() if name not in ("07_empty.txt", "08_image.txt")}
    with pytest.raises(InputError) as caught:
        build_digest(good, strict_input=True)
    assert str(caught.value).startswith("03_bok.txt: the analysis of article ")
    assert "RuntimeError: keyphrase pass exploded" in str(caught.value)
    assert caught.value.exit_code == 3


def test_strict_input_makes_an_unusable_file_fatal_and_names_it(build_digest, news_files):
    with pytest.raises(InputError) as caught:
        build_digest(news_files, strict_input=True)
    assert str(caught.value) == "07_empty.txt: the file is empty"


def test_summary_line_accounts_for_every_file(news_digest, news_files):
    assert len(news_digest.inputs) == len(news_files)
    assert pipeline.summary_line(news_digest) == (
        "files: 8 found, 5 read, 2 skipped (1 binary, 1 empty), 1 duplicate(s), 1 decoded with a fallback; articles: 6"
    )


def test_input_records_name_the_articles_made_from_each_file(news_digest):
    made = {record.source: record.articles for record in news_digest.inputs}
    assert len(made["04_items.jsonl"]) == 2
    assert made["06_copy.txt"] == ()
    assert {i for ids in made.values() for i in ids} == {entry.article.id for entry in news_digest.articles}
    duplicate = next(r for r in news_digest.inputs if r.source == "06_copy.txt")
    assert (duplicate.status, duplicate.duplicate_of) == ("duplicate", "03_bok.txt")


def test_a_file_whose_articles_were_all_left_out_is_skipped_with_the_reason():
    read = ReadResult((), (InputRecord("teasers.txt", "read"), InputRecord("story.txt", "read")), ())
    story = Article(id="s", source="story.txt", part=1, start=0, end=1, title=None, date=None, date_basis=None,
                             standfirst=(), paragraphs=("Text.",))
    records = pipeline.input_records(read, [story], [], {})
    assert [(r.source, r.status, r.kind, r.articles) for r in records] == [
        ("teasers.txt", "skipped", pipeline.HEADLINES_ONLY, ()),
        ("story.txt", "read", None, ("s",)),
    ]


def test_two_reports_of_one_story_share_a_topic(news_digest):
    entries = by_source(news_digest)
    assert entries["01_derna_wire.txt"].topic == entries["02_derna_gulf.md"].topic
    assert entries["01_derna_wire.txt"].topic != entries["03_bok.txt"].topic
    assert len(news_digest.topics) == 5


def test_credited_sources_reach_the_article(news_digest):
    assert by_source(news_digest)["02_derna_gulf.md"].credited == ("Al Jazeera",)


def test_edition_and_stamp_come_from_the_newest_article(news_digest):
    assert news_digest.edition == "2024-09-10"
    assert news_digest.generated == "2024-09-10T00:00:00Z"


def test_source_date_epoch_fixes_the_stamp(monkeypatch, news_digest):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1726000000")
    assert pipeline.generated_stamp([e.article for e in news_digest.articles]) == "2024-09-10T20:26:40Z"


def test_a_folder_with_no_usable_file_is_an_input_error(build_digest):
    with pytest.raises(InputError) as caught:
        build_digest({"empty.txt": b"", "picture.txt": b"\x89PNG\r\n\x1a\n\x00\x00"})
    assert str(caught.value).startswith("no usable news files in ")


def test_unique_ids_and_part_numbers():
    import dataclasses

    from generator.model import Article

    base = Article(id="floods", source="a.txt", part=9, start=0, end=1, title=None, date=None, date_basis=None, standfirst=(), paragraphs=("x",))
    articles = [base, dataclasses.replace(base, source="b.txt"), dataclasses.replace(base, id="floods", source="a.txt")]
    numbered = pipeline.with_unique_ids(pipeline.numbered(articles))
    assert [(a.id, a.source, a.part) for a in numbered] == [("floods", "a.txt", 1), ("floods-2", "b.txt", 1), ("floods-3", "a.txt", 2)]


def test_a_rebuild_takes_cleaning_and_analysis_from_the_cache_and_gives_the_same_digest(news_folder, news_digest, tmp_path, monkeypatch):
    from generator import clean, contract
    from generator import analyse as analyse_module
    from generator.clean import dedupe
    from tests.conftest import make_settings

    settings = make_settings(news_folder, tmp_path / "docs", use_cache=True, cache=tmp_path / "cache")
    expected = contract.dumps(contract.to_contract(news_digest))
    assert contract.dumps(contract.to_contract(pipeline.build_digest(settings))) == expected

    def never(*args, **kwargs):
        raise AssertionError("cleaned or analysed again")

    monkeypatch.setattr(clean, "clean", never)
    monkeypatch.setattr(dedupe, "fingerprints", never)
    monkeypatch.setattr(analyse_module, "analyse", never)
    assert contract.dumps(contract.to_contract(pipeline.build_digest(settings))) == expected


def test_cleaning_is_not_cached_when_a_lower_case_text_makes_it_depend_on_the_others(build_digest, news_files, tmp_path):
    from generator.clean.casing import is_lower_case

    transcript = "minister ana lima said on monday that the port of valdora would reopen after the strike. " * 12
    assert is_lower_case(transcript)
    build_digest({**news_files, "transcript.txt": transcript}, use_cache=True, cache=tmp_path / "cache")
    entries = [json.loads(p.read_text()) for p in (tmp_path / "cache").rglob("*.json")]
    assert entries and all("article_id" in entry for entry in entries)  # analyses only
