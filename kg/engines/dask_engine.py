"""`kg build SOURCE --engine dask`: extraction on a dask.distributed cluster,
N-Quads shards bulk-loaded into a store, the output set written from the store.

Order of work:
1. the source, `-o`, the extractor names and the store are checked before
   any cluster starts (as a local build does);
2. the client reads the articles (their text only: that is the input's size,
   not the size of what the pipeline makes of it), keeps the last of
   several with one id (as `--store` does) and, with a persistent `--store`,
   leaves out those the store holds in their current form;
3. the rest are split into partitions by a hash of their document id (so
   the split depends neither on the input order nor on the cluster) and each
   partition runs on a worker (kg.engines.dask_tasks), which returns a shard:
   the quads and index rows `KgStore.add` would write for its documents;
4. only when every partition is done is the store touched: the replaced
   documents are removed, the shards bulk-loaded (kg.store.bulk) and the
   merged values recomputed, between the store's dirty and clean marks;
5. the output set is written from the store into the output folder's
   staging folder and swapped in as a whole (kg.outputs), as `--store` does,
   so the Turtle is the same bytes as a local build's.

Without `--store` the store is a temporary one inside the staging folder. A
failure at any step leaves the previous output set (and a `--store`) as
they were; a killed build leaves a staging folder the next build removes.
"""

from __future__ import annotations

import hashlib
import math
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from kg.errors import KgError
from kg.model import Article

if TYPE_CHECKING:
    from distributed import Client

    from kg.store.store import KgStore

TEMP_STORE = ".kg-store"  # inside the staging folder; removed before the swap
TEMP_SHARDS = ".kg-shards"
DOCS_PER_PARTITION = 200  # default partition size on big inputs (one shard and one bulk load each)


@dataclass
class DaskSettings:
    """How to reach the cluster and how to cut the work."""

    scheduler: str | None = None  # None: a LocalCluster
    workers: int = 1  # of the LocalCluster
    partitions: int | None = None  # None: see `partition_count`
    shard_dir: Path | None = None  # shared storage the workers write shards into; None: shards come back as bytes
    connect_timeout: float = 5.0


@dataclass
class DaskBuildReport:
    """What a dask build did, for the summary and the warnings."""

    out_dir: Path
    workers: int = 0
    partitions: int = 0
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # unread files or lines
    duplicates: list[str] = field(default_factory=list)  # ids met more than once (the last is kept)
    empty: list[str] = field(default_factory=list)  # documents in which nothing was found
    cleaned: list[str] = field(default_factory=list)  # leftovers of killed builds removed
    documents: int = 0  # in the store afterwards
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each phase: extract, load, write

    def line(self) -> str:
        extracted = len(self.added) + len(self.replaced)
        where = (f"{extracted} documents extracted in {self.partitions} partition(s) on {self.workers} dask worker(s)"
                 if self.partitions else "nothing to extract")
        return (f"dask: {where}; store: "
                f"{len(self.added)} added, {len(self.replaced)} replaced, {len(self.unchanged)} unchanged"
                f"{f', {len(self.problems)} skipped' if self.problems else ''}; {self.documents} documents"
                + (" (" + ", ".join(f"{phase} {s:.1f} s" for phase, s in self.seconds.items()) + ")"
                   if self.seconds else ""))


def partition_of(doc_id: str, partitions: int) -> int:
    """The partition of a document: a stable hash of its id (not Python's
    hash(), which changes between processes)."""
    return int.from_bytes(hashlib.sha256(doc_id.encode("utf-8")).digest()[:8], "big") % partitions


def partition_count(documents: int, workers: int, requested: int | None) -> int:
    """Partitions for `documents`: the requested number, else enough that each
    worker gets several (balance) and none gets more than about
    DOCS_PER_PARTITION documents (memory and retry cost of one task)."""
    wanted = requested or max(4 * workers, math.ceil(documents / DOCS_PER_PARTITION))
    return max(1, min(wanted, documents))


