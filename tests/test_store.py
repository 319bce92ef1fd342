"""kg/store: builds into a persistent store, skipping unchanged articles,
replacing changed ones and removing articles, checked against a plain
in-memory build of the same articles (the graphs must be isomorphic)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.export.triples import iter_records
from kg.graph import build_rdf, merge_statements
from kg.namespaces import KG
from kg.pipeline import DEFAULT_ENTITY_EXTRACTORS, DEFAULT_RELATION_EXTRACTORS
from kg.reader import find_article_files, read_articles
from kg.store import KgStore
from kg.store.build import build_store, remove_documents
from kg.store.terms import rdflib_graph

from conftest import SEEDS

SEED_A = "000_c20a2a638c888c93.txt"
SEED_B = "002_a7c6e613c5bcb955.txt"


def expected_graph(folder: Path, pipeline, gazetteer, relations) -> tuple[Graph, list]:
    """What a plain `kg build` makes of the folder (in memory)."""
    results = [pipeline(a) for a in read_articles(find_article_files(folder))]
    statements = merge_statements(results, relations)
    return build_rdf(results, statements, gazetteer, relations), results


def assert_same_graph(got: Graph, want: Graph) -> None:
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        lines = [f"store only: {t}" for t in sorted(only_got)[:8]] + [f"plain only: {t}" for t in sorted(only_want)[:8]]
        pytest.fail("store graph differs from the plain build:\n" + "\n".join(lines))


def store_graph(store_dir: Path) -> Graph:
    with KgStore(store_dir) as store:
        return rdflib_graph(store.merged_triples())


def run_build(folder: Path, store_dir: Path, out: Path | None, pipeline):
    return build_store(folder, store_dir, DEFAULT_ENTITY_EXTRACTORS, DEFAULT_RELATION_EXTRACTORS, out, html=False,
                       title="t", pipeline=pipeline)


@pytest.fixture()
def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder


def test_store_build_equals_plain_build(seeds_copy, tmp_path, pipeline, gazetteer, relations):
    out = tmp_path / "out"
    report = run_build(seeds_copy, tmp_path / "db", out, pipeline)
    assert (sorted(report.added), report.replaced, report.unchanged) == ([SEED_A, SEED_B], [], [])
    want, results = expected_graph(seeds_copy, pipeline, gazetteer, relations)
    assert_same_graph(store_graph(tmp_path / "db"), want)
    assert_same_graph(Graph().parse(out / "graph.ttl"), want)
    lines = (out / "triples.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(list(iter_records(results, gazetteer))) > 0


def test_second_build_changes_nothing(seeds_copy, tmp_path, pipeline):
    out = tmp_path / "out"
    run_build(seeds_copy, tmp_path / "db", out, pipeline)
    first = {name: (out / name).read_bytes() for name in ("graph.ttl", "triples.jsonl", "events.jsonl")}
    with KgStore(tmp_path / "db") as store:
        quads_before = sorted(str(q) for q in store.all_quads())

    class NoPipeline:
        def __call__(self, article):
            raise AssertionError(f"pipeline ran on unchanged {article.doc_id}")

    report = run_build(seeds_copy, tmp_path / "db", out, NoPipeline())
    assert (report.added, report.replaced, sorted(report.unchanged)) == ([], [], [SEED_A, SEED_B])
    assert {name: (out / name).read_bytes() for name in first} == first  # byte-identical
    with KgStore(tmp_path / "db") as store:
        assert sorted(str(q) for q in store.all_quads()) == quads_before


def test_changed_article_replaces_its_contribution(seeds_copy, tmp_path, pipeline, gazetteer, relations):
    run_build(seeds_copy, tmp_path / "db", None, pipeline)
    path = seeds_copy / SEED_A
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")  # the article is corrected: half of it goes
    report = run_build(seeds_copy, tmp_path / "db", tmp_path / "out", pipeline)
    assert (report.added, report.replaced, report.unchanged) == ([], [SEED_A], [SEED_B])
    want, _ = expected_graph(seeds_copy, pipeline, gazetteer, relations)
    got = store_graph(tmp_path / "db")
    assert_same_graph(got, want)
    full, _ = expected_graph(SEEDS, pipeline, gazetteer, relations)
    assert len(got) < len(full)


def test_remove_takes_out_unsupported_statements_and_recounts(seeds_copy, tmp_path, pipeline, gazetteer, relations):
    run_build(seeds_copy, tmp_path / "db", None, pipeline)
    both = store_graph(tmp_path / "db")
    removed, left = remove_documents(tmp_path / "db", (SEED_A,), tmp_path / "out", html=False)
    assert (removed, left) == ([SEED_A], 1)
    (seeds_copy / SEED_A).unlink()
    want, _ = expected_graph(seeds_copy, pipeline, gazetteer, relations)
    got = store_graph(tmp_path / "db")
    assert_same_graph(got, want)
    assert_same_graph(Graph().parse(tmp_path / "out" / "graph.ttl"), want)
    # a statement both articles supported is still there with one document fewer
    shared = [s for s in both.subjects(KG.supportingDocuments, None) if int(both.value(s, KG.supportingDocuments)) == 2]
    assert shared, "the seeds share no statement: pick another check"
    assert all(int(got.value(s, KG.supportingDocuments)) == 1 for s in shared)
    with KgStore(tmp_path / "db") as store:
        assert [r.doc_id for r in store.documents()] == [SEED_B]


def test_incremental_merged_graph_equals_a_rebuild(seeds_copy, tmp_path, pipeline):
    run_build(seeds_copy, tmp_path / "db", None, pipeline)
    remove_documents(tmp_path / "db", (SEED_B,), None, html=False)
    run_build(seeds_copy, tmp_path / "db", None, pipeline)  # B comes back after A: order must not matter
    with KgStore(tmp_path / "db") as store:
        incremental = sorted(str(t) for t in store.merged_triples())
    with KgStore(tmp_path / "db", write=True) as store:
        store.begin()
        store.rebuild()
        store.commit()
        rebuilt = sorted(str(t) for t in store.merged_triples())
    assert incremental == rebuilt


def test_interrupted_write_is_repaired(seeds_copy, tmp_path, pipeline, gazetteer, relations):
    run_build(seeds_copy, tmp_path / "db", None, pipeline)
    with KgStore(tmp_path / "db", write=True) as store:  # dies half-way through replacing SEED_A
        store.begin()
        record = store.document(SEED_A)
        import pyoxigraph as ox

        store.rdf.remove_graph(ox.NamedNode(record.graph))
    with KgStore(tmp_path / "db", write=True) as store:  # the next writer repairs
        assert [r.doc_id for r in store.documents()] == [SEED_B]
        assert store.index.get_meta("dirty") == "0"
    report = run_build(seeds_copy, tmp_path / "db", None, pipeline)
    assert (report.added, report.unchanged) == ([SEED_A], [SEED_B])
    want, _ = expected_graph(seeds_copy, pipeline, gazetteer, relations)
    assert_same_graph(store_graph(tmp_path / "db"), want)


def test_cli_build_and_remove(kg, one_line_error, tmp_path):
    db, out = tmp_path / "db", tmp_path / "out"
    run = kg("build", SEEDS / SEED_B, "--store", db, "-o", out, "--no-html")
    assert run.returncode == 0, run.describe()
    assert "1 added, 0 replaced, 0 unchanged; 1 documents in the store" in run.stderr
    assert (out / "graph.ttl").is_file() and not (out / "graph.html").exists()
    line = one_line_error(kg("remove", "--store", db, "no-such-doc"))
    assert "no document 'no-such-doc'" in line
    run = kg("remove", "--store", db, SEED_B)
    assert run.returncode == 0 and "1 document(s); 0 left" in run.stderr, run.describe()


def test_store_errors_are_one_line(kg, one_line_error, tmp_path):
    (tmp_path / "notastore").mkdir()
    (tmp_path / "notastore" / "x.txt").write_text("x", encoding="utf-8")
    assert "not a kg store" in one_line_error(kg("build", SEEDS, "--store", tmp_path / "notastore", "-o", tmp_path / "out"))
    assert "no kg store here" in one_line_error(kg("remove", "--store", tmp_path / "missing", "doc"))
    assert "no kg store here" in one_line_error(kg("query", "--store", tmp_path / "missing", "ASK {}"))


def test_one_writer_at_a_time(kg, one_line_error, tmp_path, seeds_copy, pipeline):
    run_build(seeds_copy, tmp_path / "db", None, pipeline)
    with KgStore(tmp_path / "db", write=True):
        line = one_line_error(kg("remove", "--store", tmp_path / "db", SEED_A))
        assert "store is busy" in line
        assert "store is busy" in one_line_error(kg("query", "--store", tmp_path / "db", "ASK {}"))
    with KgStore(tmp_path / "db"):  # readers share
        run = kg("query", "--store", tmp_path / "db", "ASK { ?s ?p ?o }")
        assert run.returncode == 0 and run.stdout.strip() == "yes", run.describe()


def test_another_pipeline_replaces_every_article(seeds_copy, tmp_path, pipeline):
    run_build(seeds_copy, tmp_path / "db", None, pipeline)
    report = build_store(seeds_copy, tmp_path / "db", ("gazetteer",), DEFAULT_RELATION_EXTRACTORS, None, html=False,
                         title="t")
    assert (report.added, sorted(report.replaced), report.unchanged) == ([], [SEED_A, SEED_B], [])


def test_viewer_graph_from_the_store_matches_the_plain_one(seeds_copy, tmp_path, pipeline, gazetteer, relations):
    """graph.html written from a store gets the same nodes and edges as a plain build's."""
    from kg.export.view import statement_view
    from kg.graph import build_networkx

    run_build(seeds_copy, tmp_path / "db", None, pipeline)
    results = [pipeline(a) for a in read_articles(find_article_files(seeds_copy))]
    plain = build_networkx(merge_statements(results, relations), gazetteer, relations)
    with KgStore(tmp_path / "db") as store:
        view = statement_view(store.rdf)

    def edges(graph):
        return sorted((u, v, d["relation"], d["label_ar"], tuple(sorted(d["sentences"])), tuple(d["docs"]),
                       tuple(d["dates"]), d["modality"], d["confidence"], d["count"])
                      for u, v, d in graph.edges(data=True))

    assert edges(view) == edges(plain)
    assert {n: (d["label"], d["label_ar"], d["type"]) for n, d in view.nodes(data=True)} == \
        {n: (d["label"], d["label_ar"], d["type"]) for n, d in plain.nodes(data=True)}
