"""Editions: the archive of earlier digests, and stories that continue."""

from __future__ import annotations

import json
import logging

from generator import contract
from generator.site import editions
from tests.site.conftest import make_settings
from tests.site.factory import make_digest


def test_no_archive_means_no_history(tmp_path):
    assert editions.load(make_settings(tmp_path)) == ()
    assert editions.load(make_settings(tmp_path, archive=tmp_path / "missing")) == ()
    editions.save(make_settings(tmp_path), "2031-03-04", "{}")  # nothing to do, no error


def test_saved_editions_load_newest_first_and_a_same_day_one_is_replaced(tmp_path):
    settings = make_settings(tmp_path, archive=tmp_path / "archive")
    for edition in ("2031-03-04", "2031-03-06", "2031-03-05"):
        digest = make_digest(edition=edition)
        editions.save(settings, digest.edition, contract.dumps(contract.to_contract(digest)))
    again = make_digest(edition="2031-03-06")
    data = contract.to_contract(again)
    data["topics"] = data["topics"][:1]
    editions.save(settings, again.edition, contract.dumps(data))
    loaded = editions.load(settings)
    assert [e.edition for e in loaded] == ["2031-03-06", "2031-03-05", "2031-03-04"]
    assert len(loaded[0].topics) == 1 and len(loaded[1].topics) == 3
    strike = loaded[1].topics[0]
    assert strike.headline == "Valmora dockers keep the port shut as talks stall"
    assert strike.actors == ("lena-varga", "port-authority")  # places left out
    assert strike.articles == 3
    assert ("lena-varga", "Lena Varga") in loaded[1].names
    assert sorted(p.name for p in (tmp_path / "archive" / "2031-03-06").iterdir()) == ["digest.json"]


def test_a_corrupt_edition_is_skipped_with_a_warning(tmp_path, caplog):
    settings = make_settings(tmp_path, archive=tmp_path / "archive")
    digest = make_digest(edition="2031-03-05")
    editions.save(settings, digest.edition, contract.dumps(contract.to_contract(digest)))
    (tmp_path / "archive" / "2031-03-04").mkdir()
    (tmp_path / "archive" / "2031-03-04" / "digest.json").write_text("{not json")
    (tmp_path / "archive" / "2031-03-03").mkdir()
    (tmp_path / "archive" / "2031-03-03" / "digest.json").write_text(json.dumps({"edition": "2031-03-03"}))
    (tmp_path / "archive" / "notes").mkdir()
    with caplog.at_level(logging.WARNING):
        loaded = editions.load(settings)
    assert [e.edition for e in loaded] == ["2031-03-05"]
    assert caplog.text.count("skipped archived edition") == 2


def _topic(id, actors, phrases):
    return editions.TopicSummary(id, id, id, (), actors, phrases, 1)


def test_a_topic_continues_an_earlier_one_above_the_overlap_threshold():
    today = _topic("t", ("a", "b", "c", "d"), ("port strike", "wages", "talks", "union"))
    same_story = _topic("old", ("a", "b", "x"), ("Port strike", "union", "pay"))
    same_beat = _topic("beat", ("a", "y", "z", "w"), ("talks", "weather", "rain", "flood"))
    phrases_only = _topic("words", ("p", "q"), ("port strike", "wages", "talks", "union"))
    history = [editions.EditionSummary("2031-03-05", (same_beat, same_story)), editions.EditionSummary("2031-03-04", (phrases_only,)),
               editions.EditionSummary("2031-03-07", (same_story,))]
    found = editions.continuations(today, history, before="2031-03-06")
    assert [(c.edition, c.topic.id) for c in found] == [("2031-03-05", "old")]
    assert found[0].score >= editions.CONTINUES_MIN
    assert editions.overlap(today, same_beat)[0] < editions.CONTINUES_MIN


def test_editions_group_by_iso_week():
    days = [editions.EditionSummary(d, ()) for d in ("2031-03-02", "2031-03-03", "2031-03-09", "2031-03-10")]
    assert [(week, [e.edition for e in items]) for week, items in editions.by_week(days)] == [
        ("2031-W11", ["2031-03-10"]), ("2031-W10", ["2031-03-09", "2031-03-03"]), ("2031-W09", ["2031-03-02"])]
