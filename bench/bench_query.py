"""SPARQL over kg's graph: pyoxigraph (what `kg query` uses) vs rdflib's memory store.

A synthetic graph in kg's schema (entities with English/Arabic labels,
documents, kg:Statement nodes with rdf:subject/predicate/object, modality,
dates, PLOVER codes, and PROV evidence nodes carrying the source sentence)
is generated as Turtle text, with a fixed seed, at each size (number of
kg:Statement nodes). The relation vocabulary is kg's own
(`kg.relations.load_relations().vocabulary`), so queries that read relation
labels or PLOVER codes see the real ones.

For each size the same Turtle file is loaded by both engines and every
shipped query in queries/*.rq is run by both:

  ours      kg.query.load_store(path) + kg.query.run_query(store, q)
  baseline  rdflib.Graph().parse(path) + graph.query(q, initNs=PREFIXES)

Both sides materialise every row. The row counts must agree, or the script
exits with status 1.

    python bench/bench_query.py [--sizes 10000 100000] [--seed 7]

No network. The Turtle file lives in a temporary directory and is deleted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import rdflib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timed import timed_call  # noqa: E402

from kg.namespaces import PREFIXES
from kg.query import load_store, run_query
from kg.relations import load_relations

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "queries"

ENTITY_TYPES = ("Country", "Person", "Organization", "ArmedGroup", "Place")
MODALITIES = ("asserted", "asserted", "asserted", "possible", "negated", "future")
WORDS_AR = ("قال", "وزير", "الخارجية", "إن", "بلاده", "تدعم", "الحل", "السياسي", "في", "المنطقة",
            "وأكد", "الرئيس", "خلال", "لقاء", "مع", "نظيره", "على", "ضرورة", "وقف", "التصعيد",
            "القوات", "هاجمت", "مواقع", "قرب", "الحدود", "وحذر", "من", "عواقب", "العملية", "العسكرية")


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


GAZETTEER_SIZE = 1251  # entities in kg's shipped gazetteer: a real graph cannot name more


def default_entities(n_statements: int) -> int:
    return min(GAZETTEER_SIZE, max(50, n_statements // 20))


def make_turtle(n_statements: int, seed: int, n_entities: int | None = None) -> str:
    """Turtle text of a graph in kg's schema with `n_statements` statement nodes."""
    rng = random.Random(seed)
    relations = load_relations()
    names = sorted(relations.relations)
    n_entities = default_entities(n_statements) if n_entities is None else n_entities
    n_docs = max(10, n_statements // 5)
    out: list[str] = ["".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())]
    # kg's vocabulary travels with the data (as in kg.graph.build_rdf).
    out.append(relations.vocabulary.serialize(format="nt"))

    entities = ["turkey", "idlib", "russia", "syria"] + [f"e{i:06d}" for i in range(n_entities - 4)]
    for i, ent in enumerate(entities):
        etype = "Country" if ent in ("turkey", "russia", "syria") else "Place" if ent == "idlib" else ENTITY_TYPES[i % 5]
        label_ar = {"turkey": "تركيا", "idlib": "إدلب", "russia": "روسيا", "syria": "سوريا"}.get(ent, f"كيان {i}")
        out.append(
            f"ent:{ent} a kg:{etype} ; rdfs:label {_lit(ent.title())}@en, {_lit(label_ar)}@ar .\n"
        )
    day0 = dt.date(2015, 7, 1)
    for d in range(n_docs):
        date = day0 + dt.timedelta(days=rng.randrange(60))
        out.append(
            f"doc:d{d:07d} a kg:Document ; kg:docId {_lit(f'doc-{d:07d}.txt')} ;"
            f' kg:articleDate "{date.isoformat()}"^^xsd:date .\n'
        )
    # Entities weighted towards a few hubs, as in news.
    weights = [1.0 / (1 + i) ** 0.8 for i in range(len(entities))]
    ev_id = 0
    for s in range(n_statements):
        rel = names[rng.randrange(len(names))]
        definition = relations.relations[rel]
        subj, obj = rng.choices(entities, weights=weights, k=2)
        if subj == obj:
            obj = entities[(entities.index(obj) + 1) % len(entities)]
        modality = rng.choice(MODALITIES)
        kind = "Fact" if definition.kind == "static" else "Event"
        parts = [
            f"stmt:s{s:08d} a kg:Statement, kg:{kind}",
            f"rdf:subject ent:{subj}",
            f"rdf:predicate kg:{rel}",
            f"rdf:object ent:{obj}",
            f"kg:modality {_lit(modality)}",
        ]
        if definition.plover:
            parts.append(f"kg:plover {_lit(definition.plover)}")
        if rng.random() < 0.85:
            date = day0 + dt.timedelta(days=rng.randrange(60))
            parts.append(f'kg:date "{date.isoformat()}"^^xsd:date')
        if definition.plover == "THREATEN" and rng.random() < 0.5:
            deadline = day0 + dt.timedelta(days=60 + rng.randrange(30))
            parts.append(f'kg:deadline "{deadline.isoformat()}"^^xsd:date')
        if rng.random() < 0.1:
            parts.append(f"kg:place ent:{rng.choice(entities)}")
        if rng.random() < 0.1:
            parts.append(f"kg:topic ent:{rng.choice(entities)}")
        n_ev = rng.choice((1, 1, 1, 2, 2, 3))
        evidence = [f"evid:v{ev_id + k:08d}" for k in range(n_ev)]
        parts.append("prov:wasDerivedFrom " + ", ".join(evidence))
        parts.append(f"kg:supportingSentences {n_ev}")
        out.append(" ;\n    ".join(parts) + " .\n")
        if modality == "asserted" or definition.kind == "static":
            out.append(f"ent:{subj} kg:{rel} ent:{obj} .\n")
        for ev in evidence:
            ev_id += 1
            words = rng.choices(WORDS_AR, k=rng.randint(8, 25))
            if rng.random() < 0.03:
                words.insert(rng.randrange(len(words)), "إدلب")
            sentence = " ".join(words) + "."
            out.append(
                f"{ev} kg:document doc:d{rng.randrange(n_docs):07d} ;"
                f" kg:sentence {_lit(sentence)}@ar ; kg:trigger {_lit(rng.choice(WORDS_AR))}@ar ;"
                f' kg:confidence "{rng.random():.2f}"^^xsd:decimal .\n'
            )
    return "".join(out)


