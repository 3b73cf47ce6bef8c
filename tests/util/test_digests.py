"""The digests that name cached texts, key folders and anchor notes are hashlib's, byte for
byte: notes written before keep finding their passages, caches keep their names."""

from __future__ import annotations

import hashlib

import pytest

from reader.util import digests

SAMPLES = [b"", b"episodes/Ep 12 \xe2\x80\x94 Delegation.md", bytes(range(256)) * 40]


@pytest.mark.parametrize("data", SAMPLES)
def test_sha1_is_hashlibs(data: bytes):
    assert digests.sha1(data).hexdigest() == hashlib.sha1(data).hexdigest()


@pytest.mark.parametrize("data", SAMPLES)
@pytest.mark.parametrize("size", [12, 16, 64])
def test_blake2b_is_hashlibs_fed_at_once_or_in_parts(data: bytes, size: int):
    expected = hashlib.blake2b(data, digest_size=size).hexdigest()
    assert digests.blake2b(data, digest_size=size).hexdigest() == expected
    parts = digests.blake2b(digest_size=size)
    for at in range(0, len(data), 1000):
        parts.update(data[at : at + 1000])
    assert parts.hexdigest() == expected
