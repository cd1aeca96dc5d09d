"""MkDocs' build, with the pages rendered by worker processes.

`mkdocs build` reads and renders every page before it writes any, in one process, so its time
and memory grow with the whole site. The pages of a digest do not depend on each other once the
file list and the navigation are known: this driver runs MkDocs' own steps in MkDocs' order (files,
navigation and the pages it lists, static files, theme templates), then forks workers that each read, render and write
a chunk of pages with MkDocs' own page functions and keep nothing. Each worker sends back its
count of warnings and the anchors its pages hold and link to, so that strict mode and the
anchor check see the whole site, as in one process.

Plugins that gather pages across the build (MkDocs' search, a tags index) need every page in
one process: with any plugin other than the digest's own, the stock build runs instead.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, clean_directory

CHUNK_PAGES = 100
"""Pages per unit of work: small enough to balance the workers, large enough to be cheap to ship."""
MIN_PARALLEL_PAGES = 2 * CHUNK_PAGES
"""Below this, forking costs more than it saves."""


@dataclass
class _Job:
    """What the forked workers inherit: the prepared build."""

    config: MkDocsConfig
    files: Files
    pages: Sequence[File]
    nav: Navigation
    env: jinja2.Environment


@dataclass
class ChunkResult:
    """What a worker reports for its pages."""

    warnings: int = 0
    anchors: dict[str, set[str]] = field(default_factory=dict)
    links: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)


_job: _Job | None = None


def parallel_safe(config: MkDocsConfig, own_plugins: Collection[str]) -> bool:
    """Whether every plugin is one of ours (others may gather pages across the build)."""
    return all(name in own_plugins for name in config.plugins)


@contextmanager
def _warnings_counted() -> Iterator[CountHandler]:
    """Count MkDocs' warnings and errors while the block runs."""
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)


def _count(counter: CountHandler) -> int:
    return sum(count for _, count in counter.get_counts())


def build(config: MkDocsConfig, workers: int) -> None:
    """Build the site as `mkdocs build` does (strict mode included), with pages rendered by workers."""
    global _job
    try:
        with _warnings_counted() as counter:
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            clean_directory(config.site_dir)
            files = mkdocs_build.get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            mkdocs_build.set_exclusions(files, config)
            nav = mkdocs_build.get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            pages = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
            for file in pages:
                if file.page is None:
                    Page(None, file, config)
            # Navigation titles can come from the pages' own headings: read those pages first, as
            # MkDocs does, so that every worker renders the same navigation.
            for page in nav.pages:
                mkdocs_build._populate_page(page, config, files)
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files(inclusion=InclusionLevel.is_included)
            for template in config.theme.static_templates:
                mkdocs_build._build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                mkdocs_build._build_extra_template(template, files, config, nav)
        warnings = _count(counter)

        _job = _Job(config, files, pages, nav, env)
        chunks = [range(start, min(start + CHUNK_PAGES, len(pages))) for start in range(0, len(pages), CHUNK_PAGES)]
        if workers > 1 and len(pages) >= MIN_PARALLEL_PAGES:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                results = pool.map(_build_chunk, chunks, chunksize=1)
        else:
            results = [_build_chunk(chunk) for chunk in chunks]
        _job = None
        warnings += sum(result.warnings for result in results)

        with _warnings_counted() as counter:
            for result in results:
                for uri, anchors in result.anchors.items():
                    files.get_file_from_path(uri).page.present_anchor_ids = anchors
            for result in results:
                for uri, links in result.links.items():
                    page = files.get_file_from_path(uri).page
                    page.links_to_anchors = {files.get_file_from_path(target): anchors for target, anchors in links.items()}
                    page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            config.plugins.on_post_build(config=config)
        warnings += _count(counter)
        if config.strict and warnings:
            raise Abort(f"Aborted with {warnings} warnings in strict mode!")
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            raise Abort("Aborted with a BuildError!") from error
        raise
    finally:
        _job = None


def _build_chunk(indices: range) -> ChunkResult:
    """Read, render and write some pages; report their warnings and anchors, keep nothing."""
    assert _job is not None
    result = ChunkResult()
    with _warnings_counted() as counter:
        for index in indices:
            file = _job.pages[index]
            page = file.page
            in_nav = page.content is not None
            if not in_nav:
                mkdocs_build._populate_page(page, _job.config, _job.files)
            mkdocs_build._build_page(page, _job.config, _job.pages, _job.nav, _job.env)
            result.anchors[file.src_uri] = page.present_anchor_ids or set()
            if page.links_to_anchors:
                result.links[file.src_uri] = {target.src_uri: dict(links) for target, links in page.links_to_anchors.items()}
            if not in_nav:
                page.markdown = page.content = None
    result.warnings = _count(counter)
    return result
