"""Run every stage's evaluation and compare with the committed baseline figures."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

STAGES = ("actors", "stories", "keyphrases")
# Figures may wobble this much before a drop counts as a regression.
MARGIN = 0.02
LOWER_IS_BETTER = ("noise_rate",)


def run(fixtures: Path) -> dict[str, float]:
    """Every metric of every stage, keyed "stage.metric", rounded for stable diffs."""
    report: dict[str, float] = {}
    for stage in STAGES:
        module = importlib.import_module(f"generator.evaluation.{stage}")
        report.update(module.evaluate(fixtures))
    return {name: round(float(value), 4) for name, value in sorted(report.items())}


def load_baseline(path: Path) -> dict[str, float]:
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def save_baseline(path: Path, report: dict[str, float]) -> None:
    path.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def regressions(report: dict[str, float], baseline: dict[str, float]) -> list[str]:
    """Metrics that fell below (or, for error rates, rose above) the baseline by more than MARGIN."""
    found = []
    for name, expected in sorted(baseline.items()):
        if name not in report:
            found.append(f"{name}: missing (baseline {expected})")
            continue
        worse = report[name] - expected if name.endswith(LOWER_IS_BETTER) else expected - report[name]
        if worse > MARGIN:
            found.append(f"{name}: {report[name]} (baseline {expected})")
    return found


def format_report(report: dict[str, float], baseline: dict[str, float]) -> str:
    width = max(map(len, report), default=10)
    lines = [f"{'metric':<{width}}  {'value':>7}  {'baseline':>8}"]
    for name, value in report.items():
        base = baseline.get(name)
        lines.append(f"{name:<{width}}  {value:>7.3f}  {'' if base is None else f'{base:>8.3f}'}")
    return "\n".join(lines)
