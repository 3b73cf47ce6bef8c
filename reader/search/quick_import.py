"""Loading the engine for a one-shot command without what it loads for nothing we use.

``whoosh.compat`` imports ``urllib.request`` (with it http.client, email, ssl and socket)
for a download helper nothing calls, ``whoosh.reading`` imports the ``cached_property``
package, which imports asyncio, for one cached attribute, ``whoosh.query.terms`` compiles
the English word-variation rules of ``whoosh.lang.morph_en`` for a query we never make,
and Whoosh's storage, writer and hashed tables import ``tempfile``, ``random`` and
``hashlib`` and ``shutil`` (with them bz2, lzma and OpenSSL's library) for writing. Together a
good part of the engine's import time, paid by every ``episode-reader search`` a script
runs.

``import_whoosh`` imports those Whoosh modules while stand-ins answer for those names,
then takes the stand-ins out of ``sys.modules``: any later import gets the real module.
The stand-in download helper refuses (nothing is fetched from the network),
``functools.cached_property`` does what the package's does for a plain attribute
(computed once per object, kept in its ``__dict__``), the stand-in ``variations`` loads
the real rules if it is ever called, and the stand-ins of ``tempfile``, ``random``,
``hashlib`` and ``shutil`` import the real module when one of their names is first used (``md5``,
which Whoosh imports by name, is Python's own). Without it (the window, the tests),
Whoosh imports as usual.

``import_engine`` also asks numpy's OpenBLAS for one thread (unless the user chose a number):
starting one per core was a third of numpy's import time, and the engine does no linear
algebra (its arrays are ids, counts and positions). Worker processes inherit it, and each
is one of several processes already.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import types
from typing import Any


class _Deferred(types.ModuleType):
    """A module imported when one of its names is first used, not when it is imported."""

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):  # the import system asking (__path__, __spec__...)
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def _no_download(*_args: object, **_kwargs: object) -> None:
    raise OSError("Episode Reader fetches nothing from the network")


def _stand_ins() -> dict[str, types.ModuleType]:
    request = types.ModuleType("urllib.request", "stand-in: Whoosh's download helper only")
    request.urlretrieve = _no_download  # type: ignore[attr-defined]
    cached = types.ModuleType("cached_property", "stand-in: functools.cached_property")
    cached.cached_property = functools.cached_property  # type: ignore[attr-defined]
    morph = types.ModuleType("whoosh.lang.morph_en", "stand-in: loads the rules when used")
    morph.variations = _variations  # type: ignore[attr-defined]
    deferred = {name: _Deferred(name, "stand-in: imported when used") for name in _DEFERRED}
    # Names Whoosh imports from them (whoosh.filedb.filetables, whoosh.filedb.compound):
    deferred["hashlib"].md5 = _md5  # type: ignore[attr-defined]
    deferred["shutil"].copyfileobj = _copyfileobj  # type: ignore[attr-defined]
    return {
        "urllib.request": request,
        "cached_property": cached,
        "whoosh.lang.morph_en": morph,
        **deferred,
    }


#: Modules Whoosh imports for writing (temporary storage, random segment names, hashed
#: tables) that a search never uses: with shutil, bz2 and lzma, and OpenSSL's library for
#: ``hashlib``, about 20 ms of every command.
_DEFERRED = ("tempfile", "random", "hashlib", "shutil")


def _md5(*args: object, **kwargs: object) -> object:
    from _md5 import md5  # type: ignore[import-not-found]  # Python's own, not OpenSSL's

    return md5(*args, **kwargs)


def _copyfileobj(*args: Any, **kwargs: Any) -> None:
    import shutil  # the real module: the stand-in is gone by now

    shutil.copyfileobj(*args, **kwargs)


def _variations(word: str) -> object:
    from whoosh.lang import morph_en  # the real module: the stand-in is gone by now

    return morph_en.variations(word)


def import_engine() -> None:
    """Import Whoosh and numpy as a one-shot command needs them (see above)."""
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import_whoosh()


def import_whoosh() -> None:
    """Import the Whoosh modules that pull in network and asyncio code, without those."""
    if "whoosh.reading" in sys.modules or "whoosh.query" in sys.modules:  # loaded already
        return
    stand_ins = {name: m for name, m in _stand_ins().items() if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        import whoosh.compat  # (binds its download helper to the stand-in)
        import whoosh.query.terms  # (its variations: loaded when used)
        import whoosh.reading
        import whoosh.searching
        import whoosh.writing  # noqa: F401  (whoosh.externalsort: tempfile)
        from whoosh.codec import whoosh3  # noqa: F401  (whoosh.filedb.filetables: md5)
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
