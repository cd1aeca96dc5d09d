"""digest.json: follows the team's schema exactly, deterministically."""

from __future__ import annotations

import json

import jsonschema
import pytest

from generator import contract
from tests.conftest import REPO
from tests.digest_factory import make_digest

SHARED_SCHEMA = REPO.parent / "shared" / "contract" / "digest.schema.json"


@pytest.mark.skipif(not SHARED_SCHEMA.is_file(), reason="no shared/ checkout beside the repository")
def test_packaged_schema_is_the_team_contract():
    assert contract.schema() == json.loads(SHARED_SCHEMA.read_text("utf-8"))


def test_digest_validates_and_keeps_article_order():
    data = contract.to_contract(make_digest())
    contract.validate(data)
    assert [a["id"] for a in data["articles"]] == ["harbour-1", "harbour-2", "comet"]
    assert data["articles"][0]["topic"] == "port-strike"
    assert data["articles"][0]["actors"] == ["lena-varga", "valmora"]
    assert data["topics"][0]["summary"] == ["Dockers in Valmora kept the port closed on Tuesday."]
    assert data["actors"][0]["role"] == "union leader"


def test_invalid_data_is_rejected():
    data = contract.to_contract(make_digest())
    data["actors"][0]["type"] = "celebrity"
    with pytest.raises(jsonschema.ValidationError):
        contract.validate(data)


def test_dumps_is_stable_text():
    first = contract.dumps(contract.to_contract(make_digest()))
    assert first == contract.dumps(contract.to_contract(make_digest()))
    assert first.endswith("\n") and "Valmora" in first
