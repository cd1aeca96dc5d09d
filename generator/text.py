"""Plain-text helpers shared by the stages: folding, content words, calendar dates.

Pure Python and model-free, so that they run before any parse (segmenting) and
across articles (clustering, summaries) at the same cost.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from unidecode import unidecode

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


def _word_list(name: str) -> set[str]:
    text = resources.files("generator").joinpath("data", name).read_text(encoding="utf-8")
    return {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset((ENGLISH_STOP_WORDS - _word_list("text_content_words.txt")) | _word_list("text_stopwords.txt"))


MONTHS = {  # month name or abbreviation -> number
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
# Regex alternation of every month name, longest first.
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_DMY_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_PATTERN})\.?,?\s+(\d{{4}})\b", re.I)
_DATE_MDY_RE = re.compile(rf"\b({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DATE_ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
# 19/11/2026 or 11/19/2026: read only when the order is unambiguous (one number above 12).
_DATE_NUMERIC_RE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")


def find_date(text: str) -> str | None:
    """The first full calendar date written in text, as YYYY-MM-DD."""
    found: list[tuple[int, str]] = []
    for m in _DATE_DMY_RE.finditer(text):
        found.append((m.start(), _iso(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))))
    for m in _DATE_MDY_RE.finditer(text):
        found.append((m.start(), _iso(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))))
    for m in _DATE_ISO_RE.finditer(text):
        found.append((m.start(), _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    for m in _DATE_NUMERIC_RE.finditer(text):
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if (first > 12) != (second > 12):
            day, month = (first, second) if first > 12 else (second, first)
            found.append((m.start(), _iso(year, month, day)))
    valid = sorted((pos, iso) for pos, iso in found if iso)
    return valid[0][1] if valid else None


def _iso(year: int, month: int, day: int) -> str:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


_QUOTES = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"))


def ascii_fold(text: str) -> str:
    """Fast accent and quote folding (unidecode only for the rare non-Latin text)."""
    if text.isascii():
        return text
    for a, b in _QUOTES:
        text = text.replace(a, b)
    folded = unicodedata.normalize("NFKD", text)
    out = folded.encode("ascii", "ignore").decode("ascii")
    # Non-Latin scripts vanish under NFKD; transliterate those.
    return out if len(out) * 2 >= len(text) else unidecode(text)


_TERM_CACHE: dict[str, str] = {}
_TERM_CACHE_MAX = 500_000


def _term(raw: str) -> str:
    """Stem of one lower-cased word, or "" for a stop word (memoised: news reuses words)."""
    found = _TERM_CACHE.get(raw)
    if found is None:
        w = raw.replace("'", "")
        if w.endswith("s") and len(w) > 4 and not w.endswith("ss"):
            w = w[:-1]
        found = "" if len(w) < 3 or w in _stopwords() else stem(w)
        if len(_TERM_CACHE) >= _TERM_CACHE_MAX:
            _TERM_CACHE.clear()
        _TERM_CACHE[raw] = found
    return found


def content_words(text: str) -> list[str]:
    """Content-word stems of text for similarity tests (stop words dropped)."""
    terms = map(_term, _WORD_RE.findall(ascii_fold(text).lower()))
    return [t for t in terms if t]


_TRANSLIT_END_RE = re.compile(r"(?:iy|yy|yi|ii)$")


def stem(word: str) -> str:
    """A crude, fast stem: folds transliteration endings and common suffixes."""
    w = _TRANSLIT_END_RE.sub("y", word)
    for suffix in ("ations", "ation", "ings", "ing", "ers", "ed", "er", "es", "s", "ians", "ian", "ans", "an", "ia"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w
