"""Real public transcripts (``../shared/real-samples``, beside the checkout) import right.

``check.py`` there imports each sample with ``episode-reader show --json`` and prints what a
user would notice falls short. It starts one process per file and takes about 40 s, which
would make every run of the suite half as fast again, so it only runs when asked for:
``pytest -m real_samples`` (or ``EPISODE_READER_REAL_SAMPLES=1``). It is skipped when the
folder is absent (it is not part of the project: those files were written by others).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REAL_SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "real-samples"
EXE = Path(sys.executable).with_name("episode-reader")


def _asked_for(config: pytest.Config) -> bool:
    return "real_samples" in (config.getoption("-m") or "") or bool(
        os.environ.get("EPISODE_READER_REAL_SAMPLES")
    )


@pytest.mark.real_samples
@pytest.mark.skipif(not (REAL_SAMPLES / "check.py").is_file(), reason="no ../shared/real-samples")
def test_every_real_sample_passes_check_py(request: pytest.FixtureRequest, tmp_path: Path):
    if not _asked_for(request.config):
        pytest.skip("takes about 40 s: run with -m real_samples")
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
