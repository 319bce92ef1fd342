"""kg export: all seven formats, from a store and from an out folder, each read
back by its standard reader (rdflib for RDF, networkx and csv for the
property-graph formats) and compared with the graph it came from."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.export.view import SCALAR_EDGE_ATTRS, SCALAR_NODE_ATTRS, scalar_view, statement_view
from kg.pipeline import DEFAULT_ENTITY_EXTRACTORS, DEFAULT_RELATION_EXTRACTORS
from kg.query import load_store
from kg.store import KgStore
from kg.store.build import build_store
from kg.store.contribution import DOC_GRAPH_PREFIX, VOCABULARY_GRAPH
from kg.store.terms import rdflib_graph

from conftest import SEEDS

FORMATS = ["ttl", "nt", "nq", "jsonld", "graphml", "gexf", "csv"]


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline) -> Path:
    db = tmp_path_factory.mktemp("export") / "db"
    build_store(SEEDS, db, DEFAULT_ENTITY_EXTRACTORS, DEFAULT_RELATION_EXTRACTORS, None, html=False, title="t",
                pipeline=pipeline)
    return db


@pytest.fixture(scope="module")
def merged(store) -> Graph:
    with KgStore(store) as s:
        return rdflib_graph(s.merged_triples())


@pytest.fixture(scope="module")
def expected_view(store) -> nx.MultiDiGraph:
    with KgStore(store) as s:
        return scalar_view(statement_view(s.rdf))


def export(kg_fast, store: Path, fmt: str, target: Path) -> Path:
    run = kg_fast("export", "--store", store, "--format", fmt, "-o", target)
    assert run.returncode == 0, run.describe()
    return target


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser
@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_formats_round_trip(kg_fast, store, merged, tmp_path, fmt, rdflib_format):
    path = export(kg_fast, store, fmt, tmp_path / f"graph.{fmt}")
    assert isomorphic(Graph().parse(path, format=rdflib_format), merged)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own N-Quads parser, not kg
def test_nquads_round_trip_with_named_graphs(kg_fast, store, merged, tmp_path):
    path = export(kg_fast, store, "nq", tmp_path / "graph.nq")
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    assert isomorphic(Graph() + dataset.default_graph, merged)
    names = {str(g.identifier) for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier}
    docs = sorted(n for n in names if n.startswith(DOC_GRAPH_PREFIX))
    assert len(docs) == 2 and VOCABULARY_GRAPH.value in names
    with KgStore(store) as s:
        for record in s.documents():
            stored = rdflib_graph(s.graph_triples(__import__("pyoxigraph").NamedNode(record.graph)))
            assert isomorphic(Graph() + dataset.graph(URIRef(record.graph)), stored)


def _assert_same_view(got: nx.MultiDiGraph, want: nx.MultiDiGraph) -> None:
    assert dict(got.nodes(data=True)) == dict(want.nodes(data=True))
    got_edges = {k: (u, v, {a: d[a] for a in SCALAR_EDGE_ATTRS}) for u, v, k, d in got.edges(keys=True, data=True)}
    want_edges = {k: (u, v, dict(d)) for u, v, k, d in want.edges(keys=True, data=True)}
    assert got_edges == want_edges


def test_graphml_round_trip(kg_fast, store, expected_view, tmp_path):
    path = export(kg_fast, store, "graphml", tmp_path / "graph.graphml")
    _assert_same_view(nx.read_graphml(path, force_multigraph=True), expected_view)


def test_gexf_round_trip(kg_fast, store, expected_view, tmp_path):
    path = export(kg_fast, store, "gexf", tmp_path / "graph.gexf")
    got = nx.read_gexf(path)
    # GEXF keeps the networkx key as an edge attribute; read_gexf names edges by it
    _assert_same_view(got, expected_view)


def test_csv_round_trip(kg_fast, store, expected_view, tmp_path):
    folder = export(kg_fast, store, "csv", tmp_path / "tables")
    ints, floats = {"degree", "support", "documents"}, {"confidence"}

    def typed(row: dict[str, str]) -> dict:
        return {k: int(v) if k in ints else float(v) if k in floats else v for k, v in row.items()}

    got = nx.MultiDiGraph()
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            row = typed(row)
            got.add_node(row.pop("id"), **row)
    with (folder / "edges.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            row = typed(row)
            key, u, v = row.pop("id"), row.pop("source"), row.pop("target")
            got.add_edge(u, v, key=key, statement=key, **row)
    assert set(SCALAR_NODE_ATTRS) <= set(next(iter(got.nodes(data=True)))[1])
    _assert_same_view(got, expected_view)


def test_view_carries_what_gephi_needs(expected_view):
    turkey = expected_view.nodes["turkey"]
    assert (turkey["label"], turkey["label_ar"], turkey["type"], turkey["wikidata"]) == ("Turkey", "تركيا", "Country", "Q43")
    assert turkey["degree"] == expected_view.degree("turkey") > 0
    edge = next(d for _, _, d in expected_view.edges(data=True) if d["plover"])
    assert edge["support"] >= 1 and 0 < edge["confidence"] <= 1 and edge["first_date"] <= edge["last_date"]
    assert edge["cameo"] and edge["relation"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_are_byte_identical(kg_fast, store, tmp_path, fmt):
    first = export(kg_fast, store, fmt, tmp_path / "a")
    second = export(kg_fast, store, fmt, tmp_path / "b")
    files = ["nodes.csv", "edges.csv"] if fmt == "csv" else [""]
    for name in files:
        assert (first / name if name else first).read_bytes() == (second / name if name else second).read_bytes()


def test_export_from_out_folder(kg_fast, seeds_build, tmp_path):
    run = kg_fast("export", seeds_build.out, "--format", "nt", "-o", tmp_path / "g.nt")
    assert run.returncode == 0, run.describe()
    assert isomorphic(Graph().parse(tmp_path / "g.nt", format="nt"), Graph().parse(seeds_build.ttl))
    run = kg_fast("export", seeds_build.out, "--format", "graphml", "-o", tmp_path / "g.graphml")
    view = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert dict(view.nodes(data=True)) == dict(scalar_view(statement_view(load_store(seeds_build.ttl))).nodes(data=True))


def test_export_errors(kg, one_line_error, seeds_build, store, tmp_path):
    assert "not both or neither" in one_line_error(kg("export", "--format", "ttl", "-o", tmp_path / "x"))
    assert "not both or neither" in one_line_error(
        kg("export", seeds_build.out, "--store", store, "--format", "ttl", "-o", tmp_path / "x"))
    (tmp_path / "file").write_text("x")
    assert "not a folder" in one_line_error(kg("export", seeds_build.out, "--format", "csv", "-o", tmp_path / "file"))
    assert "no such graph file" in one_line_error(kg("export", tmp_path / "nothing", "--format", "nt", "-o", tmp_path / "y"))


def test_export_focus_writes_a_neighbourhood(kg_fast, kg, one_line_error, store, expected_view, tmp_path):
    """--focus Turkey --hops 1: Turkey and the actors one statement away, every
    statement among them and no other; the RDF formats refuse it."""
    run = kg_fast("export", "--store", store, "--format", "graphml", "-o", tmp_path / "t.graphml", "--focus", "تركيا",
                  "--hops", "1")
    assert run.returncode == 0, run.describe()
    got = nx.read_graphml(tmp_path / "t.graphml", force_multigraph=True)
    near = {"turkey"} | set(expected_view.predecessors("turkey")) | set(expected_view.successors("turkey"))
    assert set(got.nodes) == near and len(near) < expected_view.number_of_nodes()
    want = sum(1 for u, v in expected_view.edges() if u in near and v in near)
    assert got.number_of_edges() == want
    assert "entity formats" in one_line_error(kg("export", "--store", store, "--format", "ttl", "-o", tmp_path / "x",
                                                 "--focus", "Turkey"))
