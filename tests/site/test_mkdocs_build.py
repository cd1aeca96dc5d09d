"""The MkDocs build with pages rendered by worker processes: the stock build's output and checks."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from mkdocs.commands.build import build as stock_build
from mkdocs.config import load_config

from generator import publish
from generator.errors import PublishError
from generator.site import atomic, hooks, mkdocs_build
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
    assert built.pop(mkdocs_build.MANIFEST)  # what the next build may take pages from
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
    assert not mkdocs_build.parallel_safe(config, own_plugins=publish.PLUGINS)
    publish.build_site(tmp_path / "mkdocs.yml", docs, tmp_path / "site", workers=2)
    index = (tmp_path / "site" / "search" / "search_index.json").read_text()
    assert "Part 29" in index and "Part 0" in index


def _same_file(a, b) -> bool:
    return a.stat().st_ino == b.stat().st_ino


def test_unchanged_pages_are_taken_from_the_previous_site_and_the_result_is_a_full_builds(tmp_path):
    docs = write_docs(tmp_path / "docs")
    mkdocs_build.build(config_for(tmp_path, docs, tmp_path / "first"), workers=2)
    before = tree(tmp_path / "first")
    (docs / "pages" / "p3.md").write_text("# Page 3\n\n## Part 3\n\nNew text, see [the next](p4.md#part-4).\n")
    mkdocs_build.build(config_for(tmp_path, docs, tmp_path / "second"), workers=2, previous=tmp_path / "first",
                       may_reuse=lambda src_uri: src_uri.startswith("pages/"))
    stock_build(config_for(tmp_path, docs, tmp_path / "stock"))
    second = tree(tmp_path / "second")
    assert second.pop(mkdocs_build.MANIFEST)
    assert second == tree(tmp_path / "stock")
    assert tree(tmp_path / "first") == before  # the previous site is not written into
    page = "pages/{}/index.html"
    assert _same_file(tmp_path / "first" / page.format("p4"), tmp_path / "second" / page.format("p4"))
    assert not _same_file(tmp_path / "first" / page.format("p3"), tmp_path / "second" / page.format("p3"))
    assert not _same_file(tmp_path / "first" / "index.html", tmp_path / "second" / "index.html")  # not allowed


@pytest.mark.parametrize("spoil", ["settings", "manifest"])
def test_nothing_is_taken_from_a_site_built_otherwise_or_without_a_readable_manifest(tmp_path, spoil):
    docs = write_docs(tmp_path / "docs")
    mkdocs_build.build(config_for(tmp_path, docs, tmp_path / "first"), workers=2)
    overrides = {}
    if spoil == "settings":
        overrides["copyright"] = "Another footer"
    else:
        (tmp_path / "first" / mkdocs_build.MANIFEST).write_text("{not json")
    mkdocs_build.build(config_for(tmp_path, docs, tmp_path / "second", **overrides), workers=2,
                       previous=tmp_path / "first", may_reuse=lambda src_uri: True)
    assert not _same_file(tmp_path / "first" / "pages/p4/index.html", tmp_path / "second" / "pages/p4/index.html")
    if spoil == "settings":
        assert "Another footer" in (tmp_path / "second" / "pages/p4/index.html").read_text()


def test_workers_stop_quietly_inside_a_publication_that_handles_sigterm(tmp_path, capfd):
    docs = write_docs(tmp_path / "docs")
    with atomic.terminable():
        mkdocs_build.build(config_for(tmp_path, docs, tmp_path / "site"), workers=2)
    assert "Traceback" not in capfd.readouterr().err


def test_a_page_that_fails_in_a_worker_fails_the_build(tmp_path, monkeypatch):
    docs = write_docs(tmp_path / "docs")
    render = mkdocs_build.mkdocs_build._build_page

    def failing(page, *args, **kwargs):
        if page.file.src_uri == "pages/p17.md":
            raise ValueError("the theme broke on p17")
        return render(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build.mkdocs_build, "_build_page", failing)
    with pytest.raises(ValueError, match="p17"):
        mkdocs_build.build(config_for(tmp_path, docs, tmp_path / "site"), workers=2)


def test_progress_counts_the_pages_rendered_and_not_those_taken(tmp_path):
    reports = []

    @contextmanager
    def progress(total):
        done = []
        yield done.append
        reports.append((total, sum(done)))

    docs = write_docs(tmp_path / "docs")
    mkdocs_build.build(config_for(tmp_path, docs, tmp_path / "first"), workers=2, progress=progress)
    (docs / "pages" / "p3.md").write_text("# Page 3\n\nChanged.\n")
    mkdocs_build.build(config_for(tmp_path, docs, tmp_path / "second"), workers=2, previous=tmp_path / "first",
                       may_reuse=lambda src_uri: src_uri.startswith("pages/"), progress=progress)
    assert reports == [(PAGES + 1, PAGES + 1), (2, 2)]  # then only the changed page and the home page


def test_no_page_shows_the_build_date_so_a_page_from_an_earlier_build_is_still_right(tmp_path, monkeypatch):
    docs = write_docs(tmp_path / "docs")
    publish.build_site(publish.packaged(publish.BASE_CONFIG), docs, tmp_path / "early", workers=2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # ten years on
    publish.build_site(publish.packaged(publish.BASE_CONFIG), docs, tmp_path / "late", workers=2)
    early, late = tree(tmp_path / "early"), tree(tmp_path / "late")
    dated = {name for name in early if early[name] != late[name]}
    assert "sitemap.xml.gz" in dated  # the date did change the build
    assert dated <= {"sitemap.xml", "sitemap.xml.gz"}  # and only the sitemap, rebuilt every time


@pytest.mark.parametrize("workers", [1, 2])
def test_the_theme_parts_rendered_once_per_folder_are_those_each_page_would_render(tmp_path, monkeypatch, workers):
    docs = write_docs(tmp_path / "docs")
    (docs / "topics").mkdir()
    (docs / "topics" / "index.md").write_text("# Topics\n\n- [One](one.md)\n")  # listed: its tab is the active one
    (docs / "topics" / "one.md").write_text("# One\n\n## Part\n")
    config = publish.packaged(publish.BASE_CONFIG)
    publish.build_site(config, docs, tmp_path / "shared", workers=workers)
    monkeypatch.setattr(hooks.SharedFragments, "fragment", lambda self, name, page, caller: caller())
    publish.build_site(config, docs, tmp_path / "each", workers=workers)
    shared = tree(tmp_path / "shared")
    assert shared == tree(tmp_path / "each")
    assert b'md-tabs__item md-tabs__item--active' in shared["topics/index.html"]
    assert b'md-tabs__item md-tabs__item--active' not in shared["topics/one/index.html"]
    assert b'href="../../topics/"' in shared["pages/p3/index.html"]
