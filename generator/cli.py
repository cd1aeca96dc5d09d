"""Command line: `news-digest build | eval | bench`. Turns DigestError into a message and an exit code."""

from __future__ import annotations

import argparse
import functools
import gc
import logging
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.errors import DigestError

if TYPE_CHECKING:
    from generator.settings import Settings

log = logging.getLogger("generator")

COLLECTOR_THRESHOLDS = (200_000, 30, 30)
"""The cycle collector's thresholds while a command runs (mypy's choice for the same reason). A
build holds millions of small long-lived objects (parsed sentences, mentions, names): at the
default first threshold, 700 new objects, the collector walks them over and over, a quarter of
the time of the actor stage at 10,000 articles. Cycles are still collected, less often."""


def _settings(args: argparse.Namespace):
    """Settings from defaults, configuration files and the options given."""
    from generator import settings

    io = {
        "input": args.input,
        "docs": args.docs,
        "site": args.site,
        "mkdocs_config": args.mkdocs,
        "strict_input": args.strict_input or None,
        "max_file_bytes": args.max_file_bytes,
        "executor": args.executor,
        "workers": args.workers,
        "scheduler": args.scheduler,
        "cache": args.cache,
        "use_cache": False if args.no_cache else None,
        "progress": False if args.no_progress or not sys.stderr.isatty() else None,
        "article_text": args.article_text,
        "edition": args.edition,
        "archive": args.archive,
        "search": False if args.no_search else None,
        "explain": args.explain,
    }
    return settings.load({"io": {k: v for k, v in io.items() if v is not None}}, config_file=args.config)


@dataclass(frozen=True)
class Rendered:
    """What the build process keeps of a digest whose pages are on their way to publish."""

    digest_json: str
    edition: str
    generated: str
    summary: str
    counts: tuple[int, int, int]
    """Articles, topics and actors."""


def _digest_pages(settings: Settings) -> tuple[Rendered, Iterator[tuple[str, str]]]:
    """Analyse the input folder; return the digest's summary and its pages, rendered as taken."""
    from generator import contract, pipeline, render
    from generator.site import editions

    digest = pipeline.build_digest(settings)
    data = contract.to_contract(digest)
    contract.validate(data)
    rendered = Rendered(
        contract.dumps(data), digest.edition, digest.generated, pipeline.summary_line(digest),
        (len(digest.articles), len(digest.topics), len(digest.actors)),
    )
    return rendered, render.pages(digest, settings, editions.load(settings))


def cmd_build(args: argparse.Namespace) -> int:
    """Digest the input folder into the docs folder (and the site, with --site)."""
    from generator import isolated, pipeline, publish
    from generator.site import atomic, editions

    started = time.perf_counter()
    settings = _settings(args)
    # The analysis and the pages run in a child process that returns its memory to the system
    # when done, so the site build (MkDocs workers, Pagefind) starts from a small process.
    # SIGTERM stops both, like Ctrl-C, whatever the stage.
    with atomic.terminable(), isolated.stream(functools.partial(_digest_pages, settings)) as produced:
        rendered: Rendered = produced.header
        with pipeline.timed("publish"):
            publish.publish(produced.items, rendered.digest_json, settings, rendered.generated)
    editions.save(settings, rendered.edition, rendered.digest_json)
    log.info("%s", rendered.summary)
    log.info("done in %.1f s: %d articles, %d topics, %d actors", time.perf_counter() - started, *rendered.counts)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score the build on the evaluation sets and compare with the committed baseline."""
    from generator.evaluation import gate

    return gate.main(args)


def cmd_bench(args: argparse.Namespace) -> int:
    """Time cold builds at several corpus sizes, and a warm rebuild (`make bench` runs the side-by-side ratio)."""
    from generator.evaluation import bench

    return bench.main(args)


def _build_options(build: argparse.ArgumentParser) -> None:
    add = build.add_argument
    add("--input", type=Path, help="folder of news files: .txt .md .html .xml .rss .atom .jsonl (default: seeds)")
    add("--docs", type=Path, help="MkDocs docs folder to write the pages into (default: docs)")
    add("--site", type=Path, help="also build the static site into this folder")
    add("--mkdocs", type=Path, help="MkDocs configuration (default: ./mkdocs.yml, else the packaged one)")
    add("--config", type=Path, help="settings file (default: ./digest.toml when present)")
    add("--strict-input", action="store_true", help="fail on an unusable input or failed article instead of skipping it")
    add("--max-file-bytes", type=int, help="skip larger input files (default: 20000000)")
    add("--executor", choices=("serial", "processes", "dask"), help="where the per-article step runs (default: processes)")
    add("--workers", type=int, help="worker processes (default: every core)")
    add("--scheduler", help="address of a Dask scheduler (with --executor dask; default: a local cluster)")
    add("--cache", type=Path, help="cache folder for cleaned articles and analyses (default: $XDG_CACHE_HOME/news-digest)")
    add("--no-cache", action="store_true", help="clean, analyse and render everything again; neither read nor write the cache")
    add("--no-progress", action="store_true", help="no progress bar (log lines every 10%% instead)")
    add("--article-text", choices=("auto", "excerpt", "full"), help="publish the lead and a link (excerpt) or the whole text (default: auto)")
    add("--edition", help="date of this edition, YYYY-MM-DD (default: the newest article's date)")
    add("--archive", type=Path, help="folder that keeps earlier editions (default: none)")
    add("--no-search", action="store_true", help="do not build the search index")
    add("--explain", metavar="TEXT", help="log every rule that touched a line or name containing TEXT (use with -v)")


def parser() -> argparse.ArgumentParser:
    """The argument parser with every command and its help."""
    root = argparse.ArgumentParser(prog="news-digest", description="Turn a folder of raw news into a searchable static digest.")
    root.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    root.add_argument("-v", "--verbose", action="store_true", help="log debug details (and what --explain finds)")
    root.add_argument("-q", "--quiet", action="store_true", help="log only warnings and errors")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help=cmd_build.__doc__, description=cmd_build.__doc__)
    _build_options(build)
    build.set_defaults(func=cmd_build)

    evaluate = commands.add_parser("eval", help=cmd_eval.__doc__, description=cmd_eval.__doc__)
    evaluate.add_argument("--sets", nargs="*", help="evaluation sets to run (default: every fixture set and both dev-set parts)")
    evaluate.add_argument("--baseline", type=Path, default=Path("tests/eval_baseline.json"), help="committed figures to compare with")
    evaluate.add_argument("--update-baseline", action="store_true", help="write the current figures as the new baseline")
    evaluate.add_argument("--allow-lower", action="store_true", help="with --update-baseline: accept figures below the baseline")
    evaluate.add_argument("--json", type=Path, help="also write every figure and per-file detail as JSON")
    evaluate.set_defaults(func=cmd_eval)

    bench = commands.add_parser("bench", help=cmd_bench.__doc__, description=cmd_bench.__doc__)
    bench.add_argument("--articles", type=int, nargs="+", default=[1000], help="corpus sizes (default: 1000)")
    bench.add_argument("--warm", action="store_true", help="also time a warm rebuild after adding one article")
    bench.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    bench.set_defaults(func=cmd_bench)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    args = parser().parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s" if args.verbose else "%(message)s")
    thresholds = gc.get_threshold()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    try:
        return args.func(args)
    except DigestError as error:
        print(f"error: {error}", file=sys.stderr)
        if error.hint:
            print(f"hint: {error.hint}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("interrupted; the previous docs and site are unchanged", file=sys.stderr)
        return 130
    finally:
        gc.set_threshold(*thresholds)
