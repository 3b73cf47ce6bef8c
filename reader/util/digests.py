"""SHA-1 and BLAKE2b from Python's own built-in modules, not through ``hashlib``.

``hashlib`` loads OpenSSL's library when it is first imported (about 5 ms here), which
every command paid for a few short digests: file names of cached texts, a folder's key,
a listing's fingerprint. The built-in modules give the same digests. Where Python was
built without them, ``hashlib`` answers instead.
"""

from __future__ import annotations

from typing import Any

try:
    from _blake2 import blake2b as _blake2b
    from _sha1 import sha1 as _sha1  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - a Python built without them
    from hashlib import blake2b as _blake2b
    from hashlib import sha1 as _sha1


def sha1(data: bytes = b"") -> Any:
    """A SHA-1 hash object of ``data`` (as ``hashlib.sha1``)."""
    return _sha1(data)


def blake2b(data: bytes = b"", digest_size: int = 64) -> Any:
    """A BLAKE2b hash object of ``data`` (as ``hashlib.blake2b``)."""
    return _blake2b(data, digest_size=digest_size)
