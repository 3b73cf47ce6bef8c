"""Real public transcripts (``../shared/real-samples``, beside the checkout) import right.

``check.py`` there imports each sample with ``episode-reader show --json`` and prints what a
user would notice falls short. It starts one process per file (about 10 s on an idle machine;
``-m "not real_samples"`` leaves it out). It is skipped when the folder is absent (it is not
part of the project: those files were written by others).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REAL_SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "real-samples"
EXE = Path(sys.executable).with_name("episode-reader")


@pytest.mark.real_samples
@pytest.mark.skipif(not (REAL_SAMPLES / "check.py").is_file(), reason="no ../shared/real-samples")
def test_every_real_sample_passes_check_py(tmp_path: Path):
    assert EXE.is_file(), f"{EXE} is not installed (make .venv/.installed)"
    result = subprocess.run(
        [sys.executable, str(REAL_SAMPLES / "check.py"), str(EXE)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    failures = [line for line in lines if line.startswith("FAIL")]
    assert failures == [], "\n".join(failures)
    assert result.returncode == 0, lines[-1]
