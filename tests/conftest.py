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
