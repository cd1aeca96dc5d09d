"""Shared test helpers: the parsed-text and whole-build fixtures every stage's tests use."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"

# Property tests explore the same examples on every run, so CI is repeatable.
hypothesis_settings.register_profile("repeatable", derandomize=True, max_examples=200, deadline=None)
hypothesis_settings.load_profile("repeatable")


@pytest.fixture(scope="session")
def parse() -> Callable[[str], object]:
    """Parse a text with the project's pipeline (model loaded once per test process)."""
    from generator import nlp

    return lambda text: nlp.load()(text)


def make_settings(input_dir: Path, docs: Path, **io: object):
    """Settings for an in-process build: serial, no cache, no progress bar."""
    from generator.settings import IOSettings, Settings

    options = {"input": input_dir, "docs": docs, "executor": "serial", "use_cache": False, "progress": False, "search": False}
    options.update(io)
    return Settings(io=IOSettings(**options))


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write {relative name: text or bytes} under folder; return folder."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def build_digest(tmp_path: Path) -> Callable[..., object]:
    """Run the analysis pipeline in-process on the given files and return the Digest."""
    from generator import pipeline

    def build(files: Mapping[str, str | bytes], **io: object):
        source = write_files(tmp_path / "input", files)
        return pipeline.build_digest(make_settings(source, tmp_path / "docs", **io))

    return build


@pytest.fixture
def article() -> Callable[..., object]:
    """An Article built from a title and paragraphs (other fields defaulted)."""
    from generator.model import Article

    def make(*paragraphs: str, title: str | None = None, id: str = "a", source: str = "a.txt", **fields: object) -> Article:
        values = dict(
            id=id, source=source, part=1, start=0, end=sum(len(p) for p in paragraphs), title=title,
            date=None, date_basis=None, standfirst=(), paragraphs=tuple(paragraphs),
        )
        values.update(fields)
        return Article(**values)

    return make


@pytest.fixture
def analyse(article) -> Callable[..., object]:
    """The Analysis of an article made of the given paragraphs (one real parse)."""
    from generator.analyse import analyse_batch
    from generator.settings import Settings

    def run(*paragraphs: str, title: str | None = None, **fields: object):
        return analyse_batch([article(*paragraphs, title=title, **fields)], Settings())[0]

    return run
