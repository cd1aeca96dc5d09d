"""`make golden`: rebuild every golden case and replace its expected output (after an intended change)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.golden.cases import CASES, EXPECTED, build


def main() -> None:
    for case in CASES:
        with tempfile.TemporaryDirectory() as work:
            files = build(case, Path(work))
        target = EXPECTED / case
        shutil.rmtree(target, ignore_errors=True)
        for name, content in files.items():
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        print(f"{case}: {len(files)} files written to {target}")


if __name__ == "__main__":
    main()
