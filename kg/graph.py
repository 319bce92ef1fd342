"""Merging extracted relations into statements, and the RDF graph of them.

Repeated reports of one relation (same subject, relation, object and
modality; either direction for symmetric relations) merge into one
statement that keeps every source sentence. Each statement is written both
as a direct edge (ent:russia kg:coordinates_with ent:turkey, for simple
SPARQL) and as a node carrying modality, dates, quantities, confidence and
PROV-O provenance.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.gazetteer import Gazetteer
from kg.model import DocResult, EventMention, Quantity, RelationMention
from kg.namespaces import DOC, ENT, EVID, KG, PREFIXES, STMT, WD
from kg.relations import RelationCatalog

if TYPE_CHECKING:
    from kg.export.turtle import TripleSet

StatementKey = tuple[str, str, str, str]
BACKGROUND_LINKS = {
    "part_of": KG.part_of,
    "located_in": KG.located_in,
    "capital_of": KG.capitalOf,
    "army_of": KG.armyOf,
    "government_of": KG.governmentOf,
}


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


@dataclass
class Statement:
    """One merged relation and everything that supports it."""

    subject_id: str  # as first reported (symmetric relations keep the text's direction)
    relation: str
    object_id: str
    modality: str
    key: StatementKey  # direction-free for symmetric relations
    sources: list[tuple[DocResult, RelationMention]] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return STMT[_digest(*self.key)]

    @property
    def confidence(self) -> float:
        """Noisy-or of the sources: independent reports raise confidence."""
        miss = 1.0
        for _, mention in self.sources:
            miss *= 1.0 - mention.confidence
        return round(1.0 - miss, 3)

    @property
    def dates(self) -> list[dt.date]:
        """The event's own dates, else the dates of the articles reporting it."""
        own = {m.date for _, m in self.sources if m.date}
        if own:
            return sorted(own)
        return sorted({d.article.date for d, _ in self.sources if d.article.date})

    @property
    def deadlines(self) -> list[dt.date]:
        return sorted({m.deadline for _, m in self.sources if m.deadline})

    @property
    def documents(self) -> list[str]:
        return sorted({d.article.doc_id for d, _ in self.sources})


def statement_key(mention: RelationMention, relations: RelationCatalog) -> StatementKey:
    subject, obj = mention.subject_id, mention.object_id
    if relations.relations[mention.relation].symmetric and obj < subject:
        subject, obj = obj, subject
    return (subject, mention.relation, obj, mention.modality)


class StatementMerger:
    """Relations grouped into statements as documents arrive, one document at
    a time (a streamed build never holds them all)."""

    def __init__(self, relations: RelationCatalog) -> None:
        self.relations = relations
        self.merged: dict[StatementKey, Statement] = {}

    def add(self, result: DocResult, holder: DocResult | None = None) -> None:
        """Add `result`'s relations; their sources point at `holder` (what
        the statements keep of the document, see `lean_document`), else at
        `result` itself."""
        source = result if holder is None else holder
        for mention in result.relations:
            key = statement_key(mention, self.relations)
            statement = self.merged.get(key)
            if statement is None:
                statement = self.merged[key] = Statement(
                    mention.subject_id, mention.relation, mention.object_id, mention.modality, key)
            statement.sources.append((source, mention))

    def statements(self) -> list[Statement]:
        """The statements, in a stable order (by key)."""
        return [self.merged[k] for k in sorted(self.merged)]


def lean_document(result: DocResult) -> DocResult:
    """What a statement needs of its document: the article without its text
    and only the sentences its relations come from (the others are None), so
    that merged statements do not keep the corpus alive."""
    used = {mention.sentence for mention in result.relations}
    sentences = [s if i in used else None for i, s in enumerate(result.sentences)]
    return DocResult(dataclasses.replace(result.article, text=""), sentences)  # type: ignore[arg-type]


def merge_statements(results: list[DocResult], relations: RelationCatalog) -> list[Statement]:
    """Group every extracted relation into statements, in a stable order."""
    merger = StatementMerger(relations)
    for result in results:
        merger.add(result)
    return merger.statements()


