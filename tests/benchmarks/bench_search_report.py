"""The search benchmark's table: every Whoosh figure beside FTS5's from the same run."""

from __future__ import annotations


def mark(r: dict, figure: str, key: str = "targets") -> str:
    t = next(t for t in r[key] if t["figure"] == figure)
    sign = "<" if key == "targets" else "≤"
    return f"target {sign} {t['limit']:g} {t['unit']}  {'PASS' if t['pass'] else 'FAIL'}"


def _pair(w: dict | None, f: dict | None) -> str:
    ours = f"{w['median_ms']:>9.1f}{w['p95_ms']:>8.1f}" if w else f"{'n/a':>9}{'n/a':>8}"
    theirs = f"{f['median_ms']:>9.1f}{f['p95_ms']:>8.1f}" if f else f"{'n/a':>9}{'n/a':>8}"
    return ours + theirs


def _ms(figure: dict | None) -> str:
    return f"{figure['median_ms']:>9.1f}" if figure else f"{'n/a':>9}"


def _x(value: float | None) -> str:
    return f"{value:>6.1f}x" if value is not None else f"{'n/a':>7}"


def print_table(r: dict, categories: tuple[str, ...]) -> None:
    g, b, m = r["generation"], r["build"], r["machine"]
    print(
        f"Search benchmark: {r['episodes']:,} synthetic episodes (seed {r['seed']}), "
        f"{m['cpus']} CPUs (load average at start {', '.join(map(str, m['load_average']))}), "
        f"Python {m['python']}, Whoosh {m['whoosh']}, SQLite {m['sqlite']}"
    )
    formats = ", ".join(f"{n} {f}" for f, n in g["formats"].items())
    print(
        f"Library: {g['mb']:,} MB, {g['words']:,} words ({formats}), generated in {g['seconds']} s"
    )
    print(
        "(Issue 4's targets are for 1,000 episodes, issue 14's for 10,000; at other sizes "
        "they are for reference.)"
    )
    print()
    fb = r["fts5"]["build"]
    failed = f", {len(b['failed'])} FAILED" if b["failed"] else ""
    print("Building (Whoosh: LibraryIndex + sync_library, as the app; FTS5: import + insert)")
    print(
        f"  build                {b['seconds']:>9.2f} s   {b['mb_per_s']:.2f} MB/s, "
        f"{b['added']} added{failed}   {mark(r, 'build')}"
    )
    for failure in b["failed"][:5]:
        print(f"      {failure}")
    print(
        f"  FTS5 build           {fb['seconds']:>9.2f} s   (import {fb['import_seconds']:.2f} s"
        f" + insert {fb['index_seconds']:.2f} s, one process)   Whoosh/FTS5 "
        f"{_x(r['ratios']['build_vs_fts5']).strip()}"
    )
    size = r["index_mb"]
    print(
        f"  index on disk        {size['total']:>9.1f} MB  (Whoosh {size['whoosh']} MB + text "
        f"cache {size['text_cache']} MB) vs FTS5 database {fb['db_mb']} MB: "
        f"{_x(r['ratios']['index_vs_fts5_db']).strip()}   "
        f"{mark(r, 'index with text cache vs FTS5', 'targets_14')}"
    )
    tree = r["tree_memory_mb"]
    print(
        f"  peak memory, tree    {tree['build_peak']:>9.1f} MB  while indexing: this process and "
        f"all its children ({tree['processes']} at most), summed every {tree['interval_ms']} ms"
        f"   {mark(r, 'process tree peak while indexing', 'targets_14')}"
    )
    rss = r["peak_rss_mb"]
    print(
        f"      (largest single child maxrss {tree['largest_child_maxrss']} MB; this process's "
        f"maxrss {rss['after_build']} MB after the build, {rss['before_build']} MB before it; "
        f"FTS5 build and searches peak {r['fts5']['tree_memory_mb']['peak']} MB, tree)"
    )
    ro, up = r["reopen"], r["update"]
    runs = ", ".join(f"{s:.3f}" for s in ro["runs"])
    print(f"  reopen, unchanged    {ro['seconds']:>9.3f} s   runs {runs}   {mark(r, 'reopen')}")
    runs = ", ".join(f"{ms:.0f}" for ms in up["runs_ms"])
    found = "found" if up["found"] else "NOT FOUND"
    print(
        f"  one file changed     {up['ms']:>9.1f} ms  sync + search until {found} "
        f"(median; runs {runs})   {mark(r, 'update')}"
    )
    fc = r["first_after_commit"]
    print(
        f"  first search after a commit {fc['first']['median_ms']:.1f} ms (p95 "
        f"{fc['first']['p95_ms']:.1f}) vs warm {fc['warm']['median_ms']:.1f} ms: "
        f"{_x(fc['ratio']).strip()}; each against the same search warm "
        f"{_x(fc['pair_ratio']).strip()} (median of {', '.join(map(str, fc['pairs']))})   "
        f"{mark(r, 'first search after a commit vs the same search warm (median)', 'targets_14')}"
    )
    app = r["app"]
    print()
    print(
        f"Searches, {r['runs']} per category after a warm-up (ms: median, p95). Top 20: "
        f"count + 20 hits; app: the app's limit ({app['limit']}) with snippets "
        f"({app['snippets_per_hit']} per hit) for its first {app['snippets_for']} rows, as the "
        "window asks; FTS5 with snippet() (one per row, every row) and without."
    )
    print(
        f"  {'query':<14}{'top-20':>9}{'p95':>8}{'FTS5':>9}{'p95':>8}{'ratio':>7}"
        f"{'no snip':>9}{'ratio':>7}   {'app':>7}{'p95':>8}{'FTS5':>9}{'p95':>8}{'ratio':>7}"
        f"{'no snip':>9}{'ratio':>7}"
    )
    ratios = r["ratios"]
    for c in categories:
        fts = r["fts5"]
        top = _pair(r["search"][c], fts["search"][c])
        nosnip = fts["search_no_snippet"][c]
        line = (
            f"  {c:<14}{top}{_x(r['ratio'][c])}"
            f"{_ms(nosnip)}"
            f"{_x(ratios['top20_vs_fts5_no_snippet'][c])}   "
        )
        a = r["app_search"][c]
        af, an = fts["app"][c], fts["app_no_snippet"][c]
        line += (
            f"{a['median_ms']:>7.1f}{a['p95_ms']:>8.1f}"
            + (f"{af['median_ms']:>9.1f}{af['p95_ms']:>8.1f}" if af else f"{'n/a':>9}{'n/a':>8}")
            + _x(ratios["app_vs_fts5_app"][c])
            + _ms(an)
            + _x(ratios["app_vs_fts5_app_no_snippet"][c])
        )
        print(line)
    print("  Issue 4 (top 20, Whoosh p95):")
    for c in ("word", "two words", "phrase", "prefix", "fuzzy"):
        print(f"    {c:<14}{mark(r, f'{c} p95')}")
    print(f"    word searches within 2x of FTS5 (median): {mark(r, 'word vs FTS5 (median)')}")
    print("  Issue 14 (app path, Whoosh p95):")
    for c in ("word", "two words", "phrase", "common phrase", "short prefix"):
        print(f"    {c:<14}{mark(r, f'app {c} p95', 'targets_14')}")
    shot = r["one_shot"]
    print()
    print(
        f"One-shot, a fresh process each ({shot['runs']} runs per figure after a warm-up; ms: "
        f"median, p95): `{shot['command']} search` beside a `python -c` FTS5 script"
    )
    print(f"  {'query':<14}{'CLI':>9}{'p95':>8}{'FTS5':>9}{'p95':>8}{'ratio':>7}")
    for c, ours in shot["search"].items():
        print(
            f"  {c:<14}{_pair(ours, shot['fts5'][c])}{_x(shot['ratio'][c])}   "
            f"{mark(r, f'one-shot CLI {c} (median)', 'targets_14')}"
        )
    h = shot["help"]
    print(
        f"  {'--help':<14}{h['median_ms']:>9.1f}{h['p95_ms']:>8.1f}"
        f"{'':>31}{mark(r, 'one-shot --help (median)', 'targets_14')}"
    )
    print()
    print("Queries (Whoosh total hits):")
    for c in categories:
        totals = ", ".join(f"{q} {n}" for q, n in r["search"][c]["totals"].items())
        print(f"  {c:<14}{totals}")
    print()
    print(f"FTS5 text: {r['fts5']['source']}; FTS5 has no fuzzy search")
