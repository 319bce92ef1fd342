"""kg validate: the SHACL shapes accept the seeds' graph and catch each kind of damage."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF

from kg.namespaces import KG
from kg.validate import validate_graph


def test_seeds_graph_conforms(kg, seeds_build):
    run = kg("validate", seeds_build.ttl)
    assert run.returncode == 0, run.describe()
    assert "conforms to the kg shapes" in run.stdout


def test_validate_out_folder(kg_fast, seeds_build):
    run = kg_fast("validate", seeds_build.out)
    assert run.returncode == 0 and "conforms" in run.stdout, run.describe()


def _damage(graph: Graph, kind: str) -> None:
    statement = sorted(graph.subjects(RDF.type, KG.Statement))[0]
    if kind == "no evidence":
        graph.remove((statement, PROV.wasDerivedFrom, None))
    elif kind == "date not xsd:date":
        graph.add((statement, KG.date, Literal("2020-02-08")))
    elif kind == "no modality":
        graph.remove((statement, KG.modality, None))
    elif kind == "unknown modality":
        graph.remove((statement, KG.modality, None))
        graph.add((statement, KG.modality, Literal("rumoured")))
    elif kind == "no subject":
        graph.remove((statement, RDF.subject, None))
    elif kind == "confidence out of range":
        graph.remove((statement, KG.confidence, None))
        graph.add((statement, KG.confidence, Literal("1.5", datatype=Literal(1.5).datatype)))
    elif kind == "evidence without document":
        evidence = graph.value(statement, PROV.wasDerivedFrom)
        graph.remove((evidence, KG.document, None))
    elif kind == "evidence without offsets":
        evidence = graph.value(statement, PROV.wasDerivedFrom)
        graph.remove((evidence, KG.triggerStart, None))


KINDS = ["no evidence", "date not xsd:date", "no modality", "unknown modality", "no subject",
         "confidence out of range", "evidence without document", "evidence without offsets"]


@pytest.mark.parametrize("kind", KINDS)
def test_shapes_catch_damage(seeds_build, kind):
    graph = Graph().parse(seeds_build.ttl)
    assert validate_graph(graph).conforms
    _damage(graph, kind)
    report = validate_graph(graph)
    assert not report.conforms and report.violations, kind


def test_validate_cli_reports_and_fails(kg, one_line_error, seeds_build, tmp_path):
    graph = Graph().parse(seeds_build.ttl)
    _damage(graph, "no evidence")
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    run = kg("validate", path)
    line = one_line_error(run)
    assert "does not conform" in line
    assert "derived from at least one kg:Evidence" in run.stdout


def test_validate_needs_one_source(kg, one_line_error, seeds_build, tmp_path):
    assert "not both or neither" in one_line_error(kg("validate"))
    assert "no kg store here" in one_line_error(kg("validate", "--store", tmp_path / "nothing"))
