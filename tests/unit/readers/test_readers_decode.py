"""decode() and normalise(): encodings, binary refusal, text normalisation."""

from __future__ import annotations

import codecs
import logging
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import ReadError
from generator.readers.decode import MAX_INVALID_UTF8_SHARE, decode, normalise

GERMAN = (
    "Berlin – Die Bürgerinnen und Bürger in München ärgerten sich am Montag über die „Preiserhöhung“ "
    "der Stadtwerke. “Das ist völlig überzogen”, sagte Jörg Weiß, Sprecher des Verbraucherverbands. "
    "Der Oberbürgermeister äußerte sich zunächst nicht; die Straßenbahn fährt weiter.\n"
)
RUSSIAN = (
    "Москва. Президент России заявил журналистам, что переговоры продолжатся на следующей неделе. "
    "«Мы готовы к диалогу», — сказал он. Погода в столице была холодной, шёл снег.\n"
)
FRENCH_LATIN1 = (
    "Le président a déclaré à la presse que la réforme serait appliquée dès l'été prochain. "
    "Les ministres étaient présents à la réunion, où l'on a parlé des élèves et des hôpitaux.\n"
)


def refusal(data: bytes) -> ReadError:
    with pytest.raises(ReadError) as caught:
        decode(data, "f.txt")
    return caught.value


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_only_are_refused_as_empty(data):
    assert refusal(data).kind == "empty"


@pytest.mark.parametrize(
    "data", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), codecs.BOM_UTF16_LE * 2]
)
def test_only_a_bom_and_white_space_is_empty(data):
    assert refusal(data).kind == "empty"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00\x01\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04\x14\x00\x00\x00",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        b"plain text\x00with a NUL byte in it",
        "some text \x01\x02\x03\x04\x05\x06 and controls \x07\x08\x0e\x0f\x10\x11".encode(),
    ],
)
def test_binary_data_is_refused(data):
    error = refusal(data)
    assert error.kind == "binary"
    assert "binary" in error.reason


def test_png_magic_with_text_after_it_is_still_binary():
    assert "PNG" in refusal(b"\x89PNG\r\n\x1a\n" + b"looks like text " * 50).reason


def test_strict_utf8_is_read_as_is():
    decoded = decode(GERMAN.encode("utf-8"), "de.txt")
    assert (decoded.text, decoded.encoding, decoded.note) == (GERMAN, "utf-8", None)


