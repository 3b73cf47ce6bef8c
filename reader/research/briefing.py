"""A dossier written out: Markdown (``episode-reader dossier``, Export…), and the plain
text, Markdown and HTML of "Copy as briefing".

Every moment is attributed with the Copy Quote template (``quotes.template``), so a
briefing credits its passages as a copied quote does. Words the query matched are bold and
the user's highlights marked (``==…==`` in Markdown, ``<mark>`` in HTML); the text of a
file never becomes markup: Markdown escapes it, HTML escapes every piece.
"""

from __future__ import annotations

import html as html_lib
import itertools
from collections.abc import Callable
from dataclasses import replace

from reader.quotes.render import ATTRIBUTION_DASH, escape_markdown
from reader.quotes.template import DEFAULT_TEMPLATE, attribution, quote_marks, render_template
from reader.research.dossier import BY_EPISODE, Dossier, DossierGroup, Moment
from reader.util.pathnames import for_display
from reader.util.plural import counted

Span = tuple[int, int]


def summary(dossier: Dossier) -> str:
    """``41 moments in 5 episodes.`` (``…, the 5 best of 12 matching.`` when cut short)."""
    if not dossier.total:
        return "No moment in the library matches."
    listed = dossier.episodes()
    text = f"{counted(dossier.total, 'moment')} in {counted(listed, 'episode')}"
    if not dossier.complete:
        text += f", the {listed} best of {dossier.matched_episodes} matching"
    return text + "."


def group_heading(group: DossierGroup, by: str) -> str:
    """An episode group's ``Episode 12: Title``, a speaker group's name."""
    if by != BY_EPISODE or not group.moments:
        return group.title
    info = group.moments[0].info
    number = f"Episode {info.number}: " if info.number is not None else ""
    return f"{number}{group.title}"


def group_detail(group: DossierGroup, by: str) -> str:
    """What stands under a group's heading: an episode's show and path."""
    if by != BY_EPISODE or not group.moments:
        return ""
    show = group.moments[0].info.show
    return " · ".join(part for part in (show, for_display(group.path)) if part)


def _pieces(moment: Moment) -> list[tuple[str, bool, bool]]:
    """The moment's text cut where a match or highlight starts or ends: (text, matched,
    highlighted); line breaks become spaces (same length, so the spans still fit)."""
    text = moment.text.replace("\n", " ")
    cuts = {0, len(text)}
    for start, end in [*moment.matches, *moment.highlights]:
        cuts |= {max(0, min(start, len(text))), max(0, min(end, len(text)))}
    points = sorted(cuts)

    def inside(spans: list[Span], at: int) -> bool:
        return any(start <= at < end for start, end in spans)

    return [
        (text[a:b], inside(moment.matches, a), inside(moment.highlights, a))
        for a, b in itertools.pairwise(points)
        if b > a
    ]


def marked(moment: Moment, escape: Callable[[str], str], bold: str, mark: str) -> str:
    """The moment's text, each piece escaped, matches wrapped in ``bold`` and highlights in
    ``mark`` (format strings with one ``{}``)."""
    out = []
    for piece, matched, highlighted in _pieces(moment):
        piece = escape(piece)
        if matched:
            piece = bold.format(piece)
        if highlighted:
            piece = mark.format(piece)
        out.append(piece)
    return "".join(out).strip()


def _credit(moment: Moment, template: str) -> str:
    return attribution(replace(moment.info, quote=" ".join(moment.text.split())), template)


def markdown(dossier: Dossier, template: str = DEFAULT_TEMPLATE) -> str:
    """The dossier as a Markdown document: a section per group, a block quote per moment."""
    opening, closing = quote_marks(template)
    lines = [f"# Dossier: {escape_markdown(dossier.query)}", "", summary(dossier)]
    for group in dossier.groups:
        lines += ["", f"## {escape_markdown(group_heading(group, dossier.by))}"]
        if detail := group_detail(group, dossier.by):
            lines += ["", f"*{escape_markdown(detail)}*"]
        for moment in group.moments:
            text = marked(
                moment, lambda s: escape_markdown(s, line_start=False), "**{}**", "=={}=="
            )
            lines += ["", f"> {opening}{text}{closing}"]
            if by := _credit(moment, template):
                lines += [">", f"> {ATTRIBUTION_DASH} {escape_markdown(by, line_start=False)}"]
            for note in moment.notes:
                lines += ["", f"Note: {escape_markdown(' '.join(note.split()), False)}"]
    return "\n".join(lines) + "\n"


def plain_text(dossier: Dossier, template: str = DEFAULT_TEMPLATE) -> str:
    """The dossier as plain text: each moment the whole Copy Quote template."""
    lines = [f"Dossier: {dossier.query}", summary(dossier)]
    for group in dossier.groups:
        heading = group_heading(group, dossier.by)
        lines += ["", heading, "=" * min(len(heading), 72)]
        for moment in group.moments:
            quote = replace(moment.info, quote=" ".join(moment.text.split()))
            lines += ["", render_template(template, quote)]
            lines += [f"    Note: {' '.join(note.split())}" for note in moment.notes]
    return "\n".join(lines) + "\n"


def html(dossier: Dossier, template: str = DEFAULT_TEMPLATE) -> str:
    """The dossier as HTML: a heading per group, a block quote per moment, all escaped."""

    def esc(text: str) -> str:
        return html_lib.escape(text, quote=False)

    opening, closing = quote_marks(template)
    parts = [f"<h1>Dossier: {esc(dossier.query)}</h1>", f"<p>{esc(summary(dossier))}</p>"]
    for group in dossier.groups:
        parts.append(f"<h2>{esc(group_heading(group, dossier.by))}</h2>")
        if detail := group_detail(group, dossier.by):
            parts.append(f"<p><em>{esc(detail)}</em></p>")
        for moment in group.moments:
            text = marked(moment, esc, "<strong>{}</strong>", "<mark>{}</mark>")
            by = _credit(moment, template)
            footer = f"<footer>{ATTRIBUTION_DASH} {esc(by)}</footer>" if by else ""
            parts.append(f"<blockquote><p>{esc(opening)}{text}{esc(closing)}</p>{footer}")
            parts += [f"<p>Note: {esc(' '.join(note.split()))}</p>" for note in moment.notes]
            parts.append("</blockquote>")
    return "\n".join(parts) + "\n"
