"""Bytes to normalised text: byte order mark, UTF-8, a declared or a detected charset."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer
from charset_normalizer import CharsetMatch

from generator.errors import ReadError

log = logging.getLogger(__name__)

# Checked before UTF-8: a BOM is the one unambiguous statement of an encoding. The UTF-32 LE
# mark begins with the UTF-16 LE one, so UTF-32 comes first.
WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
)
# Up to this share of invalid bytes, a file that otherwise holds valid UTF-8 sequences is
# taken as UTF-8 with a few damaged bytes (a bad copy and paste), not as a legacy charset.
MAX_INVALID_UTF8_SHARE = 0.01
# charset_normalizer's confidence is 1 - chaos; below this floor the guess would likely
# garble letters, so the file is refused rather than read as mojibake.
MIN_CHARSET_CONFIDENCE = 0.9
# More control characters than this share of the text means binary data, not text.
MAX_CONTROL_SHARE = 0.01
CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# A lone surrogate (from "\\ud800" in JSON or &#xD800; in markup) is no character: it could not
# even be written out as UTF-8.
SURROGATES = re.compile("[\ud800-\udfff]")
# Declared charsets that are never believed: web browsers read these labels as UTF-8 or
# refuse them, and the escape codecs would turn backslashes in the text into characters.
IGNORED_DECLARATIONS = (
    "utf-16", "utf-32", "utf-7", "idna", "punycode", "unicode-escape", "raw-unicode-escape",
)  # fmt: skip
# As in web browsers, pages labelled Latin-1 or ASCII are read as Windows-1252 (its superset).
DECLARED_SUPERSETS = {"iso8859-1": "cp1252", "ascii": "cp1252"}
# The legacy charsets a news file may come in. The rarer ones (the Mac and most DOS code pages)
# are left out: on mostly-ASCII text they score as well as the charset really used.
LEGACY_CHARSETS = (
    "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866",
    "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1255", "iso8859_8", "cp1256", "cp1257", "iso8859_13",
    "cp1258", "cp874", "shift_jis", "euc_jp", "iso2022_jp", "gb18030", "big5", "euc_kr",
)  # fmt: skip
# charset_normalizer orders equally good guesses arbitrarily; between those, these charsets (the
# Western and Cyrillic Windows code pages) are the likelier source, in this order.
PREFERRED_CHARSETS = ("cp1252", "cp1251")
# Guesses whose scores (language coherence minus chaos) differ by less than this are equally good.
TIE_TOLERANCE = 0.01


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a file's bytes (not yet normalised), and how it was decoded."""

    text: str
    encoding: str
    note: str | None = None


