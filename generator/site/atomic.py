"""Replace whole folders atomically, and leave nothing behind when interrupted.

A new tree is built in a staging folder beside its destination and swapped in with one rename:
Linux `renameat2(RENAME_EXCHANGE)` exchanges the two directories in one step; elsewhere the old
one is renamed away and the new one into place, with SIGINT and SIGTERM blocked in between.
Staging and retired folders carry a fixed prefix so that the next build removes what a killed
one (SIGKILL, power loss) left. SIGTERM is turned into an exception while a publication runs,
so that it cleans up like Ctrl-C does.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import logging
import os
import secrets
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import PublishError

log = logging.getLogger(__name__)

PREFIX = ".news-digest-"
"""Every folder a publication creates beside its destinations starts with this."""
SIGNALS = {signal.SIGINT, signal.SIGTERM}
AT_FDCWD = -100
RENAME_EXCHANGE = 1 << 1


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived while publishing; handled like Ctrl-C (clean up, previous output kept)."""


def _raise_terminated(signum, frame):  # noqa: ARG001 - a signal handler's signature
    raise Terminated(f"signal {signum}")


@contextmanager
def terminable() -> Iterator[None]:
    """Turn SIGTERM into Terminated (a KeyboardInterrupt) for the duration; main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def signals_blocked() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (they are delivered on leaving) while a step must not stop half-way."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one atomic step; False when the system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(second))


def leftovers(destination: Path) -> list[Path]:
    """Staging and retired folders of earlier, interrupted publications to this destination."""
    parent = destination.parent
    if not parent.is_dir():
        return []
    mark = f"{PREFIX}{destination.name}."
    return sorted(entry for entry in parent.iterdir() if entry.name.startswith(mark))


def remove(path: Path) -> None:
    """Delete a file or folder tree, whatever it is."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """Hard-link source to target (a staged tree costs no copy), else copy it."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


class Swap:
    """Staging folders for several destinations, swapped in together or not at all.

    Use as a context manager: `stage(dest)` gives an empty folder beside `dest` to fill;
    `commit()` swaps every staged folder into place; leaving the block removes every staging
    and retired folder, whatever happened.
    """

    def __init__(self, *destinations: Path):
        self.destinations = [Path(os.path.abspath(d)) for d in destinations]
        self.staged: dict[Path, Path] = {}
        self.temporary: list[Path] = []
        self._locks: list[int] = []

    def __enter__(self) -> Swap:
        try:
            for parent in sorted({d.parent for d in self.destinations}):
                parent.mkdir(parents=True, exist_ok=True)
                self._lock(parent)
            with signals_blocked():
                for destination in self.destinations:
                    for path in leftovers(destination):
                        log.info("removing %s, left by an interrupted build", path)
                        remove(path)
        except OSError as error:
            self._unlock()
            raise PublishError(f"cannot prepare {self.destinations[0].parent}: {error}") from error
        except BaseException:
            self._unlock()
            raise
        return self

    def _lock(self, parent: Path) -> None:
        # A lock on the parent folder itself: two builds never publish into one place at once,
        # and no lock file is left behind.
        handle = os.open(parent, os.O_RDONLY)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            os.close(handle)
            raise PublishError(f"another build is publishing into {parent}", hint="wait for it to finish") from error
        self._locks.append(handle)

    def _unlock(self) -> None:
        for handle in self._locks:
            os.close(handle)
        self._locks.clear()

    def _new_name(self, destination: Path, kind: str) -> Path:
        return destination.parent / f"{PREFIX}{destination.name}.{kind}-{secrets.token_hex(4)}"

    def stage(self, destination: Path) -> Path:
        """An empty staging folder beside destination, to be swapped in on commit."""
        destination = Path(os.path.abspath(destination))
        path = self._new_name(destination, "new")
        self.temporary.append(path)
        path.mkdir()
        self.staged[destination] = path
        return path

    def commit(self) -> None:
        """Swap every staged folder into place, all with signals held back; undo all if one fails."""
        done: list[tuple[str, Path, Path]] = []
        with signals_blocked():
            try:
                for destination, staged in self.staged.items():
                    if not (destination.exists() or destination.is_symlink()):
                        os.rename(staged, destination)
                        done.append(("moved", staged, destination))
                    elif exchange(staged, destination):
                        # The staging name now holds the old tree; it is removed on exit.
                        done.append(("exchanged", staged, destination))
                    else:
                        retired = self._new_name(destination, "old")
                        self.temporary.append(retired)
                        os.rename(destination, retired)
                        done.append(("moved", destination, retired))
                        os.rename(staged, destination)
                        done.append(("moved", staged, destination))
            except OSError as error:
                for kind, source, target in reversed(done):
                    if kind == "exchanged":
                        exchange(source, target)
                    else:
                        os.rename(target, source)
                raise PublishError(f"could not swap in {destination}: {error}; nothing was changed") from error

    def __exit__(self, *exc) -> None:
        with signals_blocked():
            for path in self.temporary:
                remove(path)
            self.temporary.clear()
            self._unlock()
