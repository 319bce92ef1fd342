"""Relation definitions, read from `ontology/kg.ttl` (their single source).

The extractors use them to check argument types, the evaluation to know
which relations are symmetric and which names exist, the exports for labels
and PLOVER/CAMEO codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import KgError
from kg.model import Mention
from kg.namespaces import KG
from kg.ontology_data import ontology_dir

ACTOR_TYPES = frozenset({"Country", "Person", "Organization", "ArmedGroup", "Group"})
KINDS = {KG.EventRelation: "event", KG.StateRelation: "state", KG.StaticRelation: "static"}


@dataclass(frozen=True)
class RelationDef:
    name: str
    kind: str  # event | state | static
    symmetric: bool
    label_en: str
    label_ar: str
    plover: str
    cameo: str
    subject_types: frozenset[str]
    object_types: frozenset[str]
    standalone: bool = False  # recorded even with no side named (kg:standalone)


CAPITAL_AS_STATE = frozenset({"CONSULT"})  # PLOVER types whose place slot takes a capital as its state


def side_id(definition: RelationDef, mention: Mention, types: frozenset[str]) -> str:
    """The node one side of a relation names. A place stays a place where the
    slot takes one (قصف إدلب، located_in إدلب); otherwise it is the actor the
    words stand for (أنقرة → Turkey). In a diplomatic exchange (PLOVER
    CONSULT: visits) a capital stands for its state, as CAMEO codes the
    target of 042 "make a visit" (زار طهران → Iran); a city that is no
    capital (زار الموصل) stays a place."""
    if mention.type == "Place" and "Place" in types:
        stands_for = mention.actor_id
        if definition.plover in CAPITAL_AS_STATE and stands_for and stands_for != mention.entity_id:
            return stands_for
        return mention.entity_id
    return mention.actor_id or mention.entity_id


def _expand(types: set[str]) -> frozenset[str]:
    """Class names accepted for an argument; kg:Actor stands for its subclasses."""
    out = set(types)
    if "Actor" in out:
        out |= ACTOR_TYPES
    return frozenset(out)


@dataclass(frozen=True)
class RelationCatalog:
    relations: dict[str, RelationDef]
    vocabulary: rdflib.Graph

    @property
    def symmetric(self) -> set[str]:
        return {name for name, r in self.relations.items() if r.symmetric}

    def accepts(self, relation: str, subject_type: str, object_type: str) -> bool:
        """Do these argument types fit the relation's declared types?"""
        definition = self.relations[relation]
        return subject_type in definition.subject_types and object_type in definition.object_types


def _literal(graph: rdflib.Graph, subject: rdflib.term.Node, predicate: rdflib.term.Node, lang: str | None = None) -> str:
    for value in graph.objects(subject, predicate):
        if lang is None or getattr(value, "language", None) == lang:
            return str(value)
    return ""


@lru_cache(maxsize=None)
def load_relations() -> RelationCatalog:
    """Every relation declared in kg.ttl."""
    path = ontology_dir() / "kg.ttl"
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser-specific types
        raise KgError(f"cannot read ontology {path}: {exc}") from exc
    relations: dict[str, RelationDef] = {}
    for kind_class, kind in KINDS.items():
        for prop in graph.subjects(RDF.type, kind_class):
            name = str(prop).split("#")[-1]
            relations[name] = RelationDef(
                name=name,
                kind=kind,
                symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
                label_en=_literal(graph, prop, RDFS.label, "en"),
                label_ar=_literal(graph, prop, RDFS.label, "ar"),
                plover=_literal(graph, prop, KG.plover),
                cameo=_literal(graph, prop, KG.cameo),
                subject_types=_expand({str(t).split("#")[-1] for t in graph.objects(prop, KG.subjectType)}),
                object_types=_expand({str(t).split("#")[-1] for t in graph.objects(prop, KG.objectType)}),
                standalone=any(bool(v.toPython()) for v in graph.objects(prop, KG.standalone)),
            )
    return RelationCatalog(relations, graph)
