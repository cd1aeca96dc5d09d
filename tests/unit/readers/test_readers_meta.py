"""Shared helpers: iso_date, clean_text, meta_from_fields, html_to_text, tidy_plain_text."""

from __future__ import annotations

import datetime
import time

import pytest

from generator.model import InputMeta
from generator.readers.markup import html_to_text, tidy_plain_text
from generator.readers.meta import clean_text, iso_date, meta_from_fields


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),
        ("2024-03-05T10:00:00Z", "2024-03-05"),
        ("2024-03-05 10:00", "2024-03-05"),
        ("Tue, 05 Mar 2024 23:30:00 -0500", "2024-03-05"),
        ("05 Mar 2024 10:00:00 GMT", "2024-03-05"),
        ("2024/03/05", "2024-03-05"),
        ("05.03.2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("  2024-03-05  ", "2024-03-05"),
        (datetime.date(2024, 3, 5), "2024-03-05"),
        (datetime.datetime(2024, 3, 5, 23, 59), "2024-03-05"),
        (time.strptime("2024-03-05", "%Y-%m-%d"), "2024-03-05"),
        (datetime.date(987, 6, 5), "0987-06-05"),
    ],
)
def test_iso_date_reads_common_forms(value, expected):
    assert iso_date(value) == expected


@pytest.mark.parametrize("value", [None, "", "   ", "soon", "2024-02-30", "32.01.2024", 20240305, ["2024-03-05"]])
def test_iso_date_refuses_everything_else(value):
    assert iso_date(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Budget \n passed\t ", "Budget passed"),
        ("", None),
        ("   ", None),
        (None, None),
        (True, None),
        (2024, "2024"),
        (["Jane Doe", " John  Roe ", 7, ["nested"]], "Jane Doe, John Roe"),
        ({"a": "b"}, None),
    ],
)
def test_clean_text(value, expected):
    assert clean_text(value) == expected


def test_meta_from_fields_ignores_other_keys():
    fields = {"title": "T", "date": "2024-03-05", "outlet": "O", "url": "U", "author": "A", "extra": "x"}
    assert meta_from_fields(fields, "f") == InputMeta(title="T", date="2024-03-05", outlet="O", url="U", author="A")


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("Loose text<br>after a break", "Loose text\n\nafter a break"),
        ("<div><h2>Head</h2>Body <i>text</i> here</div>", "Head\n\nBody text here"),
        ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
        ("<table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table>", "x y\n\nz"),
        ("<p>Keep</p><script>var x = 1;</script><style>p{}</style><noscript>n</noscript><p>this</p>", "Keep\n\nthis"),
        ("<p>Fish &amp; chips &mdash; &#8222;gut&#8220;</p>", "Fish & chips — „gut“"),
        ("<p>a<!-- hidden --> b</p>", "a b"),
        ('<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>Grüße</p></body></html>', "Grüße"),
        ("plain a < b", "plain a < b"),
        ("", ""),
        ("<!-- only a comment -->", ""),
    ],
)
def test_html_to_text(fragment, expected):
    assert html_to_text(fragment) == expected


def test_tidy_plain_text():
    assert tidy_plain_text("  one\n  line \n\n\n two  \r\n \r\nthree") == "one line\n\ntwo\n\nthree"
