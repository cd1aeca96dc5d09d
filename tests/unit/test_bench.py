"""The scale benchmark: a timed build as a subprocess, and the growth exponent of its times."""

from __future__ import annotations

import argparse
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


def test_the_warm_rebuild_adds_one_article_even_after_an_interrupted_run(tmp_path, monkeypatch):
    bench_folder = tmp_path / "bench"
    bench_folder.mkdir()
    (bench_folder / "gen_corpus.py").write_text(
        "import sys, pathlib\n"
        "out = pathlib.Path(sys.argv[2]); out.mkdir(parents=True)\n"
        "for i in range(int(sys.argv[1])): (out / f'{i:05d}.txt').write_text(f'article {i}')\n"
    )
    monkeypatch.setenv(bench.BENCH_ENV, str(bench_folder))
    work = tmp_path / "work"
    (work / "corpus-3").mkdir(parents=True)
    for i in range(3):
        (work / "corpus-3" / f"{i:05d}.txt").write_text(f"article {i}")
    (work / "corpus-3" / bench.ADDED).write_text("left by an interrupted warm run")
    seen = []

    def fake_build(corpus, out, cache):
        seen.append(sorted(path.read_text() for path in corpus.iterdir()))
        return bench.Run(len(seen[-1]), 1.0, 1.0, 1, 1.0)

    monkeypatch.setattr(bench, "timed_build", fake_build)
    bench.main(argparse.Namespace(articles=[3], warm=True, work=work))
    cold, warm = seen
    assert cold == ["article 0", "article 1", "article 2"]
    assert warm == cold + ["article 3"]
    assert not (work / "corpus-3" / bench.ADDED).exists()
