"""Safe, stable slugs for ids, file names and URLs."""

from __future__ import annotations

from slugify import slugify as _slugify


def slugify(text: str, max_length: int = 60) -> str:
    """Lower-case ASCII slug of any text; never empty, never a path."""
    slug = _slugify(text, max_length=max_length, word_boundary=True, lowercase=True)
    return slug or "untitled"


def unique(slug: str, taken: set[str]) -> str:
    """Return slug, or slug-2, slug-3... so that it is not in taken; record it."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate
