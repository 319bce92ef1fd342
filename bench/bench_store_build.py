"""What a store saves on rebuilds: `kg build` into a store, first time and
again, against a plain `kg build`, on real news.

Input: the first N articles with content of one SaudiNewsNet daily archive
(bench_pipeline.load_articles), written as one .jsonl file into a temporary
directory that is deleted afterwards (the corpus is CC BY-NC-SA and never
goes into the repository). Each step is one whole `kg` command (a fresh
Python process, as an analyst runs it), timed by wall clock, no HTML:

  plain      kg build ARTICLES -o out/
  store 1st  kg build ARTICLES --store db/ -o out/       (every article new)
  store 2nd  the same again                              (every article unchanged)
  changed    one article's text edited, then the same    (one article replaced)
  remove     kg remove --store db/ ID -o out/
  query      kg query --store db/ --named actors_by_degree, and the same on out/graph.ttl

    python bench/bench_store_build.py [--articles 100] [--zip PATH]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import DEFAULT_ZIP, load_articles  # noqa: E402


def kg(*args: object) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"kg {' '.join(map(str, args))} failed: {proc.stderr}")
    return seconds, proc.stderr.strip().splitlines()[0] if proc.stderr.strip() else ""


def write_articles(records: list[dict], path: Path) -> list[str]:
    ids = []
    with path.open("w", encoding="utf-8") as handle:
        for i, r in enumerate(records):
            doc_id = f"snn-{i:04d}"
            ids.append(doc_id)
            handle.write(json.dumps({"id": doc_id, "title": r.get("title") or "", "text": r["content"],
                                     "date": str(r.get("date_extracted", ""))[:10], "url": r.get("url") or ""},
                                    ensure_ascii=False) + "\n")
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--zip", type=Path, default=DEFAULT_ZIP)
    args = parser.parse_args(argv)
    records = load_articles(args.zip, args.articles)
    with tempfile.TemporaryDirectory(prefix="kg-bench-store-") as tmp:
        folder, db, out = Path(tmp) / "articles", Path(tmp) / "db", Path(tmp) / "out"
        folder.mkdir()
        ids = write_articles(records, folder / "news.jsonl")
        rows = [("plain kg build", *kg("build", folder, "-o", Path(tmp) / "plain", "--no-html", "-q")),
                ("store, first build", *kg("build", folder, "--store", db, "-o", out, "--no-html")),
                ("store, same articles again", *kg("build", folder, "--store", db, "-o", out, "--no-html"))]
        records[0] = dict(records[0], content=records[0]["content"][: len(records[0]["content"]) // 2])
        write_articles(records, folder / "news.jsonl")
        rows.append(("store, one article changed", *kg("build", folder, "--store", db, "-o", out, "--no-html")))
        rows.append(("kg remove (one article)", *kg("remove", "--store", db, ids[1], "-o", out, "--no-html")))
        rows.append(("query --store (actors_by_degree)",
                     *kg("query", "--store", db, "--named", "actors_by_degree", "--format", "csv")))
        rows.append(("query out/graph.ttl (same)",
                     *kg("query", out / "graph.ttl", "--named", "actors_by_degree", "--format", "csv")))
    print(f"{len(records)} SaudiNewsNet articles from {args.zip.name}; wall-clock seconds per kg command")
    print("| step | seconds | kg says |\n| --- | ---: | --- |")
    for name, seconds, said in rows:
        print(f"| {name} | {seconds:.1f} | {said} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
