"""Inline Markdown reduced to its text: the words a reader sees, on one line.

Emphasis, links (their text), images (their alt text), code spans and footnote references are
reduced to their text; HTML tags are dropped, never rendered. ``\\[00:04:01\\]`` time stamps
(escaped or not, with or without a fraction) are removed from running text: a stamp that opens
a turn or a paragraph has already been read as its start time. Other bracketed notes such as
``\\[laughs\\]`` are kept as ``[laughs]``: readers of transcripts expect to see them.
"""

from __future__ import annotations

import html
import re

from reader.importers.shared.text import join_lines

#: A time stamp as Markdown transcripts write it: "00:04:01", "4:01", "00:04:01.06".
STAMP = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# "\[00:04:01\]", "[00:04:01.06]", and the link form "[00:04:01](#t=241)".
_ANY_STAMP = re.compile(rf"[ \t]*\\?\[({STAMP})\\?\](?:\([^()\s]*\))?")

# Possessive run and lookarounds: a long run of unmatched backticks must not backtrack.
_CODE_SPAN = re.compile(r"(?<!`)(`++)([^`]+)\1(?!`)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE_HOLDER = re.compile(r"\ue000(\d+)\ue001")
# A link target: no spaces (one level of parentheses allowed), then an optional "title".
_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
_IMAGE = re.compile(rf"!\[([^\[\]]*)\]{_TARGET}")
_LINK = re.compile(rf"\[([^\[\]]*)\]{_TARGET}")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]+\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_RAW_HTML_OPEN = re.compile(r"<!--|<(script|style)\b[^>]*>", re.I)
_EMPHASIS = (
    ("**", re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*")),
    ("__", re.compile(r"(?<!\w)__(?=\S)([^_]+?)(?<=\S)__(?!\w)")),
    ("*", re.compile(r"\*(?=\S)([^*]+?)(?<=\S)\*")),
    ("_", re.compile(r"(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)")),
    ("~~", re.compile(r"~~(?=\S)([^~]+?)(?<=\S)~~")),
)
# Escaped punctuation is held as a private-use character while the markup is rewritten.
_UNESCAPE = {0xE100 + code: code for code in range(0x21, 0x7F)}
#: The private-use characters ``inline_text`` holds code spans and escapes in: a file's own are
#: removed before it is read, so they cannot be taken for held text.
PRIVATE_USE = re.compile(r"[\ue000-\ue1ff]")


def inline_text(raw: str) -> str:
    """Markdown inline text -> plain text: the words a reader sees, on one line.

    Each rewrite runs only when its marker character is present: most transcript paragraphs
    hold no markup at all, and 30,000 words must import in well under 100 ms.
    """
    text = raw
    codes: list[str] = []
    if "[" in text:
        text = _ANY_STAMP.sub("", text)
    if "`" in text:

        def hold_code(match: re.Match[str]) -> str:
            codes.append(match.group(2).strip())
            return f"\ue000{len(codes) - 1}\ue001"

        text = _CODE_SPAN.sub(hold_code, text)
    escaped = "\\" in text
    if escaped:
        text = _ESCAPE.sub(lambda m: chr(0xE100 + ord(m.group(1))), text)
    if "[" in text:
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
        text = _FOOTNOTE_REF.sub("", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _BREAK_TAG.sub(" ", text)
        text = _TAG.sub("", text)
    if "*" in text or "_" in text or "~" in text:
        for _ in range(2):
            for marker, pattern in _EMPHASIS:
                if marker in text:
                    text = pattern.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    if codes:
        text = _CODE_HOLDER.sub(lambda m: codes[int(m.group(1))], text)
    if escaped:
        text = text.translate(_UNESCAPE)
    return join_lines(text)


def drop_raw_html(text: str) -> str:
    """Remove HTML comments and script/style elements; an unclosed one is left as it is.

    Done with ``str.find`` rather than a lazy ``.*?`` regex, which would rescan the rest of
    the file for every unclosed ``<!--``.
    """
    lower = text.lower()
    out: list[str] = []
    pos = 0
    for match in _RAW_HTML_OPEN.finditer(text):
        if match.start() < pos:
            continue
        close = "-->" if match.group(1) is None else f"</{match.group(1).lower()}"
        end = lower.find(close, match.end())
        if end < 0:
            break  # nothing of this kind is closed further on either
        end = text.find(">", end) + 1 if close.startswith("</") else end + len(close)
        if end <= 0:
            break
        out.append(text[pos : match.start()])
        pos = end
    out.append(text[pos:])
    return "".join(out)
