"""Fixtures for the site tests: the hand-made digest, settings, and one built site per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import contract, publish, render
from generator.settings import IOSettings, Settings
from tests.site.factory import make_digest


def make_settings(root: Path, **io) -> Settings:
    """Settings that write under root; io overrides the I/O options."""
    options = {"input": root, "docs": root / "docs", "use_cache": False, "executor": "serial", "progress": False, **io}
    return Settings(io=IOSettings(**options))


def build(digest, settings: Settings, history=()) -> dict[str, str]:
    """Render and publish a digest; return the pages."""
    pages = render.render(digest, settings, history)
    publish.publish(pages.items(), contract.dumps(contract.to_contract(digest)), settings, digest.generated)
    return pages


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def digest():
    return make_digest()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The hand-made digest built once into docs/ and site/ (with search); returns the folder holding both."""
    root = tmp_path_factory.mktemp("built")
    build(make_digest(), make_settings(root, site=root / "site"))
    return root
