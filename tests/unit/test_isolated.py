"""isolated: a producer runs in a child process; its header, items and errors reach the parent."""

from __future__ import annotations

import itertools
import os
import signal

import pytest

from generator import isolated
from generator.errors import InputError


def _numbers():
    return os.getpid(), (f"page {n}" for n in range(500))


def test_the_header_and_every_item_arrive_in_order_from_another_process():
    with isolated.stream(_numbers) as produced:
        assert produced.header != os.getpid()
        assert list(produced.items) == [f"page {n}" for n in range(500)]


def _refuses():
    raise InputError("no usable news files in /nowhere", hint="point --input at a folder of news")


def test_an_error_for_the_user_is_raised_here_with_its_hint():
    with pytest.raises(InputError, match="no usable news files") as raised, isolated.stream(_refuses):
        pass
    assert raised.value.hint == "point --input at a folder of news"


def _fails_midway():
    def items():
        yield "first"
        raise ValueError("bad page")

    return "header", items()


def test_a_bug_in_the_child_is_reported_with_its_traceback():
    with isolated.stream(_fails_midway) as produced:
        items = iter(produced.items)
        assert next(items) == "first"
        with pytest.raises(isolated.ChildFailed, match="ValueError: bad page"):
            next(items)


def _killed():
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_child_that_dies_is_an_error_naming_its_exit_code():
    with pytest.raises(isolated.ChildFailed, match=r"exit code -9"), isolated.stream(_killed):
        pass


def _endless():
    return os.getpid(), itertools.count()


def test_leaving_early_stops_the_child():
    with isolated.stream(_endless) as produced:
        child = produced.header
        assert next(iter(produced.items)) == 0
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)


def test_without_fork_the_producer_runs_here(monkeypatch):
    def no_fork(method=None):
        raise ValueError(f"cannot find context for {method!r}")

    monkeypatch.setattr(isolated.multiprocessing, "get_context", no_fork)
    with isolated.stream(_numbers) as produced:
        assert produced.header == os.getpid()
        assert len(list(produced.items)) == 500


def test_a_child_that_sent_everything_exits_on_its_own():
    with isolated.stream(_numbers) as produced:
        list(produced.items)
        child = produced.header
        # it has been waited for: no process of that number is left, not even a zombie
        with pytest.raises(ProcessLookupError):
            os.kill(child, 0)
