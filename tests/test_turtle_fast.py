"""kg.export.turtle.FastTurtleSerializer writes the very bytes of rdflib's
Turtle serializer (graph.ttl must not change with it: the store and the dask
engine write theirs with rdflib)."""

from __future__ import annotations

from decimal import Decimal

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib import namespace as rdf_namespaces

from kg.export.turtle import TripleSet, turtle_text
from kg.namespaces import ENT, KG, PREFIXES


def _tricky_graph() -> Graph:
    # not module-level names: pytest probes those, and XSD warns on unknown attributes
    RDF, RDFS, XSD = rdf_namespaces.RDF, rdf_namespaces.RDFS, rdf_namespaces.XSD
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    other = Namespace("http://example.org/unbound/")  # predicates here get a generated prefix
    node, shared = KG["s1"], BNode("shared")
    graph.add((RDFS.Class, RDF.type, RDFS.Class))
    graph.add((KG.Thing, RDF.type, RDFS.Class))
    graph.add((node, RDF.type, KG.Statement))
    graph.add((node, RDFS.label, Literal("line one\nline \"two\"", lang="ar")))
    graph.add((node, RDFS.label, Literal("روسيا", lang="ar")))
    graph.add((node, KG.confidence, Literal(Decimal("0.75"), datatype=XSD.decimal)))
    graph.add((node, KG.complete, Literal(False)))
    graph.add((node, KG["count"], Literal(3)))
    graph.add((node, KG.date, Literal("2015-01-02", datatype=XSD.date)))
    graph.add((node, other.says, other.thing))
    graph.add((node, KG.place, URIRef("http://example.org/ends.with.")))
    graph.add((node, KG.place, ENT["a(b)"]))
    for i in range(3):
        quantity = BNode(f"q{i}")
        graph.add((node, KG.quantity, quantity))
        graph.add((quantity, KG["count"], Literal(i)))
        graph.add((quantity, KG.unit, Literal("قتيل", lang="ar")))
    graph.add((node, KG.role, shared))
    graph.add((KG["s2"], KG.role, shared))
    graph.add((shared, RDFS.label, Literal("shared")))
    items = BNode("list")
    Collection(graph, items, [Literal(1), Literal(2)])
    graph.add((KG["s2"], KG.items, items))
    graph.add((BNode("top"), RDFS.comment, Literal("a blank node nobody points at")))
    return graph


def test_fast_serializer_writes_rdflibs_bytes_on_tricky_terms():
    graph = _tricky_graph()
    assert turtle_text(graph) == graph.serialize(format="turtle")


def test_fast_serializer_writes_rdflibs_bytes_on_a_built_graph(seeds_build):
    graph = Graph().parse(seeds_build.ttl)
    assert turtle_text(graph) == graph.serialize(format="turtle")
    assert seeds_build.ttl.read_text(encoding="utf-8") == turtle_text(graph)


def test_triple_set_serialises_as_the_rdflib_graph_holding_the_same_triples(seeds_build):
    for graph in (_tricky_graph(), Graph().parse(seeds_build.ttl)):
        namespaces = Graph()
        for prefix, namespace in PREFIXES.items():
            namespaces.bind(prefix, namespace)
        triples = TripleSet(namespaces)
        for triple in reversed(list(graph)):  # insertion order must not matter
            triples.add(triple)
        triples += list(graph)  # adding a triple twice keeps one
        assert len(triples) == len(graph)
        reference = Graph()
        for prefix, namespace in PREFIXES.items():
            reference.bind(prefix, namespace)
        reference += graph
        assert turtle_text(triples) == reference.serialize(format="turtle")
