"""`kg build` without the terminal: files in, one output set out.

Order of work: the source and the output folder are checked before any model
is read (a bad `-o` costs nothing); articles flow through the pipeline (in
worker processes with `jobs > 1`) and each document goes to a spill file as
it arrives (`kg.spill`: memory keeps ids and offsets, never the corpus); the
documents are read back sorted by id, one at a time, to write the outputs,
so neither the input order nor the number of workers changes a byte; the
four outputs are written into a staging folder that then replaces the
output folder as a whole (`kg.outputs`).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.errors import KgError
from kg.model import Article, DocResult
from kg.parallel import PackedDoc
from kg.reader import ReadProblem, read_articles, scan_article_files
from kg.spill import DocSpill


@dataclass
class BuildOutcome:
    """What a build did, for the summary and the warnings."""

    out_dir: Path
    outputs: list[str]
    documents: int
    sentences: int
    entities: int
    extracted: Counter[str]  # relation -> extracted mentions
    merged: Counter[str]  # relation -> statements after merging
    triples: int
    events: int
    skipped: list[str] = field(default_factory=list)  # "SOURCE: reason", one per unread file or line
    empty: list[str] = field(default_factory=list)  # sources of articles in which nothing was found
    cleaned: list[str] = field(default_factory=list)  # leftovers of killed builds removed
    viewer_error: KgError | None = None  # --focus named no actor: the set is written without graph.html


def document_order(result: DocResult) -> tuple[str, str, str]:
    """Sort key of a document: its id, then its text (two inputs may share an
    id), so the order of input files, lines and workers never matters."""
    article = result.article
    return (article.doc_id, article.text, article.source_path)


def check_extractors(entity_names: Iterable[str], relation_names: Iterable[str]) -> None:
    """KgError for an unknown extractor name, before any model is read."""
    import kg.extractors  # noqa: F401  (registers the built-in extractors)
    from kg.registry import entity_extractors, relation_extractors

    for name in entity_names:
        entity_extractors.require(name)
    for name in relation_names:
        relation_extractors.require(name)


def _is_own_output(path: Path, target: Path) -> bool:
    """Is `path` one of kg's outputs for `target` (inside it, or inside a
    staging or previous folder beside it)? An output folder placed inside
    the source folder must not be read back as articles."""
    absolute = Path(os.path.abspath(path))
    if target in absolute.parents:
        return True
    return any(parent.parent == target.parent and parent.name.startswith(f".{target.name}.kg-")
               for parent in absolute.parents)


def _articles(files: list[Path], problems: list[str]) -> Iterator[Article]:
    for item in read_articles(files):
        if isinstance(item, ReadProblem):
            problems.append(str(item))
        else:
            yield item


def run_build(source: Path, out_dir: Path, entity_names: tuple[str, ...], relation_names: tuple[str, ...],
              jobs: int = 1, html: bool = True, on_document: Callable[[PackedDoc], None] | None = None,
              focus: str | None = None, hops: int | None = None) -> BuildOutcome:
    """Build the output set of `source` into `out_dir` (see the module docstring)."""
    from kg.label_store import label_store
    from kg.naming import learn_person_labels
    from kg.outputs import OutputFolder, check_output_dir
    from kg.parallel import run_pipeline

    scan = scan_article_files(source)
    target = check_output_dir(out_dir)
    check_extractors(entity_names, relation_names)
    scan.files = [f for f in scan.files if not _is_own_output(f, target)]
    if not scan.files:
        raise KgError(f"{source}: no articles found outside the output folder {out_dir}")
    problems = [str(p) for p in scan.problems]
    store = label_store()
    with OutputFolder(target) as folder:
        with DocSpill(folder.staging) as spill:
            # documents arrive pickled (kg.parallel.PackedDoc) and go to disk as they are;
            # memory keeps their ids and spill offsets
            for packed in run_pipeline(_articles(scan.files, problems), entity_names, relation_names, jobs,
                                       packed=True):
                spill.add(packed)
                learn_person_labels(packed.person_labels)
                for arabic, label in packed.person_labels:  # made by a worker's romaniser: kept for later builds
                    store.add(arabic, label)
                if on_document is not None:
                    on_document(packed)
                del packed  # nothing of the document stays in memory past this point
            if not len(spill):
                if len(problems) == 1:
                    raise KgError(problems[0])
                first = f"; first: {problems[0]}" if problems else ""
                raise KgError(f"{source}: no readable articles ({len(problems)} skipped{first})")
            outcome = _write_outputs(spill.ordered(), folder.staging, html, title=f"kg: {source}", focus=focus,
                                     hops=hops, hint=f"the other outputs are in {out_dir}; `kg view {out_dir} "
                                                     "--focus ID` draws a neighbourhood from them")
        folder.commit_as(out_dir)
    store.save()
    if outcome.viewer_error is not None:
        raise outcome.viewer_error
    outcome.out_dir = out_dir
    outcome.skipped = problems
    outcome.cleaned = folder.cleaned
    return outcome


@dataclass
class _Tally:
    """The counts of the summary, kept as documents stream past."""

    documents: int = 0
    sentences: int = 0
    entities: set[str] = field(default_factory=set)
    extracted: Counter[str] = field(default_factory=Counter)
    empty: list[str] = field(default_factory=list)

    def add(self, result: DocResult) -> None:
        self.documents += 1
        self.sentences += len(result.sentences)
        self.entities.update(m.entity_id for m in result.mentions)
        self.extracted.update(m.relation for m in result.relations)
        if not result.mentions:
            self.empty.append(result.article.source_path or result.article.doc_id)


def _write_outputs(documents: Iterable[DocResult], folder: Path, html: bool, title: str,
                   focus: str | None = None, hops: int | None = None, hint: str = "") -> BuildOutcome:
    """Write the output set from `documents` (in document order), one document
    in memory at a time: triples.jsonl and events.jsonl line by line, the
    statements and the RDF graph from merged keys and lean documents."""
    from kg.atomic import atomic_writer
    from kg.export.events import write_document_events
    from kg.export.triples import write_document_triples
    from kg.export.turtle import write_turtle
    from kg.gazetteer import load_gazetteer
    from kg.graph import RdfBuilder, StatementMerger, lean_document
    from kg.relations import load_relations

    gaz, relations = load_gazetteer(), load_relations()
    merger, rdf, tally = StatementMerger(relations), RdfBuilder(gaz, relations, fast=True), _Tally()
    outputs = ["graph.ttl", "triples.jsonl", "events.jsonl"]
    viewer_error: KgError | None = None
    triples = events = 0
    try:
        with atomic_writer(folder / "triples.jsonl") as triples_out, \
                atomic_writer(folder / "events.jsonl") as events_out:
            for result in documents:
                tally.add(result)
                triples += write_document_triples(result, gaz, triples_out)
                events += write_document_events(result, gaz, events_out)
                merger.add(result, lean_document(result))
                rdf.add_document(result)
        statements = merger.statements()
        write_turtle(rdf.finish(statements), folder / "graph.ttl")
        del rdf
        if html:
            from kg.cli_view import write_viewer
            from kg.export.viewer.statements import viewer_graph

            # False when the viewer's JavaScript bundle is not built (a warning says how)
            try:
                if write_viewer(viewer_graph(statements, gaz, relations), folder / "graph.html", title, focus, hops, hint):
                    outputs.append("graph.html")
            except KgError as exc:  # --focus named no actor: keep the extraction's outputs, then say so
                viewer_error = exc
    except OSError as exc:
        raise KgError(f"cannot write the outputs ({exc.strerror})") from exc
    return BuildOutcome(
        out_dir=folder, outputs=outputs, documents=tally.documents, sentences=tally.sentences,
        entities=len(tally.entities), extracted=tally.extracted,
        merged=Counter(s.relation for s in statements), triples=triples, events=events,
        viewer_error=viewer_error, empty=tally.empty,
    )
