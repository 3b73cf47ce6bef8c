"""Read transcript files as text whatever encoding they were saved in, and refuse binary junk.

Order: byte-order mark, then strict UTF-8, then UTF-16 without a BOM, then
charset-normalizer's guess; then newlines are normalised, stray BOMs removed and mojibake
(UTF-8 read as Windows-1252 or MacRoman, e.g. ``â€™``) repaired with ftfy, keeping curly
quotes as they are.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Typical marks of UTF-8 decoded with a single-byte code page: "â€™", "Ã©", "‚Äô", "√©".
_MOJIBAKE = re.compile(r"[âÃÂ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ©®]|‚Ä[ôúùì]|√[©®†]")
# More than this share of control characters means binary data, not text.
_MAX_CONTROL_RATIO = 0.01


def _undeclared_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a BOM shows as a NUL in every other byte of ASCII text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.6 and even_nuls < 0.1:
        encoding = "utf-16-le"
    elif even_nuls > 0.6 and odd_nuls < 0.1:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        text = _undeclared_utf16(data)
        if text is not None:
            return text
        raise DecodeError("binary data, not a text transcript")
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DecodeError("not text in any encoding we recognise")
    return str(best)


def decode_bytes(data: bytes) -> str:
    """Decode a transcript file's bytes to clean text with ``\\n`` newlines.

    Raises ``DecodeError`` for binary data, so callers can name the file and the problem.
    """
    text = _decode(data)
    if text and len(_CONTROL.findall(text)) > max(1, len(text) * _MAX_CONTROL_RATIO):
        raise DecodeError("binary data, not a text transcript")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _CONTROL.sub("", text)
    if _MOJIBAKE.search(text):
        import ftfy  # only here: it takes longer to import (60 ms) than most files to read

        text = ftfy.fix_encoding(text)
    return text
