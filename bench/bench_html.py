"""HTML export: kg.export.html.render_html vs the naive pyvis path, same graph.

For each size N a random networkx MultiDiGraph with N edges is built with a
fixed seed, shaped like kg's view graph (kg.graph.build_networkx): nodes carry
`label`, `label_ar`, `type`; edges are keyed by relation and carry
`relation`, `label_ar`, `sentences` (list of str), `docs`, `dates`,
`modality`, `confidence`, `count`.

  ours      kg.export.html.render_html(graph): builds the vis node/edge dicts
            (tooltips, sizes, curved parallel edges, detail fields) and hands
            them to pyvis in one assignment, then generate_html() + clean-up.
  baseline  pyvis.network.Network(cdn_resources="in_line", directed=True),
            add_node() for every node and add_edge() for every edge (label,
            title and the edge's attributes), then generate_html().

Both produce a complete page carrying every node and edge. The baseline
computes less per element (no tooltip formatting, no parallel-edge layout,
no stripping of external resources), so the ratio is a lower bound on what
skipping add_node/add_edge saves.

    python bench/bench_html.py [--sizes 2000 5000 20000] [--seed 7] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time

import networkx as nx
from pyvis.network import Network

from kg.export.html import render_html

TYPES = ("Country", "Person", "Organization", "ArmedGroup", "Place", "Other")
RELATIONS = ("meets_with", "threatens", "supports", "attacks", "condemns", "visits", "agrees_with",
             "official_of", "part_of", "member_of", "warns", "accuses")
MODALITIES = ("asserted", "asserted", "possible", "negated", "future")
WORDS_AR = ("قال", "وزير", "الخارجية", "إن", "بلاده", "تدعم", "الحل", "السياسي", "في", "إدلب",
            "وأكد", "الرئيس", "خلال", "لقاء", "مع", "نظيره", "على", "ضرورة", "وقف", "التصعيد")


def make_graph(n_edges: int, seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    n_nodes = max(20, n_edges // 4)
    graph = nx.MultiDiGraph()
    for i in range(n_nodes):
        graph.add_node(f"e{i:06d}", label=f"Entity {i}", label_ar=f"كيان {i}", type=TYPES[i % len(TYPES)])
    nodes = list(graph.nodes)
    weights = [1.0 / (1 + i) ** 0.8 for i in range(n_nodes)]  # a few hubs, as in news
    added = 0
    while added < n_edges:
        u, v = rng.choices(nodes, weights=weights, k=2)
        relation = rng.choice(RELATIONS)
        modality = rng.choice(MODALITIES)
        key = relation if modality == "asserted" else f"{relation} ({modality})"
        if graph.has_edge(u, v, key):
            continue
        n_sent = rng.choice((1, 1, 1, 2, 3, 7))
        sentences = [" ".join(rng.choices(WORDS_AR, k=rng.randint(10, 30))) + "." for _ in range(n_sent)]
        graph.add_edge(
            u, v, key=key, relation=key, label_ar=rng.choice(WORDS_AR), sentences=sentences,
            docs=[f"doc-{rng.randrange(100000):06d}.txt" for _ in range(min(n_sent, 3))],
            dates=[f"2015-08-{rng.randint(1, 28):02d}"], modality=modality,
            confidence=round(rng.random(), 3), count=n_sent,
        )
        added += 1
    return graph


def naive_pyvis(graph: nx.MultiDiGraph) -> str:
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line")
    for n, attrs in graph.nodes(data=True):
        net.add_node(n, label=attrs["label"], title=f"{attrs['label']}\n{attrs['label_ar']}\n{attrs['type']}",
                     kg_type=attrs["type"], kg_label_ar=attrs["label_ar"])
    for u, v, attrs in graph.edges(data=True):
        net.add_edge(u, v, label=attrs["relation"], title="\n".join(attrs["sentences"][:5]),
                     **{f"kg_{k}": val for k, val in attrs.items()})
    return net.generate_html(notebook=False)


def _best(fn, graph, repeat: int) -> tuple[float, str]:
    best, page = float("inf"), ""
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        page = fn(graph)
        best = min(best, time.perf_counter() - t0)
    return best, page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000, 20000], help="numbers of edges")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs per size and side; the best is reported")
    args = parser.parse_args(argv)

    print(f"# HTML export: kg render_html vs naive pyvis add_node/add_edge; seed {args.seed}; "
          f"best of {args.repeat}")
    print(f"| {'edges':>7} | {'nodes':>6} | {'kg render_html s':>16} | {'naive pyvis s':>13} | "
          f"{'naive/kg':>8} | {'kg MB':>6} | {'naive MB':>8} |")
    print(f"|{'-' * 8}:|{'-' * 7}:|{'-' * 17}:|{'-' * 14}:|{'-' * 9}:|{'-' * 7}:|{'-' * 9}:|")
    for n in args.sizes:
        graph = make_graph(n, args.seed)
        t_kg, page_kg = _best(render_html, graph, args.repeat)
        t_naive, page_naive = _best(naive_pyvis, graph, args.repeat)
        mb = lambda page: len(page.encode("utf-8")) / 1e6  # noqa: E731
        print(f"| {graph.number_of_edges():>7,} | {graph.number_of_nodes():>6,} | {t_kg:>16.3f} | "
              f"{t_naive:>13.3f} | {t_naive / t_kg:>7.1f}x | {mb(page_kg):>6.1f} | {mb(page_naive):>8.1f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
