"""`news-digest bench`: time cold builds of synthetic corpora, and a warm rebuild.

For each size N, the shared bench generator (`gen_corpus.py` beside the team's bench scripts)
writes N articles; a cold build (empty cache) of the whole site runs as a subprocess while the
peak memory of its process tree (proportional set sizes) is sampled from /proc. With `--warm`,
one article is added to the largest corpus and the site rebuilt with the cache of the cold run.
The scaling exponent is the slope of log(time) over log(N). The side-by-side ratio against the
naive pipeline comes from the shared `side_by_side.sh` (`make bench`).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_ENV = "NEWS_DIGEST_BENCH"
DEFAULT_BENCH = Path("../shared/bench")
SAMPLE_SECONDS = 1.0
"""Reading a process's proportional set size walks its page tables (10-20 ms for a large one):
sampled more often, the measurement itself would take a share of the cores it measures."""
ADDED = "zz-added.txt"
"""The article the warm rebuild adds to the largest corpus (and removes afterwards)."""


@dataclass(frozen=True)
class Run:
    articles: int
    seconds: float
    peak_mb: float
    pages: int
    site_mb: float


def _memory_kb(pid: int) -> int:
    """A process's proportional set size: its own pages, and its share of pages it shares with
    others (worker processes forked from the build share the model and data). Resident size when
    the kernel does not report it."""
    pss = _proc_field(f"/proc/{pid}/smaps_rollup", "Pss:")
    return pss if pss is not None else _proc_field(f"/proc/{pid}/status", "VmRSS:") or 0


def _proc_field(path: str, name: str) -> int | None:
    """The number after `name` on its line of a /proc file (kB), or None."""
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.startswith(name):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _tree_memory_kb(root: int) -> int:
    """Memory of a process and all its descendants, from /proc: the sum of their proportional
    set sizes, which counts a page shared by several of them once."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _memory_kb(pid)
        stack.extend(children.get(pid, []))
    return total


def timed_build(corpus: Path, out: Path, cache: Path) -> Run:
    """One full build (analysis and site) as a subprocess, with its time and peak memory."""
    command = [sys.executable, "-m", "generator", "-q", "build", "--input", str(corpus), "--docs", str(out / "docs"),
               "--site", str(out / "site"), "--cache", str(cache), "--no-progress"]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(SAMPLE_SECONDS):
            peak = max(peak, _tree_memory_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    stop.set()
    seconds = time.perf_counter() - started
    if code:
        raise SystemExit(f"build of {corpus} failed with exit code {code}")
    pages = sum(1 for _ in (out / "site").rglob("index.html"))
    size = sum(f.stat().st_size for f in (out / "site").rglob("*") if f.is_file())
    articles = sum(1 for _ in corpus.iterdir())
    return Run(articles, seconds, peak / 1024, pages, size / 1e6)


def exponent(runs: list[Run]) -> float | None:
    """Least-squares slope of log(seconds) over log(articles)."""
    if len(runs) < 2:
        return None
    xs = [math.log(r.articles) for r in runs]
    ys = [math.log(r.seconds) for r in runs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(args: argparse.Namespace) -> int:
    """Cold builds at every size, then the warm rebuild; print one line per run."""
    bench = Path(os.environ.get(BENCH_ENV, DEFAULT_BENCH))
    generator = bench / "gen_corpus.py"
    if not generator.is_file():
        print(f"the bench corpus generator {generator} is missing (set {BENCH_ENV})", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="news-digest-bench-"))
    runs = []
    for size in args.articles:
        corpus = work / f"corpus-{size}"
        if not corpus.is_dir():
            subprocess.run([sys.executable, str(generator), str(size), str(corpus)], check=True, stdout=subprocess.DEVNULL)
        # left by an interrupted warm run: the cold build would hold it and the warm one add nothing
        (corpus / ADDED).unlink(missing_ok=True)
        cache = work / f"cache-{size}"
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(work / f"out-{size}", ignore_errors=True)  # cold: no site to take pages from either
        run = timed_build(corpus, work / f"out-{size}", cache)
        runs.append(run)
        print(f"cold {run.articles:>6} articles: {run.seconds:7.1f} s, peak {run.peak_mb:7.0f} MB, {run.pages} pages, site {run.site_mb:.0f} MB", flush=True)
    slope = exponent(runs)
    if slope is not None:
        print(f"time grows as N^{slope:.2f}")
    if args.warm:
        size = max(args.articles)
        corpus = work / f"corpus-{size}"
        # the generator draws its articles in sequence: the corpus of size + 1 adds one new article
        larger = work / f"corpus-{size + 1}"
        subprocess.run([sys.executable, str(generator), str(size + 1), str(larger)], check=True, stdout=subprocess.DEVNULL)
        added = corpus / ADDED
        shutil.copyfile(larger / f"{size:05d}.txt", added)
        try:
            run = timed_build(corpus, work / f"out-{size}", work / f"cache-{size}")
        finally:
            added.unlink()
            shutil.rmtree(larger, ignore_errors=True)
        print(f"warm {run.articles:>6} articles (one added): {run.seconds:7.1f} s, peak {run.peak_mb:7.0f} MB")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0
