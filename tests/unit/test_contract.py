"""contract: digest.json follows the schema and is written the same way every time."""

from __future__ import annotations

import copy
import json

import jsonschema_rs
import pytest

from generator import contract


@pytest.fixture(scope="module")
def data(news_digest) -> dict:
    return contract.to_contract(news_digest)


def test_output_validates_against_the_schema(data):
    contract.validate(data)
    assert data["schema"] == contract.SCHEMA_ID


def test_validation_catches_a_broken_field(data):
    broken = copy.deepcopy(data)
    broken["articles"][0]["keyphrases"] = "not a list"
    with pytest.raises(jsonschema_rs.ValidationError):
        contract.validate(broken)


def test_every_article_and_topic_is_written(news_digest, data):
    assert [a["id"] for a in data["articles"]] == [entry.article.id for entry in news_digest.articles]
    assert [t["id"] for t in data["topics"]] == [topic.id for topic in news_digest.topics]
    assert sorted(i for t in data["topics"] for i in t["articles"]) == sorted(a["id"] for a in data["articles"])
    assert {a["topic"] for a in data["articles"]} == {t["id"] for t in data["topics"]}


def test_topic_actors_list_players_then_places(news_digest, data):
    for topic, written in zip(news_digest.topics, data["topics"]):
        assert written["actors"] == [*topic.actors, *topic.places]


def test_every_actor_id_in_the_output_is_described(data):
    described = {a["id"] for a in data["actors"]}
    named = {i for a in data["articles"] for i in a["actors"]} | {i for t in data["topics"] for i in t["actors"]}
    assert named <= described


def test_one_input_record_per_file(data, news_files):
    assert [r["source"] for r in data["inputs"]] == sorted(news_files)


def test_keyphrases_are_capped(news_digest):
    import dataclasses

    entry = news_digest.articles[0]
    long = dataclasses.replace(news_digest, articles=(dataclasses.replace(entry, keyphrases=tuple(f"phrase {i}" for i in range(40))),))
    assert len(contract.to_contract(long)["articles"][0]["keyphrases"]) == contract.MAX_KEYPHRASES


def test_dumps_is_deterministic_utf8_with_a_final_newline(data):
    text = contract.dumps(data)
    assert text == contract.dumps(copy.deepcopy(data))
    assert text.endswith("}\n")
    assert "Hà Nội" in text
    assert "\\u" not in text
    assert json.loads(text) == data


def test_field_order_is_the_documented_one(data):
    assert list(data) == ["schema", "generated", "edition", "articles", "topics", "actors", "inputs"]
    assert list(data["articles"][0])[:6] == ["id", "source", "part", "start", "end", "title"]


def test_a_second_build_of_the_same_folder_gives_the_same_bytes(news_folder, tmp_path, data):
    from generator import pipeline
    from tests.conftest import make_settings

    again = pipeline.build_digest(make_settings(news_folder, tmp_path / "docs"))
    assert contract.dumps(contract.to_contract(again)) == contract.dumps(data)
