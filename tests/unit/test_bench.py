"""The scale benchmark: a timed build as a subprocess, and the growth exponent of its times."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.evaluation import bench
from tests.conftest import REPO


def test_the_exponent_of_times_that_grow_with_the_size_is_one():
    runs = [bench.Run(n, n / 100, 0.0, 0, 0.0) for n in (1000, 3000, 10000)]
    assert bench.exponent(runs) == pytest.approx(1.0)
    assert bench.exponent(runs[:1]) is None


@pytest.mark.e2e
def test_a_timed_build_publishes_a_site_and_measures_it(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "seeds", corpus)
    run = bench.timed_build(corpus, tmp_path / "out", tmp_path / "cache")
    assert run.articles == len(list(corpus.iterdir()))
    assert run.pages > 10 and run.site_mb > 0 and run.peak_mb > 50 and run.seconds > 0


def test_memory_a_forked_child_shares_with_its_parent_is_counted_once(tmp_path):
    ready = tmp_path / "ready"
    script = (
        "import os, sys, time\n"
        "block = bytearray(os.urandom(100 * 1024 * 1024))\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    time.sleep(30); os._exit(0)\n"
        f"open({str(ready)!r}, 'w').close()\n"
        "time.sleep(30)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script])
    try:
        while not ready.exists():
            time.sleep(0.05)
        time.sleep(0.2)
        measured_mb = bench._tree_memory_kb(process.pid) / 1024
        assert 100 <= measured_mb < 170  # the 100 MB block once, not once per process
    finally:
        for child in _children(process.pid):
            os.kill(child, signal.SIGKILL)
        process.kill()
        process.wait()


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
