"""Plain text and Markdown files, with optional YAML front matter."""

from __future__ import annotations

import logging

import yaml

from generator.errors import ReadError
from generator.model import InputMeta, Source
from generator.readers.base import ReaderOutput
from generator.readers.decode import decode, normalise
from generator.readers.meta import META_FIELDS, meta_from_fields

log = logging.getLogger(__name__)

FENCE = "---"
# YAML allows "..." to end a document; front matter written by some tools ends with it.
CLOSING_FENCES = ("---", "...")


def read_text(data: bytes, name: str) -> ReaderOutput:
    """One Source from a .txt or .md file; front matter becomes its InputMeta."""
    decoded = decode(data, name)
    meta, body = split_front_matter(normalise(decoded.text), name)
    if not body.strip():
        raise ReadError("the file holds front matter but no text", kind="empty")
    source = Source(path=name, text=body, meta=meta, encoding=decoded.encoding, decode_note=decoded.note)
    return ReaderOutput((source,))


def split_front_matter(text: str, name: str) -> tuple[InputMeta, str]:
    """The front matter's metadata and the body after it; the whole text when there is none."""
    first_line, _, rest = text.partition("\n")
    if first_line.rstrip() != FENCE:
        return InputMeta(), text
    lines = rest.split("\n")
    closing = next((number for number, line in enumerate(lines) if line.rstrip() in CLOSING_FENCES), None)
    if closing is None:
        log.warning("%s: front matter has no closing '---'; read the whole file as text", name)
        return InputMeta(), text
    try:
        fields = yaml.safe_load("\n".join(lines[:closing]))
    except yaml.YAMLError as error:
        log.warning("%s: front matter is not YAML (%s); read the whole file as text", name, _first_line(error))
        return InputMeta(), text
    # A text that merely opens with a rule line and has a "Key: value" line is not front matter.
    if not isinstance(fields, dict) or not set(META_FIELDS) & set(fields):
        log.warning("%s: front matter names none of %s; read the whole file as text", name, ", ".join(META_FIELDS))
        return InputMeta(), text
    return meta_from_fields(fields, name), "\n".join(lines[closing + 1 :]).lstrip("\n")


def _first_line(error: Exception) -> str:
    return str(error).strip().split("\n", 1)[0]
