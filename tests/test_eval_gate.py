"""Quality gate: the `make eval` figures may not drop below the committed baseline."""

from __future__ import annotations

from generator.evaluation import gate
from tests.conftest import FIXTURES, REPO

BASELINE = REPO / "tests" / "eval_baseline.json"


def test_figures_hold_the_baseline():
    baseline = gate.load_baseline(BASELINE)
    assert baseline, "tests/eval_baseline.json is missing: run `python -m generator eval --update-baseline`"
    report = gate.run(FIXTURES)
    assert gate.regressions(report, baseline) == []


def test_gate_flags_drops_and_rises_in_error_rates():
    baseline = {"actors.recall": 0.9, "actors.noise_rate": 0.05}
    assert gate.regressions({"actors.recall": 0.89, "actors.noise_rate": 0.06}, baseline) == []
    assert len(gate.regressions({"actors.recall": 0.8, "actors.noise_rate": 0.2}, baseline)) == 2
    assert gate.regressions({"actors.recall": 0.95}, baseline) == ["actors.noise_rate: missing (baseline 0.05)"]