def _timed(fn):
    gc.collect()
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


# A single query can take minutes (rdflib's evaluator on joins; also
# pyoxigraph on some shapes), and a Python thread cannot be stopped. So every
# query, on both engines, runs in a forked child that shares the loaded
# store/graph copy-on-write, and is killed when it exceeds --timeout.
_STORE = None
_RDFLIB_GRAPH: rdflib.Graph | None = None


def _count_oxigraph(text: str) -> int:
    return len(run_query(_STORE, text).rows)


def _count_rdflib(text: str) -> int:
    return len(list(_RDFLIB_GRAPH.query(text, initNs=dict(PREFIXES))))






_OPTIONAL_LINE = re.compile(r"^[ \t]*OPTIONAL \{[^{}]*\}[ \t]*\n", re.M)


def optional_last(query: str) -> str:
    """The same query with its one-line OPTIONAL blocks moved to the end of
    the WHERE block (after the required patterns and label joins)."""
    blocks = [m.group(0).strip() for m in _OPTIONAL_LINE.finditer(query)]
    if not blocks:
        return query
    query = _OPTIONAL_LINE.sub("", query)
    end = query.rindex("}")
    return query[:end] + "".join(f"  {b}\n" for b in blocks) + query[end:]


def bench_size(n: int, seed: int, queries: list[tuple[str, str]], tmp: Path, timeout: float,
               n_entities: int | None) -> tuple[list[tuple], bool]:
    global _STORE, _RDFLIB_GRAPH
    path = tmp / f"graph_{n}.ttl"
    t_gen, text = _timed(lambda: make_turtle(n, seed, n_entities))
    path.write_text(text, encoding="utf-8")
    size_mb = path.stat().st_size / 1e6
    del text

    rows: list[tuple] = []
    ok = True
    t_ox, _STORE = _timed(lambda: load_store(path))
    n_triples = len(_STORE)
    t_rl, _RDFLIB_GRAPH = _timed(lambda: rdflib.Graph().parse(path, format="turtle"))
    n_ent = n_entities or default_entities(n)
    print(f"\n## {n:,} statements, {n_ent:,} entities: {n_triples:,} triples, {size_mb:.1f} MB Turtle "
          f"(generated in {t_gen:.1f} s)", flush=True)
    if len(_RDFLIB_GRAPH) != n_triples:
        print(f"!! triple counts differ: pyoxigraph {n_triples}, rdflib {len(_RDFLIB_GRAPH)}")
        ok = False
    rows.append(("load", t_ox, t_rl, n_triples, len(_RDFLIB_GRAPH)))

    for name, text in queries:
        t_o, n_o = timed_call(_count_oxigraph, text, timeout=timeout)
        t_r, n_r = timed_call(_count_rdflib, text, timeout=timeout)
        rows.append((name, t_o, t_r, n_o, n_r))
        if n_o is not None and n_r is not None and n_o != n_r:
            ok = False
    _STORE = _RDFLIB_GRAPH = None
    gc.collect()
    return rows, ok


