"""What runs on a dask worker for `kg build --engine dask`.

The functions are pickled by reference (module and name), so every worker
must have the same kg installed; `worker_fingerprint` lets the client check
that before any work. Each worker builds its Pipeline once, on its first
partition, and keeps it for the rest of its life (a second build on the same
cluster reuses it when the extractors are the same).

A partition becomes a shard: the quads and index rows of its documents as
`KgStore.add` would write them (kg.store.bulk). The shard is either
returned to the client as bytes (the default: workers need no shared disk)
or written by the worker into a folder the client can read too (`--shards`
on shared storage: the bytes then never cross the scheduler's connections).
"""

from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from kg.model import Article

_pipelines: dict[tuple[tuple[str, ...], tuple[str, ...]], object] = {}
_lock = threading.Lock()  # a worker started with several threads runs one document at a time


@dataclass(frozen=True)
class PartitionOutput:
    """A finished partition: its shard's bytes, or the names of the files the
    worker wrote into the shared shard folder (then `quads`/`rows` are empty)."""

    index: int
    documents: int
    empty: tuple[str, ...]  # documents in which nothing was found (source path or id)
    quads: bytes = b""
    rows: bytes = b""
    written: bool = False


def worker_fingerprint(entity_names: tuple[str, ...], relation_names: tuple[str, ...]) -> str:
    """This worker's pipeline fingerprint (kg version, extractors, model and
    ontology files): must equal the client's, or the shards would mix pipelines."""
    import kg.extractors  # noqa: F401  (registers the built-in extractors)
    from kg.registry import entity_extractors, relation_extractors
    from kg.store.fingerprint import pipeline_fingerprint

    for name in entity_names:
        entity_extractors.require(name)
    for name in relation_names:
        relation_extractors.require(name)
    return pipeline_fingerprint(entity_names, relation_names)


def sees_probe(path: str) -> bool:
    """Does this worker see the file the client just wrote into --shards?
    (False when the folder is not shared storage mounted at the same path.)"""
    return Path(path).is_file()


def _pipeline(entity_names: tuple[str, ...], relation_names: tuple[str, ...]):  # -> kg.pipeline.Pipeline
    key = (entity_names, relation_names)
    if key not in _pipelines:
        from kg.pipeline import Pipeline

        _pipelines[key] = Pipeline(entity_names, relation_names)
    return _pipelines[key]


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename: a retried task never leaves half a shard."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def run_partition(index: int, articles: list[Article], entity_names: tuple[str, ...],
                  relation_names: tuple[str, ...], fingerprint: str, shard_dir: str | None) -> PartitionOutput:
    """Extract one partition's articles and make its shard."""
    import pyoxigraph as ox

    from kg.gazetteer import load_gazetteer
    from kg.relations import load_relations
    from kg.store.bulk import rows_line, shard_paths
    from kg.store.contribution import contribution, contribution_quads
    from kg.store.fingerprint import content_hash

    with _lock:
        pipeline = _pipeline(entity_names, relation_names)
        gaz, relations = load_gazetteer(), load_relations()
        quads: list[ox.Quad] = []
        rows: list[str] = []
        empty: list[str] = []
        for article in articles:
            result = pipeline(article)
            made = contribution(result, gaz, relations, content_hash(article), fingerprint)
            quads.extend(contribution_quads(made))
            rows.append(rows_line(made))
            if not result.mentions:
                empty.append(article.source_path or article.doc_id)
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    text = "".join(rows).encode("utf-8")
    if shard_dir is None:
        return PartitionOutput(index, len(articles), tuple(empty), data, text)
    quads_path, rows_path = shard_paths(Path(shard_dir), index)
    _write_atomic(quads_path, data)
    _write_atomic(rows_path, text)
    return PartitionOutput(index, len(articles), tuple(empty), written=True)