def test_utf8_bom_is_recognised():
    decoded = decode(codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"), "ru.txt")
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text == RUSSIAN


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_are_read(codec):
    data = GERMAN.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    decoded = decode(data, "wide.txt")
    assert normalise(decoded.text) == GERMAN
    assert decoded.encoding.startswith("utf-")


def test_utf16_bom_with_odd_length_is_refused():
    assert refusal(codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"\x00\xd8").kind == "encoding"


def test_windows_1252_german_keeps_umlauts_and_curly_quotes():
    decoded = decode(GERMAN.encode("cp1252"), "de.txt")
    assert decoded.text == GERMAN
    assert decoded.encoding == "cp1252"
    assert decoded.note and "cp1252" in decoded.note


def test_latin1_french_keeps_accents():
    # Windows-1250 decodes these bytes just as plausibly (à as ŕ, è as č); the tie goes to 1252.
    assert decode(FRENCH_LATIN1.encode("latin-1"), "fr.txt").text == FRENCH_LATIN1


def test_windows_1250_czech_is_not_forced_into_1252():
    czech = "Příliš žluťoučký kůň úpěl ďábelské ódy. Česká republika má nové ministry, kteří se sešli v Praze.\n"
    assert decode(czech.encode("cp1250"), "cz.txt").text == czech


def test_koi8_r_russian_keeps_cyrillic():
    text = RUSSIAN.replace("«", '"').replace("»", '"').replace("—", "-")
    assert decode(text.encode("koi8_r"), "ru.txt").text == text


def test_cp1251_russian_keeps_cyrillic():
    decoded = decode(RUSSIAN.encode("cp1251"), "ru.txt")
    assert decoded.text == RUSSIAN
    assert decoded.encoding == "cp1251"


def test_declared_charset_wins_over_detection():
    data = "Grüße aus Köln".encode("cp1252")
    decoded = decode(data, "page.html", declared="windows-1252")
    assert decoded.text == "Grüße aus Köln"
    assert "declares" in decoded.note


@pytest.mark.parametrize("declared", ["iso-8859-1", "latin1", "us-ascii"])
def test_latin1_and_ascii_labels_mean_windows_1252(declared):
    assert decode("“Zitat” – Straße".encode("cp1252"), "p.html", declared=declared).text == "“Zitat” – Straße"


@pytest.mark.parametrize("declared", ["utf-16", "unicode_escape", "base64", "no-such-charset"])
def test_unusable_declarations_are_ignored(declared):
    decoded = decode(GERMAN.encode("cp1252"), "p.html", declared=declared)
    assert decoded.text == GERMAN
    assert "detected" in decoded.note


def test_valid_utf8_beats_a_wrong_declaration():
    assert decode(GERMAN.encode("utf-8"), "p.html", declared="iso-8859-1").text == GERMAN


def test_mostly_utf8_gets_replacement_characters_and_a_note(caplog):
    data = GERMAN.encode("utf-8") * 3
    damaged = data[:40] + b"\xff" + data[40:200] + b"\xfe\xfd" + data[200:]
    with caplog.at_level(logging.WARNING):
        decoded = decode(damaged, "damaged.txt")
    assert decoded.note == "3 invalid UTF-8 bytes replaced"
    assert decoded.text.count("\ufffd") == 3
    assert "München" in decoded.text and "Jörg Weiß" in decoded.text
    assert "damaged.txt" in caplog.text and "3 invalid UTF-8 bytes replaced" in caplog.text


def test_too_many_invalid_bytes_is_not_mostly_utf8():
    # Half UTF-8, half Windows-1252: far more bad bytes than the share allowed for damage.
    data = GERMAN.encode("utf-8") + GERMAN.encode("cp1252")
    assert data.count(b"\xfc") > MAX_INVALID_UTF8_SHARE * len(data)
    with pytest.raises(ReadError) as caught:
        decode(data, "mixed.txt")
    assert caught.value.kind == "encoding"
    assert "UTF-8" in caught.value.reason


def test_random_bytes_without_nul_are_binary():
    noise = bytes((index * 7919 + 13) % 255 + 1 for index in range(4000))  # no NUL, many controls
    assert refusal(noise).kind == "binary"


@pytest.mark.parametrize("repeat", [1, 40])
def test_ascii_with_a_few_high_bytes_is_windows_1252_not_damaged_utf8(repeat):
    # No valid multi-byte sequence: the curly quotes are cp1252, not broken UTF-8 (with repeat=40
    # the two bad bytes are under the damage share, so only the multi-byte evidence decides).
    text = "The minister said the plan was ready and would be announced next week. " * repeat
    decoded = decode((text + "He called it \x93historic\x94.").encode("latin-1"), "q.txt")
    assert decoded.text.endswith("He called it “historic”.")
    assert decoded.encoding == "cp1252"


def test_crlf_is_kept_by_decode_and_removed_by_normalise():
    decoded = decode(b"line one\r\nline two\rline three\n", "crlf.txt")
    assert normalise(decoded.text) == "line one\nline two\nline three\n"


def test_long_single_line_is_decoded():
    line = ("word " * 40_000).encode()  # 200 KB on one line
    assert len(decode(line, "long.txt").text) == len(line)


def test_normalise_composes_and_cleans():
    assert normalise("\ufeffCafe\u0301\r\nA\x00B\rC") == "Café\nAB\nC"


def test_normalise_replaces_lone_surrogates():
    assert normalise("a\ud800b\udfffc") == "a\ufffdb\ufffdc"


@given(st.text(alphabet=st.characters(blacklist_categories=())))  # surrogates included
def test_normalise_is_idempotent_and_clean(text):
    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once and "\x00" not in once and "\ufeff" not in once
    assert unicodedata.is_normalized("NFC", once)
    once.encode("utf-8")  # writable: no lone surrogate


@given(st.text(alphabet=st.sampled_from("ab\u0301\u0308\x00\r\n\ufeff"), max_size=30))
def test_normalise_is_idempotent_around_removed_characters(text):
    # A NUL or BOM between a letter and a combining mark must not leave work for a second pass.
    assert normalise(normalise(text)) == normalise(text)
