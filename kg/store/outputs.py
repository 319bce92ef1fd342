"""out/ written from a store: graph.ttl (the merged graph), triples.jsonl and
events.jsonl (each document's lines, in doc id order) and graph.html.

The set is written into a staging folder and swapped in as a whole, under
the output folder's lock (kg.outputs), as a plain `kg build` does: a
killed write leaves the previous set whole."""

from __future__ import annotations

from pathlib import Path

from kg.errors import KgError
from kg.outputs import OutputFolder, check_output_dir
from kg.relations import RelationCatalog
from kg.store.store import KgStore
from kg.store.terms import rdflib_graph


def turtle_text(store: KgStore) -> str:
    return rdflib_graph(store.merged_triples()).serialize(format="turtle")


def write_outputs(store: KgStore, out_dir: Path, html: bool, title: str, relations: RelationCatalog,
                  focus: str | None = None, hops: int | None = None) -> None:
    with OutputFolder(check_output_dir(out_dir)) as folder:
        viewer_error = write_set(store, folder.staging, html, title, out_dir, focus, hops)
        folder.commit_as(out_dir)
    if viewer_error is not None:
        raise viewer_error


def write_set(store: KgStore, folder: Path, html: bool, title: str, out_dir: Path, focus: str | None = None,
              hops: int | None = None) -> KgError | None:
    """Write the output set into `folder` (the staging folder of an
    OutputFolder the caller holds); returns the viewer's error when --focus
    named no actor (the set is then written without graph.html)."""
    try:
        _write_set(store, folder, html, title, focus, hops, out_dir)
    except KgError as exc:
        return exc
    return None


def _write_set(store: KgStore, folder: Path, html: bool, title: str, focus: str | None, hops: int | None,
               out_dir: Path) -> None:
    (folder / "graph.ttl").write_text(turtle_text(store), encoding="utf-8")
    with open(folder / "triples.jsonl", "w", encoding="utf-8") as triples, \
            open(folder / "events.jsonl", "w", encoding="utf-8") as events:
        for record in store.documents():
            triples.write(record.triples)
            events.write(record.events)
    if html:
        # the page as `kg view` draws it from graph.ttl (the viewer's reading of the merged graph)
        from kg.cli_view import write_viewer
        from kg.export.viewer.turtle import read_viewer_graph

        hint = f"the other outputs are in {out_dir}; `kg view {out_dir} --focus ID` draws a neighbourhood from them"
        write_viewer(read_viewer_graph(folder / "graph.ttl"), folder / "graph.html", title, focus, hops, hint)
