"""End to end: `make site` on a copy of the repository, then checks on the built HTML."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.contract import validate
from tests.conftest import REPO

pytestmark = pytest.mark.e2e

HOSTILE = """Harbour workers stage sit-in over unpaid wages

VALMORA: Harbour workers occupied the port office on Monday.
A protester held a sign reading <script>alert(1)</script> and another one reading {{ 7*7 }} and {% if true %}x{% endif %}.
The port authority said talks with the union would resume next week.
"""


def copy_repo(destination: Path) -> Path:
    """The tracked files of the repository, plus a link to its .venv (set up by `make`)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in files.decode().split("\0"):
        if name and (REPO / name).is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target)
    (destination / ".venv").symlink_to(Path(sys.prefix))
    return destination


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    repo = copy_repo(tmp_path_factory.mktemp("repo"))
    # The venv is the one running this test; tell make its stamp is fresh.
    subprocess.run(["make", "--touch", "install"], cwd=repo, check=True, capture_output=True)
    result = subprocess.run(["make", "site"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return repo


def read(repo: Path, path: str) -> str:
    return (repo / path).read_text(encoding="utf-8")


def test_digest_json_follows_the_contract(built):
    data = json.loads(read(built, "docs/digest.json"))
    validate(data)
    assert json.loads(read(built, "site/digest.json")) == data


def test_seeds_give_two_topic_sections_with_the_right_articles(built):
    data = json.loads(read(built, "docs/digest.json"))
    cnn = [a["id"] for a in data["articles"] if a["source"].startswith("000_")]
    pasted = [a["id"] for a in data["articles"] if a["source"].startswith("004_")]
    assert len(cnn) == 1 and len(pasted) == 2
    groups = sorted(sorted(topic["articles"]) for topic in data["topics"])
    assert groups == sorted([sorted([cnn[0], pasted[0]]), [pasted[1]]])
    home = read(built, "site/index.html")
    for topic in data["topics"]:
        assert f'href="topics/{topic["id"]}/"' in home
        page = read(built, f"site/topics/{topic['id']}/index.html")
        for article_id in topic["articles"]:
            assert f"../../articles/{article_id}/" in page


def test_spans_point_into_the_source_files(built):
    data = json.loads(read(built, "docs/digest.json"))
    for article in data["articles"]:
        text = read(built, f"seeds/{article['source']}")
        span = text[article["start"] : article["end"]]
        assert span.strip()
        assert 0 <= article["start"] < article["end"] <= len(text)


def test_search_index_holds_the_actor_names(built):
    data = json.loads(read(built, "docs/digest.json"))
    index = read(built, "site/search/search_index.json")
    people = [actor["name"] for actor in data["actors"] if actor["type"] == "person"]
    assert len(people) >= 5
    for name in people[:10]:
        assert name in index


def test_every_page_kind_is_built(built):
    data = json.loads(read(built, "docs/digest.json"))
    for article in data["articles"]:
        assert (built / "site" / "articles" / article["id"] / "index.html").is_file()
    for path in ("topics", "actors", "articles", "tags", "about"):
        assert (built / "site" / path / "index.html").is_file()
    assert (built / "site" / "actors").glob("*/index.html")


def test_article_text_with_markup_shows_as_text(built):
    hostile = built / "hostile-input"
    hostile.mkdir()
    (hostile / "sit-in <b>.txt").write_text(HOSTILE, encoding="utf-8")
    # A docs folder of its own, with the hand-written pages the navigation names.
    (built / "docs-hostile").mkdir()
    shutil.copy(built / "docs" / "about.md", built / "docs-hostile" / "about.md")
    result = subprocess.run(
        [".venv/bin/python", "-m", "generator", "build", "--input", "hostile-input", "--docs", "docs-hostile", "--site", "site-hostile"],
        cwd=built, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    pages = list((built / "site-hostile" / "articles").glob("*/index.html"))
    assert len(pages) == 1
    html = pages[0].read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html
    assert "{% if true %}x{% endif %}" in html


def test_builds_are_byte_identical(built, tmp_path):
    outputs = []
    for seed in ("1", "2"):
        docs = tmp_path / f"docs-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [".venv/bin/python", "-m", "generator", "-q", "build", "--input", "seeds", "--docs", str(docs), "--workers", seed],
            cwd=built, check=True, env=env, capture_output=True,
        )
        outputs.append({p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert outputs[0]["digest.json"] == (built / "docs" / "digest.json").read_bytes()
