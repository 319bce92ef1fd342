"""`kg query --store` against `kg query FILE`: what one analyst query costs
when the graph lives in a persistent store instead of a Turtle file that is
re-read on every call.

For each size, bench_query's synthetic graph (kg's schema, fixed seed) is
written as Turtle and bulk-loaded once into a kg store's merged graph. Then
every shipped query (kg/queries/*.rq, with its parameters' defaults) is run
as one whole call both ways, each in a forked child (killed after
--timeout):

  turtle  kg.query.load_store(graph.ttl) + run_query      (kg query FILE)
  store   KgStore(DIR) opened read-only + run_query       (kg query --store DIR)

Row counts must agree, or the script exits with status 1.

    python bench/bench_store.py [--sizes 10000 100000] [--seed 7] [--timeout 60]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_query import make_turtle  # noqa: E402
from timed import timed_call  # noqa: E402

from kg.named_queries import named_queries  # noqa: E402
from kg.query import load_store, run_query  # noqa: E402
from kg.store import KgStore  # noqa: E402


def _turtle_call(path: Path, text: str) -> int:
    return len(run_query(load_store(path), text).rows)


def _store_call(path: Path, text: str) -> int:
    with KgStore(path) as store:
        return len(run_query(store.rdf, text).rows)






def bench_size(n: int, seed: int, tmp: Path, timeout: float) -> bool:
    ttl = tmp / f"graph_{n}.ttl"
    ttl.write_text(make_turtle(n, seed), encoding="utf-8")
    db = tmp / f"store_{n}"
    t0 = time.perf_counter()
    with KgStore(db, write=True, create=True) as store:
        store.rdf.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
        triples = len(store.rdf)
    t_load = time.perf_counter() - t0
    print(f"\n## {n:,} statements: {triples:,} triples, {ttl.stat().st_size / 1e6:.1f} MB Turtle; "
          f"bulk load into the store {t_load:.1f} s (once)")
    print(f"| {'query':<24} | {'turtle s':>9} | {'store s':>8} | {'speed-up':>8} | {'rows':>7} |")
    print(f"| {'-' * 24} | {'-' * 9}: | {'-' * 8}: | {'-' * 8}: | {'-' * 7}: |")
    ok = True
    for name, query in named_queries().items():
        defaults = {p.name: p.default for p in query.params if p.default is not None}
        text = query.render(defaults)
        t_t, rows_t = timed_call(_turtle_call, ttl, text, timeout=timeout)
        t_s, rows_s = timed_call(_store_call, db, text, timeout=timeout)
        if rows_t is not None and rows_s is not None and rows_t != rows_s:
            ok = False
        fmt = lambda t, r: f"{t:.3f}" if r is not None else f">{t:.0f}"  # noqa: E731
        ratio = f"{t_t / t_s:.1f}x" if rows_t is not None and rows_s is not None and t_s > 0 else "—"
        print(f"| {name:<24} | {fmt(t_t, rows_t):>9} | {fmt(t_s, rows_s):>8} | {ratio:>8} | "
              f"{rows_s if rows_s is not None else rows_t!s:>7} |", flush=True)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per call before it is stopped")
    args = parser.parse_args(argv)
    print(f"pyoxigraph {ox.__version__}; seed {args.seed}; calls stopped after {args.timeout:g} s")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            ok &= bench_size(n, args.seed, Path(tmp), args.timeout)
    if not ok:
        print("!! row counts differ between the two ways")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
