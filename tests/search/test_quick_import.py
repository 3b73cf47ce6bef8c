"""The engine loaded the one-shot way still does everything, and leaves the real modules to
whoever imports them later. A fresh interpreter each, as a command runs it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import sys
    from reader.search.quick_import import import_engine
    import_engine()
    import urllib.request, whoosh.compat
    from whoosh.query import Variations
    from whoosh.reading import SegmentReader
    assert hasattr(urllib.request, "urlopen"), "the real module, not the stand-in"
    try:
        whoosh.compat.urlretrieve("http://example.com/x", "x")
    except OSError as exc:
        print("download:", exc)
    from whoosh import query
    print("variations:", "ran" in query.terms.variations("running"), Variations)
    print("cached:", type(SegmentReader.__dict__["deleted_docs_set"]).__module__)
    """
)


def test_the_engine_loaded_quickly_still_works_and_fetches_nothing():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "download: Episode Reader fetches nothing from the network",
        "variations: True <class 'whoosh.query.terms.Variations'>",
        "cached: functools",
    ]


WRITING_PROBE = textwrap.dedent(
    """
    import io, sys
    from reader.search.quick_import import import_engine
    import_engine()
    heavy = ("tempfile", "random", "hashlib", "_hashlib", "shutil", "lzma", "bz2")
    print("loaded:", [name for name in heavy if name in sys.modules])
    import whoosh.filedb.compound, whoosh.filedb.filestore, whoosh.filedb.filetables, whoosh.util
    print("md5:", whoosh.filedb.filetables.md5(b"x").hexdigest())
    copied = io.BytesIO()
    whoosh.filedb.compound.copyfileobj(io.BytesIO(b"abc"), copied)
    print("copied:", copied.getvalue())
    print("name:", len(whoosh.util.random_name()))
    print("temp:", bool(whoosh.filedb.filestore.tempfile.gettempdir()))
    import tempfile, shutil
    print("real:", hasattr(tempfile, "mkstemp"), type(tempfile).__name__, hasattr(shutil, "rmtree"))
    """
)


def test_what_whoosh_imports_for_writing_is_loaded_only_when_used():
    done = subprocess.run(
        [sys.executable, "-c", WRITING_PROBE],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "loaded: []",
        "md5: 9dd4e461268c8034f5c8564e155c67a6",
        "copied: b'abc'",
        "name: 28",
        "temp: True",
        "real: True module True",
    ]
