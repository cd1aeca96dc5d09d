"""Run a memory-hungry producer in a forked child process and stream what it produces back.

The analysis of a large digest leaves a process holding far more memory than its live objects:
Python keeps freed memory for reuse instead of returning it to the system. The site build that
follows (MkDocs workers, then Pagefind) would be added on top. A child process that builds the
digest and renders its pages, sends them, and exits, gives all of it back, so the site build
starts from a small process. Where fork is unavailable the producer runs in this process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

from generator.errors import DigestError

Header = TypeVar("Header")
Item = TypeVar("Item")

HEADER, ITEM, END, ERROR, CRASH = "header", "item", "end", "error", "crash"
EXIT_SECONDS = 30
"""How long a child that sent everything may take to exit before it is stopped."""


class ChildFailed(DigestError):
    """The child process died or failed with an error that is not the user's to fix."""


class Stream(Generic[Header, Item]):
    """The producer's header, and its items as they arrive (iterate once)."""

    def __init__(self, header: Header, items: Iterator[Item]):
        self.header = header
        self.items = items


@contextmanager
def stream(produce: Callable[[], tuple[Header, Iterable[Item]]], name: str = "analysis") -> Iterator[Stream[Header, Item]]:
    """Run produce() in a forked child; give its header, then its items one by one.

    An error the child raises is raised here (a DigestError as it was, anything else as
    ChildFailed with the child's traceback). Leaving the block stops a child still running.
    """
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        header, items = produce()
        yield Stream(header, iter(items))
        return
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(produce, receiving, sending, os.getpid()), name=f"news-digest-{name}")
    child.start()
    sending.close()
    try:
        header = _receive(receiving, child, HEADER, name)
        yield Stream(header, _items(receiving, child, name))
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        receiving.close()


def _items(receiving: Connection, child: multiprocessing.process.BaseProcess, name: str) -> Iterator[Item]:
    while True:
        kind, value = _message(receiving, child, name)
        if kind == END:
            child.join(EXIT_SECONDS)  # let it finish on its own; one still running is stopped
            return
        if kind != ITEM:
            raise ChildFailed(f"the {name} process sent {kind!r} out of order")
        yield value


def _receive(receiving: Connection, child: multiprocessing.process.BaseProcess, expected: str, name: str) -> object:
    kind, value = _message(receiving, child, name)
    if kind != expected:
        raise ChildFailed(f"the {name} process sent {kind!r} instead of its {expected}")
    return value


def _message(receiving: Connection, child: multiprocessing.process.BaseProcess, name: str) -> tuple[str, object]:
    try:
        kind, value = receiving.recv()
    except EOFError:
        child.join()
        raise ChildFailed(
            f"the {name} process ended without finishing (exit code {child.exitcode})",
            hint="a negative exit code is the signal that stopped it; -9 often means the system ran out of memory",
        ) from None
    if kind == ERROR:
        raise value
    if kind == CRASH:
        raise ChildFailed(f"the {name} process failed:\n{value}")
    return kind, value


def _run(produce: Callable[[], tuple[object, Iterable[object]]], receiving: Connection, sending: Connection, parent: int) -> None:
    """The child: produce, send the header, every item and the end, or the error."""
    # With the parent's end open here too, a send to a dead parent would wait forever.
    receiving.close()
    stop_with(parent)
    try:
        try:
            header, items = produce()
            sending.send((HEADER, header))
            for item in items:
                sending.send((ITEM, item))
            sending.send((END, None))
            return
        except KeyboardInterrupt:
            return  # Ctrl-C or SIGTERM reached the parent too; it cleans up and reports
        except DigestError as error:
            message: tuple[str, object] = (ERROR, error)
        except BaseException as error:  # a bug: the parent shows where it happened
            message = (CRASH, "".join(traceback.format_exception(error)).rstrip())
        sending.send(message)
    except OSError:
        pass  # the parent is gone: nobody is left to tell
    finally:
        sending.close()


PR_SET_PDEATHSIG = 1


def stop_with(parent: int) -> None:
    """Have Linux send SIGTERM to this process when its parent (pid `parent`) dies, so that a
    build killed with SIGKILL leaves no process of it running or blocked."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request
        os.kill(os.getpid(), signal.SIGTERM)


def start_worker(parent: int) -> None:
    """In a forked worker process: SIGTERM ends it quietly instead of running the clean-up
    handlers it inherited, and so does the death of its parent (pid `parent`), which would
    otherwise leave it waiting for work forever."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    stop_with(parent)