def _fmt_time(t: float, done: bool) -> str:
    return f"{t:.3f}" if done else f">{t:.0f}"


def print_table(rows: list[tuple]) -> None:
    print(f"| {'step':<24} | {'pyoxigraph s':>12} | {'rdflib s':>10} | {'rdflib/oxigraph':>15} | "
          f"{'rows ox':>8} | {'rows rdflib':>11} | same |")
    print(f"|{'-' * 26}|{'-' * 13}:|{'-' * 11}:|{'-' * 16}:|{'-' * 9}:|{'-' * 12}:|------|")
    for name, t_o, t_r, n_o, n_r in rows:
        if n_o is None and n_r is None:
            ratio = "both timed out"
        elif n_o is None:
            ratio = f"<{t_r / t_o:.2f}x"  # oxigraph took longer than t_o
        elif n_r is None:
            ratio = f">{t_r / t_o:.1f}x"
        else:
            ratio = f"{t_r / t_o:.1f}x"
        same = "n/a" if n_o is None or n_r is None else ("yes" if n_o == n_r else "NO")
        rows_o = "timeout" if n_o is None else f"{n_o:,}"
        rows_r = "timeout" if n_r is None else f"{n_r:,}"
        print(f"| {name:<24} | {_fmt_time(t_o, n_o is not None):>12} | {_fmt_time(t_r, n_r is not None):>10} | "
              f"{ratio:>15} | {rows_o:>8} | {rows_r:>11} | {same:<4} |")
    done = [r for r in rows[1:] if r[3] is not None and r[4] is not None]
    if done:
        tot_o, tot_r = sum(r[1] for r in done), sum(r[2] for r in done)
        print(f"| {f'sum, {len(done)} finished by both':<24} | {tot_o:>12.3f} | {tot_r:>10.3f} | "
              f"{f'{tot_r / tot_o:.1f}x':>15} | {'':>8} | {'':>11} |      |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000],
                        help="numbers of kg:Statement nodes (default: 10000 100000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries", type=Path, default=QUERY_DIR, help="directory of .rq files")
    parser.add_argument("--timeout", type=float, default=5.0,
                        help="seconds allowed per query and engine; slower ones are stopped and shown "
                             "as '>' (default: 5)")
    parser.add_argument("--entities", type=int, default=None,
                        help="number of entities (default: statements/20, at least 50, at most 1251 = "
                             "the size of kg's gazetteer)")
    parser.add_argument("--optional-last", action="store_true",
                        help="run each query with its OPTIONAL lines moved after the required patterns "
                             "(same results; shows the effect of pattern order)")
    args = parser.parse_args(argv)

    files = sorted(args.queries.glob("*.rq"))
    if not files:
        parser.error(f"no .rq files in {args.queries}")
    queries = [(f.stem, f.read_text(encoding="utf-8")) for f in files]
    if args.optional_last:
        queries = [(name + "*", optional_last(text)) for name, text in queries]
    print(f"# SPARQL: pyoxigraph {__import__('pyoxigraph').__version__} (kg.query) vs "
          f"rdflib {rdflib.__version__} memory store; seed {args.seed}; {len(queries)} queries; "
          f"queries stopped after {args.timeout:g} s"
          + ("; * = OPTIONALs moved last" if args.optional_last else ""))
    all_ok = True
    with tempfile.TemporaryDirectory(prefix="kg-bench-query-") as tmp:
        for n in args.sizes:
            rows, ok = bench_size(n, args.seed, queries, Path(tmp), args.timeout, args.entities)
            print_table(rows)
            all_ok &= ok
    if not all_ok:
        print("\n!! row counts differ between engines (see 'same' column)")
        return 1
    print("\nrow counts agree wherever both engines finished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
