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
