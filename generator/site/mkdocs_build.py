"""MkDocs' build, with the pages rendered by worker processes.

`mkdocs build` reads and renders every page before it writes any, in one process, so its time
and memory grow with the whole site. The pages of a digest do not depend on each other once the
file list and the navigation are known: this driver runs MkDocs' own steps in MkDocs' order
(files, navigation and the pages it lists, static files, theme templates), then forks workers
that each read, render and write a chunk of pages with MkDocs' own page functions and keep
nothing. Each worker sends back its count of warnings and the anchors its pages hold and link
to, so that strict mode and the anchor check see the whole site, as in one process.

Given the previous site, a page whose Markdown is the same as when that site was built is taken
from it (hard-linked, else copied) instead of being rendered again, when everything else that
shapes a page is unchanged too: the configuration, the theme and its overrides, the versions of
MkDocs and its Markdown extensions, and this driver. The site keeps a manifest of what it was
built from (`MANIFEST`: that fingerprint and a hash of every page's Markdown); a site without
one, or with another fingerprint, is not used. The caller decides which pages may be reused:
a hand-written page may link to any page, so it is always rendered again and checked.

Plugins that gather pages across the build (MkDocs' search, a tags index) need every page in
one process: with any plugin other than the digest's own, the stock build runs instead.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import jinja2
import material
import mkdocs
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, clean_directory

from generator import isolated
from generator.site import atomic, hooks

log = logging.getLogger(__name__)

CHUNK_PAGES = 100
"""Pages per unit of work: small enough to balance the workers, large enough to be cheap to ship."""
MIN_PARALLEL_PAGES = 2 * CHUNK_PAGES
"""Below this, forking costs more than it saves."""
MANIFEST = ".news-digest-pages.json"
"""In the site folder: the fingerprint of the build and the hash of every page's Markdown."""
FINGERPRINT_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
FINGERPRINT_SETTINGS = (
    "site_name", "site_url", "site_description", "site_author", "copyright", "nav", "use_directory_urls",
    "repo_url", "repo_name", "edit_uri", "extra_css", "extra_javascript", "markdown_extensions", "mdx_configs",
    "extra", "hooks", "validation",
)
"""The settings that shape a page's HTML (not the folders, not the preview server's address)."""


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


Progress = Callable[[int], AbstractContextManager[Callable[[int], None]]]
"""Given the number of pages to render, a context that takes the count of each batch done."""


@contextmanager
def _no_progress(total: int) -> Iterator[Callable[[int], None]]:  # noqa: ARG001 - a Progress
    yield lambda done: None


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


def _plain(value: object) -> object:
    """A setting as JSON data, in an order that does not depend on hashing."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    if isinstance(value, Mapping):
        return {str(key): item for key, item in value.items()}
    return repr(value)


def fingerprint(config: MkDocsConfig) -> str:
    """A hash of everything besides a page's own Markdown that shapes its HTML."""
    digest = hashlib.sha256()
    theme = config.theme
    described = {
        "packages": {name: metadata.version(name) for name in FINGERPRINT_PACKAGES},
        "settings": {key: config[key] for key in FINGERPRINT_SETTINGS},
        "theme": {key: theme[key] for key in sorted(theme)} | {"name": theme.name},
        "plugins": sorted(config.plugins),
    }
    digest.update(json.dumps(described, sort_keys=True, default=_plain).encode("utf-8"))
    installed = {Path(material.__file__).parent.resolve(), Path(mkdocs.__file__).parent.resolve()}
    for folder in theme.dirs:
        if installed & {Path(folder).resolve(), *Path(folder).resolve().parents}:
            continue  # the installed theme: its version is in the hash
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode("utf-8") + b"\0" + path.read_bytes())
    for module in (__file__, hooks.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def _source_hash(file: File) -> str:
    return hashlib.sha256(Path(file.abs_src_path).read_bytes()).hexdigest()[:16]


def _reusable(previous: Path | None, current: str, hashes: Mapping[str, str], pages: Sequence[File],
              may_reuse: Callable[[str], bool]) -> dict[str, Path]:
    """The pages whose output the previous site holds as it would be built now: src_uri -> output."""
    if previous is None:
        return {}
    try:
        manifest = json.loads((previous / MANIFEST).read_text("utf-8"))
        built = manifest["pages"] if manifest["fingerprint"] == current else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    reused = {}
    for file in pages:
        output = previous / file.dest_uri
        if may_reuse(file.src_uri) and built.get(file.src_uri) == hashes[file.src_uri] and output.is_file():
            reused[file.src_uri] = output
    return reused


def _take(output: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic.link_or_copy(output, target)


def build(config: MkDocsConfig, workers: int, previous: Path | None = None,
          may_reuse: Callable[[str], bool] = lambda src_uri: False, progress: Progress | None = None) -> None:
    """Build the site as `mkdocs build` does (strict mode included), with pages rendered by workers
    and, given the `previous` site, the unchanged pages that `may_reuse` allows taken from it.
    `progress(total)` is entered around the rendering and told of every chunk of pages done."""
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

        current = fingerprint(config)
        hashes = {file.src_uri: _source_hash(file) for file in pages}
        reused = _reusable(previous, current, hashes, pages, may_reuse)
        for file in pages:
            if file.src_uri in reused:
                _take(reused[file.src_uri], Path(file.abs_dest_path))
        rendered = [index for index, file in enumerate(pages) if file.src_uri not in reused]
        log.info("pages: %d rendered, %d unchanged taken from the previous site", len(rendered), len(reused))

        _job = _Job(config, files, pages, nav, env)
        chunks = [rendered[start : start + CHUNK_PAGES] for start in range(0, len(rendered), CHUNK_PAGES)]
        results = []
        with (progress or _no_progress)(len(rendered)) as advance:
            if workers > 1 and len(rendered) >= MIN_PARALLEL_PAGES:
                # A forked worker shares the parent's memory until it writes to it; the cycle
                # collector would write to every object it walks, so it is kept off what exists.
                gc.freeze()
                try:
                    with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_start, initargs=(os.getpid(),)) as pool:
                        for chunk, result in zip(chunks, pool.imap(_build_chunk, chunks)):
                            results.append(result)
                            advance(len(chunk))
                        pool.close()
                        pool.join()
                finally:
                    gc.unfreeze()
            else:
                for chunk in chunks:
                    results.append(_build_chunk(chunk))
                    advance(len(chunk))
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
        manifest = {"fingerprint": current, "pages": dict(sorted(hashes.items()))}
        (Path(config.site_dir) / MANIFEST).write_text(json.dumps(manifest, indent=0), encoding="utf-8")
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            raise Abort("Aborted with a BuildError!") from error
        raise
    finally:
        _job = None


def _worker_start(parent: int) -> None:
    """Ctrl-C is the parent's to handle (it stops the pool); SIGTERM, from the parent stopping the
    pool or from the parent's death, ends a worker quietly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    isolated.start_worker(parent)


def _build_chunk(indices: Sequence[int]) -> ChunkResult:
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
