"""A data folder on a real full disk (a small tmpfs; needs root to mount, else skipped).

``index`` says the disk is full in one line and exits 1, leaves no temporary or half-written
index files, the old index still answers searches, and the next run after freeing space
catches up. The scenario lives in ``tests/stress/cases_edges.py`` (the reliability script
runs it too).
"""

from __future__ import annotations

from types import ModuleType

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("new_files", [20, 150], ids=["in-process", "worker-processes"])
def test_index_on_a_full_disk_says_so_and_keeps_the_old_index(
    edge_cases: ModuleType, new_files: int
):
    refused = edge_cases.mount_refusal()
    if refused:
        pytest.skip(f"cannot mount a tmpfs here: {refused}")
    assert edge_cases.full_disk(runs=1, new_files=new_files) == []
