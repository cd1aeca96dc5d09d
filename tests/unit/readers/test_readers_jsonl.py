"""The JSON Lines reader: one Source per good line, a Problem per bad line."""

from __future__ import annotations

import json
import logging

import pytest

from generator.errors import ReadError
from generator.model import InputMeta
from generator.readers.jsonl import read_jsonl


def lines(*items: object | str) -> bytes:
    return "\n".join(item if isinstance(item, str) else json.dumps(item, ensure_ascii=False) for item in items).encode()


def test_good_lines_become_sources_numbered_by_line():
    data = lines(
        {"text": "First story.", "title": " Budget  passed ", "date": "2024-03-05T10:00:00Z", "outlet": "Reuters",
         "url": "https://example.com/1", "author": "Jane Doe"},
        "",
        {"text": "Третья новость: Москва."},
    )  # fmt: skip
    first, third = read_jsonl(data, "news.jsonl").sources
    assert (first.item, third.item) == (1, 3)
    assert first.meta == InputMeta(
        title="Budget passed", date="2024-03-05", outlet="Reuters", url="https://example.com/1", author="Jane Doe"
    )
    assert third.text == "Третья новость: Москва."
    assert first.path == "news.jsonl" and first.name == "news.jsonl#1"


def test_bad_lines_are_problems_naming_the_line_and_the_rest_is_read():
    data = lines(
        {"text": "Good one."},
        "{not json",
        "[1, 2, 3]",
        {"title": "No text at all"},
        {"text": "   "},
        {"text": "Good two."},
    )
    output = read_jsonl(data, "feed.jsonl")
    assert [source.text for source in output.sources] == ["Good one.", "Good two."]
    problems = {problem.path: problem.reason for problem in output.problems}
    assert list(problems) == ["feed.jsonl: line 2", "feed.jsonl: line 3", "feed.jsonl: line 4", "feed.jsonl: line 5"]
    assert problems["feed.jsonl: line 2"].startswith("not valid JSON")
    assert problems["feed.jsonl: line 3"] == "not a JSON object but an array"
    assert "text" in problems["feed.jsonl: line 4"]


def test_html_field_goes_through_the_html_to_text_path():
    data = lines({"html": "<p>First <b>paragraph</b>.</p><script>track()</script><p>Second&nbsp;one.</p>"})
    assert read_jsonl(data, "h.jsonl").sources[0].text == "First paragraph.\n\nSecond one."


def test_text_wins_over_html():
    assert read_jsonl(lines({"text": "Plain.", "html": "<p>Markup.</p>"}), "t.jsonl").sources[0].text == "Plain."


def test_text_is_normalised():
    assert read_jsonl(lines({"text": "Cafe\u0301\r\nouvert"}), "n.jsonl").sources[0].text == "Café\nouvert"


def test_escaped_lone_surrogate_is_replaced():
    source = read_jsonl(b'{"text": "bad \\ud800 char", "title": "t\\udc00"}', "s.jsonl").sources[0]
    assert (source.text, source.meta.title) == ("bad \ufffd char", "t\ufffd")


def test_crlf_line_ends_and_blank_lines():
    data = b'{"text": "One."}\r\n\r\n   \r\n{"text": "Two."}\r\n'
    assert [source.item for source in read_jsonl(data, "crlf.jsonl").sources] == [1, 4]


def test_bad_date_is_ignored_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING):
        source = read_jsonl(lines({"text": "Story.", "date": "soon"}), "d.jsonl").sources[0]
    assert source.meta.date is None
    assert "d.jsonl: line 1" in caplog.text and "soon" in caplog.text


def test_deeply_nested_json_is_a_problem_not_a_crash():
    deep = "[" * 100_000 + "]" * 100_000
    output = read_jsonl(lines({"text": "Fine."}, deep), "deep.jsonl")
    assert [problem.path for problem in output.problems] == ["deep.jsonl: line 2"]


def test_no_usable_line_is_a_read_error():
    with pytest.raises(ReadError) as caught:
        read_jsonl(b"nope\n[1]\n", "bad.jsonl")
    assert "no usable line" in caught.value.reason and "line 1" in caught.value.reason
