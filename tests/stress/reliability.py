"""Run the reliability cases (real processes) many times and print how often each failed.

Usage: ``python tests/stress/reliability.py [--runs N] [--case TEXT] [--json]``.

Cases live in ``tests/stress/cases_*.py``: each such module has a ``CASES`` dict of
name -> function(work_folder) returning None when the case held, else the reason it did not
(an exception counts as a failure too). Every run gets a new empty work folder. Not a test
module (pytest collects ``test_*.py`` only); ``tests/test_index_concurrency.py`` runs the
index cases once each.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent

Case = Callable[[Path], "str | None"]


def discover(folder: Path = HERE) -> dict[str, Case]:
    """Every ``CASES`` entry of every ``cases_*.py`` beside this script, in file order."""
    found: dict[str, Case] = {}
    for path in sorted(folder.glob("cases_*.py")):
        spec = importlib.util.spec_from_file_location(f"stress_{path.stem}", path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found.update(getattr(module, "CASES", {}))
    return found


def run_once(case: Case) -> str | None:
    with tempfile.TemporaryDirectory(prefix="episode-reader-stress-") as work:
        try:
            return case(Path(work))
        except Exception:
            return "raised: " + traceback.format_exc(limit=3)[-500:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each case (10)")
    parser.add_argument("--case", default="", help="only cases whose name contains this")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    cases = {n: c for n, c in discover().items() if args.case.lower() in n.lower()}
    rows = []
    for name, case in cases.items():
        started = time.monotonic()
        reasons = [r for r in (run_once(case) for _ in range(args.runs)) if r is not None]
        seconds = (time.monotonic() - started) / max(args.runs, 1)
        rows.append({"case": name, "runs": args.runs, "failures": len(reasons),
                     "seconds_per_run": round(seconds, 1), "reasons": reasons[:3]})  # fmt: skip
        if not args.json:
            print(f"{name}: {len(reasons)}/{args.runs} failed", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        width = max([len("case"), *(len(r["case"]) for r in rows)])
        print(f"{'case':<{width}}  runs  failures  s/run")
        for r in rows:
            print(f"{r['case']:<{width}}  {r['runs']:>4}  {r['failures']:>8}  "
                  f"{r['seconds_per_run']:>5}")  # fmt: skip
        for r in rows:
            for reason in r["reasons"]:
                print(f"\n{r['case']}: {reason}")
    return 1 if any(r["failures"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
