"""Files as they really arrive, each beside the same three good articles: every file is
accounted for, the hostile one gets the outcome it should, and nothing else changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import contract

STRIKE = """Dockworkers strike at Port of Valdora over pay

VALDORA, March 14 (Reuters) - Thousands of dockworkers at the Port of Valdora walked off the job on Saturday after talks on a new pay deal collapsed overnight, halting container traffic.

The Valdora Dockworkers Union said the strike would last 48 hours unless port operator Meridian Terminals improved its offer. "Our members kept this port running," union leader Tomas Reyes said.
"""
FLOOD = """Rio Claro bursts its banks in San Isidro

Rescue teams used boats to reach hundreds of villagers cut off by floodwater after the Rio Claro burst its banks in San Isidro province on Sunday, governor Marta Huaman said.

Three people died and more than 1,200 homes were flooded, she told local radio. The weather service warned of more heavy rain until Tuesday.
"""
CHESS = """Chess prodigy, 12, wins national title

Twelve-year-old Lucia Mendoza became the youngest national chess champion on Saturday, beating grandmaster Rafael Ortiz in the final round in Valdora.

Mendoza said she would now prepare for the world youth championship in Manila in July.
"""
GOOD = {"good/strike.txt": STRIKE, "good/flood.txt": FLOOD, "good/chess.txt": CHESS}
GERMAN = "Streik im Hafen von Bremerhaven\n\nDie Hafenarbeiter in Bremerhaven haben am Montag die Arbeit niedergelegt. Gewerkschaftschef Jürgen Müller sagte, die Gespräche über höhere Löhne seien gescheitert, und kündigte weitere Streiks für die nächste Woche an.\n"
RUSSIAN = "Наводнение в Приморье\n\nСпасатели эвакуировали более тысячи жителей Приморского края после сильных дождей, сообщил губернатор Олег Кожемяко в понедельник. Реки вышли из берегов в нескольких районах.\n"


def record(digest, source: str):
    return next(r for r in digest.inputs if r.source == source)


def good_articles(digest) -> list[tuple]:
    """What the digest says about the three good files."""
    found = []
    for entry in digest.articles:
        if entry.article.source.startswith("good/"):
            found.append((entry.article.source, entry.article.id, entry.article.title, entry.article.paragraphs, entry.actors))
    return sorted(found)


@pytest.fixture
def baseline(build_digest):
    return good_articles(build_digest(GOOD))


def build_with(build_digest, files: dict):
    digest = build_digest({**GOOD, **files})
    contract.validate(contract.to_contract(digest))
    return digest


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t \n", "empty"),
        ("binary.txt", b"\x00\x01\x02 binary \x00 data" * 20, "binary"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        ("menu-only.txt", "Home\nWorld\nBusiness\nSport\nCulture\nShare\nFacebook\nTwitter\nEmail\n© 2026 Daily Planet. All rights reserved.\nAccept cookies\n", "no news"),
    ],
)
def test_unusable_file_is_skipped_and_named(build_digest, baseline, name, content, reason):
    digest = build_with(build_digest, {name: content})
    found = record(digest, name)
    assert found.status == "skipped"
    assert found.kind == reason
    assert found.reason
    assert found.articles == ()
    assert good_articles(digest) == baseline


@pytest.mark.parametrize(
    "name, content, encoding",
    [
        ("latin1.txt", GERMAN.encode("cp1252"), "cp1252"),
        ("utf16.txt", GERMAN.encode("utf-16"), "utf_16"),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), "utf-8"),
        ("crlf.txt", GERMAN.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("russian-cp1251.txt", RUSSIAN.encode("cp1251"), "cp1251"),
    ],
)
def test_other_encodings_are_decoded_with_letters_intact(build_digest, baseline, name, content, encoding):
    digest = build_with(build_digest, {name: content})
    found = record(digest, name)
    assert found.status == "read"
    assert found.encoding.replace("-", "_").lower().startswith(encoding.replace("-", "_").lower())
    text = " ".join(p for e in digest.articles if e.article.source == name for p in e.article.paragraphs)
    expected = (GERMAN if "russian" not in name else RUSSIAN).split("\n\n", 1)[1].strip()
    assert " ".join(expected.split()) in text
    assert "\r" not in text and "\ufeff" not in text
    assert good_articles(digest) == baseline


def test_mostly_utf8_with_bad_bytes_is_read_with_replacements(build_digest, baseline, caplog):
    data = GERMAN.encode("utf-8").replace("Montag".encode(), b"Mon\xfftag")
    digest = build_with(build_digest, {"broken.txt": data})
    found = record(digest, "broken.txt")
    assert found.status == "read"
    assert "replaced" in (found.reason or "")
    assert "broken.txt" in caplog.text
    assert good_articles(digest) == baseline


def test_30_megabyte_file_is_refused_before_reading(build_digest, baseline):
    digest = build_with(build_digest, {"huge.txt": STRIKE * (30_000_000 // len(STRIKE))})
    found = record(digest, "huge.txt")
    assert found.status == "skipped" and found.kind == "too large"
    assert good_articles(digest) == baseline


def test_single_200kb_line_does_not_break_the_build(build_digest, baseline):
    line = ("The port authority said traffic would resume soon. " * 4000)[:200_000]
    digest = build_with(build_digest, {"one-line.txt": line})
    found = record(digest, "one-line.txt")
    assert found.status == "read" and len(found.articles) == 1
    assert good_articles(digest) == baseline


def test_exact_duplicate_is_read_once_and_reported(build_digest, baseline):
    digest = build_with(build_digest, {"zz-copy.txt": STRIKE.replace("\n", "\n\n")})
    found = record(digest, "zz-copy.txt")
    assert found.status == "duplicate"
    assert found.duplicate_of == "good/strike.txt"
    assert good_articles(digest) == baseline


def test_near_duplicate_is_one_article_with_both_sources(build_digest):
    edited = STRIKE.replace("Thousands of", "Several thousand").replace("on Saturday", "early on Saturday")
    digest = build_with(build_digest, {"zz-wire.txt": edited})
    found = record(digest, "zz-wire.txt")
    assert found.status == "duplicate"
    assert found.duplicate_of == "good/strike.txt"
    kept = next(e.article for e in digest.articles if e.article.source == "good/strike.txt")
    assert kept.also_in == ("zz-wire.txt",)


@pytest.mark.parametrize(
    "name",
    ["with space.txt", "ünïcödé-新闻.txt", "-leading-dash.txt", "UPPER.TXT", "a" * 196 + ".txt", "deep/er/nested/story.txt"],
)
def test_odd_names_are_read(build_digest, baseline, name):
    digest = build_with(build_digest, {name: GERMAN})
    assert record(digest, name).status == "read"
    assert good_articles(digest) == baseline


def test_hidden_files_are_ignored(build_digest, baseline):
    digest = build_with(build_digest, {".hidden.txt": GERMAN, ".git/notes.txt": RUSSIAN})
    assert not [r for r in digest.inputs if ".hidden" in r.source or ".git" in r.source]
    assert good_articles(digest) == baseline


def test_symlink_out_of_the_folder_is_refused_and_never_read(build_digest, baseline, tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Top secret payroll figures that must never be published anywhere at all.\n" * 5)
    (tmp_path / "input").mkdir(parents=True, exist_ok=True)
    os.symlink(secret, tmp_path / "input" / "link.txt")
    digest = build_with(build_digest, {})
    found = record(digest, "link.txt")
    assert found.status == "skipped" and "outside the input folder" in found.reason
    assert not any("payroll" in p for e in digest.articles for p in e.article.paragraphs)
    assert "payroll" not in contract.dumps(contract.to_contract(digest))
    assert good_articles(digest) == baseline


def test_symlink_loop_is_skipped_and_named(build_digest, baseline, tmp_path):
    loop = tmp_path / "input" / "loop"
    loop.mkdir(parents=True)
    os.symlink(loop, loop / "again")
    digest = build_with(build_digest, {})
    assert any(r.status == "skipped" and "loop" in r.reason for r in digest.inputs)
    assert good_articles(digest) == baseline


def test_a_fifo_is_skipped_and_named_without_being_opened(build_digest, baseline, tmp_path):
    (tmp_path / "input").mkdir(parents=True, exist_ok=True)
    os.mkfifo(tmp_path / "input" / "pipe.txt")  # opening it for reading would block the build
    digest = build_with(build_digest, {})
    found = record(digest, "pipe.txt")
    assert found.status == "skipped" and "not a regular file" in found.reason
    assert good_articles(digest) == baseline


def test_injection_text_is_kept_as_data(build_digest):
    hostile = (
        "Port | strike <script>alert(1)</script> {{ 7*7 }}\n\n"
        "Union leader Tomas Reyes said {% if true %}yes{% endif %} and [click](javascript:alert(1)) "
        "--8<-- \"/etc/passwd\" while the strike went on at the Port of Valdora on Saturday.\n"
    )
    digest = build_with(build_digest, {"inject.txt": hostile})
    article = next(e.article for e in digest.articles if e.article.source == "inject.txt")
    assert article.title == "Port | strike <script>alert(1)</script> {{ 7*7 }}"
    assert "{% if true %}" in article.paragraphs[0]


def test_every_file_is_accounted_for(build_digest):
    files = {**GOOD, "empty.txt": b"", "copy.txt": STRIKE, "notes.pdf": b"%PDF-1.4"}
    digest = build_with(build_digest, files)
    sources = sorted(r.source for r in digest.inputs)
    assert sources == sorted(["copy.txt", "empty.txt", "notes.pdf", *GOOD])
    unread = record(digest, "notes.pdf")
    assert (unread.status, unread.kind) == ("skipped", "no reader") and ".pdf" in unread.reason
    made = sorted(a for r in digest.inputs for a in r.articles)
    assert made == sorted(e.article.id for e in digest.articles)


@pytest.fixture
def cli(tmp_path):
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=Path(__file__).parents[2])

    return run


def test_strict_input_stops_at_the_bad_file_and_changes_nothing(cli, tmp_path):
    from tests.conftest import write_files

    source = write_files(tmp_path / "in", {**GOOD, "empty.txt": b""})
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "keep.md").write_text("hand-written")
    result = cli("build", "--input", str(source), "--docs", str(docs), "--strict-input", "--no-cache")
    assert result.returncode == 3
    assert "empty.txt" in result.stderr
    assert sorted(p.name for p in docs.iterdir()) == ["keep.md"]


def test_missing_input_folder_is_a_config_error(cli, tmp_path):
    result = cli("build", "--input", str(tmp_path / "nope"), "--docs", str(tmp_path / "docs"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
