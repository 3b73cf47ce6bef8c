"""The topic dossier: every moment a query matched, with its speaker, time and highlights."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.notes import NotesStore
from reader.notes.model import Highlight
from reader.research import briefing, episodes
from reader.research.dossier import NO_SPEAKER, build_dossier
from reader.research.episodes import EpisodeShapes
from reader.search.index import LibraryIndex


def test_each_moment_is_its_sentence_with_speaker_time_and_the_match_marked(research_index):
    dossier = build_dossier(research_index, "silence")
    assert dossier.total == 3
    (group,) = dossier.groups
    assert (group.path, group.title) == ("show-a/ep01-silence.vtt", "Silence")
    said = [(m.speaker, m.start, m.text) for m in group.moments]
    assert said == [
        ("Maya Okafor", 5.0, "Welcome back to the show. Today we talk about silence in coaching."),
        (
            "Tom Becker",
            70.0,
            "I learned to wait. The silence is where the thinking happens, and I keep quiet.",
        ),
        ("Maya Okafor", 150.0, "So silence is a tool. Most managers rush to fill it with advice."),
    ]
    for moment in group.moments:
        assert [moment.text[a:b] for a, b in moment.matches] == ["silence"]


def test_a_short_sentence_takes_the_next_one_but_never_another_speakers(research_index):
    dossier = build_dossier(research_index, "wait")
    (moment,) = dossier.groups[0].moments
    # "I learned to wait." alone is short: the next sentence of the same turn comes along.
    assert (
        moment.text
        == "I learned to wait. The silence is where the thinking happens, and I keep quiet."
    )
    assert "Welcome" not in moment.text
    assert "tool" not in moment.text


def test_grouped_by_speaker_most_moments_first_and_unattributed_last(research_index):
    dossier = build_dossier(research_index, "silence OR delegation OR budgets", by="speaker")
    titles = [(g.title, len(g.moments)) for g in dossier.groups]
    assert titles[0] == ("Maya Okafor", 2)
    assert titles[-1] == (NO_SPEAKER, 1)
    assert {t for t, _ in titles} == {
        "Maya Okafor",
        "Tom Becker",
        "Grace Obi",
        "Ben Hollis",
        NO_SPEAKER,
    }
    assert all(g.path == "" for g in dossier.groups)
    narrator = dossier.groups[-1].moments[0]
    assert (narrator.path, narrator.speaker, narrator.start) == (
        "show-b/ep02-handing-over.md",
        None,
        None,
    )


def test_the_users_highlights_and_their_notes_stand_inline(research_index, notes: NotesStore):
    shapes = EpisodeShapes(research_index)
    path = "show-a/ep01-silence.vtt"
    text = research_index.text_of(path)
    episode = shapes.episode(path, {"title": "Silence"}, text)
    start = text.index("where the thinking")
    note = notes.load(episode)
    note.highlights.append(
        Highlight.create(
            text, start, start + len("where the thinking happens"), tag="use in workshop"
        )
    )
    notes.save(note)

    dossier = build_dossier(research_index, "silence", notes)
    tom = dossier.groups[0].moments[1]
    assert [tom.text[a:b] for a, b in tom.highlights] == ["where the thinking happens"]
    assert tom.notes == ["use in workshop"]
    assert all(not m.highlights for m in dossier.groups[0].moments if m is not tom)
    md = briefing.markdown(dossier)
    assert "==where the thinking happens==" in md
    assert "Note: use in workshop" in md


def test_no_file_is_imported_when_the_index_has_the_layouts(research_index, monkeypatch):
    def no_import(*_args, **_kwargs):
        raise AssertionError("the dossier imported a transcript")

    monkeypatch.setattr(episodes, "import_file", no_import)
    dossier = build_dossier(research_index, "silence OR delegation")
    assert {m.speaker for g in dossier.groups for m in g.moments} == {
        "Maya Okafor",
        "Tom Becker",
        "Grace Obi",
        "Ben Hollis",
    }


def test_an_index_without_layouts_imports_once_and_caches(research_index: LibraryIndex):
    shutil.rmtree(research_index.folder / "layouts")  # an index made before layouts existed
    first = build_dossier(research_index, "silence")
    assert [m.speaker for m in first.groups[0].moments] == [
        "Maya Okafor",
        "Tom Becker",
        "Maya Okafor",
    ]
    assert list((research_index.folder / "layouts").iterdir())


def test_a_file_changed_since_indexing_gives_no_speakers_rather_than_wrong_ones(
    research_index: LibraryIndex, research_library: Path
):
    shutil.rmtree(research_index.folder / "layouts")
    vtt = research_library / "show-a" / "ep01-silence.vtt"
    vtt.write_text(
        vtt.read_text(encoding="utf-8").replace(
            "Welcome back to the show.", "Hello, and welcome back to our show."
        ),
        encoding="utf-8",
    )
    dossier = build_dossier(research_index, "silence")  # the index still has the old text
    assert [m.speaker for m in dossier.groups[0].moments] == [None, None, None]
    assert dossier.groups[0].moments[1].text.startswith("I learned to wait.")


def test_nothing_matched_is_an_empty_dossier(research_index):
    dossier = build_dossier(research_index, "zeppelin")
    assert (dossier.total, dossier.groups) == (0, [])
    assert "No moment in the library matches." in briefing.markdown(dossier)


def test_an_unknown_grouping_is_refused(research_index):
    with pytest.raises(ValueError, match="unknown grouping"):
        build_dossier(research_index, "silence", by="show")


def test_briefing_attributes_every_moment_with_the_quote_template_and_escapes(research_index):
    dossier = build_dossier(research_index, "delegate")
    plain = briefing.plain_text(dossier, "{speaker} ({timestamp}): {quote}")
    assert (
        "Ben Hollis: And when it fails? People say ‘don’t delegate what you can’t undo.’" in plain
    )
    html = briefing.html(dossier)
    assert "<strong>delegate</strong>" in html
    assert "&lt;" not in html  # nothing to escape here; see the markup test
    assert "<footer>— Ben Hollis, Show B, Episode 2: Handing Over</footer>" in html


def test_markup_in_a_transcript_stays_text_in_every_flavour(research_library, tmp_path):
    (research_library / "show-b" / "ep09-markup.txt").write_text(
        "Episode 9: Markup\n\nSome <b>bold</b> claim about *delegation* and [a link](x).\n",
        encoding="utf-8",
    )
    from reader.library.sync import sync_library

    ix = LibraryIndex(research_library, tmp_path / "cache2")
    sync_library(ix)
    try:
        dossier = build_dossier(ix, "claim")
    finally:
        ix.close()
    html = briefing.html(dossier)
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>" not in html
    md = briefing.markdown(dossier)
    assert "\\*delegation\\*" in md
    assert "\\[a link\\](x)" in md
