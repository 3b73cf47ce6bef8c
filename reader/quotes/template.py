"""The attribution template language: parse, validate and render, closing the gaps a
missing part leaves.

Attribution templates
---------------------
A template is text with ``{name}`` placeholders (see ``PLACEHOLDERS``) and ``[ ... ]`` optional
groups. The rules, in the words the Preferences help can reuse:

* ``{speaker}`` is replaced by the value; ``{timestamp}`` is written ``12:34`` or ``1:02:03``.
* ``[ ... ]`` is shown only when every placeholder directly inside it has a value; a group that
  only holds other groups is shown when at least one of them is. Groups nest:
  ``[, [Episode {number}: ]{title}]`` drops the number alone, or everything without a title.
* A placeholder outside any group that has no value drops out cleanly: brackets or quote marks
  around it go with it (no ``()``), and of the separators on its two sides (spaces and
  ``, ; : - – — · | /``) one is kept: the first, unless it is only a space and the second is
  more. None is kept at the start or end of the text or next to a bracket:
  ``({speaker}, {show})`` without a speaker gives ``(Show)``. (Groups are the precise tool;
  this keeps templates written without them readable.)
* The quote keeps its line breaks; every other value is put on one line.
* ``\\[``, ``\\]``, ``\\{``, ``\\}`` and ``\\\\`` write a literal ``[``, ``]``, ``{``, ``}`` or
  backslash. Anything else is written as it is: an unknown ``{name}``, a ``[`` that is never
  closed or a lone ``]`` never raise; ``validate_template`` reports them instead.

The attribution (the Markdown and HTML footers, the quote card) is the template rendered with
the quote treated as missing, so the rule above removes it with the quote marks that hug it,
then stripped of the separators left at either end: ``“{quote}” — {speaker}`` gives ``Speaker``
and ``{speaker} on {show}: “{quote}”`` gives ``Speaker on Show``. A group that contains
``{quote}`` disappears from the attribution as a whole.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from reader.quotes.attribution import QuoteInfo

#: Curly quotes and the em dash, as the Markdown and HTML flavours write them (``render``).
DEFAULT_TEMPLATE = (
    "“{quote}”[ — {speaker}][, {show}][, [Episode {number}: ]{title}][ ({timestamp})]"
)
PLACEHOLDERS = ("quote", "speaker", "show", "title", "number", "timestamp", "date")


@dataclass
class _Literal:
    text: str


@dataclass
class _Placeholder:
    name: str


@dataclass
class _Group:
    children: list[_Literal | _Placeholder | _Group]
    position: int = 0  # where its "[" stands, for messages


_ESCAPABLE = "[]{}\\"
_BRACED = re.compile(r"\{([^{}\[\]\\]*)\}")


def _parse(template: str) -> tuple[_Group, list[str]]:
    """The template as a tree of groups, and the problems found (see ``validate_template``)."""
    problems: list[str] = []
    stack = [_Group([])]
    i = 0
    while i < len(template):
        char = template[i]
        here = stack[-1].children
        if char == "\\" and i + 1 < len(template) and template[i + 1] in _ESCAPABLE:
            here.append(_Literal(template[i + 1]))
            i += 2
            continue
        if char == "{":
            match = _BRACED.match(template, i)
            if match is None:
                problems.append(
                    f"“{{” at character {i + 1} has no closing “}}”; write \\{{ for a brace."
                )
                here.append(_Literal(char))
            elif match[1] in PLACEHOLDERS:
                here.append(_Placeholder(match[1]))
                i = match.end()
                continue
            else:
                problems.append(_unknown(match[0]))
                here.append(_Literal(match[0]))
                i = match.end()
                continue
        elif char == "}":
            problems.append(f"“}}” at character {i + 1} closes nothing; write \\}} for a brace.")
            here.append(_Literal(char))
        elif char == "[":
            group = _Group([], position=i)
            here.append(group)
            stack.append(group)
        elif char == "]":
            if len(stack) > 1:
                stack.pop()
            else:
                problems.append(f"“]” at character {i + 1} closes no “[”; write \\] for a bracket.")
                here.append(_Literal(char))
        else:
            here.append(_Literal(char))
        i += 1
    # Groups never closed are plain text: their "[" is written and their content stays.
    while len(stack) > 1:
        group = stack.pop()
        problems.append(
            f"“[” at character {group.position + 1} is never closed; "
            "add a “]” or write \\[ for a bracket."
        )
        parent = stack[-1].children
        at = next(n for n, child in enumerate(parent) if child is group)
        parent[at : at + 1] = [_Literal("["), *group.children]
    root = stack[0]
    if not _mentions(root, "quote"):
        problems.append("There is no {quote} placeholder, so the quote itself would be left out.")
    return root, problems


def _unknown(braced: str) -> str:
    name = braced[1:-1]
    known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
    close = difflib.get_close_matches(name.strip().lower(), PLACEHOLDERS, n=1)
    hint = f" Did you mean {{{close[0]}}}?" if close else ""
    return f"Unknown placeholder {braced}.{hint} Known placeholders: {known}."


def _mentions(group: _Group, name: str) -> bool:
    for child in group.children:
        if isinstance(child, _Placeholder) and child.name == name:
            return True
        if isinstance(child, _Group) and _mentions(child, name):
            return True
    return False


def validate_template(template: str) -> list[str]:
    """Problems a user should fix in ``template``, in words they understand; ``[]`` if fine."""
    return _parse(template)[1]


# Rendered pieces: ("lit", text) from the template, ("val", text) a value, ("gap", "") a
# missing placeholder outside any group, cleaned up afterwards.
_Piece = tuple[str, str]


def _render_group(group: _Group, values: dict[str, str | None], top: bool) -> list[_Piece] | None:
    """The group's pieces, or ``None`` when it drops out (a placeholder in it has no value)."""
    pieces: list[_Piece] = []
    wants_values = False
    for child in group.children:
        if isinstance(child, _Literal):
            pieces.append(("lit", child.text))
        elif isinstance(child, _Placeholder):
            wants_values = True
            value = values.get(child.name)
            if value:
                pieces.append(("val", value))
            elif top:
                pieces.append(("gap", ""))
            else:
                return None
        else:
            wants_values = wants_values or _has_placeholder(child)
            inner = _render_group(child, values, top=False)
            if inner is not None:
                pieces += inner
    if not top and wants_values and not any(kind == "val" for kind, _ in pieces):
        return None
    return pieces


