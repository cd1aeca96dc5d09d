"""Evaluation sets: the team's fixture sets and the two parts of the shared real-news dev set.

Every set is a folder of article files and a gold file in the dev set's schema (see the shared
dev set's README), scored by the shared scorer (`score.py` beside the dev set). The dev set is
split by file number, fixed before anyone looked at it: files whose number is a multiple of
three are set aside and never tuned on; the rest is the tuned part. Its texts are third-party
excerpts: they are copied only into temporary folders, never into the repository or a site.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import yaml

from generator.errors import ConfigError

FIXTURES = Path("tests/fixtures/eval")
DEVSET_ENV = "NEWS_DIGEST_DEVSET"
DEFAULT_DEVSET = Path("../shared/devset")


def held_out(file_number: int) -> bool:
    """The dev-set split: every third file (by number) is set aside."""
    return file_number % 3 == 0


@dataclass(frozen=True)
class EvalSet:
    name: str
    articles: Path
    gold: Path


def devset_dir() -> Path:
    return Path(os.environ.get(DEVSET_ENV, DEFAULT_DEVSET))


@lru_cache(maxsize=1)
def scorer() -> ModuleType:
    """The shared scorer module (`score.py` of the dev set)."""
    path = devset_dir() / "score.py"
    if not path.is_file():
        raise ConfigError(f"the shared scorer {path} is missing", hint=f"set {DEVSET_ENV} to the dev set folder")
    spec = importlib.util.spec_from_file_location("devset_score", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    try:
        spec.loader.exec_module(module)
    except ModuleNotFoundError as error:
        raise ConfigError(f"the shared scorer {path} needs {error.name}, which is not installed",
                          hint="pip install '.[eval]' (make installs it)") from error
    return module


def fixture_sets(root: Path = FIXTURES) -> list[EvalSet]:
    """The team's own sets: every folder with a gold.yaml (their README says which are tuned on)."""
    found = []
    for folder in sorted(p for p in root.iterdir() if (p / "gold.yaml").is_file()) if root.is_dir() else []:
        found.append(EvalSet(folder.name, folder / "articles", folder / "gold.yaml"))
    return found


def devset_parts(work: Path) -> list[EvalSet]:
    """The tuned and the set-aside part of the dev set, each with its own filtered gold file."""
    root = devset_dir()
    if not (root / "gold.yaml").is_file():
        return []
    gold = yaml.safe_load((root / "gold.yaml").read_text("utf-8"))
    parts = []
    for name, aside in (("devset-tuned", False), ("devset-held-out", True)):
        files = [f for f in sorted((root / "articles").glob("*.txt")) if held_out(int(f.name[:2])) == aside]
        folder = work / name
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        for file in files:
            shutil.copyfile(file, folder / "articles" / file.name)
        ids = {f.name[:2] for f in files}
        (folder / "gold.yaml").write_text(yaml.safe_dump(part_gold(gold, ids), allow_unicode=True), "utf-8")
        parts.append(EvalSet(name, folder / "articles", folder / "gold.yaml"))
    return parts


def part_gold(gold: dict, ids: set[str]) -> dict:
    """The gold restricted to documents ids: alias groups keep the forms of those documents
    (a group needs two forms left), clusters and hard negatives keep their members."""

    def inside(ref: object) -> bool:
        return str(ref).split("#")[0] in ids

    part = dict(gold)
    part["documents"] = [d for d in gold["documents"] if str(d["id"]) in ids]
    groups = []
    for group in gold.get("cross_document_aliases") or []:
        variants = {form: refs for form, refs in group["variants"].items() if any(inside(r) for r in refs)}
        if len(variants) >= 2:
            groups.append({**group, "variants": variants})
    part["cross_document_aliases"] = groups
    part["hard_negatives"] = [h for h in gold.get("hard_negatives") or [] if inside(h[0])]
    part["expected_clusters"] = {t: [m for m in ms if inside(m)] for t, ms in (gold.get("expected_clusters") or {}).items()}
    return part


def temporary_work() -> Path:
    """A scratch folder for copies of third-party texts; removed by the caller."""
    return Path(tempfile.mkdtemp(prefix="news-digest-eval-"))
