"""JSON Lines: one object per line with "text" or "html"; a bad line is a problem, not a failure."""

from __future__ import annotations

import json

from generator.errors import ReadError
from generator.model import Problem, Source
from generator.readers.base import ReaderOutput
from generator.readers.decode import Decoded, decode, normalise
from generator.readers.markup import html_to_text
from generator.readers.meta import meta_from_fields

JSON_KINDS = {
    list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean", type(None): "null",
}  # fmt: skip


def read_jsonl(data: bytes, name: str) -> ReaderOutput:
    """One Source per usable line, item = the line number; empty lines are passed over."""
    decoded = decode(data, name)
    sources, problems = [], []
    for number, line in enumerate(normalise(decoded.text).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            sources.append(_line_source(line, number, name, decoded))
        except ReadError as error:
            problems.append(Problem(path=f"{name}: line {number}", reason=error.reason, kind=error.kind))
    if not sources:
        first = problems[0]
        raise ReadError(f"no usable line ({len(problems)} bad; {first.path}: {first.reason})", kind=first.kind)
    return ReaderOutput(tuple(sources), tuple(problems))


def _line_source(line: str, number: int, name: str, decoded: Decoded) -> Source:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ReadError(f"not valid JSON ({error.msg}, column {error.colno})", kind="invalid line") from None
    except RecursionError:
        raise ReadError("not valid JSON (nested too deeply)", kind="invalid line") from None
    if not isinstance(record, dict):
        raise ReadError(f"not a JSON object but {JSON_KINDS[type(record)]}", kind="invalid line")
    text = _record_text(record)
    if not text:
        raise ReadError('no "text" or "html" field with text', kind="empty")
    meta = meta_from_fields(record, f"{name}: line {number}")
    return Source(name, text, number, meta, encoding=decoded.encoding, decode_note=decoded.note)


def _record_text(record: dict[str, object]) -> str:
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return normalise(text)
    if isinstance(html, str):
        return normalise(html_to_text(html))
    return ""
