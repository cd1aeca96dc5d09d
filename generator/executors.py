"""Where the per-article step runs: in this process, in worker processes, or on a Dask cluster.

An executor maps a function over batches of articles and yields the results in batch order,
so every executor gives the same output byte for byte. Work is shipped in coarse batches; the
language model is loaded once per worker process (a lazily loaded singleton in `nlp`), never
pickled.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, TypeVar

from generator import isolated
from generator.errors import ConfigError

log = logging.getLogger(__name__)

AHEAD_PER_WORKER = 4
"""Batches submitted to the worker processes ahead of the one the caller waits for, per worker."""

Batch = TypeVar("Batch")
Result = TypeVar("Result")


class Executor(Protocol):
    """Maps a function over batches; results come back in the order of the batches."""

    def map(self, function: Callable[[Batch], Result], batches: Sequence[Batch]) -> Iterator[Result]: ...

    def close(self) -> None: ...


class Serial:
    """Everything in this process."""

    def map(self, function: Callable[[Batch], Result], batches: Sequence[Batch]) -> Iterator[Result]:
        for batch in batches:
            yield function(batch)

    def close(self) -> None:
        pass


class Processes:
    """Worker processes forked from this one, which has loaded the model already (shared pages)."""

    def __init__(self, workers: int, prepare: Callable[[], object] | None = None):
        self.workers = workers
        self.prepare = prepare

    def map(self, function: Callable[[Batch], Result], batches: Sequence[Batch]) -> Iterator[Result]:
        if self.workers <= 1 or len(batches) <= 1:
            yield from Serial().map(function, batches)
            return
        if self.prepare is not None:
            self.prepare()
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=isolated.start_worker, initargs=(os.getpid(),)) as pool:
            # A few batches ahead per worker keeps them busy; submitting all at once would hold
            # every result in memory when the caller takes them more slowly than they come.
            pending: deque[Future[Result]] = deque()
            for batch in batches:
                pending.append(pool.submit(function, batch))
                if len(pending) >= AHEAD_PER_WORKER * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

    def close(self) -> None:
        pass


class Dask:
    """A Dask cluster: the scheduler at `address`, or a local cluster of `workers` processes."""

    def __init__(self, workers: int, address: str | None = None):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise ConfigError(
                "the dask executor needs the optional dependencies", hint="pip install '.[dask]'"
            ) from None
        self._cluster = None
        if address:
            self.client = Client(address)
        else:
            # ":0": any free port for its HTTP server, so that two builds on one machine do not collide
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
            self.client = Client(self._cluster)
        log.info("dask: %s", self.client)

    def map(self, function: Callable[[Batch], Result], batches: Sequence[Batch]) -> Iterator[Result]:
        futures = self.client.map(function, batches, pure=False)
        for future in futures:
            yield future.result()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def create(name: str, workers: int, address: str | None = None, prepare: Callable[[], object] | None = None) -> Executor:
    """The executor called name ("serial", "processes" or "dask")."""
    if name == "serial":
        return Serial()
    if name == "processes":
        return Processes(workers, prepare)
    if name == "dask":
        return Dask(workers, address)
    raise ConfigError(f"unknown executor {name!r}", hint="use serial, processes or dask")
