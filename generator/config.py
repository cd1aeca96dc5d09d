"""Build settings with defaults, validated once with every error reported."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ConfigError

DEFAULT_MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class Config:
    """Everything one build needs to know."""

    input_dir: Path = Path("seeds")
    docs_dir: Path = Path("docs")
    site_dir: Path | None = None
    """When set, also run `mkdocs build --strict` into this folder."""
    mkdocs_file: Path = Path("mkdocs.yml")
    strict_input: bool = False
    """Fail the build on the first unusable input file instead of skipping it."""
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    workers: int = 1
    """Processes for the per-article extraction (1 = in-process)."""
    progress: bool = True

    def validate(self) -> Config:
        """Return self, or raise ConfigError naming every invalid setting."""
        problems = []
        if not self.input_dir.is_dir():
            problems.append(f"input folder {self.input_dir} does not exist or is not a folder")
        if self.docs_dir.exists() and not self.docs_dir.is_dir():
            problems.append(f"docs folder {self.docs_dir} exists and is not a folder")
        if self.site_dir is not None and not self.mkdocs_file.is_file():
            problems.append(f"MkDocs configuration {self.mkdocs_file} not found")
        if self.max_file_bytes <= 0:
            problems.append("--max-file-bytes must be positive")
        if self.workers < 1:
            problems.append("--workers must be at least 1")
        if problems:
            raise ConfigError("; ".join(problems), hint="see `python -m generator build --help`")
        return self


def default_workers() -> int:
    """Use every core the process may run on."""
    return max(1, len(os.sched_getaffinity(0)))
