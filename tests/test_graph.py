"""kg.graph: merging extracted relations into statements, the RDF graph and the networkx view."""

from __future__ import annotations

import datetime as dt

import pytest
import rdflib.namespace as ns
from rdflib import Literal

from kg.graph import build_networkx, build_rdf, doc_iri, merge_statements
from kg.namespaces import ENT, KG
from kg.reader import article_from_text

DATE = dt.date(2020, 2, 8)


@pytest.fixture(scope="module")
def make(pipeline, gazetteer, relations):
    """make(*texts) → (results, statements, rdf graph, networkx view)."""

    def build(*texts: str, date: dt.date | None = DATE):
        results = [pipeline(article_from_text(f"doc{i}.txt", text, metadata_date=date))
                   for i, text in enumerate(texts)]
        statements = merge_statements(results, relations)
        graph = build_rdf(results, statements, gazetteer, relations)
        view = build_networkx(statements, gazetteer, relations)
        return results, statements, graph, view

    return build


def _only(statements, relation):
    found = [s for s in statements if s.relation == relation]
    assert len(found) == 1, [(s.subject_id, s.relation, s.object_id, s.modality) for s in statements]
    return found[0]


def _int(graph, subject, predicate) -> int:
    value = graph.value(subject, predicate)
    assert value is not None, (subject, predicate)
    return int(value.toPython())


def test_pipeline_extracts_small_text(pipeline):
    result = pipeline(article_from_text("d", "روسيا تنسق مع تركيا."))
    assert [(m.subject_id, m.relation, m.object_id) for m in result.relations] == [
        ("russia", "coordinates_with", "turkey")]


def test_same_relation_in_two_sentences_merges(make):
    results, statements, graph, _ = make("روسيا تنسق مع تركيا.\nروسيا تنسق مع تركيا في إدلب.")
    assert len(results[0].relations) == 2
    st = _only(statements, "coordinates_with")
    assert len(st.sources) == 2
    assert st.documents == ["doc0.txt"]
    assert _int(graph, st.iri, KG.supportingSentences) == 2
    assert _int(graph, st.iri, KG.supportingDocuments) == 1
    assert len(list(graph.objects(st.iri, ns.PROV.wasDerivedFrom))) == 2


def test_same_relation_in_two_documents_merges(make):
    _, statements, graph, _ = make("روسيا تنسق مع تركيا.", "روسيا تنسق مع تركيا في إدلب.")
    st = _only(statements, "coordinates_with")
    assert len(st.sources) == 2
    assert st.documents == ["doc0.txt", "doc1.txt"]
    assert _int(graph, st.iri, KG.supportingSentences) == 2
    assert _int(graph, st.iri, KG.supportingDocuments) == 2
    docs = {graph.value(ev, KG.document) for ev in graph.objects(st.iri, ns.PROV.wasDerivedFrom)}
    assert docs == {doc_iri("doc0.txt"), doc_iri("doc1.txt")}
    # independent reports raise confidence (noisy-or)
    assert st.confidence > max(m.confidence for _, m in st.sources)


def test_symmetric_relation_both_directions_merges(make):
    _, statements, graph, view = make("روسيا تنسق مع تركيا.", "تركيا تنسق مع روسيا.")
    st = _only(statements, "coordinates_with")
    assert len(st.sources) == 2
    assert {(m.subject_id, m.object_id) for _, m in st.sources} == {("russia", "turkey"), ("turkey", "russia")}
    assert _int(graph, st.iri, KG.supportingSentences) == 2
    assert len(list(graph.subjects(ns.RDF.type, KG.Statement))) == 1
    # direct edges both ways
    assert (ENT.russia, KG.coordinates_with, ENT.turkey) in graph
    assert (ENT.turkey, KG.coordinates_with, ENT.russia) in graph
    assert view.number_of_edges() == 1


def test_asymmetric_relation_directions_stay_apart(make):
    _, statements, graph, _ = make("هددت تركيا روسيا.", "هددت روسيا تركيا.")
    threats = [s for s in statements if s.relation == "threatens"]
    assert {(s.subject_id, s.object_id) for s in threats} == {("turkey", "russia"), ("russia", "turkey")}
    assert all(len(s.sources) == 1 for s in threats)