def split(articles: list[Article], partitions: int) -> list[list[Article]]:
    """Non-empty partitions, each sorted by document id."""
    parts: list[list[Article]] = [[] for _ in range(partitions)]
    for article in articles:
        parts[partition_of(article.doc_id, partitions)].append(article)
    return [sorted(part, key=lambda a: a.doc_id) for part in parts if part]


def run_dask_build(source: Path, out_dir: Path, entity_names: tuple[str, ...], relation_names: tuple[str, ...],
                   settings: DaskSettings, store_dir: Path | None = None, html: bool = True,
                   focus: str | None = None, hops: int | None = None,
                   on_documents: Callable[[int, int], None] = lambda done, total: None,
                   client: "Client | None" = None) -> DaskBuildReport:
    """Build `out_dir` from `source` on a dask cluster (see the module
    docstring). `on_documents(done, total)` reports progress; `client`: an
    open client to use instead of connecting (tests)."""
    from kg.build import _is_own_output, check_extractors
    from kg.engines.dask_cluster import require_dask
    from kg.outputs import OutputFolder, check_output_dir
    from kg.reader import scan_article_files
    from kg.relations import load_relations
    from kg.store.fingerprint import pipeline_fingerprint
    from kg.store.outputs import write_set
    from kg.store.store import KgStore

    require_dask()
    scan = scan_article_files(source)
    target = check_output_dir(out_dir)
    check_extractors(entity_names, relation_names)
    files = [f for f in scan.files if not _is_own_output(f, target)]
    if not files:
        raise KgError(f"{source}: no articles found outside the output folder {out_dir}")
    if settings.shard_dir is not None:
        _check_shard_dir(settings.shard_dir)
    fingerprint = pipeline_fingerprint(entity_names, relation_names)
    relations = load_relations()
    report = DaskBuildReport(out_dir=out_dir, problems=[str(p) for p in scan.problems])
    with OutputFolder(target) as folder:
        report.cleaned = folder.cleaned
        store_root = store_dir if store_dir is not None else folder.staging / TEMP_STORE
        with KgStore(store_root, write=True, create=True) as store:
            todo = _plan(store, files, fingerprint, report, source)
            shards = folder.staging / TEMP_SHARDS
            shards.mkdir()
            started = time.perf_counter()
            if todo:
                _extract(todo, shards, entity_names, relation_names, fingerprint, settings, report, on_documents,
                         client)
            loading = time.perf_counter()
            _load(store, shards, report, relations)
            shutil.rmtree(shards)
            writing = time.perf_counter()
            viewer_error = write_set(store, folder.staging, html, f"kg: {source}", out_dir, focus, hops)
            report.documents = len(store.index.doc_ids())
            report.seconds = {"extract": loading - started, "load": writing - loading,
                              "write": time.perf_counter() - writing}
        if store_dir is None:
            shutil.rmtree(store_root)
        folder.commit_as(out_dir)
    if viewer_error is not None:
        raise viewer_error
    return report


def _check_shard_dir(shard_dir: Path) -> None:
    try:
        shard_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KgError(f"--shards {shard_dir}: cannot create the folder ({exc.strerror or exc})") from exc


def _plan(store: "KgStore", files: list[Path], fingerprint: str, report: DaskBuildReport,
          source: Path) -> list[Article]:
    """The articles to extract: the last of each id, less those the store
    holds in their current form. Fills the report's lists."""
    from kg.reader import ReadProblem, read_articles
    from kg.store.fingerprint import content_hash

    latest: dict[str, Article] = {}
    seen: Counter[str] = Counter()
    for item in read_articles(files):
        if isinstance(item, ReadProblem):
            report.problems.append(str(item))
            continue
        seen[item.doc_id] += 1
        if seen[item.doc_id] == 2:
            report.duplicates.append(item.doc_id)
        latest.pop(item.doc_id, None)  # the last one is kept, in its own place in the input order
        latest[item.doc_id] = item
    if not latest:
        if len(report.problems) == 1:
            raise KgError(report.problems[0])
        first = f"; first: {report.problems[0]}" if report.problems else ""
        raise KgError(f"{source}: no readable articles ({len(report.problems)} skipped{first})")
    todo: list[Article] = []
    for doc_id, article in latest.items():
        old = store.document(doc_id)
        if old is not None and old.content_hash == content_hash(article) and old.fingerprint == fingerprint:
            report.unchanged.append(doc_id)
            continue
        (report.replaced if old is not None else report.added).append(doc_id)
        todo.append(article)
    return todo


