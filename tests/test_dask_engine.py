"""`kg build --engine dask`: extraction on a dask.distributed cluster, shards
bulk-loaded into a store. Its outputs must be the bytes of a local build
(`--jobs 1`) and of a `--store` build; a bad scheduler, a missing dask and a
failing worker are one line each and leave the previous output set whole.

One LocalCluster of two worker processes serves the tests that pass
`--scheduler`; the default path (a LocalCluster made by kg) runs once."""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import cloudpickle
import pytest
from distributed import Client, LocalCluster

from conftest import SEEDS

from kg.engines.dask_engine import DaskSettings, partition_count, partition_of, run_dask_build, split
from kg.errors import KgError
from kg.model import Article
from kg.outputs import OUTPUT_NAMES
from kg.store import KgStore

LIGHT = ("--entities", "gazetteer", "--relations", "rules,static")  # no statistical model: quicker workers
COMPARED = ("graph.ttl", "triples.jsonl", "events.jsonl")

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the fault injected below runs on the workers


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      memory_limit=0) as local, Client(local, set_as_default=False) as client:
        yield client


def _articles(folder: Path) -> Path:
    """The seeds, plus their paragraphs as articles of their own (many small
    documents, so that several partitions are made), plus a self-made one."""
    folder.mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    records = []
    for seed in sorted(SEEDS.glob("*.txt")):
        paragraphs = [p.strip() for p in seed.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 40]
        records += [{"id": f"{seed.stem}-{n:02d}", "text": t, "date": "2020-02-08"} for n, t in enumerate(paragraphs)]
    records.append({"id": "self-made", "date": "2021-03-04",
                    "text": "روسيا تنسق مع تركيا وإيران في إدلب\nقالت الوزارة إن روسيا تنسق مع تركيا."})
    random.Random(1).shuffle(records)  # the input order must not matter
    (folder / "paragraphs.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                             encoding="utf-8")
    return folder


def _read(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in COMPARED}


def _said(run) -> str:
    """stderr with rich's line wrapping undone."""
    return " ".join(run.stderr.split())


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".kg-" in p.name)


def test_partitions_depend_on_the_ids_only():
    articles = [Article(f"doc-{n}", "نص", "", 0, None, "none") for n in range(50)]
    shuffled = list(articles)
    random.Random(0).shuffle(shuffled)
    assert split(articles, 4) == split(shuffled, 4)
    parts = split(articles, 4)
    assert sorted(a.doc_id for part in parts for a in part) == sorted(a.doc_id for a in articles)
    assert all([a.doc_id for a in part] == sorted(a.doc_id for a in part) for part in parts)
    assert len(parts) == 4  # 50 ids do not all land in fewer than 4 of 4 buckets
    assert partition_of("doc-7", 4) == partition_of("doc-7", 4) == int(partition_of("doc-7", 4))
    assert partition_count(10, 2, None) == 8 and partition_count(3, 2, None) == 3
    assert partition_count(10_000, 2, None) == 50 and partition_count(10, 2, 4) == 4


def test_dask_build_is_the_bytes_of_local_and_store_builds(kg, tmp_path):
    """Default LocalCluster (made by kg, two workers), default extractors."""
    source = _articles(tmp_path / "articles")
    local = kg("build", source, "-o", tmp_path / "local", "-q", "--jobs", "1", timeout=600)
    assert local.returncode == 0, local.describe()
    stored = kg("build", source, "-o", tmp_path / "stored", "-q", "--store", tmp_path / "db", timeout=600)
    assert stored.returncode == 0, stored.describe()
    dask = kg("build", source, "-o", tmp_path / "dask", "--engine", "dask", "--jobs", "2", "--partitions", "5",
              timeout=600)
    assert dask.returncode == 0, dask.describe()
    assert "5 partition(s) on 2 dask worker(s)" in _said(dask), dask.describe()
    want = _read(tmp_path / "local")
    assert want["graph.ttl"].count(b"kg:Statement") > 10
    assert _read(tmp_path / "stored") == want
    assert _read(tmp_path / "dask") == want
    names = sorted(p.name for p in (tmp_path / "dask").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "local").iterdir())  # no store or shard left inside
    assert set(COMPARED) <= set(names) <= set(OUTPUT_NAMES)
    assert _leftovers(tmp_path) == []


