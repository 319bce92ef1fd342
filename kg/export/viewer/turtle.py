"""An out folder's graph.ttl → the viewer's graph (what `kg view` draws).

Reads the statement nodes and their evidence back with pyoxigraph (kg.query's
loader), so a page can be redrawn, or focused on one actor, without
rebuilding from the articles. Background links (kg:part_of without a
statement node) and events with a side missing have no edge in the view.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.export.viewer.model import Evidence
from kg.namespaces import ENT, KG, PREFIXES
from kg.query import load_store

_PREFIXES = {name: str(ns) for name, ns in PREFIXES.items()}

_ENTITIES = """
SELECT ?e ?type ?label ?label_ar WHERE {
  { SELECT DISTINCT ?e WHERE { ?st a kg:Statement . { ?st rdf:subject ?e } UNION { ?st rdf:object ?e } } }
  OPTIONAL { ?e a ?type . FILTER(STRSTARTS(STR(?type), STR(kg:))) }
  OPTIONAL { ?e rdfs:label ?label . FILTER(LANG(?label) = "en") }
  OPTIONAL { ?e rdfs:label ?label_ar . FILTER(LANG(?label_ar) = "ar") }
}"""

_STATEMENTS = """
SELECT ?st ?s ?p ?o ?modality ?confidence ?n ?label_ar WHERE {
  ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality ?modality .
  OPTIONAL { ?st kg:confidence ?confidence }
  OPTIONAL { ?st kg:supportingSentences ?n }
  OPTIONAL { ?p rdfs:label ?label_ar . FILTER(LANG(?label_ar) = "ar") }
}"""

_VALUES = """
SELECT ?st ?what ?value WHERE {
  ?st a kg:Statement .
  { ?st kg:date ?value . BIND("date" AS ?what) }
  UNION { ?st kg:deadline ?value . BIND("deadline" AS ?what) }
  UNION { ?st kg:place ?place . ?place rdfs:label ?value . FILTER(LANG(?value) = "en") BIND("place" AS ?what) }
}"""

_EVIDENCE = """
SELECT ?st ?sentence ?start ?doc_id ?title ?doc_date ?ts ?te ?ss ?se ?os ?oe ?confidence WHERE {
  ?st a kg:Statement ; prov:wasDerivedFrom ?ev .
  ?ev kg:sentence ?sentence ; kg:sentenceStart ?start .
  OPTIONAL { ?ev kg:document ?doc . OPTIONAL { ?doc kg:docId ?doc_id } OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc kg:articleDate ?doc_date } }
  OPTIONAL { ?ev kg:triggerStart ?ts ; kg:triggerEnd ?te }
  OPTIONAL { ?ev kg:subjectStart ?ss ; kg:subjectEnd ?se }
  OPTIONAL { ?ev kg:objectStart ?os ; kg:objectEnd ?oe }
  OPTIONAL { ?ev kg:confidence ?confidence }
}"""


def _value(term: object) -> str:
    return "" if term is None else term.value  # type: ignore[attr-defined]


def _local(term: object, namespace: str) -> str:
    value = _value(term)
    return value[len(namespace):] if value.startswith(namespace) else value


def _span(start: object, end: object, base: int) -> tuple[int, int] | None:
    if start is None or end is None:
        return None
    return (int(_value(start)) - base, int(_value(end)) - base)


def _rows(store: ox.Store, query: str):
    return store.query(query, prefixes=_PREFIXES)


def read_viewer_graph(path: Path) -> nx.MultiDiGraph:
    """The statements of a kg graph.ttl as the viewer's multigraph."""
    store = load_store(path)
    ent, kg = str(ENT), str(KG)
    view = nx.MultiDiGraph()
    for row in _rows(store, _ENTITIES):
        node = _local(row["e"], ent)
        view.add_node(node, label=_value(row["label"]) or node, label_ar=_value(row["label_ar"]),
                      type=_local(row["type"], kg) or "Other")
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _rows(store, _VALUES):
        values[_value(row["st"])][_value(row["what"])].add(_value(row["value"]))
    evidence: dict[str, list[tuple]] = defaultdict(list)
    for row in _rows(store, _EVIDENCE):
        sentence, base = _value(row["sentence"]), int(_value(row["start"]))
        item = Evidence(
            sentence=sentence, doc_id=_value(row["doc_id"]), title=_value(row["title"]),
            doc_date=_value(row["doc_date"]), trigger=_span(row["ts"], row["te"], base),
            subject=_span(row["ss"], row["se"], base), object=_span(row["os"], row["oe"], base),
            confidence=float(_value(row["confidence"])) if row["confidence"] is not None else None)
        evidence[_value(row["st"])].append(item)
    for row in _rows(store, _STATEMENTS):
        st = _value(row["st"])
        relation, modality = _local(row["p"], kg), _value(row["modality"])
        items = sorted(set(evidence.get(st, [])), key=lambda e: (e.doc_id, e.sentence, e.trigger or (0, 0)))
        key = relation if modality == "asserted" else f"{relation} ({modality})"
        seen = values.get(st, {})
        view.add_edge(
            _local(row["s"], ent), _local(row["o"], ent), key=key, relation=relation,
            label_ar=_value(row["label_ar"]), modality=modality,
            confidence=float(_value(row["confidence"])) if row["confidence"] is not None else None,
            count=int(_value(row["n"])) if row["n"] is not None else len(items),
            dates=sorted(seen.get("date", ())), deadlines=sorted(seen.get("deadline", ())),
            places=sorted(seen.get("place", ())), docs=sorted({e.doc_id for e in items if e.doc_id}),
            evidence=items)
    return view
