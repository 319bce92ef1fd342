"""Running the pipeline over many articles, in this process or in worker
processes (`kg build --jobs N`).

Where workers are forked (Linux), the parent reads the models once and every
worker shares them; elsewhere each worker builds its Pipeline once. Workers
receive articles in small batches; results come back as DocResults, or,
for `kg build`, already pickled (`PackedDoc`): the build only parks them on
disk until the merge, so the busy parent neither unpickles nor re-pickles
them (that work is done by the workers, in parallel). The
order in which they come back does not matter: the build sorts documents
before merging (`kg.build.document_order`), so `--jobs 2` writes the same
bytes as `--jobs 1`.
"""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import itertools
import multiprocessing
import os
import pickle
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Iterable, Iterator

from kg.errors import KgError
from kg.model import Article, DocResult

_PR_SET_PDEATHSIG = 1
BATCH = 8  # articles per task: large enough to amortise pickling, small enough to balance two workers
# Articles a worker handles before it is replaced by a fresh one. The extractors' caches keyed
# by word (lexicon answers, segmentations, spaCy's string store) grow with the vocabulary seen,
# so a worker that lived through 7,505 articles held 1.65x the memory of one that saw 1,500,
# and one that saw 1,000 about 1.25x one that saw 750 (what a worker sees in a 1,500-article
# --jobs 2 build). Where workers are forked, a fresh pool starts from the models the parent
# read (`_preload`) and pays no model load, so the stretch is short: 7,505 articles in eight
# pools of 500 a worker took 2.7 % less CPU than in four of 1,000 that each read the models,
# with 20 % less PSS (bench/RESULTS.md, "workers forked from a parent that holds the models").
WORKER_ARTICLES = 500
_worker_pipeline = None  # the Pipeline of this worker process


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive its build: a killed parent (SIGKILL) would
    leave it waiting forever on the task queue. Linux ends it at once
    (PR_SET_PDEATHSIG); elsewhere a thread notices the new parent pid."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def _start_worker(parent: int, entity_names: tuple[str, ...], relation_names: tuple[str, ...]) -> None:
    """Worker initialiser: die with the parent; ^C is the parent's to handle
    (a worker's traceback would break the one-line contract); then the models,
    unless the worker was forked from a parent that holds them (`_preload`)."""
    global _worker_pipeline
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pipeline = _worker_pipeline
    if pipeline is None or (pipeline.entity_names, pipeline.relation_names) != (entity_names, relation_names):
        from kg.pipeline import Pipeline

        _worker_pipeline = Pipeline(entity_names, relation_names)


def _preload(entity_names: tuple[str, ...], relation_names: tuple[str, ...]) -> bool:
    """Read the models once in the parent, before any worker is forked, so
    that each fresh pool (one per `WORKER_ARTICLES` stretch) starts working
    at once instead of every worker reading them again; the pages are shared
    copy-on-write. `gc.freeze` keeps the workers' garbage collector from
    writing to the shared objects (which would copy their pages). False (and
    nothing loaded) where workers are not forked."""
    global _worker_pipeline
    if _context().get_start_method() != "fork":
        return False
    from kg.pipeline import Pipeline

    _worker_pipeline = Pipeline(entity_names, relation_names)
    gc.freeze()
    return True


def _unload() -> None:
    """Drop the parent's copy of the models (`_preload`): the merge that
    follows does not use them."""
    global _worker_pipeline
    _worker_pipeline = None
    gc.unfreeze()
    gc.collect()


def compact(result: DocResult) -> DocResult:
    """The document without its sentences' tokens: the merge and the exports
    read sentence text and offsets, mentions, relations and events, never a
    token, and the tokens (a dozen objects per word) were most of a build's
    memory and of what workers send back."""
    sentences = [dataclasses.replace(sentence, tokens=()) for sentence in result.sentences]
    return DocResult(result.article, sentences, result.mentions, result.relations, result.events)


