"""A safe walk of an untrusted input folder: nothing outside it is ever opened or read."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import ReadError

# O_NOFOLLOW: a file swapped for a symlink after the walk checked it is not followed.
# O_NONBLOCK: a FIFO swapped in after the walk does not block the build on open.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
# (reason, kind) of each refusal the walk makes without opening the entry.
OUTSIDE = ("symlink to something outside the input folder; not followed", "outside the input folder")
NOT_REGULAR = ("not a regular file (device, FIFO or socket); not opened", "not a regular file")
LOOP = ("symlink loop: the link leads back to itself", "symlink loop")
FOLDER_LINK = ("symlink loop: a link to a folder of the input folder, which is walked as itself", "symlink loop")
BROKEN = ("broken symlink: its target does not exist", "broken link")


@dataclass(frozen=True)
class Entry:
    """One file to read, or a refusal for an entry that must not be read."""

    name: str
    """Path relative to the input folder, '/'-separated."""
    path: Path | None
    """Real path to open; None when refused."""
    refusal: ReadError | None = None


@dataclass(frozen=True)
class Scan:
    """What the walk found, both sorted by name."""

    entries: tuple[Entry, ...]
    ignored: tuple[str, ...]
    """Files that no reader takes."""


def suffix(name: str) -> str:
    """The lower-case suffix of a file name, with its dot ('' for none)."""
    return PurePosixPath(name).suffix.lower()


def scan(root: Path, suffixes: frozenset[str]) -> Scan:
    """Walk the resolved root with os.scandir, never following a link out; hidden entries skipped."""
    walk = _Walk(root, suffixes)
    while walk.folders:
        folder, prefix = walk.folders.pop()
        try:
            with os.scandir(folder) as listing:
                children = sorted(listing, key=lambda child: child.name)
        except OSError as error:
            if not prefix:
                raise  # the input folder itself: the caller reports it
            walk.refuse(prefix.rstrip("/"), (f"the folder cannot be listed: {error.strerror}", "unreadable"))
            continue
        for child in children:
            if not child.name.startswith("."):
                walk.visit(child, prefix + child.name)
    return Scan(tuple(sorted(walk.entries, key=lambda entry: entry.name)), tuple(sorted(walk.ignored)))


class _Walk:
    """The walk's state: folders still to list, entries found, names ignored."""

    def __init__(self, root: Path, suffixes: frozenset[str]):
        self.root, self.suffixes = root, suffixes
        self.folders: list[tuple[Path, str]] = [(root, "")]
        self.entries: list[Entry] = []
        self.ignored: list[str] = []

    def refuse(self, name: str, refusal: tuple[str, str]) -> None:
        self.entries.append(Entry(name, None, ReadError(*refusal)))

    def visit(self, child: os.DirEntry[str], name: str) -> None:
        if child.is_symlink():
            self.visit_link(child, name)
        elif child.is_dir(follow_symlinks=False):
            self.folders.append((Path(child.path), name + "/"))
        elif not child.is_file(follow_symlinks=False):
            self.refuse(name, NOT_REGULAR)
        else:
            self.add_file(name, Path(child.path))

    def visit_link(self, child: os.DirEntry[str], name: str) -> None:
        # Refusals are recorded whatever the name's suffix: a link out of the folder is worth naming.
        try:
            target = Path(os.path.realpath(child.path, strict=True))
        except OSError as error:
            self.refuse(name, LOOP if error.errno == errno.ELOOP else BROKEN)
            return
        if not target.is_relative_to(self.root):
            self.refuse(name, OUTSIDE)  # checked before anything else touches the target
        elif target.is_dir():
            self.refuse(name, FOLDER_LINK)
        elif not target.is_file():
            self.refuse(name, NOT_REGULAR)
        else:
            self.add_file(name, target)

    def add_file(self, name: str, path: Path) -> None:
        if suffix(name) in self.suffixes:
            self.entries.append(Entry(name, path))
        else:
            self.ignored.append(name)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, refused before reading when it holds more than max_bytes."""
    descriptor = os.open(path, OPEN_FLAGS)
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(*NOT_REGULAR)
        if info.st_size > max_bytes:
            raise _too_large(info.st_size, max_bytes)
        data = stream.read(max_bytes + 1)  # the file may have grown since fstat
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    return data


def _too_large(size: int, max_bytes: int) -> ReadError:
    return ReadError(f"the file is too large ({size:,} bytes; the limit is {max_bytes:,})", kind="too large")
