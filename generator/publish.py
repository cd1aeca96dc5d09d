"""Write the generated pages and digest.json into docs/, and build the site, atomically.

Everything is first written into a temporary folder beside its destination and
then moved into place with renames, so that a failed build never leaves a
half-written docs/ or site/ behind: the previous one stays as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from generator.errors import PublishError

log = logging.getLogger(__name__)

# What a build owns inside the docs folder; everything else there is hand-written and left alone.
GENERATED = ("index.md", "digest.json", "topics", "articles", "actors", "tags")


def _safe_relative(path: str) -> PurePosixPath:
    """A generated path must stay inside the docs folder and inside a generated entry."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts or relative.parts[0] not in GENERATED:
        raise PublishError(f"refusing to write outside the generated part of docs/: {path!r}")
    return relative


def write_docs(pages: Mapping[str, str], digest_json: str, docs_dir: Path) -> None:
    """Replace the generated part of docs_dir with pages and digest.json."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    # A leading dot keeps MkDocs from ever reading the staging folders.
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=docs_dir))
    retired = Path(tempfile.mkdtemp(prefix=".retired-", dir=docs_dir))
    try:
        files = {**pages, "digest.json": digest_json}
        for path, text in files.items():
            target = staging / _safe_relative(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for name in GENERATED:
            current, fresh = docs_dir / name, staging / name
            if current.exists():
                os.replace(current, retired / name)
            if fresh.exists():
                os.replace(fresh, current)
    except OSError as error:
        raise PublishError(f"could not write {docs_dir}: {error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
    log.info("wrote %d pages and digest.json into %s", len(pages), docs_dir)


def build_site(mkdocs_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """Run `mkdocs build --strict` into a temporary folder, then swap it in as site_dir."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    retired = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
    try:
        config = load_config(
            str(mkdocs_file), docs_dir=str(docs_dir.resolve()), site_dir=str(fresh), strict=True
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        if site_dir.exists():
            os.replace(site_dir, retired / site_dir.name)
        os.replace(fresh, site_dir)
    except MkDocsException as error:
        raise PublishError(
            f"mkdocs build failed: {error}; the previous site in {site_dir} is unchanged",
            hint="run `mkdocs build --strict` to see every warning",
        ) from error
    except OSError as error:
        raise PublishError(f"could not write {site_dir}: {error}") from error
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
    log.info("built the site into %s", site_dir)
