"""`kg build ARTICLES --store DIR`: run the pipeline only on articles the
store does not hold in their current form, then write out/ from the store."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg.errors import KgError


@dataclass
class StoreBuildReport:
    """What a build into a store did, for the summary line."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    documents: int = 0  # in the store afterwards

    def line(self) -> str:
        return (f"store: {len(self.added)} added, {len(self.replaced)} replaced, {len(self.unchanged)} unchanged"
                f"{f', {len(self.problems)} skipped' if self.problems else ''}; {self.documents} documents in the store")


def build_store(source: Path, store_dir: Path, entity_names: tuple[str, ...], relation_names: tuple[str, ...],
                out_dir: Path | None, html: bool, title: str,
                progress: Callable[[str], None] = lambda _: None, pipeline: object | None = None,
                focus: str | None = None, hops: int | None = None) -> StoreBuildReport:
    """Add or replace the articles of SOURCE in the store; write out_dir from the store.

    The pipeline is made only when an article needs it (`pipeline`: one the
    caller already has, with the same extractor names)."""
    from kg.gazetteer import load_gazetteer
    from kg.pipeline import Pipeline
    from kg.reader import ReadProblem, find_article_files, read_articles
    from kg.relations import load_relations
    from kg.store.contribution import contribution
    from kg.store.fingerprint import content_hash, pipeline_fingerprint
    from kg.store.outputs import write_outputs
    from kg.store.store import KgStore

    from kg.outputs import check_output_dir

    files = find_article_files(source)
    if out_dir is not None:
        check_output_dir(out_dir)  # before any work: a bad -o is one line, not a store half updated
    fingerprint = pipeline_fingerprint(entity_names, relation_names)
    report = StoreBuildReport()
    gaz = None  # loaded with the pipeline, only when an article needs it (it takes seconds)
    relations = load_relations()
    seen: Counter[str] = Counter()
    readable = 0
    with KgStore(store_dir, write=True, create=True) as store:
        store.begin()
        store.sync_vocabulary(relations.vocabulary)
        for path in files:
            progress(path.name)
            for item in read_articles([path]):
                if isinstance(item, ReadProblem):
                    report.problems.append(str(item))
                    continue
                readable += 1
                doc_id = item.doc_id
                seen[doc_id] += 1
                if seen[doc_id] == 2:
                    report.duplicates.append(doc_id)
                digest = content_hash(item)
                old = store.document(doc_id)
                if old is not None and old.content_hash == digest and old.fingerprint == fingerprint:
                    report.unchanged.append(doc_id)
                    continue
                if gaz is None:
                    gaz = load_gazetteer()
                if pipeline is None:
                    pipeline = Pipeline(entity_names, relation_names)
                result = pipeline(item)  # type: ignore[operator]
                if old is not None:
                    store.remove(doc_id)
                    report.replaced.append(doc_id)
                else:
                    report.added.append(doc_id)
                store.add(contribution(result, gaz, relations, digest, fingerprint))
        if not readable:
            store.commit()
            if len(report.problems) == 1:
                raise KgError(report.problems[0])
            raise KgError(f"{source}: no readable articles ({len(report.problems)} skipped; "
                          f"first: {report.problems[0]})")
        store.commit()
        report.documents = len(store.index.doc_ids())
        if out_dir is not None:
            write_outputs(store, out_dir, html=html, title=title, relations=relations, focus=focus, hops=hops)
    return report


def remove_documents(store_dir: Path, doc_ids: tuple[str, ...], out_dir: Path | None, html: bool) -> tuple[list[str], int]:
    """Take documents out of the store; returns the ids removed and the documents left.
    Unknown ids are an error and nothing is removed."""
    from kg.relations import load_relations
    from kg.store.outputs import write_outputs
    from kg.store.store import KgStore

    with KgStore(store_dir, write=True) as store:
        missing = [d for d in doc_ids if store.document(d) is None]
        if missing:
            raise KgError(f"{store_dir}: no document {', '.join(repr(d) for d in missing)} in the store "
                          f"({len(store.index.doc_ids())} documents; 'kg query --store {store_dir} --named documents' lists them)")
        store.begin()
        for doc_id in dict.fromkeys(doc_ids):
            store.remove(doc_id)
        store.commit()
        left = len(store.index.doc_ids())
        if out_dir is not None:
            write_outputs(store, out_dir, html=html, title=f"kg: {store_dir}", relations=load_relations())
    return list(dict.fromkeys(doc_ids)), left
