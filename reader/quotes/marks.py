"""Typographic quote marks inside a quote, the same in every flavour (plain text, Markdown,
HTML, the quote card): the quote itself sits in double curly quotes, so a quote inside it
takes single ones (‘…’), one inside that double again, and apostrophes are ’."""

from __future__ import annotations

import re

_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")
# Years and the like: ’90s, ’em are apostrophes, not opening quotes.
_ELISION = re.compile(r"(?<![\w'’])'(?=\d\ds|em\b|til\b|cause\b)")
_WRAPPED = re.compile(r'^\s*["“„]([^"“”„]*)["”]\s*$', re.DOTALL)
_MARK = re.compile(r"[\"“”„«»'‘’‹›]")
_DOUBLE = set('"“”„«»')
_OPENERS = set("“„«‘‹")
_CLOSERS = set("”»’›")
#: Marks by depth inside the quote: depth 0 is a quote inside the quote.
_LEVELS = (("‘", "’"), ("“", "”"))
_OPEN_BEFORE = "([{—–-/"


def typeset_quote(text: str) -> str:
    """``text`` with its inner quotes curled by depth and its apostrophes typographic (a
    passage already wrapped in double quotes loses them: the outer quotes are added once)."""
    text = _WRAPPED.sub(r"\1", text)
    text = _ELISION.sub("\x00", _APOSTROPHE.sub("\x00", text))
    out: list[str] = []
    stack: list[bool] = []  # each inner quote still open: True for a double mark
    last = 0
    for match in _MARK.finditer(text):
        mark = match[0]
        out.append(text[last : match.start()])
        last = match.end()
        double = mark in _DOUBLE
        before = text[match.start() - 1] if match.start() else " "
        if mark in _OPENERS:
            opening = True
        elif mark in _CLOSERS:
            opening = False
        else:  # a straight mark opens at the start, after a space or a bracket
            opening = before.isspace() or before in _OPEN_BEFORE
            if opening and stack and stack[-1] == double and not text[match.end() :][:1].strip():
                opening = False  # `" ` closes the one open, even after a space
        if opening:
            stack.append(double)
            out.append(_LEVELS[(len(stack) - 1) % 2][0])
        elif stack and (double or not stack[-1]):
            out.append(_LEVELS[(len(stack) - 1) % 2][1])
            stack.pop()
        else:  # a single mark closing nothing is an apostrophe (the managers’ time), and a
            # double one closes an inner quote opened before the passage begins
            out.append(_LEVELS[0][1])
    out.append(text[last:])
    return "".join(out).replace("\x00", "’")
