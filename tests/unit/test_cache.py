"""cache: analyses round-trip through JSON; corrupt or foreign entries are ignored; keys move with text and version."""

from __future__ import annotations

import dataclasses
import json

import pytest

from generator import cache as cache_module
from generator.cache import AnalysisCache, CleanCache, decode, encode
from generator.clean import dedupe
from generator.model import Analysis, Problem

TEXT = (
    "Prime Minister Pham Minh Chinh inspected the flooded dykes of Hanoi on Sunday. "
    '"We will rebuild every dyke before the next rainy season," Pham Minh Chinh said.'
)


@pytest.fixture(scope="module")
def real_analysis() -> Analysis:
    from generator.analyse import analyse_batch
    from generator.model import Article
    from generator.settings import Settings

    article = Article(id="hanoi-dykes", source="hanoi.txt", part=1, start=0, end=len(TEXT), title="Hanoi dykes to be rebuilt",
                      date=None, date_basis=None, standfirst=(), paragraphs=(TEXT,))
    return analyse_batch([article], Settings())[0]


def test_a_real_analysis_round_trips(tmp_path, real_analysis):
    assert real_analysis.mentions and real_analysis.quotes and real_analysis.candidates and real_analysis.summary
    cache = AnalysisCache(tmp_path, "model-1")
    cache.put(TEXT, real_analysis)
    assert cache.get("hanoi-dykes", TEXT) == real_analysis


def test_encode_decode_is_the_identity(real_analysis):
    assert decode(json.loads(json.dumps(encode(real_analysis)))) == real_analysis


def test_a_missing_entry_is_a_miss(tmp_path):
    cache = AnalysisCache(tmp_path, "model-1")
    assert cache.get("hanoi-dykes", TEXT) is None


def test_the_key_changes_with_text_article_and_version(tmp_path):
    cache = AnalysisCache(tmp_path, "model-1")
    key = cache.key("hanoi-dykes", TEXT)
    assert cache.key("hanoi-dykes", TEXT + " ") != key
    assert cache.key("hanoi-dykes-2", TEXT) != key
    assert AnalysisCache(tmp_path, "model-2").key("hanoi-dykes", TEXT) != key
    assert AnalysisCache(tmp_path / "elsewhere", "model-1").key("hanoi-dykes", TEXT) == key


def test_an_entry_of_another_settings_version_is_not_reused(tmp_path, real_analysis):
    AnalysisCache(tmp_path, "model-1|settings-a").put(TEXT, real_analysis)
    assert AnalysisCache(tmp_path, "model-1|settings-b").get("hanoi-dykes", TEXT) is None
    assert AnalysisCache(tmp_path, "model-1|settings-a").get("hanoi-dykes", TEXT) == real_analysis


@pytest.mark.parametrize(
    "content",
    [
        "not json at all {",
        "[]",
        '{"article_id": "hanoi-dykes"}',
        '{"article_id": "hanoi-dykes", "sentences": [["x", "sidebar", 0]], "mentions": [], "quotes": [], "candidates": [], "terms": []}',
        '{"article_id": "hanoi-dykes", "sentences": [["x", "body", 0]], "mentions": [["Hanoi", "Hanoi", "GPE", 7, "body", null, null, null, false]], '
        '"quotes": [], "candidates": [], "terms": []}',
        '{"article_id": "hanoi-dykes", "sentences": [["x", "body"]], "mentions": [], "quotes": [], "candidates": [], "terms": []}',
        '{"article_id": "hanoi-dykes", "sentences": [["x", "body", 0]], "mentions": [], "quotes": [], "candidates": [], "terms": [], "summary": [1]}',
    ],
    ids=["not-json", "a-list", "missing-fields", "bad-zone", "mention-outside-sentences", "short-row", "summary-outside-sentences"],
)
def test_a_corrupt_entry_is_ignored(tmp_path, content):
    cache = AnalysisCache(tmp_path, "model-1")
    path = cache._path(cache.key("hanoi-dykes", TEXT))
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    assert cache.get("hanoi-dykes", TEXT) is None


def test_a_foreign_entry_for_another_article_is_ignored(tmp_path, real_analysis):
    cache = AnalysisCache(tmp_path, "model-1")
    path = cache._path(cache.key("da-nang-dykes", TEXT))
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(encode(real_analysis)), encoding="utf-8")
    assert cache.get("da-nang-dykes", TEXT) is None


def test_a_failed_analysis_is_not_stored(tmp_path):
    cache = AnalysisCache(tmp_path, "model-1")
    cache.put(TEXT, Analysis("hanoi-dykes", (), (), (), (), (), error="ValueError: boom"))
    assert cache.get("hanoi-dykes", TEXT) is None
    assert list(tmp_path.rglob("*.json")) == []


