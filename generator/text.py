"""Plain-text helpers shared by the stages: folding, content words, calendar dates,
word frequencies, page-furniture lines and ALL-CAPS headings.

Pure Python and model-free, so that they run before any parse (segmenting) and
across articles (clustering, summaries) at the same cost.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from unidecode import unidecode
from wordfreq import zipf_frequency

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# Any word, with a possessive or contraction kept on it.
_TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?", re.UNICODE)


@lru_cache(maxsize=None)
def data_words(name: str) -> frozenset[str]:
    """Lower-case entries of generator/data/text_<name>.txt, comments skipped."""
    text = resources.files("generator").joinpath("data", f"text_{name}.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset((ENGLISH_STOP_WORDS - data_words("content_words")) | data_words("stopwords"))


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


def fold_case(text: str) -> str:
    """Unicode-normalised lower case with a straight apostrophe (accents kept)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return text.lower()


@lru_cache(maxsize=50_000)
def zipf(word: str) -> float:
    """How common a word is in general English (wordfreq Zipf scale, 0 = unknown, 7 = "the")."""
    return zipf_frequency(word, "en")


# A paragraph or sentence that is page furniture rather than story text.
_FURNITURE_RE = re.compile(
    r"""^\s*(?:
        (?i:updated|published|posted|last\ updated)\b.{0,40}$
      | \(?\s*(?i:photo|photos|picture|image|video|file\ photo|source|credit)s?\s*[:/].{0,80}$
      | \((?:[A-Z][\w.&'-]*\s?){1,4}\)\s*$
      | (?:[Bb]y\s+)?(?:[A-Z][\w'-]+\s?){1,4}(?:,\s*[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)*)*\s*$
      | .{0,200}\b(?i:contributed\ (?:reporting|to\ this\ report))\b.*$
      | \d+\s*(?i:sec|secs|min|mins|hours?|days?)\s+(?i:ago)\s*$
      | (?:[Bb]y\s+)?(?:[^\W\d_][\w'-]*\s?){1,4}\s*[|\u2022\u00b7].{0,80}$
    )""",
    re.VERBOSE,
)
# A photo caption that ends in its credit ("... in Dublin. REUTERS/Jane Doe/File Photo",
# "... in Ljubljana. Photo: STA / Jane Doe").
_CAPTION_RE = re.compile(
    r"(?:\b(?:[Pp]hoto|[Pp]hotograph|[Pp]icture|[Ii]mage)s?\s*:\s*[^.:]{1,80}"
    r"|(?:^|[.!?]\s+)[A-Z]{2,}(?:\s*/\s*[A-Z\u00c0-\u00de][\w'.-]*(?:\s[A-Z\u00c0-\u00de][\w'.-]*){0,3}){1,3})\s*$"
)


@lru_cache(maxsize=1)
def _credit_line_re() -> re.Pattern[str]:
    """A caption or credit line: ends in "(Reuters)" or "AFP / Getty Images"."""
    names = "|".join(sorted((re.escape(c) for c in data_words("credits")), key=len, reverse=True))
    return re.compile(rf"(?:\((?:{names})(?:/[^)]*)?\)|(?:{names})\s*/\s*(?:{names}))\s*$", re.I)


def looks_like_furniture(text: str) -> bool:
    """A paragraph, line or title that is page furniture (caption, credit, byline, stamp), not story text."""
    stripped = text.strip()
    if not stripped:
        return True
    if fold_case(stripped).strip(" .:") in data_words("boilerplate"):
        return True
    # The credit pattern is anchored at the end; searching the tail alone is the same test, faster.
    tail = stripped[-160:]
    if len(stripped) < 400 and (tail.endswith(")") or "/" in tail) and _credit_line_re().search(tail):
        return True
    if len(stripped) < 400 and _CAPTION_RE.search(stripped[-120:]):
        return True
    if len(stripped) > 240:
        return False
    if _FURNITURE_RE.match(stripped):
        # A short line of capitalised words is a byline/credit only when it has
        # no sentence punctuation; a real sentence ends with a full stop.
        return not stripped.endswith((".", "?", "!", "\u201d", '"')) or "contributed" in stripped.lower()
    return False


def is_shouting(words: Sequence[str]) -> bool:
    """An ALL-CAPS heading ("RAIL STRIKE ENTERS DAY TWO")."""
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 2 and all(w.isupper() for w in long_words)


def uncap(text: str, body: str) -> str:
    """Undo an ALL-CAPS heading: each word as the body writes it, else in lower case.

    An acronym the body also writes in capitals ("NATO", "IAEA") stays.
    """
    spelled: dict[str, Counter] = defaultdict(Counter)
    for w in _TOKEN_RE.findall(body):
        spelled[w.lower()][w] += 1

    def repl(m: re.Match[str]) -> str:
        word, tail = m.group(0), ""
        if word[-2:-1] in {"'", "\u2019"} and word[-1:] in {"S", "s"}:
            word, tail = word[:-2], word[-2:].lower()
        forms = spelled.get(word.lower())
        if not forms:
            return word.lower() + tail
        # The body's commonest spelling; a sentence-initial capital loses to lower case.
        return sorted(forms.items(), key=lambda kv: (-kv[1], kv[0] != kv[0].lower(), kv[0]))[0][0] + tail

    return _TOKEN_RE.sub(repl, text)