def _date_literal(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def doc_iri(doc_id: str) -> URIRef:
    return DOC[_digest(doc_id)]


class RdfBuilder:
    """The RDF graph built one document at a time: documents and partial
    events are added as they come, entities (which need every document's
    surfaces and counts) and statements at the end (`finish`)."""

    def __init__(self, gaz: Gazetteer, relations: RelationCatalog, fast: bool = False) -> None:
        """`fast`: collect the triples in a kg.export.turtle.TripleSet (what
        `kg build` writes as Turtle; the same bytes, far cheaper to fill)
        rather than in an rdflib Graph (what library users and the store get)."""
        self.gaz, self.relations = gaz, relations
        namespaces = Graph()
        for prefix, namespace in PREFIXES.items():
            namespaces.bind(prefix, namespace)
        if fast:
            from kg.export.turtle import TripleSet

            self.graph: Graph | TripleSet = TripleSet(namespaces)
        else:
            self.graph = namespaces
        # The vocabulary travels with the data, so relation labels and
        # PLOVER/CAMEO codes can be queried from the one file.
        self.graph += relations.vocabulary
        self.surfaces: dict[str, set[str]] = {}
        self.mention_counts: dict[str, int] = {}
        self.event_entities: set[str] = set()

    def add_document(self, result: DocResult) -> None:
        graph = self.graph
        for mention in result.mentions:
            if mention.via == "reference":
                continue  # الوزارة، الجانبين: not a name of what they refer to
            self.surfaces.setdefault(mention.entity_id, set()).add(mention.text)
            self.mention_counts[mention.entity_id] = self.mention_counts.get(mention.entity_id, 0) + 1
        self.event_entities |= {e for event in result.events
                                for e in (event.subject_id, event.object_id, event.place_id) if e}
        article = result.article
        node = doc_iri(article.doc_id)
        graph.add((node, RDF.type, KG.Document))
        graph.add((node, KG.docId, Literal(article.doc_id)))
        if article.title:
            graph.add((node, DCTERMS.title, Literal(article.title, lang="ar")))
        if article.date:
            graph.add((node, KG.articleDate, _date_literal(article.date)))
        if article.url:
            graph.add((node, DCTERMS.source, Literal(article.url)))
        for event in result.events:
            _add_partial_event(graph, result, event, self.relations)

    def finish(self, statements: list[Statement]) -> Graph | TripleSet:
        graph, gaz, surfaces = self.graph, self.gaz, self.surfaces
        used = set(surfaces) | {s.subject_id for s in statements} | {s.object_id for s in statements}
        used |= self.event_entities
        used |= {target for entity_id in list(used) for _, target in gaz.entity(entity_id).links
                 if target in gaz.entities}
        for entity_id in sorted(used):
            entity = gaz.entity(entity_id)
            node = ENT[entity_id]
            graph.add((node, RDF.type, KG[entity.type]))
            graph.add((node, RDFS.label, Literal(entity.label, lang="en")))
            if entity.label_ar:
                graph.add((node, RDFS.label, Literal(entity.label_ar, lang="ar")))
            for alias in sorted(set(entity.aliases_ar[1:]) | surfaces.get(entity_id, set())):
                if alias != entity.label_ar:
                    graph.add((node, SKOS.altLabel, Literal(alias, lang="ar")))
            if entity.qid:
                graph.add((node, OWL.sameAs, WD[entity.qid]))
            graph.add((node, KG.mentionCount, Literal(self.mention_counts.get(entity_id, 0))))
            for link, target in entity.links:
                if link in BACKGROUND_LINKS and target in gaz.entities:
                    # background knowledge, so queries can roll ministries up to their
                    # states; it has no statement node, so it is never scored as extracted
                    graph.add((node, BACKGROUND_LINKS[link], ENT[target]))
        for statement in statements:
            _add_statement(graph, statement, self.relations)
        return graph


def build_rdf(results: list[DocResult], statements: list[Statement], gaz: Gazetteer,
              relations: RelationCatalog) -> Graph:
    """The RDF graph: entities, documents, direct edges, statements, evidence."""
    builder = RdfBuilder(gaz, relations)
    for result in results:
        builder.add_document(result)
    graph = builder.finish(statements)
    assert isinstance(graph, Graph)
    return graph


def _add_partial_event(graph: Graph | TripleSet, result: DocResult, event: EventMention,
                       relations: RelationCatalog) -> None:
    """An event with a side missing: an event node with what is known, and
    no direct edge (there is no pair to link). Never merged across
    sentences: two bombings in one city by unnamed attackers are two events."""
    definition = relations.relations[event.relation]
    node = STMT[_digest("event", event.doc_id, event.sentence, event.trigger.start, event.relation)]
    graph.add((node, RDF.type, KG.Event))
    graph.add((node, RDF.predicate, KG[event.relation]))
    graph.add((node, KG.complete, Literal(False)))
    if event.subject_id:
        graph.add((node, RDF.subject, ENT[event.subject_id]))
    if event.object_id:
        graph.add((node, RDF.object, ENT[event.object_id]))
    graph.add((node, KG.modality, Literal(event.modality)))
    if definition.plover:
        graph.add((node, KG.plover, Literal(definition.plover)))
    if definition.cameo:
        graph.add((node, KG.cameo, Literal(definition.cameo)))
    event_date = event.date or result.article.date
    if event_date:
        graph.add((node, KG.date, _date_literal(event_date)))
    if event.place_id:
        graph.add((node, KG.place, ENT[event.place_id]))
    _add_quantities(graph, node, event.quantities)
    graph.add((node, KG.confidence, Literal(event.confidence, datatype=XSD.decimal)))
    graph.add((node, KG.supportingSentences, Literal(1)))
    graph.add((node, KG.supportingDocuments, Literal(1)))
    _add_evidence(graph, node, result, event)


def _add_quantities(graph: Graph | TripleSet, node: URIRef, quantities: tuple[Quantity, ...]) -> None:
    for quantity in quantities:
        q = BNode(_digest(node, quantity.count, quantity.unit))
        graph.add((node, KG.quantity, q))
        graph.add((q, RDF.type, KG.Quantity))
        graph.add((q, KG["count"], Literal(quantity.count)))
        graph.add((q, KG.unit, Literal(quantity.unit, lang="ar")))


def _add_statement(graph: Graph | TripleSet, statement: Statement, relations: RelationCatalog) -> None:
    definition = relations.relations[statement.relation]
    subject, obj, predicate = ENT[statement.subject_id], ENT[statement.object_id], KG[statement.relation]
    if statement.modality == "asserted" or definition.kind == "static":
        graph.add((subject, predicate, obj))
        if definition.symmetric:
            graph.add((obj, predicate, subject))
    node = statement.iri
    graph.add((node, RDF.type, KG.Statement))
    graph.add((node, RDF.type, KG.Fact if definition.kind == "static" else KG.Event))
    graph.add((node, RDF.subject, subject))
    graph.add((node, RDF.predicate, predicate))
    graph.add((node, RDF.object, obj))
    graph.add((node, KG.modality, Literal(statement.modality)))
    if definition.plover:
        graph.add((node, KG.plover, Literal(definition.plover)))
    if definition.cameo:
        graph.add((node, KG.cameo, Literal(definition.cameo)))
    for value in statement.dates:
        graph.add((node, KG.date, _date_literal(value)))
    for value in statement.deadlines:
        graph.add((node, KG.deadline, _date_literal(value)))
    graph.add((node, KG.confidence, Literal(statement.confidence, datatype=XSD.decimal)))
    graph.add((node, KG.supportingSentences, Literal(len(statement.sources))))
    graph.add((node, KG.supportingDocuments, Literal(len(statement.documents))))
    roles = sorted({m.role for _, m in statement.sources if m.role})
    for role in roles:
        graph.add((node, KG.role, Literal(role)))
    for _, mention in statement.sources:
        if mention.place_id:
            graph.add((node, KG.place, ENT[mention.place_id]))
        if mention.topic_id:
            graph.add((node, KG.topic, ENT[mention.topic_id]))
        _add_quantities(graph, node, mention.quantities)
    for result, mention in statement.sources:
        _add_evidence(graph, node, result, mention)


def _add_evidence(graph: Graph | TripleSet, statement: URIRef, result: DocResult,
                  mention: RelationMention | EventMention) -> None:
    sentence = result.sentences[mention.sentence]
    evidence = EVID[_digest(mention.doc_id, mention.sentence, mention.trigger.start, mention.relation,
                            mention.subject.start if mention.subject else -1,
                            mention.object.start if mention.object else -1)]
    graph.add((statement, PROV.wasDerivedFrom, evidence))
    graph.add((evidence, RDF.type, KG.Evidence))
    graph.add((evidence, KG.document, doc_iri(mention.doc_id)))
    graph.add((evidence, KG.sentence, Literal(sentence.text, lang="ar")))
    graph.add((evidence, KG.sentenceStart, Literal(sentence.start)))
    graph.add((evidence, KG.sentenceEnd, Literal(sentence.end)))
    for prefix, span in (("trigger", mention.trigger), ("subject", mention.subject), ("object", mention.object)):
        if span is not None:
            graph.add((evidence, KG[f"{prefix}Start"], Literal(span.start)))
            graph.add((evidence, KG[f"{prefix}End"], Literal(span.end)))
    graph.add((evidence, KG.trigger, Literal(mention.trigger.text, lang="ar")))
    if mention.subject is not None:
        graph.add((evidence, KG.subjectText, Literal(mention.subject.text, lang="ar")))
    if mention.object is not None:
        graph.add((evidence, KG.objectText, Literal(mention.object.text, lang="ar")))
    graph.add((evidence, KG.extractor, Literal(mention.extractor)))
    graph.add((evidence, KG.confidence, Literal(mention.confidence, datatype=XSD.decimal)))


def build_networkx(statements: list[Statement], gaz: Gazetteer, relations: RelationCatalog) -> nx.MultiDiGraph:
    """The same statements as a networkx multigraph, for library users (the
    exports read this shape back from RDF, kg.export.view; the viewer builds
    its own with every report's offsets, kg.export.viewer.statements)."""
    view = nx.MultiDiGraph()
    for statement in statements:
        for entity_id in (statement.subject_id, statement.object_id):
            if entity_id not in view:
                entity = gaz.entity(entity_id)
                view.add_node(entity_id, label=entity.label, label_ar=entity.label_ar, type=entity.type)
        definition = relations.relations[statement.relation]
        key = statement.relation if statement.modality == "asserted" else f"{statement.relation} ({statement.modality})"
        sentences = []
        for result, mention in statement.sources:
            text = result.sentences[mention.sentence].text
            if text not in sentences:
                sentences.append(text)
        view.add_edge(
            statement.subject_id, statement.object_id, key=key,
            relation=key, label_ar=definition.label_ar, sentences=sentences, docs=statement.documents,
            dates=[d.isoformat() for d in statement.dates], modality=statement.modality,
            confidence=statement.confidence, count=len(statement.sources),
        )
    return view
