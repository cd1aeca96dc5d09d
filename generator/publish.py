"""Publish: the generated docs tree and the built site replace the previous ones whole, or not at all.

A publication builds the complete new docs folder (hand-written pages linked or copied in, the
generated pages written) and, with a site folder, the complete site (MkDocs, then Pagefind) in
staging folders beside them, then swaps both in at once (see `generator.site.atomic`). A failure,
Ctrl-C or SIGTERM at any moment leaves the previous docs and site exactly as they were.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from generator.errors import PublishError
from generator.progress import progress
from generator.settings import Settings, worker_count
from generator.site import atomic, search
from generator.site.layout import ABOUT, DIGEST_JSON, GENERATED_ROOTS

if TYPE_CHECKING:
    from generator.site.mkdocs_build import Progress

log = logging.getLogger(__name__)

SITE_PACKAGE = "generator.site"
BASE_CONFIG = "mkdocs.base.yml"
OVERRIDES = "overrides"
PLUGINS = ("news-digest/prerendered-html", "news-digest/shared-fragments")
"""The build's own MkDocs plugins (`site.hooks`), added to any configuration."""
GENERATED_MARK = "---\n# news-digest: generated page."
"""First line of a generated About page: a page without it is hand-written and kept."""
LEGACY = ("tags", ".staging-", ".retired-")
"""What older builds generated in the docs folder (tag pages, staging folders): never kept."""


def publish(pages: Iterable[tuple[str, str]], digest_json: str, settings: Settings, generated: str | None = None) -> None:
    """Write the generated docs and, with settings.io.site, build and index the site; all or nothing.

    pages are (path, Markdown) pairs, written as they come: when they are rendered lazily, no
    more than one is held. generated (the digest's time stamp) dates the site's build.
    """
    docs, site = settings.io.docs, settings.io.site
    if site is not None and _overlap(docs, site):
        raise PublishError(f"the docs folder {docs} and the site folder {site} must not contain each other")
    with atomic.terminable(), atomic.Swap(docs, *([site] if site else [])) as swap:
        try:
            staged_docs = swap.stage(docs)
            written = write_docs(pages, digest_json, docs, staged_docs)
            # Pages rendered in this process leave the digest and the renderer's cycles behind as
            # garbage: free it before the site build forks its workers.
            gc.collect()
            if site is not None:
                staged_site = swap.stage(site)
                previous = site if settings.io.use_cache and site.is_dir() else None
                build_site(config_file(settings), staged_docs, staged_site, generated, worker_count(settings), previous,
                           progress=functools.partial(progress, stage="render pages", bar=settings.io.progress, unit="page"))
                if settings.io.search:
                    search.index(staged_site)
        except OSError as error:
            raise PublishError(f"could not write the new docs or site: {error}; nothing was changed") from error
        swap.commit()
    log.info("published %d pages into %s%s", written, docs, f" and built {site}" if site else "")


def _generated_page(path: str) -> bool:
    """Whether a docs page is one the build writes and links only to pages of the same build."""
    return PurePosixPath(path).parts[0] in GENERATED_ROOTS


def _overlap(first: Path, second: Path) -> bool:
    a, b = first.resolve(), second.resolve()
    return a == b or a in b.parents or b in a.parents


def _checked(path: str) -> PurePosixPath:
    """A generated path must stay inside the generated part of the docs folder."""
    relative = PurePosixPath(path)
    if (
        relative.is_absolute()
        or not relative.parts
        or any(part in ("..", ".", "") for part in path.split("/"))
        or (relative.parts[0] not in GENERATED_ROOTS and path != ABOUT)
        or "\\" in path
    ):
        raise PublishError(f"refusing to write outside the generated part of the docs folder: {path!r}")
    return relative


def _hand_written(entry: Path) -> bool:
    name = entry.name
    return not (
        name in GENERATED_ROOTS
        or name.startswith(atomic.PREFIX)
        or any(name == legacy or (legacy.endswith("-") and name.startswith(legacy)) for legacy in LEGACY)
    )