def _has_placeholder(group: _Group) -> bool:
    return any(
        isinstance(c, _Placeholder) or (isinstance(c, _Group) and _has_placeholder(c))
        for c in group.children
    )


_OPEN_CLOSE = {"(": ")", "[": "]", "{": "}", "“": "”", "‘": "’", "«": "»", "»": "«", "„": "“"}
_OPEN_CLOSE |= {'"': '"', "'": "'", "<": ">"}
_OPENER_AT_END = re.compile(r"([(\[{“‘«»„\"'<])\s*$")
_CLOSER_AT_START = re.compile(r"^\s*[,.;:!?…]*\s*([)\]}”’»«“\"'>])")
_SEP = r"\s,;:·•|/\-–—"
_SEP_AT_END = re.compile(f"[{_SEP}]*$")
_SEP_AT_START = re.compile(f"^[{_SEP}]*")
_CONTENT = re.compile(f"[^{_SEP}]")
# Right after an opening or before a closing bracket no separator is needed ("(Show)").
_INSIDE_OPEN = re.compile(r"[(\[{“‘«<]$")
_INSIDE_CLOSE = re.compile(r"[)\]}”’»>]")


def _close_gaps(pieces: list[_Piece]) -> str:
    """Join the pieces, removing each missing part with its brackets and one separator."""
    merged = _merge_literals([[kind, text] for kind, text in pieces])
    while any(kind == "gap" for kind, _ in merged):
        k = next(n for n, (kind, _) in enumerate(merged) if kind == "gap")
        left = merged[k - 1] if k > 0 and merged[k - 1][0] == "lit" else ["lit", ""]
        right = merged[k + 1] if k + 1 < len(merged) and merged[k + 1][0] == "lit" else ["lit", ""]
        while (opener := _OPENER_AT_END.search(left[1])) and (
            closer := _CLOSER_AT_START.match(right[1])
        ):
            if _OPEN_CLOSE[opener[1]] != closer[1]:
                break
            left[1] = left[1][: opener.start()]
            right[1] = right[1][closer.end() :]
        before = any(kind == "val" or _CONTENT.search(t) for kind, t in merged[:k] if t)
        after = any(kind == "val" or _CONTENT.search(t) for kind, t in merged[k + 1 :] if t)
        left_sep = left[1][len(_SEP_AT_END.sub("", left[1])) :]
        right_sep = right[1][: len(right[1]) - len(_SEP_AT_START.sub("", right[1]))]
        keep = ""
        inside = _INSIDE_OPEN.search(left[1][: len(left[1]) - len(left_sep)]) or (
            _INSIDE_CLOSE.match(right[1][len(right_sep) :])
        )
        if before and after and not inside:
            keep = left_sep if left_sep.strip() or not right_sep.strip() else right_sep
            keep = keep or right_sep
        left[1] = left[1][: len(left[1]) - len(left_sep)] + keep
        right[1] = right[1][len(right_sep) :]
        del merged[k]
        merged = _merge_literals(merged)
    return "".join(text for _, text in merged).strip()


def _merge_literals(pieces: list[list[str]]) -> list[list[str]]:
    merged: list[list[str]] = []
    for kind, text in pieces:
        if kind == "lit" and merged and merged[-1][0] == "lit":
            merged[-1][1] += text
        elif kind != "lit" or text:
            merged.append([kind, text])
    return merged


def _render(template: str, values: dict[str, str | None]) -> str:
    root, _ = _parse(template)
    return _close_gaps(_render_group(root, values, top=True) or [])


def render_template(template: str, info: QuoteInfo) -> str:
    """The template filled in from ``info``; see the module doc for the rules."""
    return _render(template, info.values())


_EDGE_SEPARATORS = f"[{_SEP}]+"
_QUOTE_MARKS = re.compile(r"([\"'“‘«»„]?)\{quote\}([\"'”’»«“]?)")


def quote_marks(template: str = DEFAULT_TEMPLATE) -> tuple[str, str]:
    """The marks the template sets around ``{quote}`` (``("“", "”")`` by default, ``("", "")``
    for none), so that the Markdown and HTML flavours quote exactly as the plain text does."""
    match = _QUOTE_MARKS.search(template)
    if match and match[1] and _OPEN_CLOSE.get(match[1]) == match[2]:
        return match[1], match[2]
    return "", ""


def attribution(info: QuoteInfo, template: str = DEFAULT_TEMPLATE) -> str:
    """The template without its quote: who said it and where (see the module doc)."""
    text = _render(template, info.values() | {"quote": None})
    text = re.sub(f"^{_EDGE_SEPARATORS}|{_EDGE_SEPARATORS}$", "", text)
    return " ".join(text.split())
