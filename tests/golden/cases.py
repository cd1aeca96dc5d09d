"""The golden cases: fixed inputs whose whole build output is committed under expected/."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import REPO

GOLDEN = Path(__file__).resolve().parent
EXPECTED = GOLDEN / "expected"
CASES = {
    "seeds": REPO / "seeds",
    "mixed": GOLDEN / "inputs" / "mixed",
}
EPOCH = "1767225600"
"""SOURCE_DATE_EPOCH of golden builds (2026-01-01), so the time stamp is fixed."""


def build(case: str, out: Path) -> dict[str, bytes]:
    """Every file a build of the case writes into its docs folder (docs-relative path -> bytes)."""
    from generator import contract, pipeline, publish, render
    from generator.settings import IOSettings, Settings

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    docs = out / "docs"
    settings = Settings(io=IOSettings(input=CASES[case], docs=docs, executor="serial", use_cache=False, progress=False, search=False))
    digest = pipeline.build_digest(settings)
    data = contract.to_contract(digest)
    publish.publish(render.pages(digest, settings, ()), contract.dumps(data), settings, digest.generated)
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