def test_scheduler_store_and_shared_shards(kg, tmp_path, cluster):
    """--scheduler to a running cluster, a persistent --store built
    incrementally, shards written by the workers into --shards."""
    source = _articles(tmp_path / "articles")
    address = cluster.scheduler.address
    shards = tmp_path / "shards"
    first = kg("build", source, "-o", tmp_path / "dask", "--no-html", *LIGHT, "--engine", "dask",
               "--scheduler", address, "--store", tmp_path / "db", "--shards", shards, timeout=600)
    assert first.returncode == 0, first.describe()
    documents = len(list(source.glob("*.txt"))) + len((source / "paragraphs.jsonl").read_text().splitlines())
    assert f"{documents} added, 0 replaced, 0 unchanged" in _said(first), first.describe()
    assert list(shards.iterdir()) == []  # this build's shard folder went once loaded
    # one article changed, one new: only those two are extracted; the rest of the store stays
    paragraphs = source / "paragraphs.jsonl"
    records = [json.loads(line) for line in paragraphs.read_text(encoding="utf-8").splitlines()]
    records[0]["text"] = records[0]["text"] + " وقالت روسيا إنها تدعم تركيا."
    records.append({"id": "self-made-2", "text": "هاجمت إسرائيل غزة يوم الاثنين.", "date": "2021-05-10"})
    paragraphs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    second = kg("build", source, "-o", tmp_path / "dask", "--no-html", *LIGHT, "--engine", "dask",
                "--scheduler", address, "--store", tmp_path / "db", timeout=600)
    assert second.returncode == 0, second.describe()
    assert f"1 added, 1 replaced, {documents - 1} unchanged" in _said(second), second.describe()
    local = kg("build", source, "-o", tmp_path / "local", "--no-html", "-q", *LIGHT, timeout=600)
    assert local.returncode == 0, local.describe()
    assert _read(tmp_path / "dask") == _read(tmp_path / "local")
    with KgStore(tmp_path / "db") as store:
        assert store.index.get_meta("dirty") == "0"
        assert len(store.index.doc_ids()) == documents + 1


def test_bad_scheduler_is_one_line_quickly(kg, one_line_error, tmp_path):
    for address, needle in (("tcp://127.0.0.1:1", "cannot connect"), ("nohost:port", "not an address")):
        started = time.monotonic()
        run = kg("build", SEEDS, "-o", tmp_path / "out", "--engine", "dask", "--scheduler", address,
                 "--connect-timeout", "1")
        line = one_line_error(run)
        assert run.returncode == 1 and needle in line and address in line
        assert time.monotonic() - started < 30
    assert not (tmp_path / "out").exists() and _leftovers(tmp_path) == []


def test_dask_options_need_the_dask_engine(kg, tmp_path):
    run = kg("build", SEEDS, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:8786")
    assert run.returncode == 2 and "--scheduler needs --engine dask" in run.stderr


def test_without_dask_one_line(kg, one_line_error, tmp_path):
    fake = tmp_path / "site" / "distributed"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('No module named distributed')\n")
    env = {"PYTHONPATH": f"{fake.parent}:{Path(__file__).resolve().parents[1]}"}
    run = kg("build", SEEDS, "-o", tmp_path / "out", "--engine", "dask", env=env)
    line = one_line_error(run)
    assert run.returncode == 1 and "dask.distributed" in line and "kg[cluster]" in line


def _fail_on_workers() -> None:
    import kg.engines.dask_tasks as tasks
    from kg.errors import KgError as WorkerError

    def broken(*_: object) -> object:
        raise WorkerError("injected failure on a worker")

    tasks._saved_pipeline = tasks._pipeline  # type: ignore[attr-defined]
    tasks._pipeline = broken


def _repair_workers() -> None:
    import kg.engines.dask_tasks as tasks

    tasks._pipeline = tasks._saved_pipeline  # type: ignore[attr-defined]


def test_failed_dask_build_keeps_the_previous_set_and_store(kg, one_line_error, tmp_path, cluster):
    source = _articles(tmp_path / "articles")
    address = cluster.scheduler.address
    out, db = tmp_path / "out", tmp_path / "db"
    (source / "paragraphs.jsonl").unlink()
    good = kg("build", source, "-o", out, "-q", *LIGHT, "--engine", "dask", "--scheduler", address, "--store", db)
    assert good.returncode == 0, good.describe()
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (source / "new.txt").write_text("هاجمت إسرائيل غزة يوم الاثنين.\n", encoding="utf-8")
    cluster.run(_fail_on_workers)
    try:
        failed = kg("build", source, "-o", out, "-q", *LIGHT, "--engine", "dask", "--scheduler", address,
                    "--store", db)
        line = one_line_error(failed)
        assert "injected failure on a worker" in line
        with pytest.raises(KgError, match="injected failure"):  # the same, in-process, without a --store
            run_dask_build(source, out, LIGHT[1:2], tuple(LIGHT[3].split(",")), DaskSettings(), client=cluster)
    finally:
        cluster.run(_repair_workers)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _leftovers(tmp_path) == []
    with KgStore(db) as store:  # the store was not touched: the shards are loaded only when all are made
        assert store.index.get_meta("dirty") == "0"
        assert len(store.index.doc_ids()) == 2
