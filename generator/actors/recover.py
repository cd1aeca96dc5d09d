"""Names the recogniser found in some articles and missed in others.

A small model recognises a name in one article and misses the same words in the next ('Maria
Okafor made four changes...'). Across the digest, a name of two or more words that the model
recognised somewhere is the same name wherever it is written whole: each article's sentences
are searched for the names of the other articles, and every occurrence not already a mention
becomes one, with the label the model gave the name most often. A name any article cites as a
news source is never recovered as an actor. Each word is looked up in a table of the names
that start with it, so the search is linear in the text.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from generator.model import Analysis, Mention

BARE_WORD = re.compile(r"([^\W_]+(?:(?!['’]s(?![^\W_]|[-'’.][^\W_]))[-'’.][^\W_]+)*)(?:['’]s)?")
"""A word (letters and digits, joined by hyphens, apostrophes or dots) in group 1, without the
possessive ending that closes it ('Okafor's' -> 'Okafor'; 'Okafor's-based' stays whole)."""
MIN_WORDS = 2


def known_names(analyses: Sequence[Analysis]) -> dict[tuple[str, ...], str]:
    """Every name of MIN_WORDS or more words recognised in some article -> its most frequent label."""
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    sources: set[tuple[str, ...]] = set()
    split: dict[str, tuple[str, ...]] = {}
    for analysis in analyses:
        for mention in analysis.mentions:
            words = split.get(mention.name)
            if words is None:
                words = split[mention.name] = tuple(BARE_WORD.findall(mention.name))
            if len(words) < MIN_WORDS:
                continue
            if mention.label == "SOURCE":
                sources.add(words)
            else:
                labels[words][mention.label] += 1
    return {
        words: min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
        for words, counts in labels.items()
        if words not in sources
    }


def _occurrences(
    text: str, words: list[str], names: dict[tuple[str, ...], str], sizes: dict[str, tuple[int, ...]]
) -> list[tuple[str, str]]:
    """(name as written, label) for each known name that stands alone in the text, longest first.

    `words` are the text's words (BARE_WORD.findall); their offsets are found only once a name is.
    """
    spans: list[tuple[int, int]] = []
    found = []
    i = 0
    while i < len(words):
        lengths = sizes.get(words[i])
        size = next((n for n in lengths if i + n <= len(words) and tuple(words[i : i + n]) in names), 0) if lengths else 0
        if not size:
            i += 1
            continue
        if not spans:
            spans = [match.span(1) for match in BARE_WORD.finditer(text)]
        start, end = spans[i][0], spans[i + size - 1][1]
        # not part of a longer capitalised name: 'Ana Lima' in 'Ana Lima Costa'
        joined_before = i > 0 and words[i - 1][:1].isupper() and not text[spans[i - 1][1] : start].strip()
        joined_after = i + size < len(words) and words[i + size][:1].isupper() and not text[end : spans[i + size][0]].strip()
        if not joined_before and not joined_after:
            found.append((text[start:end], names[tuple(words[i : i + size])]))
        i += size
    return found


def recover(analyses: Sequence[Analysis]) -> list[Analysis]:
    """The analyses with the mentions of known names their articles' parses missed."""
    names = known_names(analyses)
    if not names:
        return list(analyses)
    by_first: dict[str, set[int]] = defaultdict(set)
    for words in names:
        by_first[words[0]].add(len(words))
    sizes = {first: tuple(sorted(lengths, reverse=True)) for first, lengths in by_first.items()}
    openings = {words[:MIN_WORDS] for words in names}
    recovered = []
    for analysis in analyses:
        written: dict[int, list[str]] = defaultdict(list)
        for mention in analysis.mentions:
            written[mention.sentence].append(mention.text)
        added = []
        for index, sentence in enumerate(analysis.sentences):
            words = BARE_WORD.findall(sentence.text)
            if openings.isdisjoint(zip(*(words[i:] for i in range(MIN_WORDS)))):
                continue  # no known name opens in this sentence: most sentences, checked cheaply
            for text, label in _occurrences(sentence.text, words, names, sizes):
                # inside a mention of this sentence already ('Maria Okafor' of 'Maria Okafor's side')
                if any(text in other or other in text for other in written[index]):
                    continue
                added.append(Mention(text=text, name=text, label=label, sentence=index, zone=sentence.zone))
        if added:
            mentions = sorted(analysis.mentions + tuple(added), key=lambda m: m.sentence)
            analysis = dataclasses.replace(analysis, mentions=tuple(mentions))
        recovered.append(analysis)
    return recovered
