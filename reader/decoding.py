"""Read transcript files as text whatever encoding they were saved in."""

from __future__ import annotations

import codecs
from pathlib import Path

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes) -> str:
    """Decode by BOM, then strict UTF-8, then Windows-1252; newlines become ``\\n``.

    UTF-32 BOMs are checked before UTF-16 because the UTF-32-LE BOM starts with UTF-16-LE's.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def read_text(path: Path) -> str:
    return decode_bytes(path.read_bytes())
