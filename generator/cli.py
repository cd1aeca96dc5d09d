"""Command line: wires the stages together; turns DigestError into a message and exit code."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from generator import __version__
from generator.config import DEFAULT_MAX_FILE_BYTES, Config, default_workers
from generator.errors import DigestError

log = logging.getLogger("generator")


def cmd_build(args: argparse.Namespace) -> int:
    """Digest the input folder into docs/ (and the site, with --site)."""
    from generator import contract, pipeline, publish, render

    started = time.perf_counter()
    config = Config(
        input_dir=args.input,
        docs_dir=args.docs,
        site_dir=args.site,
        mkdocs_file=args.mkdocs,
        strict_input=args.strict_input,
        max_file_bytes=args.max_file_bytes,
        workers=args.workers,
        progress=not args.no_progress and sys.stderr.isatty(),
    ).validate()
    digest = pipeline.build_digest(config)
    data = contract.to_contract(digest)
    contract.validate(data)
    publish.write_docs(render.render(digest), contract.dumps(data), config.docs_dir)
    if config.site_dir is not None:
        publish.build_site(config.mkdocs_file, config.docs_dir, config.site_dir)
    skipped = f", {len(digest.problems)} file(s) skipped" if digest.problems else ""
    log.info(
        "done in %.1f s: %d articles, %d topics, %d actors%s",
        time.perf_counter() - started, len(digest.articles), len(digest.topics), len(digest.actors.actors), skipped,
    )
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score every stage on the annotated fixtures and compare with the baseline."""
    from generator.evaluation import gate

    report = gate.run(args.fixtures)
    print(gate.format_report(report, gate.load_baseline(args.baseline)))
    if args.update_baseline:
        gate.save_baseline(args.baseline, report)
        print(f"baseline written to {args.baseline}")
        return 0
    regressions = gate.regressions(report, gate.load_baseline(args.baseline))
    for line in regressions:
        print(f"REGRESSION {line}", file=sys.stderr)
    return 1 if regressions else 0


def cmd_bench(args: argparse.Namespace) -> int:
    """Time a full build on a synthetic corpus made from the input folder."""
    from generator.evaluation import bench

    bench.run(args.input, args.articles, args.workers, args.site)
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser with every command and its help."""
    root = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    root.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    root.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    root.add_argument("-q", "--quiet", action="store_true", help="log only warnings and errors")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help=cmd_build.__doc__, description=cmd_build.__doc__)
    build.add_argument("--input", type=Path, default=Path("seeds"), help="folder of .txt news files (default: seeds)")
    build.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder to write into (default: docs)")
    build.add_argument("--site", type=Path, default=None, help="also run `mkdocs build --strict` into this folder")
    build.add_argument("--mkdocs", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    build.add_argument("--strict-input", action="store_true", help="fail on an unusable input file instead of skipping it")
    build.add_argument("--max-file-bytes", type=int, default=DEFAULT_MAX_FILE_BYTES, help="skip larger files (default: %(default)s)")
    build.add_argument("--workers", type=int, default=default_workers(), help="processes for extraction (default: all cores, %(default)s)")
    build.add_argument("--no-progress", action="store_true", help="no progress bar")
    build.set_defaults(func=cmd_build)

    evaluate = commands.add_parser("eval", help=cmd_eval.__doc__, description=cmd_eval.__doc__)
    evaluate.add_argument("--fixtures", type=Path, default=Path("tests/fixtures"), help="annotated fixtures (default: tests/fixtures)")
    evaluate.add_argument("--baseline", type=Path, default=Path("tests/eval_baseline.json"), help="committed figures to compare with")
    evaluate.add_argument("--update-baseline", action="store_true", help="write the current figures as the new baseline")
    evaluate.set_defaults(func=cmd_eval)

    bench = commands.add_parser("bench", help=cmd_bench.__doc__, description=cmd_bench.__doc__)
    bench.add_argument("--input", type=Path, default=Path("seeds"), help="folder whose texts seed the synthetic corpus")
    bench.add_argument("--articles", type=int, default=1000, help="number of synthetic source files (default: 1000)")
    bench.add_argument("--workers", type=int, default=default_workers(), help="extraction processes (default: all cores)")
    bench.add_argument("--site", action="store_true", help="also time `mkdocs build`")
    bench.set_defaults(func=cmd_bench)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    args = parser().parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO
    logging.basicConfig(level=level, format="%(levelname)s %(message)s" if args.verbose else "%(message)s")
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
