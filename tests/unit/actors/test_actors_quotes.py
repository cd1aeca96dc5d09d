"""quotes: direct quotes and the name of their speaker."""

from __future__ import annotations

import pytest

from generator.actors import quotes
from generator.model import Mention, Quote, Sentence


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(text, "body", i) for i, text in enumerate(texts)]


def person(name: str, sentence: int, text: str | None = None) -> Mention:
    return Mention(text=text or name, name=name, label="PERSON", sentence=sentence, zone="body")


def test_quote_then_speaker_said():
    found = quotes.extract(
        sentences("Foreign Minister Wang Yi arrived in Hanoi on Monday.",
                  "“We are ready to deepen cooperation with our neighbours,” Wang said."),
        [person("Wang Yi", 0, "Foreign Minister Wang Yi"), person("Wang", 1)],
    )
    assert found == (Quote("Wang", "We are ready to deepen cooperation with our neighbours", 1),)


def test_quote_then_said_speaker():
    found = quotes.extract(
        sentences('"The sea must remain open to every fishing boat," said Pham Minh Chinh.'),
        [person("Pham Minh Chinh", 0)],
    )
    assert found == (Quote("Pham Minh Chinh", "The sea must remain open to every fishing boat", 0),)


def test_speaker_said_colon_quote():
    found = quotes.extract(
        sentences('Olena Kovalenko told reporters: "The shelling did not stop for a single night."'),
        [person("Olena Kovalenko", 0)],
    )
    assert found == (Quote("Olena Kovalenko", "The shelling did not stop for a single night", 0),)


def test_a_pronoun_takes_the_last_person_named_before():
    found = quotes.extract(
        sentences("Amina Mohammed spoke in Abuja on Friday.", 'She added: "No child should walk ten kilometres to school."'),
        [person("Amina Mohammed", 0)],
    )
    assert found == (Quote("Amina Mohammed", "No child should walk ten kilometres to school", 1),)


def test_a_speaker_the_text_does_not_name_gives_no_quote():
    found = quotes.extract(sentences('"The talks went on late into the night," a diplomat said.'), [])
    assert found == ()


def test_a_pronoun_with_no_person_before_gives_no_quote():
    found = quotes.extract(sentences('"Prices will keep rising through the winter," he said.'), [])
    assert found == ()


def test_a_quote_of_fewer_than_four_words_is_not_kept():
    found = quotes.extract(sentences('"Absolutely not, never," Sergei Shoigu said.'), [person("Sergei Shoigu", 0)])
    assert found == ()


def test_one_quote_per_sentence_in_text_order():
    found = quotes.extract(
        sentences('"We will rebuild every school in the province," said Ahmad Shah Karimi.',
                  'Karimi said, "The money from the donors has already arrived in Kabul."'),
        [person("Ahmad Shah Karimi", 0), person("Karimi", 1)],
    )
    assert [q.speaker for q in found] == ["Ahmad Shah Karimi", "Karimi"]
    assert [q.sentence for q in found] == [0, 1]


def test_a_pronoun_is_not_the_person_named_after_the_quote():
    found = quotes.extract(
        sentences("Volodymyr Zelensky flew to Ankara on Tuesday.",
                  '"We will not give up a single metre of our land," he said after a call with Vladimir Putin.'),
        [person("Volodymyr Zelensky", 0), person("Vladimir Putin", 1)],
    )
    assert [q.speaker for q in found] == ["Volodymyr Zelensky"]