def write_docs(pages: Iterable[tuple[str, str]], digest_json: str, current: Path, staged: Path) -> int:
    """Fill staged with the hand-written entries of current plus the generated pages and digest.json;
    return how many pages were written."""
    if current.is_dir():
        for entry in sorted(current.iterdir()):
            if not _hand_written(entry):
                continue
            target = staged / entry.name
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, target, symlinks=True, copy_function=atomic.link_or_copy)
            elif entry.is_symlink():
                os.symlink(os.readlink(entry), target)
            else:
                atomic.link_or_copy(entry, target)
    about = staged / ABOUT
    keep_about = about.is_file() and not about.read_text("utf-8", errors="replace").startswith(GENERATED_MARK)
    (staged / DIGEST_JSON).write_text(digest_json, encoding="utf-8")
    written: set[str] = set()
    folders: set[Path] = set()
    for path, text in pages:
        target = staged / _checked(path)
        if path in written:
            raise PublishError(f"two generated pages share the path {path}")
        written.add(path)
        if path == ABOUT and keep_about:
            continue
        if path == ABOUT:
            about.unlink(missing_ok=True)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_text(text, encoding="utf-8")
    log.info("wrote %d pages and digest.json", len(written))
    return len(written)


def config_file(settings: Settings) -> Path:
    """The MkDocs configuration: --mkdocs, else ./mkdocs.yml, else the packaged default."""
    if settings.io.mkdocs_config is not None:
        return settings.io.mkdocs_config
    local = Path("mkdocs.yml")
    if local.is_file():
        return local
    return packaged(BASE_CONFIG)


def packaged(name: str) -> Path:
    """A file or folder shipped in generator/site."""
    return Path(str(resources.files(SITE_PACKAGE).joinpath(name)))


@contextmanager
def _reproducible(generated: str | None) -> Iterator[None]:
    """Date the build by the digest (SOURCE_DATE_EPOCH), so that two builds give the same bytes."""
    import datetime

    if generated is None or "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    try:
        when = datetime.datetime.fromisoformat(generated.replace("Z", "+00:00"))
    except ValueError:
        yield
        return
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


@contextmanager
def _quiet_mkdocs() -> Iterator[None]:
    """MkDocs' progress lines only with -v; its warnings always."""
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    if not log.isEnabledFor(logging.DEBUG):
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _existing_nav(nav, docs: Path):
    """The nav without entries for pages that do not exist in docs."""
    if isinstance(nav, list):
        kept = [item for item in (_existing_nav(entry, docs) for entry in nav) if item is not None]
        return kept or None
    if isinstance(nav, dict):
        kept = {key: value for key, value in ((k, _existing_nav(v, docs)) for k, v in nav.items()) if value is not None}
        return kept or None
    if isinstance(nav, str) and "://" not in nav and nav.endswith(".md") and not (docs / nav).is_file():
        log.info("nav entry %s left out: the page does not exist", nav)
        return None
    return nav


def build_site(mkdocs_file: Path, docs: Path, site: Path, generated: str | None = None, workers: int = 1,
               previous: Path | None = None, progress: Progress | None = None) -> None:
    """Build docs into site with MkDocs (strict), with the digest's theme overrides.

    Pages are rendered by `workers` processes, and generated pages whose Markdown has not changed
    are taken from the `previous` site, unless a plugin of the configuration's own needs the
    stock, single-process build."""
    import jinja2
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.site import mkdocs_build

    try:
        with _quiet_mkdocs(), _reproducible(generated):
            config = load_config(str(mkdocs_file), docs_dir=str(docs), site_dir=str(site), strict=True)
            if not config.use_directory_urls:
                raise PublishError(
                    f"{mkdocs_file} sets use_directory_urls: false; the digest's pages link to directory URLs",
                    hint="remove use_directory_urls from the MkDocs configuration",
                )
            overrides = str(packaged(OVERRIDES))
            if overrides not in map(str, config.theme.dirs):
                config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)
            if config.nav:
                config.nav = _existing_nav(config.nav, docs)
            from generator.site.hooks import PrerenderedHTML, SharedFragments

            for name, plugin in zip(PLUGINS, (PrerenderedHTML, SharedFragments), strict=True):
                if name not in config.plugins:
                    config.plugins[name] = plugin()
            config.plugins.on_startup(command="build", dirty=False)
            try:
                if mkdocs_build.parallel_safe(config, own_plugins=PLUGINS):
                    mkdocs_build.build(config, workers, previous, may_reuse=_generated_page, progress=progress)
                else:
                    build(config)
            finally:
                config.plugins.on_shutdown()
    except MkDocsException as error:
        raise PublishError(
            f"mkdocs build failed: {error}; the previous docs and site are unchanged",
            hint=f"check {mkdocs_file}; run with -v to see every MkDocs message",
        ) from error
    except (jinja2.TemplateError, ValueError, KeyError, TypeError) as error:
        raise PublishError(
            f"mkdocs build failed: {type(error).__name__}: {error}; the previous docs and site are unchanged",
            hint=f"check {mkdocs_file} and the theme overrides",
        ) from error
    log.info("built the site")
