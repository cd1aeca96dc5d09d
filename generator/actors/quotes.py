"""Direct quotes and who said them, read from the sentences of one article."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.model import Mention, Quote, Sentence

OPEN = "[\"“]"
CLOSE = "[\"”]"
SPEECH = r"(?:said|says|told|added|stated|wrote|posted|noted|insisted|warned|declared|tweeted)"
SPEAKER = r"(?P<{group}>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,3}}|[Hh]e|[Ss]he|[Tt]hey)"
PATTERNS = (
    # “...,” Jane Doe said / “...,” said Jane Doe / “...,” he said
    re.compile(
        rf"{OPEN}(?P<quote>[^\"“”]{{15,}}?)[,.!?]?{CLOSE},?\s+"
        rf"(?:{SPEAKER.format(group='who')}\s+{SPEECH}|{SPEECH}\s+{SPEAKER.format(group='after')})\b"
    ),
    # Jane Doe said: “...” / Jane Doe said, “...”
    re.compile(rf"{SPEAKER.format(group='who')}\s+{SPEECH}(?:\s+\w+){{0,4}}[,:]\s+{OPEN}(?P<quote>[^\"“”]{{15,}}?)[,.!?]?{CLOSE}"),
)
PRONOUNS = frozenset({"he", "she", "they"})
MIN_QUOTE_WORDS = 4


def _speaker(who: str, sentence: int, mentions: Sequence[Mention]) -> str | None:
    """The name behind the speaker words: a mention it matches, or for a pronoun the last person named."""
    if who.lower() in PRONOUNS:
        # the last person named before this sentence (one named later in it is not 'he')
        earlier = [m for m in mentions if m.label == "PERSON" and m.sentence < sentence]
        return earlier[-1].name if earlier else None
    for mention in mentions:
        if mention.sentence == sentence and (who in mention.text or mention.name in who):
            return mention.name
    return None


def extract(sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> tuple[Quote, ...]:
    """Every direct quote with a speaker the text names, in order."""
    quotes = []
    for index, sentence in enumerate(sentences):
        for pattern in PATTERNS:
            match = pattern.search(sentence.text)
            if not match:
                continue
            speaker = _speaker(match.group("who") or match.groupdict().get("after") or "", index, mentions)
            text = match.group("quote").strip()
            if speaker and len(text.split()) >= MIN_QUOTE_WORDS:
                quotes.append(Quote(speaker=speaker, text=text, sentence=index))
                break
    return tuple(quotes)
