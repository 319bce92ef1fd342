"""The graph as analysts' tools see it: entities as nodes, merged
statements as edges, read from RDF (a store's merged graph, or a graph.ttl
loaded into memory) with SPARQL. Feeds GraphML, GEXF, CSV and the HTML
viewer when the graph lives in a store.

Node attributes: label (English), label_ar, type, wikidata, degree.
Edge attributes: relation (with the modality when not asserted, as the HTML
viewer shows it), predicate, modality, label_ar, plover, cameo, support
(sentences), documents, confidence, first_date, last_date; and as lists for
the HTML viewer: dates, docs, sentences.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pyoxigraph as ox

from kg.namespaces import ENT, KG, PREFIXES

_PREFIXES = {name: str(ns) for name, ns in PREFIXES.items()}

EDGE_QUERY = """
SELECT ?st ?s ?p ?o ?modality ?confidence ?support ?documents ?plover ?cameo ?label_ar WHERE {
  ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality ?modality .
  OPTIONAL { ?st kg:confidence ?confidence }
  OPTIONAL { ?st kg:supportingSentences ?support }
  OPTIONAL { ?st kg:supportingDocuments ?documents }
  OPTIONAL { ?st kg:plover ?plover }
  OPTIONAL { ?st kg:cameo ?cameo }
  OPTIONAL { ?p rdfs:label ?label_ar . FILTER(lang(?label_ar) = "ar") }
}"""
DATE_QUERY = "SELECT ?st ?d WHERE { ?st a kg:Statement ; kg:date ?d }"
EVIDENCE_QUERY = """
SELECT ?st ?text ?start ?doc WHERE {
  ?st a kg:Statement ; prov:wasDerivedFrom ?ev . ?ev kg:sentence ?text ; kg:sentenceStart ?start ; kg:document ?d .
  ?d kg:docId ?doc }"""
NODE_QUERY = """
SELECT ?e ?type ?en ?ar ?same WHERE {
  ?e a ?type . FILTER(STRSTARTS(STR(?e), STR(ent:)) && STRSTARTS(STR(?type), STR(kg:)))
  OPTIONAL { ?e rdfs:label ?en . FILTER(lang(?en) = "en") }
  OPTIONAL { ?e rdfs:label ?ar . FILTER(lang(?ar) = "ar") }
  OPTIONAL { ?e owl:sameAs ?same . FILTER(STRSTARTS(STR(?same), STR(wd:))) }
}"""


def _local(iri: str, namespace: str) -> str:
    return iri[len(namespace):] if iri.startswith(namespace) else iri


def _value(term: object) -> str:
    return term.value if term is not None else ""  # type: ignore[attr-defined]


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(query, prefixes=_PREFIXES)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [{n: _value(s[n]) for n in names} for s in solutions]  # type: ignore[union-attr]


def statement_view(store: ox.Store) -> nx.MultiDiGraph:
    """Entities and merged statements of the store's default graph."""
    ent, kg = str(ENT), str(KG)
    dates: dict[str, list[str]] = defaultdict(list)
    for row in _rows(store, DATE_QUERY):
        dates[row["st"]].append(row["d"])
    evidence: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for row in _rows(store, EVIDENCE_QUERY):
        evidence[row["st"]].append((row["doc"], int(row["start"]), row["text"]))
    nodes: dict[str, dict[str, str]] = {}
    for row in _rows(store, NODE_QUERY):
        node = nodes.setdefault(_local(row["e"], ent), {})
        node.setdefault("label", row["en"])
        node.setdefault("label_ar", row["ar"])
        node["type"] = min(filter(None, (node.get("type"), _local(row["type"], kg))))
        node.setdefault("wikidata", _local(row["same"], str(PREFIXES["wd"])))
    view = nx.MultiDiGraph()
    for row in sorted(_rows(store, EDGE_QUERY), key=lambda r: r["st"]):
        subject, obj = _local(row["s"], ent), _local(row["o"], ent)
        for entity_id in (subject, obj):
            if entity_id not in view:
                attrs = nodes.get(entity_id, {})
                view.add_node(entity_id, label=attrs.get("label") or entity_id, label_ar=attrs.get("label_ar", ""),
                              type=attrs.get("type", ""), wikidata=attrs.get("wikidata", ""))
        relation = _local(row["p"], kg)
        key = relation if row["modality"] == "asserted" else f"{relation} ({row['modality']})"
        st_dates = sorted(set(dates.get(row["st"], [])))
        sources = sorted(set(evidence.get(row["st"], [])))
        sentences = list(dict.fromkeys(text for _, _, text in sources))
        statement = _local(row["st"], str(PREFIXES["stmt"]))
        view.add_edge(
            subject, obj, key=statement, statement=statement,
            relation=key, predicate=relation, modality=row["modality"], label_ar=row["label_ar"],
            plover=row["plover"], cameo=row["cameo"],
            support=int(row["support"] or 0), count=int(row["support"] or 0),
            documents=int(row["documents"] or 0),
            confidence=float(row["confidence"]) if row["confidence"] else None,
            first_date=st_dates[0] if st_dates else "", last_date=st_dates[-1] if st_dates else "",
            dates=st_dates, docs=sorted({doc for doc, _, _ in sources}), sentences=sentences,
        )
    for node, degree in view.degree():
        view.nodes[node]["degree"] = degree
    return view


SCALAR_NODE_ATTRS = ("label", "label_ar", "type", "wikidata", "degree")
SCALAR_EDGE_ATTRS = ("statement", "relation", "predicate", "modality", "plover", "cameo", "support", "documents",
                     "confidence", "first_date", "last_date")


def scalar_view(view: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The view with only the scalar attributes (GraphML, GEXF and CSV hold no lists)."""
    flat = nx.MultiDiGraph()
    for node, attrs in view.nodes(data=True):
        flat.add_node(node, **{k: attrs[k] for k in SCALAR_NODE_ATTRS})
    for u, v, key, attrs in view.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: (attrs[k] if attrs[k] is not None else 0.0) for k in SCALAR_EDGE_ATTRS})
    return flat
