"""Read the input folder into Sources: the reader registry and the folder walk.

Every file found gets an InputRecord; every unusable one is also a Problem, named in the log.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError, ReadError
from generator.model import InputRecord, Problem, Source
from generator.readers.base import Reader, ReaderOutput
from generator.readers.feed import read_feed
from generator.readers.html import read_html
from generator.readers.jsonl import read_jsonl
from generator.readers.text import read_text
from generator.readers.walk import Entry, read_bytes, scan, suffix

__all__ = ["READERS", "ReadResult", "Reader", "ReaderOutput", "read_folder"]

log = logging.getLogger(__name__)

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
    ".jsonl": read_jsonl,
}
FALLBACK = "decoded with a fallback"
"""Kind of a read file whose bytes needed a detected charset or replacement characters."""
NO_READER = "no reader"
"""Kind of a skipped file with a suffix no reader takes."""
DEFAULT_HINT = "fix or remove the file, or drop --strict-input to skip it"
HINTS = {
    "outside the input folder": "remove the link, or copy what it points to into the input folder",
    "symlink loop": "remove the link",
    "broken link": "remove the link",
    "too large": "split the file, or raise the size limit (--max-file-bytes)",
    "encoding": "re-save the file as UTF-8",
}


@dataclass(frozen=True)
class ReadResult:
    """Everything read from the input folder."""

    sources: tuple[Source, ...]
    records: tuple[InputRecord, ...]
    """One per file found, sorted by path."""
    problems: tuple[Problem, ...]
    """Skipped files and bad items inside read files, in path order."""


def read_folder(folder: Path, *, max_bytes: int, strict: bool) -> ReadResult:
    """Read every input file below folder; skip (or, when strict, fail on) unusable ones."""
    root = _input_root(folder)
    try:
        found = scan(root, frozenset(READERS))
    except OSError as error:
        raise InputError(f"{folder}: the input folder cannot be listed ({error.strerror})") from None
    collected = _Collected(strict)
    for entry in found.entries:
        try:
            output = _read(entry, max_bytes)
        except ReadError as error:
            collected.skip(entry.name, error)
        else:
            collected.add(entry.name, output)
    return ReadResult(tuple(collected.sources), tuple(collected.records) + _unread(found.ignored), tuple(collected.problems))


def _unread(names: tuple[str, ...]) -> tuple[InputRecord, ...]:
    """Records of the files no reader takes (pictures, PDFs beside the news): listed, never fatal."""
    if names:
        kinds = Counter(suffix(name) or "no suffix" for name in names)
        log.info("left %d file(s) that no reader takes: %s", len(names), ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    readable = ", ".join(sorted(READERS))
    return tuple(
        InputRecord(name, "skipped", f"no reader for {suffix(name) or 'a name without a suffix'} (read: {readable})", kind=NO_READER)
        for name in names
    )


def _input_root(folder: Path) -> Path:
    try:
        root = folder.resolve(strict=True)
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop on Python < 3.13
        raise InputError(f"{folder}: the input folder cannot be found ({error})") from None
    if not root.is_dir():
        raise InputError(f"{folder}: the input folder is not a folder")
    return root


def _read(entry: Entry, max_bytes: int) -> ReaderOutput:
    if entry.refusal is not None:
        raise entry.refusal
    assert entry.path is not None  # an entry without a refusal has a path
    try:
        data = read_bytes(entry.path, max_bytes)
    except OSError as error:
        raise ReadError(error.strerror or str(error), kind="unreadable") from None
    try:
        return READERS[suffix(entry.name)](data, entry.name)
    except ReadError:
        raise
    except Exception as error:  # noqa: BLE001 - untrusted input must not stop the build
        # A parser library failing on hostile bytes is one bad file, not a failed build; the
        # traceback is logged so the failure can be reported upstream.
        log.error("%s: the %s reader failed", entry.name, suffix(entry.name), exc_info=True)
        what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        raise ReadError(f"the reader failed ({what})", kind="reader error") from None


class _Collected:
    """Sources, records and problems as the files are read in path order."""

    def __init__(self, strict: bool):
        self.strict = strict
        self.sources: list[Source] = []
        self.records: list[InputRecord] = []
        self.problems: list[Problem] = []
        self.first_with_text: dict[tuple[str, ...], str] = {}

    def skip(self, name: str, error: ReadError) -> None:
        """Record a file that cannot be used (fatal with --strict-input)."""
        if self.strict:
            raise InputError(f"{name}: {error.reason}", hint=HINTS.get(error.kind, DEFAULT_HINT))
        log.warning("skipped %s: %s", name, error.reason)
        self.records.append(InputRecord(source=name, status="skipped", reason=error.reason, kind=error.kind))
        self.problems.append(Problem(path=name, reason=error.reason, kind=error.kind))

    def add(self, name: str, output: ReaderOutput) -> None:
        """Record a file read, its items, and what went wrong inside it; an exact copy of a file
        read before is recorded as its duplicate and not read again."""
        encoding = output.sources[0].encoding
        # Exact duplicates: the same texts once white space is collapsed; the first in path order wins.
        key = tuple(" ".join(source.text.split()) for source in output.sources)
        original = self.first_with_text.setdefault(key, name)
        if original != name:
            log.info("%s is an exact duplicate of %s; not read again", name, original)
            reason = f"same text as {original}"
            self.records.append(InputRecord(name, "duplicate", reason, encoding=encoding, duplicate_of=original))
            return
        for problem in output.problems:
            log.warning("skipped %s: %s", problem.path, problem.reason)
        total = len(output.problems) + len(output.sources)
        notes = [f"{len(output.problems)} of {total} items skipped"] if output.problems else []
        notes.extend(dict.fromkeys(s.decode_note for s in output.sources if s.decode_note))
        fallback = any(s.decode_note for s in output.sources)
        self.records.append(
            InputRecord(name, "read", "; ".join(notes) or None, kind=FALLBACK if fallback else None, encoding=encoding)
        )
        self.sources.extend(output.sources)
        self.problems.extend(output.problems)
