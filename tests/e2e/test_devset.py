"""The real-news dev set (shared, read-only) through the evaluation gate: the tuned part and the
part set aside score at least their committed baseline (see `make eval`)."""

from __future__ import annotations

import argparse
import json

import pytest

from generator.evaluation import gate, sets
from tests.conftest import REPO

pytestmark = [pytest.mark.devset, pytest.mark.e2e]


@pytest.fixture(scope="module")
def devset_work(tmp_path_factory):
    if not (sets.devset_dir() / "gold.yaml").is_file():
        pytest.fail(f"the shared dev set is missing at {sets.devset_dir()} (set {sets.DEVSET_ENV})")
    return tmp_path_factory.mktemp("devset")


@pytest.mark.parametrize("part", ["devset-tuned", "devset-held-out"])
def test_devset_part_holds_its_baseline(devset_work, part):
    baseline = json.loads((REPO / "tests" / "eval_baseline.json").read_text("utf-8"))
    evaluation = next(s for s in sets.devset_parts(devset_work) if s.name == part)
    figures, _ = gate.score_set(evaluation, devset_work)
    assert gate.regressions({part: figures}, {part: baseline[part]}) == []


def test_update_baseline_refuses_to_lower_a_figure(tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"legacy-keyphrases": {"keyphrase_f1": 0.99}}))
    args = argparse.Namespace(sets=["legacy-keyphrases"], baseline=baseline, update_baseline=True, allow_lower=False, json=None)
    assert gate.main(args) == 1
    assert "refusing to lower" in capsys.readouterr().err
    assert json.loads(baseline.read_text()) == {"legacy-keyphrases": {"keyphrase_f1": 0.99}}
