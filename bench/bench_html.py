"""The graph viewer (graph.html) at scale: layout, page size, load-to-interactive.

For each size a seeded random MultiDiGraph shaped like kg's viewer graph is
built (nodes: label, label_ar, type; edges: relation, modality, confidence,
count, dates, deadlines, places and evidence with a document title, date and
trigger/subject/object offsets; a few hubs, as in news). Every sentence is
distinct, the worst case for page size (real builds share sentences).

Reported per size, Python side: the layout (kg.export.viewer.layout, igraph
Fruchterman-Reingold per component) and, for comparison, networkx's
forceatlas2_layout (skipped above --fa2-max nodes: it builds a dense n x n
matrix); the rest of the page (payload and HTML); the page's size.
Browser side (headless /usr/bin/chromium via playwright, as the browser test
drives it; skipped with --no-browser): load-to-interactive (navigation start to
the page's kgReady flag, which is set after the first frame is drawn and the
search, filters and panel are wired), then the time of a search, of a filter
click (hiding the most common relation) and of an edge click (panel filled).

    python bench/bench_html.py [--sizes 268:589 1500:4500 10000:30000] [--seed 7] [--no-browser]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.export.viewer.layout import compute_layout
from kg.export.viewer.model import Evidence
from kg.export.viewer.page import render_page

TYPES = ("Country", "Person", "Organization", "ArmedGroup", "Place", "Group")
RELATIONS = ("meets_with", "threatens", "supports", "attacks", "condemns", "visits", "agrees_with",
             "official_of", "part_of", "member_of", "warns", "accuses")
MODALITIES = ("asserted", "asserted", "asserted", "possible", "negated", "future")
WORDS_AR = ("قال", "وزير", "الخارجية", "إن", "بلاده", "تدعم", "الحل", "السياسي", "في", "إدلب",
            "وأكد", "الرئيس", "خلال", "لقاء", "مع", "نظيره", "على", "ضرورة", "وقف", "التصعيد")
NAMES_AR = ("أحمد", "محمود", "الرياض", "إدلب", "مؤسسة", "وزارة", "قوات", "حركة", "مجلس", "جبهة")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def make_graph(n_nodes: int, n_edges: int, seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for i in range(n_nodes):
        graph.add_node(f"e{i:06d}", label=f"Entity {i}", label_ar=f"{NAMES_AR[i % len(NAMES_AR)]} {i}",
                       type=TYPES[i % len(TYPES)])
    nodes = list(graph.nodes)
    cum, total = [], 0.0
    for i in range(n_nodes):
        total += 1.0 / (1 + i) ** 0.8  # a few hubs, as in news
        cum.append(total)
    added = 0
    while added < n_edges:
        # one side drawn uniformly, so almost every node has an edge
        u, v = rng.choice(nodes), rng.choices(nodes, cum_weights=cum, k=1)[0]
        if rng.random() < 0.5:
            u, v = v, u
        relation, modality = rng.choice(RELATIONS), rng.choice(MODALITIES)
        key = relation if modality == "asserted" else f"{relation} ({modality})"
        if u == v or graph.has_edge(u, v, key):
            continue
        n_sent = rng.choice((1, 1, 1, 2, 3, 7))
        evidence = []
        for _ in range(n_sent):
            words = rng.choices(WORDS_AR, k=rng.randint(10, 30))
            sentence = " ".join(words) + "."
            trigger = sentence.index(words[1]) if words[1] != words[0] else 0
            evidence.append(Evidence(
                sentence=sentence, doc_id=f"doc-{rng.randrange(100000):06d}", title=" ".join(rng.choices(WORDS_AR, k=8)),
                doc_date=f"2015-08-{rng.randint(1, 28):02d}", trigger=(trigger, trigger + len(words[1])),
                subject=(0, len(words[0])), object=(len(sentence) - len(words[-1]) - 1, len(sentence) - 1),
                confidence=round(rng.random(), 3)))
        graph.add_edge(
            u, v, key=key, relation=relation, label_ar=rng.choice(WORDS_AR), modality=modality,
            confidence=round(rng.random(), 3), count=n_sent, dates=[f"2015-08-{rng.randint(1, 28):02d}"],
            deadlines=[f"2015-09-{rng.randint(1, 28):02d}"] if rng.random() < 0.05 else [],
            places=["Idlib"] if rng.random() < 0.2 else [], docs=sorted({e.doc_id for e in evidence}),
            evidence=evidence)
        added += 1
    return graph


def browser_timings(path: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            t0 = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load", timeout=300_000)
            page.wait_for_function("window.kgReady === true", timeout=300_000, polling=20)
            wall = time.perf_counter() - t0
            ready = page.evaluate("window.kgTimings.ready")  # ms since navigation start
            heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
            timing = lambda js: page.evaluate(  # noqa: E731
                "(async () => { const t = performance.now(); " + js + "; "
                "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); "
                "return performance.now() - t; })()")
            search = timing("kgViewer.search('محمود 12')")
            filter_click = timing("document.querySelector('#kg-relations li').click()")
            edge_click = timing("kgViewer.view.selectEdge(0)")
            if errors:
                raise RuntimeError(f"page errors: {errors[:3]}")
            return {"wall": wall, "ready": ready / 1000, "heap": heap / 1e6, "search": search,
                    "filter": filter_click, "edge": edge_click}
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["268:589", "1500:4500", "10000:30000"],
                        help="NODES:EDGES pairs")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fa2-max", type=int, default=2000, help="largest graph networkx's forceatlas2 is timed on")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--keep", type=Path, help="folder to keep the pages in")
    args = parser.parse_args(argv)

    print(f"# graph viewer; seed {args.seed}; single runs")
    print("| nodes | edges | layout s | nx FA2 s | page s | page MB | load-to-interactive s (wall) | JS heap MB "
          "| search ms | filter click ms | edge click ms |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-html-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        n_nodes, n_edges = (int(x) for x in size.split(":"))
        graph = make_graph(n_nodes, n_edges, args.seed)
        gc.collect()
        t0 = time.perf_counter()
        positions = compute_layout(graph)
        t_layout = time.perf_counter() - t0
        t_fa2 = float("nan")
        if graph.number_of_nodes() <= args.fa2_max:
            t0 = time.perf_counter()
            nx.forceatlas2_layout(nx.Graph(graph), seed=args.seed)
            t_fa2 = time.perf_counter() - t0
        t0 = time.perf_counter()
        page = render_page(graph, title=f"bench {size}", positions=positions)
        t_page = time.perf_counter() - t0
        path = out_dir / f"graph-{n_nodes}-{n_edges}.html"
        path.write_text(page, encoding="utf-8")
        mb = path.stat().st_size / 1e6
        cells = ["n/a"] * 6
        if not args.no_browser:
            b = browser_timings(path)
            cells = [f"{b['ready']:.2f} ({b['wall']:.2f})", f"{b['heap']:.0f}", f"{b['search']:.0f}",
                     f"{b['filter']:.0f}", f"{b['edge']:.0f}"]
        fa2 = "skipped" if t_fa2 != t_fa2 else f"{t_fa2:.2f}"
        print(f"| {graph.number_of_nodes():,} | {graph.number_of_edges():,} | {t_layout:.2f} | {fa2} | "
              f"{t_page:.2f} | {mb:.1f} | " + " | ".join(cells) + " |", flush=True)
    if args.keep:
        print(f"pages kept in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
