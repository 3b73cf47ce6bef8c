"""The command line as scripts and users call it: real processes, real exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reader
from reader.cli import main

BIN = Path(sys.executable).parent


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_version_from_module_and_console_script() -> None:
    module = run("--version")
    script = subprocess.run(
        [str(BIN / "episode-reader"), "--version"], capture_output=True, text=True, check=False
    )
    assert module.returncode == script.returncode == 0
    assert module.stdout.strip() == script.stdout.strip() == f"episode-reader {reader.__version__}"


def test_help_lists_commands_and_options() -> None:
    result = run("--help")
    assert result.returncode == 0
    out = result.stdout
    assert "commands:" in out
    assert "paths" in out
    assert "show" in out
    for option in ("--library DIR", "--data-dir DIR", "--version", "EPISODE_READER_DATA_DIR"):
        assert option in out
    assert "bundled sample library" in out


@pytest.mark.parametrize(
    ("make_target", "problem"),
    [
        (lambda tmp: tmp / "does-not-exist", "no such folder"),
        (lambda tmp: _file(tmp / "episode.txt"), "not a folder"),
    ],
    ids=["missing", "a-file"],
)
def test_bad_library_is_one_clear_line_and_exit_2(tmp_path: Path, make_target, problem) -> None:
    target = make_target(tmp_path)
    result = run("--library", str(target))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [f"episode-reader: cannot open library {target}: {problem}"]
    assert result.stdout == ""


def _file(path: Path) -> Path:
    path.write_text("not a folder", encoding="utf-8")
    return path


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any folder")
def test_unreadable_library_exit_2(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = run("--library", str(locked))
    finally:
        locked.chmod(0o755)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"episode-reader: cannot open library {locked}: "
        "permission denied: the folder cannot be read"
    )


def test_unreadable_library_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Same check without relying on file permissions (CI runs as root)."""
    locked = tmp_path / "locked"
    locked.mkdir()

    def deny(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("reader.library.folder.os.scandir", deny)
    assert main(["--library", str(locked)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"episode-reader: cannot open library {locked}: "
        "permission denied: the folder cannot be read\n"
    )


def test_paths_follow_data_dir_option(tmp_path: Path) -> None:
    result = run("--data-dir", str(tmp_path / "portable"), "paths", "--json")
    assert result.returncode == 0
    paths = json.loads(result.stdout)
    root = tmp_path / "portable"
    assert paths == {
        "data": str(root / "data"),
        "cache": str(root / "cache"),
        "config": str(root / "config"),
        "override": str(root),
    }


def test_data_dir_option_after_the_command_and_over_the_environment(tmp_path: Path) -> None:
    env = {**os.environ, "EPISODE_READER_DATA_DIR": str(tmp_path / "from-env")}
    from_env = json.loads(run("paths", "--json", env=env).stdout)
    assert from_env["data"] == str(tmp_path / "from-env" / "data")
    explicit = json.loads(
        run("paths", "--json", "--data-dir", str(tmp_path / "flag"), env=env).stdout
    )
    assert explicit["cache"] == str(tmp_path / "flag" / "cache")


def test_without_override_paths_are_per_user(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "EPISODE_READER_DATA_DIR"}
    paths = json.loads(run("paths", "--json", env=env).stdout)
    home = Path(os.environ["HOME"])  # conftest points HOME and XDG_* into tmp
    assert paths["override"] is None
    assert Path(paths["data"]).is_relative_to(home)
    assert paths["data"] != paths["cache"] != paths["config"]
    assert all(Path(p).name == "episode-reader" for p in (paths["data"], paths["config"]))


def test_paths_prints_readable_lines(tmp_path: Path) -> None:
    result = run("--data-dir", str(tmp_path / "d"), "paths")
    assert result.returncode == 0
    assert f"notes and highlights: {tmp_path / 'd' / 'data'}" in result.stdout
    assert f"settings:             {tmp_path / 'd' / 'config'}" in result.stdout


def test_unusable_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    blocker = _file(tmp_path / "blocker")
    result = run("--data-dir", str(blocker / "sub"), "--library", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith(f"episode-reader: cannot use data folder {blocker / 'sub'}")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_command_exits_2() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr


@pytest.mark.slow
def test_no_command_opens_window_on_bundled_library_with_data_dir(
    tmp_path: Path, sample_library: Path
) -> None:
    """The real command, no arguments: the window opens on the samples; settings land in DIR."""
    data = tmp_path / "portable"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [str(BIN / "episode-reader"), "--data-dir", str(data)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    state = data / "config" / "state.json"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            if state.exists() and "last_library" in state.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        assert proc.poll() is None, proc.communicate()
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    assert json.loads(state.read_text(encoding="utf-8")) == {
        "last_library": str(sample_library.resolve())
    }
    for sub in ("data", "cache"):
        assert (data / sub).is_dir()


SHOW_SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\nMaya Okafor: Welcome to The Delegation Desk.\n\n"
    "2\n00:00:03,500 --> 00:00:06,000\nToday, calendars.\n\n"
    "3\n00:00:06,500 --> 00:00:09,000\nRenée Laurent: Thanks for having me.\n"
)


def test_show_json_prints_exactly_one_object_of_the_documented_shape(tmp_path: Path) -> None:
    path = tmp_path / "ep15-the-calendar-audit.srt"
    path.write_text(SHOW_SRT, encoding="utf-8")
    result = run("show", str(path), "--json")
    assert result.returncode == 0, result.stderr
    episode = json.loads(result.stdout)  # fails if anything else is printed
    assert list(episode) == [
        "title", "number", "show", "format", "speakers", "description", "topics", "quotes",
        "sections", "warnings", "audio",
        "library",  # added key (issue 17): the library's names, null for a file of none
    ]  # fmt: skip
    assert episode["library"] is None
    assert episode["title"] == "The Calendar Audit"
    assert episode["number"] == 15
    assert episode["show"] == "The Delegation Desk"
    assert episode["format"] == "srt"
    assert episode["speakers"] == ["Maya Okafor", "Renée Laurent"]
    assert episode["sections"] == [
        {
            "heading": None,
            "segments": [
                {
                    "speaker": "Maya Okafor",
                    "start": 1.0,
                    "end": 6.0,
                    "text": "Welcome to The Delegation Desk. Today, calendars.",
                    # Added key (issue 11): where each merged cue starts in "text", and when.
                    "times": [[0, 1.0], [32, 3.5]],
                },
                {
                    "speaker": "Renée Laurent",
                    "start": 6.5,
                    "end": 9.0,
                    "text": "Thanks for having me.",
                },
            ],
        }
    ]
    assert episode["quotes"] == []
    assert episode["warnings"] == []
    assert episode["audio"] is None  # no recording beside it
    first, second = episode["sections"][0]["segments"]
    assert list(first) == ["speaker", "start", "end", "text", "times"]  # existing keys first
    assert list(second) == ["speaker", "start", "end", "text"]  # one cue: no "times"
    assert first["text"][32:].startswith("Today")


def test_show_prints_a_readable_episode(tmp_path: Path) -> None:
    path = tmp_path / "ep15-the-calendar-audit.srt"
    path.write_text(SHOW_SRT, encoding="utf-8")
    result = run("show", str(path))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "The Calendar Audit"
    assert lines[1] == "Episode 15 · The Delegation Desk · srt (ep15-the-calendar-audit.srt)"
    assert "[0:06] Renée Laurent: Thanks for having me." in lines


def test_show_names_the_audio_beside_the_transcript(tmp_path: Path) -> None:
    """``"audio"``: the recording's path relative to the transcript's folder, or null when
    there is none to play (the text form says when the one its metadata names is missing)."""
    (tmp_path / "talks").mkdir()
    path = tmp_path / "talks" / "ep15.en.srt"
    path.write_text(SHOW_SRT, encoding="utf-8")
    (tmp_path / "talks" / "ep15.m4a").write_bytes(b"\0" * 32)
    result = run("show", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["audio"] == "ep15.m4a"
    assert "Audio: ep15.m4a" in run("show", str(path)).stdout.splitlines()

    named = tmp_path / "talks" / "named.md"
    named.write_text("---\naudio: rec/take-2.mp3\n---\n\n**Ana:** Hello.\n", encoding="utf-8")
    assert json.loads(run("show", str(named), "--json").stdout)["audio"] is None
    text = run("show", str(named)).stdout.splitlines()
    assert "Audio: rec/take-2.mp3 (named, but not there)" in text


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("junk.srt", bytes(range(256)) * 4, "binary data, not a text transcript"),
        ("empty.vtt", b"", "empty file"),
        ("slides.pdf", b"Quarterly numbers, nothing spoken.", "unsupported format"),
    ],
)
def test_show_on_a_bad_file_is_one_line_and_exit_1(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run("show", str(path), "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"episode-reader: {path}: ")
    assert problem in line


def test_show_on_a_missing_file_is_exit_1(tmp_path: Path) -> None:
    result = run("show", str(tmp_path / "nope.srt"))
    assert result.returncode == 1
    missing = tmp_path / "nope.srt"
    assert result.stderr == (
        f"episode-reader: {missing}: cannot read the file: No such file or directory\n"
    )


# -- export-notes ---------------------------------------------------------------------------

EXPORT_FIXTURES = Path(__file__).parents[1] / "fixtures" / "export"


def _library_with_notes(tmp_path: Path, search_library: Path) -> Path:
    """A data folder holding the export fixture's notes for ``search_library``."""
    from reader.notes import NotesStore
    from reader.paths import AppPaths

    data_dir = tmp_path / "d"
    store = NotesStore(AppPaths.resolve(data_dir).data, search_library)
    shutil.copytree(EXPORT_FIXTURES / "notes", store.folder)
    return data_dir


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.md")}


def test_export_notes_writes_one_file_per_episode(tmp_path: Path, search_library: Path) -> None:
    data_dir = _library_with_notes(tmp_path, search_library)
    out = tmp_path / "exported"
    result = run(
        "--data-dir", str(data_dir), "export-notes", str(out), "--library", str(search_library)
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        str(out / "show-a" / "1 - Leaders Who Delegate.md"),
        str(out / "show-b" / "6 - Calendars.md"),
        str(out / "show-b" / "7 - Hiring.md"),
        str(out / "show-c" / "Saying No Kindly.md"),
        f"Exported notes of 4 episodes (1 no longer in the library) to {out}",
    ]
    assert _tree(out) == _tree(EXPORT_FIXTURES / "expected")


def test_export_notes_combined_uses_the_last_library_by_default(
    tmp_path: Path, search_library: Path
) -> None:
    from reader.paths import AppPaths
    from reader.state import remember_library

    data_dir = _library_with_notes(tmp_path, search_library)
    remember_library(AppPaths.resolve(data_dir).ensure(), search_library)
    out = tmp_path / "exported"
    result = run("export-notes", str(out), "--combined", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        str(out / "notes.md"),
        f"Exported notes of 4 episodes (1 no longer in the library) to {out / 'notes.md'}",
    ]
    assert _tree(out) == _tree(EXPORT_FIXTURES / "expected-combined")


def test_export_notes_with_no_notes_says_so_and_writes_nothing(
    tmp_path: Path, search_library: Path
) -> None:
    out = tmp_path / "exported"
    result = run(
        "--data-dir",
        str(tmp_path / "d"),
        "export-notes",
        str(out),
        "--library",
        str(search_library),
    )
    assert result.returncode == 0
    assert result.stdout == f"No notes or highlights to export for {search_library}\n"
    assert not out.exists()


def test_export_notes_of_a_missing_library_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    result = run("export-notes", str(tmp_path / "out"), "--library", str(missing))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"episode-reader: cannot read library {missing}: no such folder\n"


def test_export_notes_to_an_unwritable_place_exits_1(tmp_path: Path, search_library: Path) -> None:
    data_dir = _library_with_notes(tmp_path, search_library)
    blocker = _file(tmp_path / "blocker")
    result = run(
        "--data-dir",
        str(data_dir),
        "export-notes",
        str(blocker / "out"),
        "--library",
        str(search_library),
    )
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"episode-reader: cannot write {blocker / 'out'}: ")
    assert "Traceback" not in result.stderr


def test_output_closed_early_ends_the_command_quietly(tmp_path: Path) -> None:
    """``episode-reader search feedback | head -1``: no traceback when ``head`` stops reading
    (hundreds of results are far more than a pipe holds, so the command is still writing)."""
    library = tmp_path / "lib"
    library.mkdir()
    for n in range(300):
        turns = " ".join(f"Feedback point {k} of episode {n}, said plainly." for k in range(40))
        (library / f"ep{n:03}.md").write_text(f"# Episode {n}\n\n**Ann Lee:** {turns}\n")
    env = {**os.environ, "EPISODE_READER_DATA_DIR": str(tmp_path / "d")}
    command = [sys.executable, "-m", "reader", "search", "feedback", "--limit", "300",
               "--library", str(library)]  # fmt: skip
    indexed = subprocess.run(command, env=env, capture_output=True, timeout=300)
    assert indexed.returncode == 0
    assert len(indexed.stdout) > 3 * 64 * 1024  # a pipe holds 64 KiB
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as p:
        assert p.stdout is not None
        assert p.stderr is not None
        first = p.stdout.readline()
        p.stdout.close()  # as head does after its line
        errors = p.stderr.read().decode()
        status = p.wait(timeout=120)
    assert b"300 episodes match" in first
    assert errors == ""
    assert status == 141
