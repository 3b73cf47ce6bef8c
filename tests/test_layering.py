"""The architecture, checked: which parts of ``reader`` may import what.

Walks every module's imports with ``ast`` (module level and inside functions alike), so a rule
breaks the build the moment someone imports across a line, not when a user hits the cost.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reader"

#: Modules that may import the search engine and numpy (the engine's home).
ENGINE_HOMES = ("reader.index", "reader.search")
#: The one way the core reaches the window: the CLI opening it, inside a function.
LAZY_WINDOW = {("reader.cli", "reader.ui.app")}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. "reader.importers.formats.srt"
    target: str  # what it imports, e.g. "reader.importers.shared.text"
    top_level: bool
    line: int

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.target}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> list[Import]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        top = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: resolve against this package
                    base = module.split(".")[: -node.level or None]
                    if path.name == "__init__.py":
                        base = module.split(".")[: len(module.split(".")) - node.level + 1]
                    prefix = ".".join(base)
                    targets = [f"{prefix}.{node.module}" if node.module else prefix]
                else:
                    targets = [node.module or ""]
                    targets += [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            found += [Import(module, t, id(node) in top, node.lineno) for t in targets]
    return found


IMPORTS = _imports()


def _within(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _broken(rule) -> list[str]:
    return [str(imp) for imp in IMPORTS if rule(imp)]


def test_the_walk_sees_the_package():
    modules = {imp.module for imp in IMPORTS}
    assert {"reader.cli", "reader.importers", "reader.ui.main_window"} <= modules


def test_nothing_in_the_core_imports_qt_or_the_window():
    def rule(imp: Import) -> bool:
        if _within(imp.module, "reader.ui"):
            return False
        lazy = any(imp.module == m and _within(imp.target, t) for m, t in LAZY_WINDOW)
        if lazy and not imp.top_level:
            return False
        return _within(imp.target, "PySide6", "shiboken6", "reader.ui")

    assert _broken(rule) == []


def test_only_the_search_engine_imports_whoosh_and_numpy():
    def rule(imp: Import) -> bool:
        return _within(imp.target, "whoosh", "numpy") and not _within(imp.module, *ENGINE_HOMES)

    assert _broken(rule) == []


def test_format_modules_never_import_each_other():
    formats = "reader.importers.formats"

    def rule(imp: Import) -> bool:
        return (
            _within(imp.module, formats)
            and _within(imp.target, formats)
            and not imp.target.startswith(imp.module)
            and imp.target != formats
        )

    assert _broken(rule) == []


def test_util_imports_nothing_of_reader():
    def rule(imp: Import) -> bool:
        return _within(imp.module, "reader.util") and _within(imp.target, "reader")

    assert _broken(rule) == []


#: What the notes and quotes packages may use of ``reader``: the model, leaf helpers and their
#: own modules; the notes' Markdown export also imports transcripts.
#: The last names of each entry are modules on their way into ``reader.util`` and
#: ``reader.library.folder``; drop them once they have moved.
FEATURE_IMPORTS = {
    "reader.quotes": ("reader.model", "reader.util", "reader.quotes", "reader.episode_text"),
    "reader.notes.export": (
        "reader.model", "reader.util", "reader.notes", "reader.importers", "reader.library",
        "reader.atomic", "reader.pathnames", "reader.episode_text",
    ),
    "reader.notes": (
        "reader.model", "reader.util", "reader.notes", "reader.library", "reader.atomic",
        "reader.decoding", "reader.pathnames",
    ),
}  # fmt: skip


def test_notes_and_quotes_import_only_the_model_and_helpers():
    def rule(imp: Import) -> bool:
        for package, allowed in FEATURE_IMPORTS.items():  # the most specific entry first
            if _within(imp.module, package):
                return _within(imp.target, "reader") and not _within(imp.target, *allowed)
        return False

    assert _broken(rule) == []


@pytest.mark.parametrize(
    ("module", "target", "top_level"),
    [
        ("reader.model", "PySide6.QtCore", True),
        ("reader.cli", "reader.ui.main_window", True),
        ("reader.importers.formats.webvtt", "reader.importers.formats.srt", True),
        ("reader.library", "whoosh.fields", False),
        ("reader.util.qt_libraries", "reader.paths", True),
        ("reader.notes.store", "reader.search.index", False),
        ("reader.quotes.render", "reader.notes", True),
    ],
)
def test_each_rule_catches_a_breach(module: str, target: str, top_level: bool):
    """The rules are not vacuous: a planted import of each forbidden kind is reported."""
    planted = Import(module, target, top_level, 1)
    IMPORTS.append(planted)
    try:
        failures = 0
        for check in (
            test_nothing_in_the_core_imports_qt_or_the_window,
            test_only_the_search_engine_imports_whoosh_and_numpy,
            test_format_modules_never_import_each_other,
            test_util_imports_nothing_of_reader,
            test_notes_and_quotes_import_only_the_model_and_helpers,
        ):
            try:
                check()
            except AssertionError:
                failures += 1
        assert failures == 1
    finally:
        IMPORTS.remove(planted)
