"""Part-of-speech tags for the opening of an article, inside the one pipeline run.

Keyphrases are read from the headline, standfirst and the first paragraphs (news puts its key
facts there), and they need parts of speech to be noun phrases. Tagging the whole text would
cost more than the entity recogniser itself, so this component runs the model's tagger on the
first `max_tokens` tokens (up to a sentence end) and writes the tags into the Doc.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

TAGGER_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler")
TAGGED_TOKENS = 250
"""Tokens at the start of each text that get part-of-speech tags (the keyphrase window)."""
TAGGED = "lead_tagger.tokens"
"""Key in Doc.user_data: how many tokens at the start of the Doc carry tags."""


def tagged_tokens(doc: Doc) -> int:
    """How many tokens at the start of the Doc the component tagged."""
    return doc.user_data.get(TAGGED, 0)


class LeadTagger:
    """Tags the first tokens of each Doc with the model's own tagger."""

    def __init__(self, model: str, max_tokens: int):
        self.max_tokens = max_tokens
        self.tagger = spacy.load(model, exclude=["parser", "ner", "senter", "lemmatizer"])
        assert tuple(self.tagger.pipe_names) == TAGGER_COMPONENTS, self.tagger.pipe_names

    def _window(self, doc: Doc) -> int:
        """Tokens to tag: max_tokens, carried on to the end of the sentence."""
        end = min(len(doc), self.max_tokens)
        while end < len(doc) and not doc[end].is_sent_start:
            end += 1
        return end

    def _copy_tags(self, doc: Doc, tagged: Doc) -> Doc:
        for token, source in zip(doc, tagged):
            token.tag_ = source.tag_
            token.pos_ = source.pos_
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