def test_an_unwritable_folder_is_a_warning_not_a_failure(tmp_path, real_analysis, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = AnalysisCache(blocker, "model-1")
    cache.put(TEXT, real_analysis)
    cache.put(TEXT + " Again.", dataclasses.replace(real_analysis, terms=(("dyke", 2),)))
    assert caplog.text.count("cannot write the cache") == 1  # said once, not once per entry
    assert cache.get("hanoi-dykes", TEXT) is None


def test_entries_are_written_whole(tmp_path, real_analysis):
    cache = AnalysisCache(tmp_path, "model-1")
    cache.put(TEXT, real_analysis)
    cache.put(TEXT, dataclasses.replace(real_analysis, terms=(("dyke", 2),)))
    files = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert files == [f"{cache.key('hanoi-dykes', TEXT)}.json"]
    assert cache.get("hanoi-dykes", TEXT).terms == (("dyke", 2),)


def test_the_code_version_covers_every_module_the_analysis_imports():
    modules = cache_module.code_modules(cache_module.ANALYSIS_ENTRY)
    for name in ("generator.analyse", "generator.nlp.repairs", "generator.keyphrases.candidates",
                 "generator.actors.places", "generator.clean.dates", "generator.resources"):
        assert name in modules
    assert "generator.render" not in modules and "generator.topics.cluster" not in modules


def test_the_analysis_code_version_leaves_out_the_actor_merge_it_never_runs():
    # 'from generator.actors import mentions' runs the package's __init__ but none of its code:
    # an edit to the merge passes must not throw away every cached analysis
    modules = cache_module.code_modules(cache_module.ANALYSIS_ENTRY)
    assert "generator.actors.mentions" in modules
    assert not {"generator.actors", "generator.actors.merge", "generator.actors.recover"} & set(modules)


def test_a_name_taken_from_a_package_counts_its_code(tmp_path, monkeypatch):
    package = tmp_path / "generator_probe"
    package.mkdir()
    (package / "__init__.py").write_text("from generator.model import Article\nfrom generator.clean import dates\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    # the module 'generator.model' counts (a name is taken from it), as does the module 'generator.clean.dates';
    # the package 'generator.clean' does not
    assert cache_module._imported_modules("generator_probe") == {"generator.model", "generator.clean.dates"}


def test_the_clean_code_version_covers_the_cleaning_passes_and_not_the_analysis():
    modules = cache_module.code_modules(cache_module.CLEAN_ENTRY)
    for name in ("generator.clean", "generator.clean.furniture", "generator.clean.split", "generator.clean.dates"):
        assert name in modules
    assert "generator.analyse" not in modules and "generator.nlp.repairs" not in modules
    assert cache_module.code_version(cache_module.CLEAN_ENTRY) != cache_module.code_version(cache_module.ANALYSIS_ENTRY)


PAGE = """Home | World | Business | Sport

Port strike enters second week

By Ana Lima

VALDORA, March 14 - Dockworkers at the Port of Valdora stayed off the job for a seventh day on Friday.

The union said talks with Meridian Terminals would resume on Monday.

Share this article
"""


def test_a_cleaned_source_round_trips_with_its_furniture(tmp_path):
    from generator import clean
    from generator.model import Source
    from generator.settings import Settings

    source = Source("strike.txt", PAGE)
    articles = clean.clean(source, Settings().clean, None, None, "en")
    assert articles and articles[0].furniture
    prints = dedupe.fingerprints(articles)
    cache = CleanCache(tmp_path, "clean-1")
    cache.put(source, articles, prints, None)
    assert cache.get(source) == (articles, prints, None)
    assert cache.get(dataclasses.replace(source, text=PAGE + "\nMore.")) is None
    assert CleanCache(tmp_path, "clean-2").get(source) is None
    problem = Problem("empty.txt", "holds no news", "furniture")
    cache.put(Source("empty.txt", "Home | News"), (), (), problem)
    assert cache.get(Source("empty.txt", "Home | News")) == ((), (), problem)


def test_a_fingerprint_round_trips_with_and_without_its_minhash(tmp_path):
    from generator import clean
    from generator.model import Source
    from generator.settings import Settings

    source = Source("strike.txt", PAGE)
    article = clean.clean(source, Settings().clean, None, None, "en")[0]
    long, short = dedupe.Fingerprint("a" * 32, bytes(range(256))), dedupe.Fingerprint("b" * 32, None)
    cache = CleanCache(tmp_path, "clean-1")
    cache.put(source, (article, article), (long, short), None)
    assert cache.get(source) == ((article, article), (long, short), None)


@pytest.mark.parametrize(
    "content",
    [
        "{",
        '{"articles": [], "fingerprints": [], "problem": {"path": "x"}}',
        '{"articles": [{"id": "x"}], "fingerprints": [], "problem": null}',
        '{"articles": [], "problem": null}',
        '{"articles": [], "fingerprints": [["ab", "00ff"]], "problem": null}',
        '{"articles": [], "fingerprints": [["ab", 12]], "problem": null}',
    ],
)
def test_a_corrupt_cleaned_entry_is_ignored(tmp_path, content, caplog):
    from generator.model import Source

    source = Source("strike.txt", PAGE)
    cache = CleanCache(tmp_path, "clean-1")
    path = tmp_path / cache.key(source)[:2] / f"{cache.key(source)}.json"
    path.parent.mkdir(parents=True)
    path.write_text(content)
    assert cache.get(source) is None
    assert "corrupt cache entry" in caplog.text
