"""Part-of-speech tags for the opening of an article, inside the one pipeline run.

Keyphrases are read from the headline, standfirst and the first paragraphs (news puts its key
facts there), and they need parts of speech to be noun phrases. Tagging the whole text would
cost more than the entity recogniser itself, so this component runs the model's tagger on the
first `max_tokens` tokens (up to a sentence end) and writes the tags into the Doc.

The model's attribute ruler turns fine tags into coarse parts of speech by running a Matcher
over every token, which costs more than the tagger's network. `CoarseTags` gives the same
parts of speech from the same rules as a table lookup.
"""

# No `from __future__ import annotations` here: spaCy validates the factory signature below at
# runtime, and the confection release that spaCy pins cannot resolve annotations given as strings.
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

TAGGER_COMPONENTS = ("tok2vec", "tagger")
RULER = "attribute_ruler"
TAGGED_TOKENS = 250
"""Tokens at the start of each text that get part-of-speech tags (the keyphrase window)."""
TAGGED = "lead_tagger.tokens"
"""Key in Doc.user_data: how many tokens at the start of the Doc carry tags."""


def tagged_tokens(doc: Doc) -> int:
    """How many tokens at the start of the Doc the component tagged."""
    return doc.user_data.get(TAGGED, 0)


class UnsupportedRule(ValueError):
    """An attribute rule that sets POS from something other than a token's tag, form or spacing."""


@dataclass(frozen=True)
class _Rule:
    tags: frozenset[str] | None
    lowers: frozenset[str] | None
    is_space: bool | None
    pos: str

    def matches(self, tag: str, lower: str, is_space: bool) -> bool:
        return (
            (self.tags is None or tag in self.tags)
            and (self.lowers is None or lower in self.lowers)
            and (self.is_space is None or is_space == self.is_space)
        )


def _values(value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset([value])
    if isinstance(value, dict) and set(value) == {"IN"}:
        return frozenset(value["IN"])
    raise UnsupportedRule(f"unsupported value {value!r}")


class CoarseTags:
    """The coarse part of speech an attribute ruler's patterns give a token, looked up.

    Later patterns take precedence, as in the ruler. Patterns that test a dependency label are
    left out: without the parser a token has none, so they never match. Any other pattern shape
    raises UnsupportedRule, and the caller keeps the ruler.
    """

    def __init__(self, patterns: Sequence[dict]):
        self.rules: list[_Rule] = []
        for pattern in patterns:
            if "POS" not in pattern["attrs"] or any("DEP" in token for tokens in pattern["patterns"] for token in tokens):
                continue
            if len(pattern["patterns"]) != 1 or len(pattern["patterns"][0]) != 1:
                raise UnsupportedRule(f"a pattern of several tokens sets POS: {pattern['patterns']}")
            (token,) = pattern["patterns"][0]
            if not set(token) <= {"TAG", "LOWER", "IS_SPACE"}:
                raise UnsupportedRule(f"a pattern tests {sorted(token)}")
            self.rules.append(_Rule(
                _values(token["TAG"]) if "TAG" in token else None,
                _values(token["LOWER"]) if "LOWER" in token else None,
                bool(token["IS_SPACE"]) if "IS_SPACE" in token else None,
                pattern["attrs"]["POS"],
            ))
        self.pos = lru_cache(maxsize=200_000)(self._pos)

    def _pos(self, tag: str, lower: str, is_space: bool) -> str | None:
        """The POS of the last rule that matches, or None."""
        return next((rule.pos for rule in reversed(self.rules) if rule.matches(tag, lower, is_space)), None)


class LeadTagger:
    """Tags the first tokens of each Doc with the model's own tagger."""

    def __init__(self, model: str, max_tokens: int):
        self.max_tokens = max_tokens
        self.tagger = spacy.load(model, exclude=["parser", "ner", "senter", "lemmatizer"])
        self.coarse: CoarseTags | None
        try:
            self.coarse = CoarseTags(self.tagger.get_pipe(RULER).patterns)
        except UnsupportedRule:
            self.coarse = None  # the model's own ruler gives the coarse tags
        else:
            self.tagger.remove_pipe(RULER)
        assert tuple(self.tagger.pipe_names) == TAGGER_COMPONENTS + ((RULER,) if self.coarse is None else ()), self.tagger.pipe_names

    def _window(self, doc: Doc) -> int:
        """Tokens to tag: max_tokens, carried on to the end of the sentence."""
        end = min(len(doc), self.max_tokens)
        while end < len(doc) and not doc[end].is_sent_start:
            end += 1
        return end

    def _copy_tags(self, doc: Doc, tagged: Doc) -> Doc:
        for token, source in zip(doc, tagged):
            tag = token.tag_ = source.tag_
            pos = source.pos_ if self.coarse is None else self.coarse.pos(tag, source.lower_, source.is_space)
            if pos:
                token.pos_ = pos
        doc.user_data[TAGGED] = len(tagged)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        return self._copy_tags(doc, self.tagger(doc[: self._window(doc)].as_doc()))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._tag(batch)
                batch = []
        yield from self._tag(batch)

    def _tag(self, batch: list[Doc]) -> Iterator[Doc]:
        windows = [doc[: self._window(doc)].as_doc() for doc in batch]
        for doc, tagged in zip(batch, self.tagger.pipe(windows)):
            yield self._copy_tags(doc, tagged)


@Language.factory("lead_tagger", default_config={"max_tokens": TAGGED_TOKENS})
def make_lead_tagger(nlp: Language, name: str, model: str, max_tokens: int) -> LeadTagger:
    """The component: tags the first max_tokens tokens of every Doc."""
    return LeadTagger(model, max_tokens)
