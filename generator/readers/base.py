"""What every reader returns; kept apart from the registry so the readers can import it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Problem, Source


@dataclass(frozen=True)
class ReaderOutput:
    """The sources one file yields, and the bad items inside it that were left out."""

    sources: tuple[Source, ...]
    problems: tuple[Problem, ...] = ()


Reader = Callable[[bytes, str], ReaderOutput]
"""A reader gets the raw bytes and the file name relative to the input folder.

It returns at least one Source, or raises ReadError saying why the file cannot be used.
"""
