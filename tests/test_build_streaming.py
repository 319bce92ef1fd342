"""The streamed `kg build`: documents go to a spill file as they arrive and the
outputs are written from it in document order, so a build keeps no DocResult
of documents already seen, and neither arrival order nor duplicate ids change
a byte."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from kg.build import document_order, run_build
from kg.model import Article, DocResult
from kg.parallel import PackedDoc
from kg.spill import SPILL_NAME, DocSpill

LIGHT = (("gazetteer",), ("rules", "static"))
TEXTS = [
    "روسيا تنسق مع تركيا وإيران في إدلب\nقالت الوزارة إن روسيا تنسق مع تركيا.\n",
    "السعودية تدعم مصر\nأعلنت السعودية أنها تدعم مصر في مواجهة الإرهاب.\n",
    "إيران تهدد إسرائيل\nهددت إيران إسرائيل بالرد على أي هجوم.\n",
]


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _records(n: int) -> list[dict]:
    return [{"id": f"doc-{i:03d}", "text": TEXTS[i % len(TEXTS)], "date": "2015-01-0%d" % (1 + i % 9)}
            for i in range(n)]


def _live_doc_results() -> int:
    """Whole DocResults alive (the lean ones statements keep have no text)."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is DocResult and o.article.text)  # type(): no proxy hooks


def test_build_keeps_no_document_it_has_seen(tmp_path):
    """While documents arrive, no DocResult stays alive: they come pickled
    (PackedDoc) and go to the spill file as they are, and the build keeps
    ids and spill offsets (before the streamed build, every DocResult stayed
    in a list until the merge, so the count grew with each document)."""
    source = _jsonl(tmp_path / "in.jsonl", _records(12))
    live: list[int] = []
    ids: list[str] = []

    def on_document(packed: PackedDoc) -> None:
        live.append(_live_doc_results())
        ids.append(packed.doc_id)

    outcome = run_build(source, tmp_path / "out", *LIGHT, html=False, on_document=on_document)
    assert outcome.documents == 12 and sorted(ids) == [r["id"] for r in _records(12)]
    assert max(live) == 0, live
    assert outcome.triples > 0  # the documents did reach the outputs


def test_write_pass_holds_one_document_at_a_time(tmp_path, monkeypatch):
    """The outputs are written from the spill one document at a time."""
    import kg.spill

    source = _jsonl(tmp_path / "in.jsonl", _records(12))
    live: list[int] = []
    read = kg.spill.DocSpill._read

    def counting_read(self, entry):
        live.append(_live_doc_results())
        return read(self, entry)

    monkeypatch.setattr(kg.spill.DocSpill, "_read", counting_read)
    run_build(source, tmp_path / "out", *LIGHT, html=False)
    assert len(live) == 12 and max(live) <= 1, live  # at most the previous one, not yet collected


def test_spill_file_is_not_left_in_the_output_set(tmp_path):
    source = _jsonl(tmp_path / "in.jsonl", _records(4))
    run_build(source, tmp_path / "out", *LIGHT, html=False)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["events.jsonl", "graph.ttl", "triples.jsonl"]
    assert not list(tmp_path.rglob(SPILL_NAME))


def _doc(doc_id: str, text: str, path: str = "") -> DocResult:
    return DocResult(Article(doc_id, text, "", 0, None, "none", source_path=path), [])


def test_spill_reads_back_in_document_order_whatever_the_arrival(tmp_path):
    docs = [_doc("b", "two"), _doc("a", "x"), _doc("b", "one", "p2"), _doc("c", "z"), _doc("b", "one", "p1")]
    expected = [document_order(d) for d in sorted(docs, key=document_order)]
    for arrival in (docs, docs[::-1], docs[2:] + docs[:2]):
        with DocSpill(tmp_path) as spill:
            for doc in arrival:
                spill.add(doc)
            assert [document_order(d) for d in spill.ordered()] == expected
        assert not (tmp_path / SPILL_NAME).exists()


