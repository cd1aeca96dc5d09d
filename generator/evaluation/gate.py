"""`news-digest eval`: build every evaluation set, score it, and gate on the committed baseline.

Each set is built in-process without a site and scored by the shared scorer. A figure may
wobble by MARGIN before it counts as a regression. `--update-baseline` writes the current
figures, and refuses to lower any figure unless `--allow-lower` is given.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
from pathlib import Path

from generator import contract, pipeline
from generator.evaluation import sets
from generator.settings import IOSettings, Settings

log = logging.getLogger(__name__)

MARGIN = 0.02
GATED = (
    "topic_bcubed_f1",
    "hard_negative_ok",
    "multi_article_rate",
    "actor_recall",
    "actor_precision",
    "noise_rate",
    "alias_merge_rate",
    "do_not_merge_rate",
    "keyphrase_f1",
)
LOWER_IS_BETTER = frozenset({"noise_rate"})


def score_set(evaluation: sets.EvalSet, work: Path) -> tuple[dict[str, float], dict]:
    """Build one set and score it: (gated figures, the scorer's details)."""
    settings = Settings(io=IOSettings(input=evaluation.articles, docs=work / evaluation.name / "docs", progress=False, search=False))
    digest = pipeline.build_digest(settings)
    data = contract.to_contract(digest)
    metrics, details = sets.scorer().score(data, str(evaluation.gold), str(Path(contract.__file__).parent / "digest.schema.json"))
    passed, total = (int(x) for x in str(metrics["do_not_merge_ok"]).split("/"))
    metrics["do_not_merge_rate"] = passed / total if total else 1.0
    return {name: round(float(metrics[name]), 4) for name in GATED}, {"metrics": metrics, "details": details}


def regressions(report: dict[str, dict[str, float]], baseline: dict[str, dict[str, float]]) -> list[str]:
    """Figures that fell below (or, for error rates, rose above) the baseline by more than MARGIN."""
    found = []
    for set_name, expected in sorted(baseline.items()):
        if set_name not in report:
            continue
        for name, value in sorted(expected.items()):
            current = report[set_name].get(name)
            if current is None:
                found.append(f"{set_name} {name}: missing (baseline {value})")
                continue
            worse = current - value if name in LOWER_IS_BETTER else value - current
            if worse > MARGIN:
                found.append(f"{set_name} {name}: {current} (baseline {value})")
    return found


def lowered(report: dict[str, dict[str, float]], baseline: dict[str, dict[str, float]]) -> list[str]:
    """Figures of the report that are worse than the baseline at all."""
    found = []
    for set_name, figures in report.items():
        for name, value in figures.items():
            old = baseline.get(set_name, {}).get(name)
            if old is not None and (value > old if name in LOWER_IS_BETTER else value < old):
                found.append(f"{set_name} {name}: {value}, worse than {old}")
    return found


def format_report(report: dict[str, dict[str, float]], baseline: dict[str, dict[str, float]]) -> str:
    """One table: a row per figure, a column per set (baseline in brackets)."""
    names = list(report)
    lines = [f"{'figure':<20}" + "".join(f"{n:>22}" for n in names)]
    for metric in GATED:
        cells = []
        for name in names:
            value = report[name].get(metric)
            base = baseline.get(name, {}).get(metric)
            cells.append(f"{value:.3f}" + (f" ({base:.3f})" if base is not None else "          "))
        lines.append(f"{metric:<20}" + "".join(f"{c:>22}" for c in cells))
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    """Run the chosen sets; print the table; gate or update the baseline."""
    work = sets.temporary_work()
    try:
        candidates = sets.fixture_sets() + sets.devset_parts(work)
        chosen = [s for s in candidates if not args.sets or s.name in args.sets]
        report, details = {}, {}
        for evaluation in chosen:
            log.info("evaluating %s", evaluation.name)
            report[evaluation.name], details[evaluation.name] = score_set(evaluation, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    baseline = json.loads(args.baseline.read_text("utf-8")) if args.baseline.is_file() else {}
    print(format_report(report, baseline))
    if args.json:
        args.json.write_text(json.dumps({"figures": report, "details": details}, indent=1, ensure_ascii=False), "utf-8")
    if args.update_baseline:
        worse = lowered(report, baseline)
        if worse and not args.allow_lower:
            print("refusing to lower the baseline (give --allow-lower to accept):", *worse, sep="\n  ", file=sys.stderr)
            return 1
        merged = {**baseline, **report}
        args.baseline.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n", "utf-8")
        print(f"baseline written to {args.baseline}")
        return 0
    found = regressions(report, baseline)
    for line in found:
        print(f"REGRESSION {line}", file=sys.stderr)
    return 1 if found else 0
