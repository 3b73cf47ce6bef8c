"""The check `make run` and the app use to name the system packages Qt's window needs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reader import cli
from reader.util import qt_libraries
from reader.util.qt_libraries import missing_packages, package_for


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-episode-test.so.0", "libxcb-episode-test0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libGL.so.1", "libgl1"),
        ("libpulse.so.0", "libpulse0"),
    ],
)
def test_each_missing_library_is_named_by_its_debian_package(soname: str, package: str):
    assert package_for(soname) == package


@pytest.fixture
def library_with_a_missing_dependency(tmp_path: Path) -> Path:
    """A real shared object linked against a library that is then removed, as a desktop
    without that package is. The name is made up so no installed package can provide it."""
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        pytest.skip("needs a C compiler to build a library with a missing dependency")
    stub_dir = tmp_path / "stub"
    stub_dir.mkdir()
    (tmp_path / "stub.c").write_text("int xcb_cursor_context_new(void) { return 0; }\n")
    (tmp_path / "plugin.c").write_text(
        "int xcb_cursor_context_new(void);\nint plugin(void) { return xcb_cursor_context_new(); }\n"
    )
    stub = stub_dir / "libxcb-episode-test.so.0"
    subprocess.run(
        [
            gcc,
            "-shared",
            "-fPIC",
            "-Wl,-soname,libxcb-episode-test.so.0",
            "-o",
            stub,
            tmp_path / "stub.c",
        ],
        check=True,
    )
    plugin = tmp_path / "libqxcb.so"
    subprocess.run(
        [gcc, "-shared", "-fPIC", "-o", plugin, tmp_path / "plugin.c", stub],
        check=True,
    )
    stub.unlink()
    return plugin


def test_a_library_missing_on_this_machine_names_the_package_to_install(
    library_with_a_missing_dependency: Path,
):
    assert missing_packages([library_with_a_missing_dependency]) == ["libxcb-episode-test0"]


def test_nothing_is_reported_when_every_library_is_there(tmp_path: Path):
    if shutil.which("ldd") is None:
        pytest.skip("ldd is how the check reads dependencies")
    assert missing_packages([Path(shutil.which("ldd") or "").resolve()]) == []
    assert missing_packages([Path("/bin/sh").resolve()]) == []


def test_the_app_prints_the_command_instead_of_starting_qt(
    library_with_a_missing_dependency: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    monkeypatch.setattr(qt_libraries, "qt_files", lambda: [library_with_a_missing_dependency])
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    import reader.ui.app

    monkeypatch.setattr(reader.ui.app, "run_app", _no_window)

    status = cli.main([])

    assert status == cli.EXIT_NO_WINDOW
    err = capsys.readouterr().err
    assert "libxcb-episode-test0" in err
    assert "apt-get install -y libxcb-episode-test0" in err


def _no_window(*_args: object, **_kwargs: object) -> int:
    raise AssertionError("the window must not be started when Qt cannot open one")


def test_make_run_also_installs_what_the_audio_player_lacks_but_the_window_never_waits_for_it(
    library_with_a_missing_dependency: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    """QtMultimedia (the `audio` extra) links libpulse: `make run` (``--install``) installs it
    with the window's libraries, while the app's own start-up check leaves it out."""

    def files(names=qt_libraries.QT_FILES):
        return [library_with_a_missing_dependency] if names == qt_libraries.AUDIO_FILES else []

    monkeypatch.setattr(qt_libraries, "qt_files", files)
    which = shutil.which
    monkeypatch.setattr(  # no apt here (ldd is still found)
        qt_libraries.shutil,
        "which",
        lambda name: None if name in {"apt-get", "dpkg"} else which(name),
    )
    assert qt_libraries.main([]) == 0
    assert qt_libraries.missing_packages() == []  # what the window checks before it opens
    assert qt_libraries.main(["--install"]) == 1
    assert "apt-get install -y libxcb-episode-test0" in capsys.readouterr().err
