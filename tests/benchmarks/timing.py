"""Timing helpers of the search benchmarks: median and p95 of repeated calls."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def summary(timings_ms: list[float]) -> dict:
    """The median and p95 (nearest rank) of some timings in ms."""
    timings = sorted(timings_ms)
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))], 2),
    }


def latency(run: Callable[[str], int], queries: list[str], runs: int) -> dict:
    """Median and p95 over ``runs`` timed calls cycling through ``queries``, after a warm-up."""
    totals = {q: run(q) for q in queries}  # warm-up: caches, first-use costs
    timings = []
    for n in range(runs):
        q = queries[n % len(queries)]
        start = time.perf_counter()
        run(q)
        timings.append((time.perf_counter() - start) * 1000)
    return {"queries": queries, "totals": totals, **summary(timings)}


def ratio(a: float | None, b: float | None) -> float | None:
    """a / b to one decimal, None when either is missing."""
    return round(a / b, 1) if a is not None and b else None