def test_statement_reification_and_provenance(make):
    text = "هددت تركيا روسيا."
    results, statements, graph, _ = make(text)
    st = _only(statements, "threatens")
    node = st.iri
    assert (node, ns.RDF.type, KG.Statement) in graph
    assert (node, ns.RDF.type, KG.Event) in graph
    assert graph.value(node, ns.RDF.subject) == ENT.turkey
    assert graph.value(node, ns.RDF.predicate) == KG.threatens
    assert graph.value(node, ns.RDF.object) == ENT.russia
    assert graph.value(node, KG.modality) == Literal("asserted")
    assert graph.value(node, KG.date) == Literal("2020-02-08", datatype=ns.XSD.date)
    (evidence,) = list(graph.objects(node, ns.PROV.wasDerivedFrom))
    assert (evidence, ns.RDF.type, KG.Evidence) in graph
    assert graph.value(evidence, KG.document) == doc_iri("doc0.txt")
    assert (doc_iri("doc0.txt"), KG.docId, Literal("doc0.txt")) in graph
    assert str(graph.value(evidence, KG.sentence)) == text
    mention = results[0].relations[0]
    for prefix, span in (("trigger", mention.trigger), ("subject", mention.subject), ("object", mention.object)):
        start = _int(graph, evidence, KG[f"{prefix}Start"])
        end = _int(graph, evidence, KG[f"{prefix}End"])
        assert (start, end) == (span.start, span.end)
        assert text[start:end] == span.text
    assert text[_int(graph, evidence, KG.sentenceStart):_int(graph, evidence, KG.sentenceEnd)] == text
    assert str(graph.value(evidence, KG.trigger)) == "هددت"
    assert str(graph.value(evidence, KG.extractor)) == mention.extractor


def test_direct_edge_for_asserted_relation(make):
    _, _, graph, _ = make("هددت تركيا روسيا.")
    assert (ENT.turkey, KG.threatens, ENT.russia) in graph
    assert (ENT.russia, KG.threatens, ENT.turkey) not in graph  # not symmetric


def test_no_direct_edge_for_possible_relation(make):
    _, statements, graph, view = make("قد تهدد تركيا روسيا.")
    st = _only(statements, "threatens")
    assert st.modality == "possible"
    assert graph.value(st.iri, KG.modality) == Literal("possible")
    assert (ENT.turkey, KG.threatens, ENT.russia) not in graph
    assert view.has_edge("turkey", "russia", key="threatens (possible)")


def test_modalities_do_not_merge(make):
    _, statements, _, _ = make("هددت تركيا روسيا.", "قد تهدد تركيا روسيا.")
    threats = sorted((s.modality, len(s.sources)) for s in statements if s.relation == "threatens")
    assert threats == [("asserted", 1), ("possible", 1)]


def test_entities_typed_and_labelled(make):
    _, _, graph, _ = make("روسيا تنسق مع تركيا.")
    labels = {(str(o), o.language) for o in graph.objects(ENT.russia, ns.RDFS.label)}
    assert ("Russia", "en") in labels and ("روسيا", "ar") in labels
    assert (ENT.russia, ns.RDF.type, KG.Country) in graph


def test_networkx_view(make, gazetteer):
    _, statements, _, view = make("روسيا تنسق مع تركيا.\nروسيا تنسق مع تركيا في إدلب.", "هددت تركيا روسيا.")
    assert {"russia", "turkey"} <= set(view.nodes)
    for node in ("russia", "turkey"):
        attrs = view.nodes[node]
        entity = gazetteer.entity(node)
        assert attrs["label"] == entity.label
        assert attrs["label_ar"] == entity.label_ar
        assert attrs["type"] == entity.type == "Country"
    coord = view.get_edge_data("russia", "turkey", key="coordinates_with")
    assert coord is not None, list(view.edges(keys=True))
    assert coord["relation"] == "coordinates_with"
    assert coord["sentences"] == ["روسيا تنسق مع تركيا.", "روسيا تنسق مع تركيا في إدلب."]
    assert coord["count"] == 2
    threat = view.get_edge_data("turkey", "russia", key="threatens")
    assert threat["relation"] == "threatens" and threat["sentences"] == ["هددت تركيا روسيا."]
    assert view.number_of_edges() == len(statements)


def test_merge_order_is_stable(make):
    _, first, _, _ = make("هددت تركيا روسيا.", "روسيا تنسق مع تركيا.")
    _, second, _, _ = make("روسيا تنسق مع تركيا.", "هددت تركيا روسيا.")
    assert [s.key for s in first] == [s.key for s in second] == sorted(s.key for s in first)