@dataclass(frozen=True)
class PackedDoc:
    """A compacted DocResult pickled where it was made, with its id, and the
    English labels of the discovered persons it names (Arabic name → label,
    see `kg.naming.learn_person_labels`): romanising them is the parent's
    largest serial cost, and a worker does it in parallel."""

    doc_id: str
    data: bytes
    person_labels: tuple[tuple[str, str], ...] = ()

    def unpack(self) -> DocResult:
        return pickle.loads(self.data)


def _person_labels(result: DocResult) -> tuple[tuple[str, str], ...]:
    """(Arabic name, label) of the discovered persons and places of `result` whose label
    the romaniser made (a label that is only the transliteration is left out:
    `person_label` gave nothing for it)."""
    from kg.naming import ROMANISED_TYPES, discovered_entity, is_discovered

    ids = {m.entity_id for m in result.mentions}
    for mention in (*result.relations, *result.events):
        ids.update(e for e in (mention.subject_id, mention.object_id, mention.place_id) if e)
    labels = []
    for entity_id in sorted(ids):
        if not is_discovered(entity_id):
            continue
        entity = discovered_entity(entity_id)
        if entity.type in ROMANISED_TYPES and entity.label != entity_id.split("/", 1)[1].replace("_", " "):
            labels.append((entity.aliases_ar[0], entity.label))
    return tuple(labels)


def pack(result: DocResult, labels: bool = False) -> PackedDoc:
    """`result` compacted and pickled; with `labels`, its persons' labels too."""
    data = pickle.dumps(compact(result), protocol=pickle.HIGHEST_PROTOCOL)
    return PackedDoc(result.article.doc_id, data, _person_labels(result) if labels else ())


def _run_batch(batch: list[Article], packed: bool = False) -> list[DocResult] | list[PackedDoc]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    if packed:
        return [pack(_worker_pipeline(article), labels=True) for article in batch]
    return [compact(_worker_pipeline(article)) for article in batch]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _context() -> multiprocessing.context.BaseContext:
    """fork where there is one (workers start at once, sharing what the parent
    imported and the models it read, see `_preload`); the parent has started
    no thread of its own at that point."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_pipeline(articles: Iterable[Article], entity_names: tuple[str, ...], relation_names: tuple[str, ...],
                 jobs: int = 1, packed: bool = False) -> Iterator[DocResult] | Iterator[PackedDoc]:
    """DocResults of `articles`, compacted (see `compact`), in no guaranteed
    order when jobs > 1; pickled (`PackedDoc`) when `packed`.

    Articles are read lazily and at most a few batches per worker are in
    flight, so the input is never all in memory at once. With jobs > 1 the
    workers are replaced by fresh ones every `WORKER_ARTICLES` articles each,
    so their memory does not grow with the corpus either."""
    if jobs <= 1:
        from kg.pipeline import Pipeline

        pipeline = Pipeline(entity_names, relation_names)
        for article in articles:
            yield pack(pipeline(article)) if packed else compact(pipeline(article))
        return
    batches = _batches(articles, BATCH)
    preloaded = False
    try:
        while True:
            # one pool per `WORKER_ARTICLES`-article stretch: fresh workers each time
            stretch = itertools.islice(batches, max(1, WORKER_ARTICLES * jobs // BATCH))
            first = next(stretch, None)
            if first is None:
                return
            preloaded = preloaded or _preload(entity_names, relation_names)
            yield from _run_pool(itertools.chain([first], stretch), entity_names, relation_names, jobs, packed)
    finally:
        if preloaded:
            _unload()


def _run_pool(batches: Iterable[list[Article]], entity_names: tuple[str, ...], relation_names: tuple[str, ...],
              jobs: int, packed: bool) -> Iterator[DocResult] | Iterator[PackedDoc]:
    """`batches` through one pool of `jobs` workers (see `run_pipeline`)."""
    executor = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start_worker,
                                   initargs=(os.getpid(), entity_names, relation_names))
    pending: set[Future[list[DocResult] | list[PackedDoc]]] = set()
    try:
        for batch in batches:
            pending.add(executor.submit(_run_batch, batch, packed))
            if len(pending) >= 3 * jobs:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield from future.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()
    except BrokenProcessPool as exc:
        raise KgError("a worker process died (out of memory?); try fewer --jobs") from exc
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