def _extract(todo: list[Article], shards: Path, entity_names: tuple[str, ...], relation_names: tuple[str, ...],
             fingerprint: str, settings: DaskSettings, report: DaskBuildReport,
             on_documents: Callable[[int, int], None], client: "Client | None") -> None:
    """Run the partitions on the cluster; every shard ends up in `shards`."""
    from kg.engines.dask_cluster import connect

    if client is not None:
        _run_partitions(client, todo, shards, entity_names, relation_names, fingerprint, settings, report,
                        on_documents)
        return
    with connect(settings.scheduler, settings.workers, settings.connect_timeout) as own:
        _run_partitions(own, todo, shards, entity_names, relation_names, fingerprint, settings, report,
                        on_documents)


def _run_partitions(client: "Client", todo: list[Article], shards: Path, entity_names: tuple[str, ...],
                    relation_names: tuple[str, ...], fingerprint: str, settings: DaskSettings,
                    report: DaskBuildReport, on_documents: Callable[[int, int], None]) -> None:
    from distributed import as_completed
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    from kg.engines.dask_cluster import check_workers
    from kg.engines.dask_tasks import PartitionOutput, run_partition
    from kg.store.bulk import shard_paths

    report.workers = check_workers(client, entity_names, relation_names, fingerprint, settings.shard_dir)
    parts = split(todo, partition_count(len(todo), report.workers, settings.partitions))
    report.partitions = len(parts)
    shared = None
    if settings.shard_dir is not None:  # a folder of this build's own on the shared storage
        shared = Path(tempfile.mkdtemp(prefix="kg-shards-", dir=settings.shard_dir))
    done = 0
    on_documents(done, len(todo))
    try:
        queue = list(enumerate(parts))
        queue.reverse()
        in_flight = 2 * report.workers  # a few partitions ahead per worker: the rest wait on the client

        def submit():
            index, part = queue.pop()
            return client.submit(run_partition, index, part, entity_names, relation_names, fingerprint,
                                 None if shared is None else str(shared), pure=False)

        pending = as_completed([submit() for _ in range(min(in_flight, len(queue)))], loop=client.loop)
        for future in pending:
            output: PartitionOutput = future.result()
            future.release()
            quads_path, rows_path = shard_paths(shards, output.index)
            if output.written:
                assert shared is not None
                for made, there in zip(shard_paths(shared, output.index), (quads_path, rows_path)):
                    shutil.move(made, there)
            else:
                quads_path.write_bytes(output.quads)
                rows_path.write_bytes(output.rows)
            report.empty.extend(output.empty)
            done += output.documents
            on_documents(done, len(todo))
            if queue:
                pending.add(submit())
    except KilledWorker as exc:
        raise KgError(f"a dask worker died while extracting ({exc}); out of memory? try more --partitions") from exc
    except FutureCancelledError as exc:
        reason = getattr(exc, "reason", None) or "cancelled"
        raise KgError(f"the dask cluster cancelled the work ({reason}); is the scheduler still running?") from exc
    finally:
        if shared is not None:
            shutil.rmtree(shared, ignore_errors=True)
    report.empty.sort()


def _load(store: "KgStore", shards: Path, report: DaskBuildReport, relations) -> None:
    """Remove the replaced documents, bulk-load the shards, recompute the
    merged values: between the store's dirty and clean marks."""
    from kg.store.bulk import load_shards, shard_paths

    store.begin()
    store.sync_vocabulary(relations.vocabulary)
    for doc_id in report.replaced:
        store.remove(doc_id)
    loaded = load_shards(store, [shard_paths(shards, index) for index in range(report.partitions)])
    expected = len(report.added) + len(report.replaced)
    if loaded != expected:  # a bug, never the input: do not leave the store claiming to be whole
        raise RuntimeError(f"loaded {loaded} documents from the shards, expected {expected}")
    store.commit()