def test_duplicate_ids_in_any_input_order_give_the_same_bytes(tmp_path):
    records = _records(6)
    records[4]["id"] = records[1]["id"]  # two inputs share an id, with different texts
    records[4]["text"] = TEXTS[0]
    outputs = []
    for name, order in (("forward", records), ("backward", records[::-1])):
        source = _jsonl(tmp_path / f"{name}.jsonl", order)
        run_build(source, tmp_path / f"out-{name}", *LIGHT, html=False)
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / f"out-{name}").iterdir()})
    assert outputs[0] == outputs[1]


def test_person_labels_made_by_a_worker_are_not_made_again():
    """Labels of discovered persons travel with a worker's PackedDoc and the
    parent's `person_label` answers from them, without its romaniser."""
    from kg import naming
    from kg.parallel import _person_labels

    name = "زيد عمرو بكر خالد"
    naming.learn_person_labels([(name, "Zayd Amr (from a worker)")])
    assert naming.person_label(name) == "Zayd Amr (from a worker)"

    person = naming.discovered_id("سعد الحريري", "Person")
    entity = naming.discovered_entity(person)
    class _Mention:  # only the entity id of a mention is read
        entity_id = person

    doc = DocResult(Article("d", "", "", 0, None, "none"), [], [_Mention()])  # type: ignore[list-item]
    assert entity.label == "Saad Hariri"  # romanised (the romaniser is a dependency)
    assert _person_labels(doc) == ((entity.aliases_ar[0], "Saad Hariri"),)


def test_workers_are_replaced_every_stretch_and_every_article_comes_back(monkeypatch):
    """With jobs > 1 a fresh pool of workers takes over every WORKER_ARTICLES
    articles per worker (their word caches grow with the vocabulary seen);
    no article is lost or repeated across the pools."""
    import kg.parallel
    from kg.parallel import run_pipeline
    from kg.reader import article_from_text

    pools: list[object] = []
    real_pool = kg.parallel.ProcessPoolExecutor

    class CountedPool(real_pool):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(kg.parallel, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(kg.parallel, "WORKER_ARTICLES", 8)  # 2 workers x 8 articles = 2 batches of 8 per pool
    articles = [article_from_text(f"doc-{i:02d}", TEXTS[i % len(TEXTS)]) for i in range(40)]
    results = list(run_pipeline(iter(articles), *LIGHT, jobs=2, packed=True))
    assert len(pools) == 3  # 16 + 16 + 8 articles
    assert sorted(r.doc_id for r in results) == [a.doc_id for a in articles]


def test_forked_workers_use_the_models_the_parent_read(monkeypatch, tmp_path):
    """Where workers are forked, the parent reads the models once before the
    first pool and every fresh pool inherits them (no worker reads them
    again); after the last pool the parent drops them and unfreezes the
    garbage collector, and no article is lost."""
    import multiprocessing
    import os

    import kg.parallel
    import kg.pipeline
    from kg.parallel import run_pipeline
    from kg.reader import article_from_text

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("spawned workers read the models themselves: nothing to share")
    made = tmp_path / "pipelines"
    real = kg.pipeline.Pipeline

    class CountedPipeline(real):  # type: ignore[misc, valid-type]
        def __post_init__(self) -> None:
            with open(made, "a") as out:  # a file: workers are other processes
                out.write(f"{os.getpid()}\n")
            super().__post_init__()

    monkeypatch.setattr(kg.pipeline, "Pipeline", CountedPipeline)
    monkeypatch.setattr(kg.parallel, "WORKER_ARTICLES", 8)  # three pools, as above
    articles = [article_from_text(f"doc-{i:02d}", TEXTS[i % len(TEXTS)]) for i in range(40)]
    results = list(run_pipeline(iter(articles), *LIGHT, jobs=2, packed=True))
    assert sorted(r.doc_id for r in results) == [a.doc_id for a in articles]
    assert made.read_text().split() == [str(os.getpid())]  # read once, by this process
    assert kg.parallel._worker_pipeline is None
    assert gc.get_freeze_count() == 0
