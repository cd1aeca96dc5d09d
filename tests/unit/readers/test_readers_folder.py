"""read_folder(): the walk, records, problems, duplicates, strict mode and the security rules."""

from __future__ import annotations

import logging
import os
import socket
import threading

import pytest

from generator.errors import InputError
from generator.readers import READERS, ReadResult, read_folder

MAX = 1_000_000
SECRET = "TOP-SECRET-CONTENT-4711"
STORY = "The council met on Monday and approved the budget for the new school.\n"


def read(folder, **options) -> ReadResult:
    return read_folder(folder, max_bytes=options.get("max_bytes", MAX), strict=options.get("strict", False))


def record(result: ReadResult, name: str):
    return next(item for item in result.records if item.source == name)


def everything_said(result: ReadResult) -> str:
    """All text and metadata the result carries, to check that a secret appears nowhere."""
    return repr(result)


def test_registry_maps_lower_case_suffixes():
    assert set(READERS) == {".txt", ".md", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl"}


def test_odd_names_are_all_read_and_records_are_sorted(folder, write):
    names = [
        "with spaces in name.txt",
        "Новости дня.txt",
        "日本語のニュース.md",
        "-leading-dash.txt",
        "UPPER.TXT",
        "x" * 196 + ".txt",
        "a/b/c/deep.txt",
        "folder with space/inner.md",
    ]
    for number, name in enumerate(names):
        write(name, f"Story {number}: {STORY}")
    result = read(folder)
    expected = sorted(names)
    assert [item.source for item in result.records] == expected
    assert [source.path for source in result.sources] == expected
    assert all(item.status == "read" for item in result.records)
    assert result.problems == ()


def test_hidden_files_and_folders_are_skipped_silently(folder, write, caplog):
    write(".hidden.txt", STORY)
    write(".git/config.txt", STORY)
    write("visible.txt", STORY)
    with caplog.at_level(logging.DEBUG):
        result = read(folder)
    assert [item.source for item in result.records] == ["visible.txt"]
    assert "hidden" not in caplog.text and ".git" not in caplog.text


def test_files_without_a_reader_are_listed_as_skipped_never_as_problems(folder, write, caplog):
    write("photo.jpg", b"\xff\xd8\xff")
    write("notes.docx", b"PK\x03\x04")
    write("README", STORY)
    write("story.txt", STORY)
    with caplog.at_level(logging.INFO, logger="generator.readers"):
        result = read(folder)
    assert [(item.source, item.status, item.kind) for item in result.records] == [
        ("story.txt", "read", None),
        ("README", "skipped", "no reader"),
        ("notes.docx", "skipped", "no reader"),
        ("photo.jpg", "skipped", "no reader"),
    ]
    assert "no reader for .docx" in result.records[2].reason
    assert result.problems == ()
    assert "left 3 file(s) that no reader takes: 1 .docx, 1 .jpg, 1 no suffix" in caplog.text


def test_a_file_without_a_reader_is_not_fatal_in_strict_mode(folder, write):
    write("photo.jpg", b"\xff\xd8\xff")
    write("story.txt", STORY)
    assert [r.status for r in read(folder, strict=True).records] == ["read", "skipped"]


def test_unusable_files_are_skipped_records_and_problems(folder, write, caplog):
    write("empty.txt", b"")
    write("blank.md", b"  \n\n\t ")
    write("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    write("nul.txt", b"text\x00with nul")
    write("good.txt", STORY)
    with caplog.at_level(logging.WARNING):
        result = read(folder)
    assert [source.path for source in result.sources] == ["good.txt"]
    kinds = {problem.path: problem.kind for problem in result.problems}
    assert kinds == {"blank.md": "empty", "empty.txt": "empty", "image.txt": "binary", "nul.txt": "binary"}
    assert record(result, "image.txt").status == "skipped"
    assert "PNG" in record(result, "image.txt").reason
    for name in kinds:
        assert f"skipped {name}: " in caplog.text


def test_too_large_is_refused_before_reading(folder, write):
    write("big.txt", "x" * 500)
    write("fits.txt", "y" * 100)
    result = read(folder, max_bytes=100)
    assert record(result, "big.txt").status == "skipped"
    assert "too large (500 bytes" in record(result, "big.txt").reason  # the size stat gave, not a read
    assert [problem.kind for problem in result.problems] == ["too large"]
    assert record(result, "fits.txt").status == "read"


def test_200_kb_single_line_is_read(folder, write):
    line = "word " * 40_000
    write("long.txt", line)
    result = read(folder)
    assert result.sources[0].text == line


def test_encoding_is_recorded(folder, write):
    write("legacy.txt", "Die Bürger in München ärgerten sich über die Straßenbahn und die Preise.\n".encode("cp1252"))
    write("wide.txt", "Grüße aus Köln, wo es heute regnet und die Straßen nass sind.\n".encode("utf-16"))
    result = read(folder)
    assert record(result, "legacy.txt").encoding == "cp1252"
    assert record(result, "wide.txt").encoding == "utf-16"
    assert "München" in result.sources[0].text and "Köln" in result.sources[1].text
    assert result.sources[0].decode_note


def test_exact_duplicates_keep_the_first_in_path_order(folder, write, caplog):
    write("b.txt", "Hello   world.\n\nSecond  paragraph.")
    write("a.txt", "Hello world.\nSecond paragraph.\n")
    write("c/copy.md", "  Hello world. Second paragraph.  ")
    write("d.txt", "Hello world. A different second paragraph.")
    with caplog.at_level(logging.INFO):
        result = read(folder)
    assert [source.path for source in result.sources] == ["a.txt", "d.txt"]
    for name in ("b.txt", "c/copy.md"):
        assert record(result, name).status == "duplicate"
        assert record(result, name).duplicate_of == "a.txt"
        assert f"{name} is an exact duplicate of a.txt" in caplog.text
    assert result.problems == ()


def test_strict_mode_raises_on_the_first_unusable_file(folder, write):
    write("a.txt", STORY)
    write("b_empty.txt", b"")
    write("c_binary.txt", b"\x00\x01")
    with pytest.raises(InputError) as caught:
        read(folder, strict=True)
    assert str(caught.value).startswith("b_empty.txt: ")
    assert caught.value.hint


def test_strict_mode_refuses_a_link_out_of_the_folder(folder, write, tmp_path):
    (tmp_path / "secret.txt").write_text(SECRET)
    write("a.txt", STORY)
    os.symlink(tmp_path / "secret.txt", folder / "b.txt")
    with pytest.raises(InputError) as caught:
        read(folder, strict=True)
    assert "b.txt" in str(caught.value) and "outside the input folder" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_strict_mode_passes_on_good_files(folder, write):
    write("a.txt", STORY)
    assert len(read(folder, strict=True).sources) == 1


def test_missing_or_non_folder_input_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        read(tmp_path / "missing")
    (tmp_path / "file.txt").write_text(STORY)
    with pytest.raises(InputError):
        read(tmp_path / "file.txt")


def test_symlink_to_a_file_outside_is_refused_and_never_opened(folder, write, tmp_path, opened):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    write("story.txt", STORY)
    os.symlink(outside / "secret.txt", folder / "link.txt")
    os.symlink(outside / "secret.txt", folder / "no-suffix-link")
    result = read(folder)
    for name in ("link.txt", "no-suffix-link"):
        assert record(result, name).status == "skipped"
        assert "outside the input folder" in record(result, name).reason
    assert SECRET not in everything_said(result)
    assert not [path for path in opened if path.is_relative_to(outside)]


def test_symlink_to_a_folder_outside_is_refused_and_never_listed(folder, write, tmp_path, opened):
    outside = tmp_path / "elsewhere"
    (outside / "deeper").mkdir(parents=True)
    (outside / "deeper" / "secret.txt").write_text(SECRET)
    write("story.txt", STORY)
    os.symlink(outside, folder / "linked-folder")
    result = read(folder)
    assert record(result, "linked-folder").status == "skipped"
    assert "outside the input folder" in record(result, "linked-folder").reason
    assert SECRET not in everything_said(result)
    assert not [path for path in opened if path.is_relative_to(outside)]


def test_relative_symlink_climbing_out_is_refused(folder, write, tmp_path):
    (tmp_path / "secret.txt").write_text(SECRET)
    write("sub/story.txt", STORY)
    os.symlink("../../secret.txt", folder / "sub" / "climb.txt")
    result = read(folder)
    assert "outside the input folder" in record(result, "sub/climb.txt").reason
    assert SECRET not in everything_said(result)


def test_symlink_inside_the_folder_is_read_and_is_a_duplicate(folder, write):
    write("a.txt", STORY)
    os.symlink(folder / "a.txt", folder / "b.txt")
    result = read(folder)
    assert record(result, "b.txt").status == "duplicate"
    assert record(result, "b.txt").duplicate_of == "a.txt"


def test_symlink_loops_are_skipped_and_named(folder, write):
    write("sub/story.txt", STORY)
    os.symlink("self.txt", folder / "self.txt")
    os.symlink("ping.txt", folder / "pong.txt")
    os.symlink("pong.txt", folder / "ping.txt")
    os.symlink("..", folder / "sub" / "up")
    os.symlink(folder / "sub", folder / "again")
    result = read(folder)
    for name in ("self.txt", "ping.txt", "pong.txt", "sub/up", "again"):
        assert record(result, name).status == "skipped", name
        assert "symlink loop" in record(result, name).reason, name
    assert [source.path for source in result.sources] == ["sub/story.txt"]


def test_broken_symlink_is_skipped(folder, write):
    os.symlink(folder / "gone.txt", folder / "broken.txt")
    write("story.txt", STORY)
    assert "broken symlink" in record(read(folder), "broken.txt").reason


def run_with_timeout(function, seconds: float = 20):
    """Run function in a daemon thread; fail (instead of hanging) if it blocks."""
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("result", function()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "read_folder blocked"
    return outcome["result"]


def test_fifo_is_skipped_without_being_opened(folder, write, opened):
    write("story.txt", STORY)
    os.mkfifo(folder / "pipe.txt")
    result = run_with_timeout(lambda: read(folder))
    assert record(result, "pipe.txt").status == "skipped"
    assert "not a regular file" in record(result, "pipe.txt").reason
    assert folder / "pipe.txt" not in opened


def test_symlink_to_a_fifo_inside_is_skipped(folder, write):
    os.mkfifo(folder / "pipe")
    os.symlink(folder / "pipe", folder / "pipe-link.txt")
    write("story.txt", STORY)
    result = run_with_timeout(lambda: read(folder))
    assert "not a regular file" in record(result, "pipe-link.txt").reason


def test_socket_is_skipped(folder, write, monkeypatch):
    write("story.txt", STORY)
    monkeypatch.chdir(folder)  # a relative name keeps the socket path under the length limit
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind("sock.txt")
        result = read(folder)
    finally:
        server.close()
    assert "not a regular file" in record(result, "sock.txt").reason


def test_bad_items_inside_a_file_are_problems_and_the_file_is_read(folder, write, caplog):
    write("items.jsonl", '{"text": "First story text."}\nnot json\n{"text": "Third story text."}\n')
    with caplog.at_level(logging.WARNING):
        result = read(folder)
    assert [source.item for source in result.sources] == [1, 3]
    assert [problem.path for problem in result.problems] == ["items.jsonl: line 2"]
    assert record(result, "items.jsonl").status == "read"
    assert record(result, "items.jsonl").reason == "1 of 3 items skipped"
    assert "skipped items.jsonl: line 2: not valid JSON" in caplog.text


def test_a_reader_crash_skips_that_file_only(folder, write, monkeypatch, caplog):
    def crash(data, name):
        raise RuntimeError("parser bug")

    monkeypatch.setitem(READERS, ".md", crash)
    write("a.md", STORY)
    write("b.txt", STORY + "More.")
    with caplog.at_level(logging.ERROR):
        result = read(folder)
    assert record(result, "a.md").status == "skipped"
    assert "RuntimeError: parser bug" in record(result, "a.md").reason
    assert [source.path for source in result.sources] == ["b.txt"]
    assert "a.md: the .md reader failed" in caplog.text
    with pytest.raises(InputError):
        read(folder, strict=True)


def test_output_is_deterministic(folder, write):
    for index in range(12):
        write(f"dir{index % 3}/file{index}.txt", f"Story number {index}. {STORY}")
    assert read(folder) == read(folder)


def test_records_leave_articles_empty(folder, write):
    write("a.txt", STORY)
    assert read(folder).records[0].articles == ()
