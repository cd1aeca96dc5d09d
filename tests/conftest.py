"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="session")
def parse():
    """Parse a text with the project's spaCy pipeline (model loaded once)."""
    from generator import nlp

    return nlp.parse_one


# Property tests explore the same examples on every run, so CI is repeatable.
from hypothesis import settings  # noqa: E402

settings.register_profile("repeatable", derandomize=True, max_examples=200, deadline=None)
settings.load_profile("repeatable")


@pytest.fixture(scope="session")
def seed_articles():
    """The articles segment() cuts out of seeds/, in digest order."""
    from generator.model import Source
    from generator.segment import segment

    return [
        article
        for path in sorted((REPO / "seeds").glob("*.txt"))
        for article in segment(Source(path.name, path.read_text(encoding="utf-8")))
    ]
