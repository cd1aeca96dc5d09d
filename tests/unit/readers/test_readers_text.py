"""The .txt / .md reader and its YAML front matter."""

from __future__ import annotations

import codecs
import logging

import pytest

from generator.errors import ReadError
from generator.model import InputMeta
from generator.readers.text import read_text

BODY = "SOFIA, March 5 (Reuters) - The government resigned on Tuesday.\n\nParliament meets next week.\n"


def source_of(text: str | bytes, name: str = "story.txt"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    output = read_text(data, name)
    assert len(output.sources) == 1 and output.problems == ()
    return output.sources[0]


def test_plain_text_is_kept_whole_with_no_meta():
    source = source_of("Skip to main content\n" + BODY)
    assert source.text == "Skip to main content\n" + BODY  # page furniture is for a later stage
    assert source.meta == InputMeta()
    assert (source.path, source.item, source.encoding) == ("story.txt", 0, "utf-8")


def test_good_front_matter_becomes_meta_and_is_cut_from_the_text():
    text = (
        "---\n"
        "title: 'Government resigns'\n"
        "date: 2024-03-05\n"
        "outlet: Reuters\n"
        "url: https://example.com/story\n"
        "author: Jane Doe\n"
        "tags: [politics]\n"
        "---\n"
        "\n" + BODY
    )
    source = source_of(text, "story.md")
    assert source.meta == InputMeta(
        title="Government resigns",
        date="2024-03-05",
        outlet="Reuters",
        url="https://example.com/story",
        author="Jane Doe",
    )
    assert source.text == BODY


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),
        ("'Tue, 05 Mar 2024 09:00:00 +0100'", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("05.03.2024", "2024-03-05"),
    ],
)
def test_front_matter_dates_are_normalised(written, expected):
    assert source_of(f"---\ntitle: T\ndate: {written}\n---\n{BODY}").meta.date == expected


def test_bad_date_is_ignored_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING):
        source = source_of(f"---\ntitle: Budget\ndate: next Tuesday\n---\n{BODY}", "bad-date.txt")
    assert source.meta == InputMeta(title="Budget")
    assert source.text == BODY
    assert "bad-date.txt" in caplog.text and "next Tuesday" in caplog.text


def test_front_matter_authors_list_is_joined():
    assert source_of(f"---\nauthor: [Jane Doe, John Roe]\n---\n{BODY}").meta.author == "Jane Doe, John Roe"


@pytest.mark.parametrize(
    "text",
    [
        f"---\ntitle: [unclosed\ndate: 2024-03-05\n---\n{BODY}",  # invalid YAML
        f"---\ntitle: No closing fence\n{BODY}",  # never closed
        "---\nBreaking: the minister resigned\n---\n" + BODY,  # a rule line, not front matter
        f"---\n- a list\n- not a mapping\n---\n{BODY}",
    ],
)
def test_malformed_front_matter_leaves_the_whole_file_as_text(text, caplog):
    with caplog.at_level(logging.WARNING):
        source = source_of(text, "odd.md")
    assert source.text == text
    assert source.meta == InputMeta()
    assert "odd.md" in caplog.text


def test_front_matter_with_crlf_and_bom():
    data = codecs.BOM_UTF8 + f"---\r\ntitle: Windows file\r\n---\r\n{BODY}".replace("\n", "\r\n").encode()
    source = source_of(data)
    assert source.meta.title == "Windows file"
    assert source.text == BODY
    assert "\r" not in source.text


def test_only_front_matter_is_empty():
    with pytest.raises(ReadError) as caught:
        read_text(b"---\ntitle: Nothing else\n---\n\n  \n", "hollow.md")
    assert caught.value.kind == "empty"


def test_text_is_normalised():
    # UTF-16 may carry a stray U+0000 that survives decoding; normalise drops it.
    text = "Cafe\u0301 \x00ouvert\r\nJa\rNein\n" + BODY * 3
    source = source_of(text.encode("utf-16"))
    assert source.text == "Café ouvert\nJa\nNein\n" + BODY * 3


def test_latin1_file_with_front_matter():
    text = f"---\ntitle: Grüße aus München\n---\nDie Bürger ärgerten sich über die Straßenbahn. {BODY}"
    source = source_of(text.encode("cp1252"))
    assert source.meta.title == "Grüße aus München"
    assert source.text.startswith("Die Bürger ärgerten sich über die Straßenbahn.")
    assert source.encoding == "cp1252" and source.decode_note
