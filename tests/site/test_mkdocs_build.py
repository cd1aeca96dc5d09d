"""The MkDocs build with pages rendered by worker processes: the stock build's output and checks."""

from __future__ import annotations

import pytest
from mkdocs.commands.build import build as stock_build
from mkdocs.config import load_config

from generator import publish
from generator.errors import PublishError
from generator.site import mkdocs_build
from tests.site.conftest import tree

PAGES = 30


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    """Chunks of a few pages, so that a small site already goes to two workers."""
    monkeypatch.setattr(mkdocs_build, "CHUNK_PAGES", 4)
    monkeypatch.setattr(mkdocs_build, "MIN_PARALLEL_PAGES", 8)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def write_docs(docs, link=lambda number: f"p{(number + 1) % PAGES}.md#part-{(number + 1) % PAGES}"):
    """A home page and PAGES pages, each with a heading and a link into the next one."""
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\n" + "".join(f"- [Page {n}](pages/p{n}.md)\n" for n in range(PAGES)))
    for number in range(PAGES):
        (docs / "pages" / f"p{number}.md").write_text(f"# Page {number}\n\n## Part {number}\n\nSee [the next]({link(number)}).\n")
    return docs


def config_for(tmp_path, docs, site, **overrides):
    config = load_config(str(publish.packaged(publish.BASE_CONFIG)), docs_dir=str(docs), site_dir=str(site), strict=True, **overrides)
    config.nav = None
    return config


def test_the_pages_are_the_stock_builds_byte_for_byte(tmp_path):
    docs = write_docs(tmp_path / "docs")
    stock_build(config_for(tmp_path, docs, tmp_path / "stock"))
    mkdocs_build.build(config_for(tmp_path, docs, tmp_path / "parallel"), workers=2)
    built = tree(tmp_path / "parallel")
    assert built == tree(tmp_path / "stock")
    assert sum(name.startswith("pages/") for name in built) == PAGES


def test_a_broken_link_on_a_workers_page_fails_the_strict_build(tmp_path):
    docs = write_docs(tmp_path / "docs", link=lambda number: "missing.md" if number == 27 else f"p{number}.md")
    with pytest.raises(PublishError, match="1 warnings in strict mode"):
        publish.build_site(publish.packaged(publish.BASE_CONFIG), docs, tmp_path / "site", workers=2)


def test_a_missing_anchor_on_a_page_another_worker_built_fails_the_strict_build(tmp_path):
    docs = write_docs(tmp_path / "docs", link=lambda number: "p1.md#no-such-part" if number == 25 else f"p{number}.md")
    with pytest.raises(PublishError, match="1 warnings in strict mode"):
        publish.build_site(publish.packaged(publish.BASE_CONFIG), docs, tmp_path / "site", workers=2)


def test_a_plugin_that_gathers_pages_gets_the_stock_build(tmp_path):
    docs = write_docs(tmp_path / "docs")
    (tmp_path / "mkdocs.yml").write_text(f"INHERIT: {publish.packaged(publish.BASE_CONFIG)}\nplugins:\n  - search\n")
    config = load_config(str(tmp_path / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    assert not mkdocs_build.parallel_safe(config, own_plugins=(publish.PLUGIN,))
    publish.build_site(tmp_path / "mkdocs.yml", docs, tmp_path / "site", workers=2)
    index = (tmp_path / "site" / "search" / "search_index.json").read_text()
    assert "Part 29" in index and "Part 0" in index
