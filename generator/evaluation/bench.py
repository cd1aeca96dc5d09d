"""Benchmark: a full build on a synthetic corpus of N files made from real input texts.

Each synthetic file is one of the input texts with its paragraphs reordered
and its numbers changed, so that the corpus has realistic length, vocabulary
and boilerplate without any two files being identical.
"""

from __future__ import annotations

import logging
import random
import re
import shutil
import tempfile
import time
from pathlib import Path

from generator import contract, pipeline, publish, render
from generator.config import Config
from generator.ingest import ingest

log = logging.getLogger(__name__)
NUMBER = re.compile(r"\d+")


def make_corpus(seed_dir: Path, count: int, out_dir: Path) -> int:
    """Write `count` synthetic files into out_dir; return their total size in characters."""
    texts = [source.text for source in ingest(seed_dir, max_bytes=10**9).sources]
    if not texts:
        raise SystemExit(f"no input texts in {seed_dir}")
    total = 0
    for i in range(count):
        rng = random.Random(i)
        paragraphs = texts[i % len(texts)].split("\n")
        head, body = paragraphs[:3], paragraphs[3:]
        rng.shuffle(body)
        text = NUMBER.sub(lambda m: str(rng.randint(2, 999)), "\n".join(head + body))
        (out_dir / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def run(seed_dir: Path, count: int, workers: int, with_site: bool) -> None:
    """Build the synthetic corpus and print the time of each step."""
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        corpus, docs, site = Path(tmp, "input"), Path(tmp, "docs"), Path(tmp, "site")
        corpus.mkdir()
        chars = make_corpus(seed_dir, count, corpus)
        print(f"corpus: {count} files, {chars / 1e6:.1f} M characters, {workers} worker(s)")
        started = time.perf_counter()
        digest = pipeline.build_digest(Config(input_dir=corpus, docs_dir=docs, workers=workers, progress=False))
        analysed = time.perf_counter()
        data = contract.to_contract(digest)
        contract.validate(data)
        pages = render.render(digest)
        publish.write_docs(pages, contract.dumps(data), docs)
        written = time.perf_counter()
        print(f"articles: {len(digest.articles)}, topics: {len(digest.topics)}, actors: {len(digest.actors.actors)}, pages: {len(pages)}")
        print(f"analysis {analysed - started:.1f} s, render+write {written - analysed:.1f} s")
        if with_site:
            shutil.copy(Path("docs", "about.md"), docs / "about.md")
            publish.build_site(Path("mkdocs.yml"), docs, site)
            size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
            print(f"mkdocs build {time.perf_counter() - written:.1f} s, site {size / 1e6:.1f} MB")
        print(f"total {time.perf_counter() - started:.1f} s")