def normalise(text: str) -> str:
    """The text in NFC with '\\n' line ends, without BOM or NUL, lone surrogates replaced."""
    # Removal goes first: dropping a NUL between a letter and a combining mark would otherwise
    # leave a sequence that NFC composes only on a second pass, breaking idempotence.
    text = SURROGATES.sub("\ufffd", text.replace("\ufeff", "").replace("\x00", ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def sniff(data: bytes) -> None:
    """Refuse bytes that are empty or plainly not text (image or archive signature, NUL bytes)."""
    if not data.strip():
        raise ReadError("the file is empty" if not data else "the file holds only white space", kind="empty")
    for magic, what in MAGIC_NUMBERS:
        if data.startswith(magic):
            raise ReadError(f"the file is binary ({what}), not text", kind="binary")
    if b"\x00" in data and not data.startswith(tuple(bom for bom, _ in WIDE_BOMS)):
        raise ReadError("the file is binary (it contains NUL bytes), not text", kind="binary")


def decode(data: bytes, name: str, declared: str | None = None) -> Decoded:
    """Decode a file's bytes: BOM, strict UTF-8, the declared charset, mostly UTF-8, detection."""
    sniff(data)
    decoded = (
        _decode_bom(data)
        or _decode_utf8(data)
        or _decode_declared(data, name, declared)
        or _decode_mostly_utf8(data, name)
        or _decode_detected(data, name)
    )
    _check_text(decoded.text)
    return decoded


def _decode_bom(data: bytes) -> Decoded | None:
    for bom, encoding in WIDE_BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                reason = f"the file has a {encoding} byte order mark but is not {encoding} ({error.reason})"
                raise ReadError(reason, kind="encoding") from None
    return None


def _decode_utf8(data: bytes) -> Decoded | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return Decoded(text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")


def _decode_declared(data: bytes, name: str, declared: str | None) -> Decoded | None:
    if not declared:
        return None
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    if codec.startswith(IGNORED_DECLARATIONS):
        return None
    codec = DECLARED_SUPERSETS.get(codec, codec)
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):  # LookupError: a bytes-to-bytes codec such as base64
        return None
    note = f"not UTF-8: decoded as {codec}, the charset the file declares"
    log.info("%s: %s", name, note)
    return Decoded(text, codec, note)


def _decode_mostly_utf8(data: bytes, name: str) -> Decoded | None:
    body = data.removeprefix(codecs.BOM_UTF8)
    invalid = _invalid_utf8_bytes(body, limit=int(len(body) * MAX_INVALID_UTF8_SHARE))
    if invalid is None:
        return None
    text = body.decode("utf-8", errors="replace")
    # Without more valid multi-byte sequences than bad bytes, nothing says the file is UTF-8:
    # ASCII with a few high bytes is far more likely Windows-1252 or Latin-1.
    valid = sum(1 for char in text if char > "\x7f" and char != "\ufffd")
    if valid <= invalid:
        return None
    note = f"{invalid} invalid UTF-8 byte{'s' if invalid > 1 else ''} replaced"
    log.warning("%s: %s", name, note)
    return Decoded(text, "utf-8", note)


def _invalid_utf8_bytes(data: bytes, limit: int) -> int | None:
    """Count the bytes that are not valid UTF-8; None as soon as there are more than limit."""
    view, start, count = memoryview(data), 0, 0
    while True:
        # Each attempt stops at the next bad byte, so the whole count reads the data once.
        try:
            codecs.utf_8_decode(view[start:], "strict", True)
            return count
        except UnicodeDecodeError as error:
            count += error.end - error.start
            if count > limit:
                return None
            start += error.end


def _decode_detected(data: bytes, name: str) -> Decoded:
    matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_CHARSETS)))
    if not matches:
        # Latin-1 maps each byte to one character, so this counts the control bytes.
        if _too_many_controls(data.decode("latin-1")):
            raise ReadError("the file is binary (too many control characters), not text", kind="binary")
        reason = "the file is not UTF-8 and in no text encoding recognised; re-save it as UTF-8"
        raise ReadError(reason, kind="encoding")
    best = max(matches, key=_score)
    confidence = 1.0 - best.chaos
    if confidence < MIN_CHARSET_CONFIDENCE:
        raise ReadError(
            f"the file is not UTF-8 and its encoding is unclear (best guess {best.encoding}, "
            f"{confidence:.0%} sure); re-save it as UTF-8",
            kind="encoding",
        )
    encoding = _preferred_charset(matches, best)
    # A guess can be wrong, so say so where the user looks; re-saving as UTF-8 silences it.
    note = f"not UTF-8: decoded as {encoding} (detected)"
    log.warning("%s: %s", name, note)
    # charset_normalizer may judge a large file by samples: a byte the charset lacks elsewhere
    # is replaced rather than failing the whole file.
    return Decoded(data.decode(encoding, errors="replace"), encoding, note)


def _score(match: CharsetMatch) -> float:
    # charset_normalizer ranks by mess alone, so on mostly-ASCII text a code page in which the
    # few letters fit no language (cp866 for two curly quotes) beats the one that reads as one.
    return match.coherence - match.chaos


def _preferred_charset(matches: list[CharsetMatch], best: CharsetMatch) -> str:
    tied = [match for match in matches if abs(_score(match) - _score(best)) < TIE_TOLERANCE]
    for charset in PREFERRED_CHARSETS:
        if any(charset in match.could_be_from_charset for match in tied):
            return charset
    return best.encoding


def _check_text(text: str) -> None:
    if not normalise(text).strip():  # a BOM alone, or BOMs and white space
        raise ReadError("the file holds only white space", kind="empty")
    if _too_many_controls(text):
        raise ReadError("the file is binary (too many control characters), not text", kind="binary")


def _too_many_controls(text: str) -> bool:
    return len(CONTROL_CHARS.findall(text)) > MAX_CONTROL_SHARE * len(text)
