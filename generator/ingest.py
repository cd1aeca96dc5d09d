"""Read the input folder into Sources, reporting every unusable file by name."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError
from generator.model import Problem, Source

log = logging.getLogger(__name__)

INPUT_SUFFIXES = (".txt",)
# Share of control characters above which a file is not text but binary data.
MAX_CONTROL_SHARE = 0.01
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Ingested:
    sources: tuple[Source, ...]
    problems: tuple[Problem, ...]


def input_files(folder: Path) -> list[Path]:
    """Every input file below folder, sorted by relative path; hidden entries skipped."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in INPUT_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def decode(data: bytes) -> str:
    """UTF-8 text with a leading BOM dropped and newlines normalised as Python's text mode does.

    Raises ValueError with a readable reason when the bytes are not usable text.
    """
    if not data.strip():
        raise ValueError("the file is empty")
    if b"\x00" in data[:65536]:
        raise ValueError("the file is binary (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "re-save it as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if len(CONTROL_CHARS.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise ValueError("the file is binary (too many control characters), not text")
    if not text.strip():
        raise ValueError("the file holds only white space")
    return text


def read_source(path: Path, name: str, max_bytes: int) -> Source:
    """Read one file; raise ValueError with the reason when it is unusable."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ValueError(f"the file is too large ({size:,} bytes; the limit is {max_bytes:,}, see --max-file-bytes)")
    return Source(path=name, text=decode(path.read_bytes()))


def ingest(folder: Path, *, strict: bool = False, max_bytes: int) -> Ingested:
    """Read every input file; skip (or, when strict, fail on) unusable ones."""
    sources, problems = [], []
    for path in input_files(folder):
        name = path.relative_to(folder).as_posix()
        try:
            sources.append(read_source(path, name, max_bytes))
        except (ValueError, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            if strict:
                raise InputError(f"{name}: {reason}", hint="fix or remove the file, or drop --strict-input to skip it")
            log.warning("skipped %s: %s", name, reason)
            problems.append(Problem(path=name, reason=reason))
    return Ingested(tuple(sources), tuple(problems))
