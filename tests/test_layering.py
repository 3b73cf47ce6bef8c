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
ENGINE_HOMES = ("reader.search",)
#: The only modules that may touch Whoosh's private names (pinned to whoosh-reloaded 2.7.x).
WHOOSH_INTERNALS = "reader.search.whoosh_ext"
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


@dataclass(frozen=True)
class PrivateUse:
    """A private name reached on something other than ``self``/``cls``: ``writer._finish()``,
    ``SegmentWriter(ix, _lk=False)``. (``self._x`` cannot be told apart from a subclass's own
    attribute, so overriding Whoosh internals is left to review.)"""

    module: str
    name: str  # e.g. "writer._finish", or "_lk=" for a keyword argument
    line: int

    def __str__(self) -> str:
        return f"{self.module}:{self.line} uses {self.name}"


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_uses() -> list[PrivateUse]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Attribute) and _is_private(node.attr):
                own = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
                if not own:
                    found.append(PrivateUse(module, ast.unparse(node), node.lineno))
            elif isinstance(node, ast.keyword) and node.arg and _is_private(node.arg):
                found.append(PrivateUse(module, f"{node.arg}=", node.value.lineno))
    return found


PRIVATE_USES = _private_uses()


def _within(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _broken(rule) -> list[str]:
    return [str(imp) for imp in IMPORTS if rule(imp)]


def test_the_walk_sees_the_package():
    modules = {imp.module for imp in IMPORTS}
    assert {"reader.cli", "reader.importers", "reader.ui.main_window"} <= modules
    assert "writer._commit_toc" in {use.name for use in PRIVATE_USES}  # it sees inside too


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


def test_only_whoosh_ext_touches_whoosh_private_names():
    """Whoosh internals (``writer._commit_toc``, ``whoosh.system._INT_SIZE``) change without
    notice between releases: one quarantined folder uses them. Anywhere in ``reader.search``
    an object may be Whoosh's, so no private name of another object is reached there."""

    def imports_private(imp: Import) -> bool:
        private = any(_is_private(part) for part in imp.target.split("."))
        return (
            _within(imp.target, "whoosh") and private and not _within(imp.module, WHOOSH_INTERNALS)
        )

    def reaches_in(use: PrivateUse) -> bool:
        return _within(use.module, "reader.search") and not _within(use.module, WHOOSH_INTERNALS)

    broken = _broken(imports_private) + [str(use) for use in PRIVATE_USES if reaches_in(use)]
    assert broken == []


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


#: What the importers' shared helpers may use of ``reader``: the format contract, each other, the
#: model and util; never a format module, the registry or ``finish`` (formats build on them).
SHARED_IMPORTER_IMPORTS = (
    "reader.importers.base", "reader.importers.shared", "reader.model", "reader.util",
)  # fmt: skip


def test_shared_importer_helpers_import_no_format():
    def rule(imp: Import) -> bool:
        return (
            _within(imp.module, "reader.importers.shared")
            and _within(imp.target, "reader")
            and not _within(imp.target, *SHARED_IMPORTER_IMPORTS)
        )

    assert _broken(rule) == []


def test_util_imports_nothing_of_reader():
    """Leaf helpers: ``reader.util`` may use its own modules (``digests``), nothing else."""

    def rule(imp: Import) -> bool:
        return (
            _within(imp.module, "reader.util")
            and _within(imp.target, "reader")
            and not _within(imp.target, "reader.util")
        )

    assert _broken(rule) == []


#: What the notes and quotes packages may use of ``reader``: the model, leaf helpers and their
#: own modules; the notes' Markdown export also imports transcripts.
#: The last names of each entry are modules on their way into ``reader.util`` and
#: ``reader.library.folder``; drop them once they have moved.
#: What each core package may import of ``reader`` (the most specific entry first): the
#: layers of the README's "Code layout", from leaf helpers up to the orchestrating library.
FEATURE_IMPORTS = {
    "reader.annotations": (
        "reader.model", "reader.util", "reader.notes", "reader.quotes", "reader.search",
        "reader.importers", "reader.annotations",
    ),
    "reader.quotes": ("reader.model", "reader.util", "reader.quotes"),
    "reader.notes.export": (
        "reader.model", "reader.util", "reader.notes", "reader.importers", "reader.library",
    ),
    "reader.notes": ("reader.model", "reader.util", "reader.notes", "reader.library"),
    "reader.model": ("reader.model", "reader.util"),
    "reader.audio": ("reader.model", "reader.util", "reader.audio"),
    "reader.importers": ("reader.model", "reader.util", "reader.audio", "reader.importers"),
    "reader.search": ("reader.model", "reader.util", "reader.audio", "reader.search"),
    "reader.library": (
        "reader.model", "reader.util", "reader.audio", "reader.importers", "reader.search",
        "reader.library",
    ),
    "reader.research": (
        "reader.model", "reader.util", "reader.importers", "reader.search", "reader.notes",
        "reader.quotes", "reader.research",
    ),
}  # fmt: skip


def test_each_core_package_imports_only_the_layers_below_it():
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
        ("reader.importers.shared.page", "reader.importers.formats.web_page_text", True),
        ("reader.library", "whoosh.fields", False),
        ("reader.util.qt_libraries", "reader.paths", True),
        ("reader.search.query", "whoosh.system._INT_SIZE", True),
        ("reader.notes.store", "reader.search.index", False),
        ("reader.search.index", "reader.library.sync", True),
        ("reader.importers.finish", "reader.search.results", True),
        ("reader.quotes.render", "reader.notes", True),
    ],
)
def test_each_rule_catches_a_breach(module: str, target: str, top_level: bool):
    """The rules are not vacuous: a planted import of each forbidden kind is reported."""
    planted = Import(module, target, top_level, 1)
    IMPORTS.append(planted)
    try:
        failures = 0
        for check in RULES:
            try:
                check()
            except AssertionError:
                failures += 1
        assert failures == 1
    finally:
        IMPORTS.remove(planted)


@pytest.mark.parametrize(
    ("module", "name", "breaks"),
    [
        ("reader.search.index", "writer._commit_toc", True),
        ("reader.search.bulk", "_lk=", True),
        ("reader.search.whoosh_ext.writing", "writer._commit_toc", False),
        ("reader.search.whoosh_ext.codec", "_lk=", False),
    ],
)
def test_a_private_name_outside_whoosh_ext_is_caught(module: str, name: str, breaks: bool):
    planted = PrivateUse(module, name, 1)
    PRIVATE_USES.append(planted)
    try:
        if breaks:
            with pytest.raises(AssertionError):
                test_only_whoosh_ext_touches_whoosh_private_names()
        else:
            test_only_whoosh_ext_touches_whoosh_private_names()
    finally:
        PRIVATE_USES.remove(planted)


RULES = (
    test_nothing_in_the_core_imports_qt_or_the_window,
    test_only_the_search_engine_imports_whoosh_and_numpy,
    test_only_whoosh_ext_touches_whoosh_private_names,
    test_format_modules_never_import_each_other,
    test_shared_importer_helpers_import_no_format,
    test_util_imports_nothing_of_reader,
    test_each_core_package_imports_only_the_layers_below_it,
)
