from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.decoding import decode_bytes

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


@given(st.binary())
def test_any_bytes_decode_without_error_or_stray_newlines(data: bytes):
    text = decode_bytes(data)
    assert "\r" not in text
    assert "\ufeff" not in text
