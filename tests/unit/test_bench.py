"""The scale benchmark: a timed build as a subprocess, and the growth exponent of its times."""

from __future__ import annotations

import shutil

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
