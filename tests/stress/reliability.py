"""Run the reliability cases (kills, concurrency, damage) and print a table of failures.

Usage: ``python tests/stress/reliability.py [--runs N] [--only TEXT]``. Cases live in
``tests/stress/cases_*.py`` modules, each with ``CASES = {name: callable(runs) -> [reason]}``:
a case runs real processes ``runs`` times and returns one reason per failed run. Not
collected by pytest (the short versions of these cases are in the test suite).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]


def discover() -> dict[str, Callable[[int], list[str]]]:
    """Every case of every ``cases_*.py`` module here, by name."""
    cases: dict[str, Callable[[int], list[str]]] = {}
    for path in sorted(HERE.glob("cases_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cases.update(getattr(module, "CASES", {}))
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per case (default 10)")
    parser.add_argument("--only", default="", help="only cases whose name contains this")
    args = parser.parse_args(argv)
    rows = []
    for name, case in discover().items():
        if args.only.lower() not in name.lower():
            continue
        start = time.monotonic()
        failures = case(args.runs)
        rows.append((name, args.runs, len(failures), time.monotonic() - start))
        for reason in failures:
            print(f"  {name}: {reason}", file=sys.stderr)
    width = max((len(r[0]) for r in rows), default=4)
    print(f"{'case':<{width}}  runs  failures  seconds")
    for name, runs, failed, seconds in rows:
        print(f"{name:<{width}}  {runs:>4}  {failed:>8}  {seconds:>7.0f}")
    return 1 if any(r[2] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
