"""Progress of a long stage without a terminal: a log line every 10%."""

from __future__ import annotations

import logging

from generator.progress import progress


def test_a_log_line_every_tenth_in_the_stages_unit(caplog):
    caplog.set_level(logging.INFO, logger="generator.progress")
    with progress(250, "render pages", bar=False, unit="page") as advance:
        for _ in range(10):
            advance(25)
    assert [r.getMessage() for r in caplog.records] == [f"render pages: {25 * n}/250 pages" for n in range(1, 11)]


def test_a_coarse_step_reports_once_and_a_short_stage_not_at_all(caplog):
    caplog.set_level(logging.INFO, logger="generator.progress")
    with progress(300, "clean", bar=False, unit="source") as advance:
        advance(200)
        advance(100)
    with progress(40, "analyse", bar=False) as advance:
        advance(40)
    assert [r.getMessage() for r in caplog.records] == ["clean: 200/300 sources", "clean: 300/300 sources"]
