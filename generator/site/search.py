"""Search: index a built site with Pagefind (the `pagefind_bin` package's binary).

Pages mark what is indexed with `data-pagefind-body` (titles, leads, actors, key phrases of
topic, article and actor pages); pages without it, and the full article text, are left out, so
the index stays small. Pagefind's memory grows with the pages it reads, so it reads only the
sections whose pages carry the mark. The browser loads the index in chunks only when a reader
searches.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from generator.errors import PublishError

log = logging.getLogger(__name__)

BUNDLE = "pagefind"
"""Folder of the site that holds the index and the search UI."""
LANGUAGE = "en"
INDEXED_SECTIONS = ("topics", "articles", "actors")
"""The sections whose page templates mark text for search."""
GLOB = "{" + ",".join(INDEXED_SECTIONS) + "}/**/*.html"


def executable() -> Path:
    """The Pagefind binary shipped with pagefind_bin."""
    try:
        import pagefind_bin
    except ImportError as error:
        raise PublishError("Pagefind is not installed", hint="pip install pagefind-bin, or build with --no-search") from error
    try:
        return Path(pagefind_bin.get_executable())
    except (FileNotFoundError, OSError) as error:
        raise PublishError(f"Pagefind binary not found: {error}", hint="reinstall pagefind-bin, or build with --no-search") from error


def index(site: Path) -> None:
    """Write the Pagefind index and UI into site/pagefind; raise PublishError on failure."""
    command = [str(executable()), "--site", str(site), "--glob", GLOB, "--output-subdir", BUNDLE,
               "--force-language", LANGUAGE, "--quiet"]
    log.info("indexing the site for search with Pagefind")
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PublishError(f"Pagefind could not run: {error}", hint="build with --no-search to skip the index") from error
    if result.returncode != 0:
        raise PublishError(
            f"Pagefind failed ({result.returncode}): {(result.stderr or result.stdout).strip()[-800:]}",
            hint="build with --no-search to skip the index",
        )
    log.info("indexed the site for search")
