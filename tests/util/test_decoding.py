from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.util.decoding import DecodeError, decode_bytes

TEXT = "Renée said: “Delegate the decision — not the task.”\nNext line"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        TEXT.encode("cp1252"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be", "utf32le", "cp1252", "crlf", "cr"],
)
def test_common_encodings_decode_to_the_same_text(data: bytes):
    assert decode_bytes(data) == TEXT


def test_utf16_without_bom_is_recognised():
    assert decode_bytes(TEXT.encode("utf-16-le")) == TEXT


@pytest.mark.parametrize(
    "mojibake",
    [
        TEXT.encode("utf-8").decode("cp1252", errors="ignore"),  # UTF-8 read as Windows-1252
        TEXT.encode("utf-8").decode("mac_roman"),  # UTF-8 read as MacRoman
    ],
    ids=["cp1252", "macroman"],
)
def test_mojibake_is_repaired_keeping_curly_quotes(mojibake: str):
    assert "â€" in mojibake or "‚Ä" in mojibake
    repaired = decode_bytes(mojibake.encode("utf-8"))
    assert "Renée" in repaired
    assert "— not the task." in repaired
    assert "“Delegate" in repaired


@pytest.mark.parametrize(
    "junk",
    [
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(range(40, 140)) * 3,
    ],
    ids=["all-bytes", "png", "zip"],
)
def test_binary_junk_is_refused(junk: bytes):
    with pytest.raises(DecodeError, match=r"binary data|not text"):
        decode_bytes(junk)


@given(st.binary())
def test_any_bytes_give_clean_text_or_a_decode_error(data: bytes):
    try:
        text = decode_bytes(data)
    except DecodeError:
        return
    assert "\r" not in text
    assert "\ufeff" not in text
    assert "\x00" not in text


PRINTABLE = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufeffâÃÂ√‚")
    | st.sampled_from("\n\t")
)


@given(PRINTABLE)
def test_any_utf8_text_decodes_to_itself(text: str):
    assert decode_bytes(text.encode("utf-8")) == text
