"""out/ written from a store: graph.ttl (the merged graph), triples.jsonl and
events.jsonl (each document's lines, in doc id order) and graph.html."""

from __future__ import annotations

from pathlib import Path

from kg.atomic import atomic_writer, write_text_atomic
from kg.relations import RelationCatalog
from kg.store.store import KgStore
from kg.store.terms import rdflib_graph


def turtle_text(store: KgStore) -> str:
    return rdflib_graph(store.merged_triples()).serialize(format="turtle")


def write_outputs(store: KgStore, out_dir: Path, html: bool, title: str, relations: RelationCatalog) -> None:
    write_text_atomic(out_dir / "graph.ttl", turtle_text(store))
    with atomic_writer(out_dir / "triples.jsonl") as triples, atomic_writer(out_dir / "events.jsonl") as events:
        for record in store.documents():
            triples.write(record.triples)
            events.write(record.events)
    if html:
        from kg.export.html import write_html
        from kg.export.view import statement_view

        write_html(statement_view(store.rdf), out_dir / "graph.html", title=title)
