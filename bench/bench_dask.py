"""`kg build --engine dask` (a LocalCluster of two workers) vs `--jobs 2` vs
`--jobs 1` on the same SaudiNewsNet articles, side by side in one run.

The first N articles of the daily archives are written as JSONL into a
temporary folder (deleted afterwards; the corpus is never copied into the
repository). Each round runs the three builds as subprocesses
(`python -m kg.cli build SRC -o OUT --no-html ...`), timed on the wall
clock; rounds alternate the order (1, 2, dask, then dask, 2, 1) so a change
in the load of the shared machine does not favour one of them. Printed: the
seconds of every run, the median per build, the speed-up over `--jobs 1`,
the phases the dask build reports (cluster + extraction, store load, writing
the outputs), and whether the three wrote byte-identical outputs.

    python bench/bench_dask.py [--articles 500] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import REPO, load_records, same_outputs  # noqa: E402

BUILDS = {
    "--jobs 1": ("--jobs", "1"),
    "--jobs 2": ("--jobs", "2"),
    "--engine dask (LocalCluster, 2 workers)": ("--engine", "dask", "--jobs", "2"),
}


def run(source: Path, out: Path, args: tuple[str, ...]) -> tuple[float, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    cmd = [sys.executable, "-m", "kg.cli", "build", str(source), "-o", str(out), "--no-html", *args]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-500:]}")
    return seconds, " ".join(proc.stderr.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    records = load_records(args.articles)
    print(f"# {len(records)} SaudiNewsNet articles; {os.cpu_count()} CPUs, load average at start "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    times: dict[str, list[float]] = {name: [] for name in BUILDS}
    phases: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-dask-") as tmp:
        source = Path(tmp) / "snn.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        outs = {name: Path(tmp) / f"out-{i}" for i, name in enumerate(BUILDS)}
        for round_ in range(args.rounds):
            order = list(BUILDS) if round_ % 2 == 0 else list(reversed(BUILDS))
            for name in order:
                seconds, said = run(source, outs[name], BUILDS[name])
                times[name].append(seconds)
                print(f"round {round_ + 1}: {name}: {seconds:.1f} s", flush=True)
                if "dask" in name:
                    found = re.search(r"\((extract [^)]*)\)", said)
                    phases.append(found.group(1) if found else said[-200:])
        base = statistics.median(times["--jobs 1"])
        print("\n| build | runs (s) | median s | articles/s | speed-up vs --jobs 1 |")
        print("|---|---|---:|---:|---:|")
        for name, runs in times.items():
            median = statistics.median(runs)
            print(f"| {name} | {', '.join(f'{s:.1f}' for s in runs)} | {median:.1f} | {len(records) / median:.1f} "
                  f"| {base / median:.2f}x |")
        print(f"\ndask phases per run: {'; '.join(phases)}")
        first = outs["--jobs 1"]
        for name, out in outs.items():
            if out != first:
                print(f"{name}: outputs {'byte-identical to' if same_outputs(first, out) else 'DIFFERENT from'} --jobs 1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
