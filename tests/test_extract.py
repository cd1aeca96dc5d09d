"""Extraction map step: one parse per article, same result in one process or several."""

from __future__ import annotations

from generator import extract
from generator.model import Article


def article(i: int) -> Article:
    paragraphs = (
        f"Mayor Ilse Brandt of Norvik said on Monday that talks {i} with the dock union would continue.",
        "The union, led by Tomas Reiter, rejected the offer. “We want a fair deal,” Reiter said.",
    )
    return Article(
        id=f"a{i}", source=f"a{i}.txt", part=1, start=0, end=100, title=f"Talks {i}", date=None,
        dateline=None, outlet=None, standfirst=(), paragraphs=paragraphs,
    )


def test_sentences_never_cross_paragraphs(parse):
    doc = parse("First line without a stop\n\nSecond paragraph here. And a third sentence.")
    assert extract.sentences(doc) == ("First line without a stop", "Second paragraph here.", "And a third sentence.")


def test_analysis_keeps_article_order_and_finds_actors_and_phrases():
    analyses = extract.analyse_all([article(1), article(2)])
    assert [a.article_id for a in analyses] == ["a1", "a2"]
    names = {m.name for m in analyses[0].mentions}
    assert {"Brandt", "Reiter"} <= {n.split()[-1] for n in names}
    assert analyses[0].keyphrases
    assert len(analyses[0].sentences) == 3


def test_worker_processes_give_the_same_result(monkeypatch):
    monkeypatch.setattr(extract, "BATCH_SIZE", 2)
    articles = [article(i) for i in range(5)]
    assert extract.analyse_all(articles, workers=2) == extract.analyse_all(articles, workers=1)


def test_outsized_article_is_analysed_up_to_a_paragraph_boundary(monkeypatch, caplog):
    monkeypatch.setattr(extract, "MAX_ANALYSED_CHARS", 100)
    big = article(1)
    text = extract.analysed_text(big)
    assert text == big.paragraphs[0]
    assert "analysed only the first" in caplog.text and "a1" in caplog.text
    assert extract.analyse_all([big])[0].sentences == (big.paragraphs[0],)
