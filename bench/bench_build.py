"""Whole `kg build` on SaudiNewsNet articles vs the tokenizer floor, side by side in one run.

For each size N (the first N articles of the five daily archives, in order), the
articles are written as JSONL into a temporary folder that is deleted afterwards
(the corpus is CC BY-NC-SA: never copied into the repository). Then:

  floor   camel-tools simple_word_tokenize + dediac_ar + normalize_alef_ar over the
          same texts (title + content), in this process: the cost every Arabic
          pipeline pays. Words are its tokens holding a letter or digit.
  builds  `python -m kg.cli build SRC -o OUT -q --jobs J [extractor options]` as a
          subprocess, timed on the wall clock; peak RSS is the largest sum of the
          resident memory of the build and its workers, sampled every 0.1 s (psutil).
          Workers forked from a parent that holds the models share its pages
          copy-on-write, which that sum counts once per process; peak PSS (each
          shared page divided among the processes sharing it, psutil
          memory_full_info, sampled every 1 s: reading it walks the page tables)
          counts them once.

Printed per build: wall seconds, articles/s, words/s, words/s per worker and that as a
share of the floor; CPU seconds (the build and its workers), words per CPU second and
that as a share of the floor's words per CPU second (the measure that other users of a
shared machine do not move); peak RSS, and at the end each size's peak RSS over the
smallest size's (issue 10: flat memory); and whether the builds of one size with
different --jobs wrote byte-identical outputs.

    python bench/bench_build.py [--sizes 1500 3000 7505] [--jobs 1 2] [--sides default gazetteer]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import psutil
from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import normalize_alef_ar

DATA = Path("/work/shared/data/saudinewsnet/dataset")
REPO = Path(__file__).resolve().parents[1]
SIDES = {"default": (), "gazetteer": ("--entities", "gazetteer")}


def load_records(limit: int) -> list[dict]:
    """The first `limit` articles of the daily archives, in date then index order."""
    records: list[dict] = []
    for archive in sorted(DATA.glob("*.zip")):
        day = archive.stem
        with zipfile.ZipFile(archive) as z:
            for index, item in enumerate(json.loads(z.read(f"{day}.json"))):
                records.append({"id": f"snn-{day}-{index}", "title": item.get("title") or "",
                                "text": item.get("content") or "", "date": day, "url": item.get("url") or ""})
                if len(records) == limit:
                    return records
    return records


def floor(records: list[dict]) -> tuple[float, int]:
    """(CPU seconds, words) of bare tokenising and normalising the same texts
    (CPU time: the machine is shared, and wall time would measure the others)."""
    simple_word_tokenize("تجربة")
    words = 0
    t0 = time.process_time()
    for record in records:
        text = f"{record['title']}\n{record['text']}" if record["title"] else record["text"]
        tokens = [normalize_alef_ar(dediac_ar(t)) for t in simple_word_tokenize(text)]
        words += sum(1 for t in tokens if any(c.isalnum() for c in t))
    return time.process_time() - t0, words


@dataclass
class Run:
    side: str
    jobs: int
    seconds: float
    cpu: float
    peak_rss: int
    out: Path
    peak_pss: int = 0


def _tree_memory(proc: psutil.Process, pss: bool) -> tuple[int, int]:
    """(RSS, PSS) summed over `proc` and its workers; PSS 0 unless `pss`."""
    rss = proportional = 0
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0, 0
    for p in procs:
        try:
            if pss:
                info = p.memory_full_info()
                rss, proportional = rss + info.rss, proportional + info.pss
            else:
                rss += p.memory_info().rss
        except psutil.Error:
            pass
    return rss, proportional


def build(source: Path, out: Path, side: str, jobs: int) -> Run:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    cmd = [sys.executable, "-m", "kg.cli", "build", str(source), "-o", str(out), "-q", "--jobs", str(jobs),
           *SIDES[side]]
    before = os.times()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stderr=subprocess.PIPE)
    watched = psutil.Process(proc.pid)
    peak = peak_pss = 0
    last_pss = 0.0
    while proc.poll() is None:
        with_pss = time.perf_counter() - last_pss >= 1.0
        rss, pss = _tree_memory(watched, with_pss)
        if with_pss:
            last_pss = time.perf_counter()
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        time.sleep(0.1)
    seconds = time.perf_counter() - t0
    after = os.times()
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-500:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Run(side, jobs, seconds, cpu, peak, out, peak_pss)


def same_outputs(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    return names == sorted(p.name for p in b.iterdir()) and all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1500, 3000, 7505])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sides", nargs="+", choices=sorted(SIDES), default=["default", "gazetteer"])
    parser.add_argument("--only", nargs="*", default=[],
                        help="restrict to SIDE:JOBS:SIZE triples (e.g. default:2:7505); default: every combination")
    args = parser.parse_args(argv)
    print(f"# kg build vs tokenizer floor; {os.cpu_count()} CPUs, load average at start "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| articles | side | jobs | seconds | articles/s | words/s | words/s per worker | share of floor "
          "| CPU s | words per CPU s | share of floor (CPU) | peak RSS MB | peak PSS MB |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    sized_runs: dict[int, dict[str, list[Run]]] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-build-") as tmp:
        for size in args.sizes:
            records = load_records(size)
            source = Path(tmp) / f"snn-{size}.jsonl"
            source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
            t_floor, words = floor(records)
            floor_rate = words / t_floor
            print(f"| {len(records):,} | tokenizer floor | 1 | {t_floor:.2f} | {len(records) / t_floor:,.0f} "
                  f"| {floor_rate:,.0f} | {floor_rate:,.0f} | 100% | {t_floor:.2f} | {floor_rate:,.0f} | 100% | — | — |",
                  flush=True)
            runs: dict[str, list[Run]] = {}
            sized_runs.setdefault(size, runs)
            for side in args.sides:
                for jobs in args.jobs:
                    if args.only and f"{side}:{jobs}:{size}" not in args.only:
                        continue
                    run = build(source, Path(tmp) / f"out-{size}-{side}-{jobs}", side, jobs)
                    runs.setdefault(side, []).append(run)
                    rate = words / run.seconds
                    print(f"| {len(records):,} | {side} | {jobs} | {run.seconds:.1f} | {len(records) / run.seconds:.1f} "
                          f"| {rate:,.0f} | {rate / jobs:,.0f} | {100 * rate / jobs / floor_rate:.2f}% "
                          f"| {run.cpu:.0f} | {words / run.cpu:,.0f} | {100 * words / run.cpu / floor_rate:.2f}% "
                          f"| {run.peak_rss / 2**20:,.0f} | {run.peak_pss / 2**20:,.0f} |", flush=True)
            for side, side_runs in runs.items():
                if len(side_runs) > 1:
                    first = side_runs[0]
                    for other in side_runs[1:]:
                        same = same_outputs(first.out, other.out)
                        print(f"<!-- {size} {side}: --jobs {other.jobs} outputs "
                              f"{'byte-identical to' if same else 'DIFFERENT from'} --jobs {first.jobs}; "
                              f"speed-up {first.seconds / other.seconds:.2f}x -->", flush=True)
    _rss_growth(sized_runs)
    return 0


def _rss_growth(sized_runs: dict[int, dict[str, list[Run]]]) -> None:
    """Peak RSS and peak PSS of each size over those of the smallest, per side
    and --jobs (issue 10: the largest over the smallest must stay at or under 1.2x)."""
    sizes = sorted(sized_runs)
    if len(sizes) < 2:
        return
    smallest = {(r.side, r.jobs): r for runs in sized_runs[sizes[0]].values() for r in runs}
    for size in sizes[1:]:
        for runs in sized_runs[size].values():
            for run in runs:
                base = smallest.get((run.side, run.jobs))
                if base is None:
                    continue
                for name, big, small in (("RSS", run.peak_rss, base.peak_rss), ("PSS", run.peak_pss, base.peak_pss)):
                    if small:
                        print(f"<!-- peak {name} {run.side} --jobs {run.jobs}: {size} / {sizes[0]} articles = "
                              f"{big / small:.2f}x ({big / 2**20:,.0f} / {small / 2**20:,.0f} MB) -->", flush=True)


if __name__ == "__main__":
    sys.exit(main())
