"""Publish: docs/ and site/ are replaced whole or not at all."""

from __future__ import annotations

import pytest

from generator import publish
from generator.errors import PublishError


def test_write_docs_replaces_generated_entries_and_keeps_hand_written_pages(tmp_path):
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "articles" / "stale.md").write_text("old")
    (docs / "about.md").write_text("hand-written")
    publish.write_docs({"index.md": "# Home\n", "articles/new.md": "# New\n"}, "{}\n", docs)
    assert (docs / "index.md").read_text() == "# Home\n"
    assert (docs / "articles" / "new.md").exists()
    assert not (docs / "articles" / "stale.md").exists()
    assert (docs / "about.md").read_text() == "hand-written"
    assert (docs / "digest.json").read_text() == "{}\n"
    assert sorted(p.name for p in docs.iterdir()) == ["about.md", "articles", "digest.json", "index.md"]


@pytest.mark.parametrize("path", ["../escape.md", "/etc/passwd", "about.md", "articles/../../x.md"])
def test_write_docs_refuses_paths_outside_the_generated_part(tmp_path, path):
    docs = tmp_path / "docs"
    (docs / "index.md").parent.mkdir(parents=True)
    (docs / "index.md").write_text("previous")
    with pytest.raises(PublishError):
        publish.write_docs({path: "x"}, "{}", docs)
    assert (docs / "index.md").read_text() == "previous"
    assert not (tmp_path / "escape.md").exists()


def test_failed_site_build_leaves_the_previous_site(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    (docs / "index.md").write_text("[broken](missing.md)\n")
    site.mkdir()
    (site / "index.html").write_text("previous site")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\ntheme:\n  name: material\n")
    with pytest.raises(PublishError, match="previous site"):
        publish.build_site(config, docs, site)
    assert (site / "index.html").read_text() == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "mkdocs.yml", "site"]


def test_site_build_swaps_in_the_new_site(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    (docs / "index.md").write_text("# Fresh\n")
    site.mkdir()
    (site / "old.html").write_text("old")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\ntheme:\n  name: material\n")
    publish.build_site(config, docs, site)
    assert "Fresh" in (site / "index.html").read_text()
    assert not (site / "old.html").exists()
