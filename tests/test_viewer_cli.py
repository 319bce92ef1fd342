"""The viewer from the command line: `kg build --focus/--hops`, `kg view`, a missing bundle."""

from __future__ import annotations

import shutil
from pathlib import Path

from kg.export.viewer.page import read_payload

GOOD_ARTICLE = "روسيا تنسق مع تركيا وإيران في إدلب\nقالت الوزارة إن روسيا تنسق مع تركيا.\n"


def _edges(data: dict) -> set[tuple]:
    ids, rel, mod, e = data["nodes"]["id"], data["relations"], data["modalities"], data["edges"]
    return {(ids[s], rel[r][0], mod[m], ids[t]) for s, r, m, t in zip(e["s"], e["rel"], e["mod"], e["t"])}


def test_view_from_turtle_matches_the_build_page(seeds_build, kg, tmp_path):
    """graph.ttl read back gives the page kg build drew from the statements."""
    out = tmp_path / "out"
    shutil.copytree(seeds_build.out, out)
    built = read_payload(seeds_build.html.read_text(encoding="utf-8"))
    run = kg("view", out, "-o", out / "again.html")
    assert run.returncode == 0, run.describe()
    viewed = read_payload((out / "again.html").read_text(encoding="utf-8"))
    assert viewed["nodes"]["id"] == built["nodes"]["id"]
    assert viewed["nodes"]["label"] == built["nodes"]["label"]
    assert _edges(viewed) == _edges(built) and len(_edges(built)) == len(built["edges"]["s"]) > 10
    assert sorted(viewed["sentences"]) == sorted(built["sentences"])
    assert sorted(map(tuple, viewed["docs"])) == sorted(map(tuple, built["docs"]))
    # the same evidence, with the trigger, subject and object offsets, deadlines and places
    def details(data):
        out = {}
        for e, (dates, deadlines, places, _, rows) in enumerate(data["details"]):
            key = (data["nodes"]["id"][data["edges"]["s"][e]], data["relations"][data["edges"]["rel"][e]][0],
                   data["nodes"]["id"][data["edges"]["t"][e]])
            out[key] = (dates, deadlines, places,
                        sorted((data["sentences"][r[0]], *r[2:8]) for r in rows))
        return out
    assert details(viewed) == details(built)
    deadline = [k for k, v in details(built).items() if v[1]]
    assert deadline, "the seeds have an ultimatum with a deadline"
    for sentence, ts, te, ss, se, os_, oe in details(built)[deadline[0]][3]:
        assert ts >= 0 and sentence[ts:te]  # the trigger is located in its sentence


def test_view_focus_writes_a_neighbourhood(seeds_build, kg, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seeds_build.out, out)
    run = kg("view", out, "--focus", "أردوغان", "--hops", "1")
    assert run.returncode == 0, run.describe()
    page = out / "focus-recep_tayyip_erdogan-1.html"
    data = read_payload(page.read_text(encoding="utf-8"))
    full = read_payload(seeds_build.html.read_text(encoding="utf-8"))
    assert data["focus"] == {"id": "recep_tayyip_erdogan", "hops": 1}
    ids = data["nodes"]["id"]
    assert "recep_tayyip_erdogan" in ids and 1 < len(ids) < len(full["nodes"]["id"])
    centre = ids.index("recep_tayyip_erdogan")
    near = {centre} | {t for s, t in zip(data["edges"]["s"], data["edges"]["t"]) if s == centre} | \
        {s for s, t in zip(data["edges"]["s"], data["edges"]["t"]) if t == centre}
    assert near == set(range(len(ids)))  # one hop: every node touches Erdogan


def test_view_errors_are_one_line(seeds_build, kg, one_line_error, tmp_path):
    line = one_line_error(kg("view", seeds_build.out, "--focus", "Atlantis", "-o", tmp_path / "x.html"))
    assert "no actor" in line
    line = one_line_error(kg("view", tmp_path / "nothing"))
    assert "no such graph file" in line
    line = one_line_error(kg("view", seeds_build.out, "--hops", "1"))
    assert "--hops needs --focus" in line
    line = one_line_error(kg("view", seeds_build.out, "-o", tmp_path / "y.html",
                             env={"KG_VIEWER_BUNDLE": str(tmp_path / "missing.js")}))
    assert "make viewer" in line
    assert not (tmp_path / "y.html").exists()


def test_build_focus_and_missing_bundle(kg, one_line_error, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(GOOD_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    run = kg("build", article, "-o", out, "--entities", "gazetteer", "--focus", "Iran", "--hops", "1", "-q")
    assert run.returncode == 0, run.describe()
    data = read_payload((out / "graph.html").read_text(encoding="utf-8"))
    assert data["focus"]["id"] in data["nodes"]["id"] and "Iran" in data["title"]
    assert set(data["nodes"]["label"]) >= {"Iran", "Russia"}

    one_line_error(kg("build", article, "-o", tmp_path / "o2", "--hops", "2"))
    one_line_error(kg("build", article, "-o", tmp_path / "o3", "--focus", "Iran", "--no-html"))
    line = one_line_error(kg("build", article, "-o", tmp_path / "o4", "--entities", "gazetteer", "--focus", "Atlantis", "-q"))
    assert "no actor" in line and "kg view" in line
    assert (tmp_path / "o4" / "graph.ttl").is_file()

    # without the JavaScript bundle: everything but the page, and a warning saying how to build it
    run = kg("build", article, "-o", tmp_path / "o5", "--entities", "gazetteer", "-q",
             env={"KG_VIEWER_BUNDLE": str(tmp_path / "missing.js")})
    assert run.returncode == 0, run.describe()
    assert (tmp_path / "o5" / "graph.ttl").is_file() and not (tmp_path / "o5" / "graph.html").exists()
    assert len(run.stderr_lines) == 1 and "graph.html not written" in run.stderr and "make viewer" in run.stderr
