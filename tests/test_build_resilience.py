"""`kg build` under interruption, bad `-o`, concurrent builds, odd folders,
and `--jobs`: the output set is replaced as a whole, and the same input gives
the same bytes whatever the number of workers or the order of the input."""

from __future__ import annotations

import fcntl
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SEEDS

from kg.errors import KgError
from kg.outputs import OLD_TAG, OUTPUT_NAMES, STAGING_TAG, OutputFolder, check_output_dir

LIGHT = ("--entities", "gazetteer", "--relations", "rules,static")  # no statistical model: quicker builds
ARTICLE = "روسيا تنسق مع تركيا وإيران في إدلب\nقالت الوزارة إن روسيا تنسق مع تركيا.\n"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _leftovers(parent: Path, name: str = "out") -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}."))


def _article_folder(folder: Path, text: str = ARTICLE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(text, encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- -o checked before any work


@pytest.mark.parametrize("make_out, needle", [
    (lambda tmp: (tmp / "file").write_text("x") and tmp / "file", "not a folder"),
    (lambda tmp: (tmp / "file").write_text("x") and tmp / "file" / "sub", "is a file"),
    (lambda tmp: (tmp / "mine").mkdir() or (tmp / "mine" / "notes.md").write_text("x") and tmp / "mine",
     "not kg outputs"),
])
def test_bad_out_is_one_line_before_any_work(kg, one_line_error, tmp_path, make_out, needle):
    out = make_out(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    run = kg("build", SEEDS, "-o", out)
    line = one_line_error(run)
    assert run.returncode == 1 and needle in line
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written, nothing removed


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_out_folder(kg, one_line_error, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        line = one_line_error(kg("build", SEEDS, "-o", out))
    finally:
        out.chmod(0o755)
    assert "not writable" in line


def test_check_output_dir_accepts_a_previous_output_set(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUT_NAMES:
        (out / name).write_text("old")
    (out / ".graph.ttl.abc123.tmp").write_text("stale temp file of an older kg")
    assert check_output_dir(out) == out


# --------------------------------------------------------------------------- lock


def test_second_build_into_a_locked_folder_fails_in_one_line(kg, one_line_error, tmp_path):
    source = _article_folder(tmp_path / "in")
    out = tmp_path / "out"
    with OutputFolder(check_output_dir(out)):  # a build in progress
        run = kg("build", source, "-o", out, *LIGHT)
    line = one_line_error(run)
    assert "another kg build" in line and str(os.getpid()) in line
    assert not out.exists()
    assert _leftovers(tmp_path) == []  # the holder released and removed its lock and staging folder


def test_lock_is_exclusive_in_process(tmp_path):
    target = check_output_dir(tmp_path / "out")
    with OutputFolder(target):
        with pytest.raises(KgError, match="another kg build"):
            with OutputFolder(target):
                pass
    with OutputFolder(target):  # released
        pass


# --------------------------------------------------------------------------- states a killed build leaves


def test_killed_before_swap_staging_folder_is_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous")
    stale = tmp_path / f".out{STAGING_TAG}dead"
    stale.mkdir()
    (stale / "graph.ttl").write_text("half")
    with OutputFolder(check_output_dir(out)) as folder:
        assert not stale.exists() and str(stale) in folder.cleaned
        (folder.staging / "graph.ttl").write_text("new")
        folder.commit()
    assert _snapshot(out) == {"graph.ttl": b"new"}
    assert _leftovers(tmp_path) == []


def test_killed_between_fallback_renames_previous_set_is_restored(tmp_path):
    out = tmp_path / "out"
    old = tmp_path / f".out{OLD_TAG}dead"
    old.mkdir()
    (old / "graph.ttl").write_text("previous")  # out was renamed away, the new set never arrived
    with OutputFolder(check_output_dir(out)):
        assert _snapshot(out) == {"graph.ttl": b"previous"}  # restored before anything else
    assert _snapshot(out) == {"graph.ttl": b"previous"}
    assert _leftovers(tmp_path) == []


def test_commit_replaces_the_whole_set(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUT_NAMES:
        (out / name).write_text("old")
    with OutputFolder(check_output_dir(out)) as folder:
        (folder.staging / "graph.ttl").write_text("new")
        folder.commit()
    assert _snapshot(out) == {"graph.ttl": b"new"}  # no old graph.html beside the new graph.ttl


def test_failure_inside_keeps_previous_set(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("old")
    with pytest.raises(RuntimeError):
        with OutputFolder(check_output_dir(out)) as folder:
            (folder.staging / "graph.ttl").write_text("new")
            raise RuntimeError("boom")
    assert _snapshot(out) == {"graph.ttl": b"old"}
    assert _leftovers(tmp_path) == []


def test_no_html_build_drops_the_previous_viewer(kg_fast, tmp_path):
    source = _article_folder(tmp_path / "in")
    out = tmp_path / "out"
    assert kg_fast("build", source, "-o", out, "-q", *LIGHT).returncode == 0
    assert (out / "graph.html").exists()
    assert kg_fast("build", source, "-o", out, "-q", "--no-html", *LIGHT).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["events.jsonl", "graph.ttl", "triples.jsonl"]
    assert _leftovers(tmp_path) == []


def _start_build(source: Path, out: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("KG_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(source), "-o", str(out), "-q", *LIGHT],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_sigkill_at_any_moment_leaves_a_whole_output_set(tmp_path):
    """Build A, then start builds of B and SIGKILL them at several moments
    (reading models, extracting, writing, swapping): every time, the folder
    holds exactly A's set or exactly B's, and a last build completes and
    leaves no temp file or lock behind."""
    source = tmp_path / "in"
    _article_folder(source)
    out, reference = tmp_path / "out", tmp_path / "ref"
    first = _start_build(source, out)
    assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    set_a = _snapshot(out)
    for seed in sorted(SEEDS.glob("*.txt")):  # B: the same folder with the two seed articles added
        (source / seed.name).write_bytes(seed.read_bytes())
    started = time.monotonic()
    ref = _start_build(source, reference)
    assert ref.wait(timeout=300) == 0, ref.stderr.read().decode()
    duration = time.monotonic() - started
    set_b = _snapshot(reference)
    assert set_a != set_b
    seen = set()
    for fraction in (0.3, 0.6, 0.85, 0.93, 0.97, 1.0):
        proc = _start_build(source, out)
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        now = _snapshot(out)
        assert now in (set_a, set_b), f"mixed output set after a kill at {fraction:.2f} of a build"
        seen.add("A" if now == set_a else "B")
    last = _start_build(source, out)
    assert last.wait(timeout=300) == 0, last.stderr.read().decode()
    assert _snapshot(out) == set_b
    assert _leftovers(tmp_path) == [] and _leftovers(tmp_path, "ref") == []
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


# --------------------------------------------------------------------------- nothing skipped without a word


def test_every_skipped_entry_is_named_and_counted(kg, tmp_path):
    folder = _article_folder(tmp_path / "in")
    (folder / "english.txt").write_text("Russia coordinates with Turkey.\n", encoding="utf-8")
    (folder / "punct.txt").write_text("... !!! ؟؟ 123\n", encoding="utf-8")
    (folder / "nothing.txt").write_text("كان الطقس جميلا والسماء صافية\n", encoding="utf-8")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    (folder / "up").symlink_to(folder, target_is_directory=True)
    lines = [json.dumps({"id": "en", "text": "only English here"}), json.dumps({"id": "ar", "text": ARTICLE})]
    (folder / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = kg("build", folder, "-o", tmp_path / "out", *LIGHT)
    assert run.returncode == 0, run.describe()
    warnings = [line for line in run.stderr_lines if line.startswith("kg: warning")]
    expected = {"english.txt": "no Arabic text", "punct.txt": "no Arabic text", "b.jsonl:1": "no Arabic text",
                "loop.txt": "symbolic link loop", "gone.txt": "broken symbolic link", "up": "not followed",
                "nothing.txt": "no entity found"}
    for name, reason in expected.items():
        assert any(f"{name}:" in w and reason in w for w in warnings), (name, run.describe())
    assert len(warnings) == len(expected), run.describe()
    assert "skipped 6" in run.stderr and "without entities 1" in run.stderr, run.describe()
    assert "documents 3" in run.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable folders")
def test_unreadable_subfolder_is_named(kg, tmp_path):
    folder = _article_folder(tmp_path / "in")
    locked = folder / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    try:
        run = kg("build", folder, "-o", tmp_path / "out", *LIGHT)
    finally:
        locked.chmod(0o755)
    assert run.returncode == 0 and "locked: folder not read" in run.stderr, run.describe()


# --------------------------------------------------------------------------- --jobs and input order


def _paragraph_articles() -> list[dict]:
    """The seed articles cut into their paragraphs: a dozen small articles."""
    records = []
    for seed in sorted(SEEDS.glob("*.txt")):
        paragraphs = [p.strip() for p in seed.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 40]
        for number, text in enumerate(paragraphs):
            records.append({"id": f"{seed.stem}-{number:02d}", "text": text, "date": "2020-02-08"})
    return records


def test_jobs_and_input_order_give_the_same_bytes(kg, tmp_path):
    records = _paragraph_articles()
    assert len(records) >= 8
    source = tmp_path / "articles.jsonl"

    def build(order: list[dict], jobs: int, name: str) -> dict[str, bytes]:
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in order), encoding="utf-8")
        run = kg("build", source, "-o", tmp_path / name, "-q", "--jobs", str(jobs), timeout=600)
        assert run.returncode == 0, run.describe()
        return _snapshot(tmp_path / name)

    one = build(records, 1, "j1")
    two = build(records, 2, "j2")
    shuffled = list(records)
    random.Random(0).shuffle(shuffled)
    assert [r["id"] for r in shuffled] != [r["id"] for r in records]
    reordered = build(shuffled, 2, "j2-shuffled")
    assert set(one) == set(OUTPUT_NAMES)
    for name in OUTPUT_NAMES:
        assert two[name] == one[name], f"--jobs 2 changed {name}"
        assert reordered[name] == one[name], f"input order changed {name}"
    docs = [json.loads(line)["doc"] for line in one["triples.jsonl"].decode().splitlines()]
    assert docs == sorted(docs) and len(set(docs)) > 3


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_sigkill_of_a_parallel_build_takes_its_workers_along(tmp_path):
    """Workers die with a killed build (they would otherwise wait forever
    and, being forked, keep the output folder's lock); the next build runs."""
    source = tmp_path / "articles.jsonl"
    records = _paragraph_articles() * 6
    source.write_text("".join(json.dumps(dict(r, id=f"{r['id']}-{n}"), ensure_ascii=False) + "\n"
                              for n, r in enumerate(records)), encoding="utf-8")
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(source), "-o", str(out), "-q",
                             "--jobs", "2", *LIGHT], cwd=REPO, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert len(workers) == 2, "the build started no workers"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 15
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers), "a worker outlived its build"
    run = _start_build(source, out)
    assert run.wait(timeout=300) == 0, run.stderr.read().decode()
    assert _leftovers(tmp_path) == []


def test_output_folder_inside_the_source_is_not_read_back(kg_fast, tmp_path):
    source = _article_folder(tmp_path / "in")
    out = source / "out"
    for _ in range(2):  # the second build would read the first one's JSONL as articles
        run = kg_fast("build", source, "-o", out, *LIGHT)
        assert run.returncode == 0, run.describe()
        assert "warning" not in run.stderr and "documents 1" in run.stderr, run.describe()
