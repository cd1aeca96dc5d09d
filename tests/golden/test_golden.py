"""The whole build's output on fixed inputs, byte for byte (regenerate with `make golden`)."""

from __future__ import annotations

import difflib

import pytest

from tests.golden.cases import CASES, EXPECTED, build

MAX_DIFF_LINES = 60


def _diff(name: str, expected: bytes, actual: bytes) -> str:
    lines = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(), actual.decode("utf-8", "replace").splitlines(),
        f"expected/{name}", f"built/{name}", lineterm="",
    )
    return "\n".join(list(lines)[:MAX_DIFF_LINES])


@pytest.mark.e2e
@pytest.mark.parametrize("case", sorted(CASES))
def test_build_matches_golden_output(case, tmp_path):
    built = build(case, tmp_path)
    folder = EXPECTED / case
    expected = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    assert sorted(built) == sorted(expected), "the set of files changed; run `make golden` if intended"
    changed = [name for name in built if built[name] != expected[name]]
    assert not changed, "\n\n".join(_diff(name, expected[name], built[name]) for name in changed[:3]) + "\n(run `make golden` if intended)"
