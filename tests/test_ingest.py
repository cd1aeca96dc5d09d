"""Ingest: every usable file read in order, every unusable one reported by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.ingest import decode, ingest, input_files


def write(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_reads_txt_files_recursively_in_sorted_order(tmp_path):
    write(tmp_path, "b.txt", b"Second story.")
    write(tmp_path, "a/z.txt", b"Nested story.")
    write(tmp_path, "a.txt", b"First story.")
    write(tmp_path, "notes.md", b"Not an input.")
    write(tmp_path, ".hidden/x.txt", b"Hidden.")
    result = ingest(tmp_path, max_bytes=1000)
    assert [s.path for s in result.sources] == ["a.txt", "a/z.txt", "b.txt"]
    assert result.problems == ()


def test_normalises_newlines_and_drops_bom():
    assert decode("\ufeffone\r\ntwo\rthree\n".encode("utf-8")) == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Caf\u00e9 in Latin-1".encode("latin-1"), "not valid UTF-8"),
        (bytes(range(1, 9)) * 50 + b"text", "binary"),
    ],
)
def test_unusable_files_are_skipped_with_a_reason(tmp_path, data, reason):
    write(tmp_path, "good.txt", b"A usable story.")
    write(tmp_path, "bad.txt", data)
    result = ingest(tmp_path, max_bytes=1000)
    assert [s.path for s in result.sources] == ["good.txt"]
    assert [p.path for p in result.problems] == ["bad.txt"]
    assert reason in result.problems[0].reason


def test_huge_file_is_skipped(tmp_path):
    write(tmp_path, "huge.txt", b"word " * 500)
    result = ingest(tmp_path, max_bytes=100)
    assert result.sources == ()
    assert "too large" in result.problems[0].reason


def test_strict_mode_fails_naming_the_file(tmp_path):
    write(tmp_path, "ok.txt", b"Fine.")
    write(tmp_path, "broken.txt", b"\xff\xfe\x00b\x00a\x00d")
    with pytest.raises(InputError, match="broken.txt"):
        ingest(tmp_path, strict=True, max_bytes=1000)


def test_input_files_ignores_folders_named_like_inputs(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    write(tmp_path, "real.txt", b"x")
    assert [p.name for p in input_files(tmp_path)] == ["real.txt"]
