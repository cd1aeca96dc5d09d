"""Progress of a long stage: a bar on a terminal, else a log line every 10%."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm

log = logging.getLogger(__name__)


@contextmanager
def progress(total: int, stage: str, bar: bool, unit: str = "article") -> Iterator[Callable[[int], None]]:
    """A bar on a terminal; elsewhere (CI logs, files) a log line every 10%."""
    if bar:
        with tqdm(total=total, desc=stage, unit=unit, leave=False) as meter:
            yield meter.update
        return
    done, next_report = 0, 0.1

    def advance(count: int) -> None:
        nonlocal done, next_report
        done += count
        if total >= 100 and done / total >= next_report:
            log.info("%s: %d/%d %ss", stage, done, total, unit)
            next_report = int(done / total * 10 + 1) / 10

    yield advance
