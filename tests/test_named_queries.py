"""Named queries: shipped in the package, listed with their descriptions,
parameters substituted as RDF terms; they work from an installed wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.named_queries import QUERY_DIR, Param, named_queries, named_query, term_for

from conftest import QUERIES, REPO, SEEDS


def test_every_query_has_a_description():
    queries = named_queries()
    assert {"timeline", "actor", "between", "relation", "documents", "idlib"} <= set(queries)
    for query in queries.values():
        assert query.description, query.name


def test_queries_folder_is_the_shipped_one():
    assert sorted(p.name for p in QUERIES.glob("*.rq")) == sorted(p.name for p in QUERY_DIR.glob("*.rq"))


@pytest.mark.parametrize("param, raw, term", [
    (Param("a", "entity", None, ""), "turkey", "ent:turkey"),
    (Param("a", "entity", None, ""), "ent:Person/sAmr_xlyl", "ent:Person/sAmr_xlyl"),
    (Param("a", "entity", None, ""), "<http://www.wikidata.org/entity/Q43>", "<http://www.wikidata.org/entity/Q43>"),
    (Param("r", "relation", None, ""), "attacks", "kg:attacks"),
    (Param("d", "date", None, ""), "2020-02-05", '"2020-02-05"^^xsd:date'),
    (Param("n", "integer", None, ""), "12", "12"),
    (Param("s", "string", None, ""), 'say "x"', '"say \\"x\\""'),
])
def test_parameter_terms(param, raw, term):
    assert term_for(param, raw) == term


@pytest.mark.parametrize("param, raw", [
    (Param("a", "entity", None, ""), "ent:turkey } ; DROP ALL ; {"),
    (Param("a", "entity", None, ""), "nope:x"),
    (Param("d", "date", None, ""), "5 Feb"),
    (Param("n", "integer", None, ""), "1.5"),
    (Param("i", "iri", None, ""), "turkey"),
])
def test_bad_parameter_values(param, raw):
    with pytest.raises(KgError):
        term_for(param, raw)


def test_render_defaults_and_unknown_params():
    timeline = named_query("timeline")
    text = timeline.render({})
    assert "ent:turkey" in text and "$actor" not in text and "$from" in text  # optional stays unbound
    assert '"2020-02-06"^^xsd:date' in timeline.render({"from": "2020-02-06"})
    with pytest.raises(KgError, match="no parameter"):
        timeline.render({"actr": "russia"})
    with pytest.raises(KgError, match="no named query"):
        named_query("nothing")


def test_list_cli(kg_fast):
    run = kg_fast("query", "--list")
    assert run.returncode == 0
    assert "timeline: One actor's events in date order" in run.stdout
    assert "--param actor=<entity>" in run.stdout
    listed = json.loads(kg_fast("query", "--list", "--format", "json").stdout)
    assert {q["name"] for q in listed} == set(named_queries())


def test_named_query_on_graph_file(kg_fast, seeds_build):
    run = kg_fast("query", seeds_build.ttl, "--named", "timeline", "--param", "actor=russia", "--format", "json")
    rows = json.loads(run.stdout)
    assert rows and all("Russia" in (r["subject"], r["object"]) for r in rows)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    later = json.loads(kg_fast("query", seeds_build.ttl, "--named", "timeline", "--param", "actor=russia",
                               "--param", "from=2020-02-06", "--format", "json").stdout)
    assert later and all(r["date"] >= "2020-02-06" for r in later) and len(later) < len(rows)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_on_the_seeds(kg_fast, seeds_build, name):
    run = kg_fast("query", seeds_build.ttl, "--named", name, "--format", "json")
    assert run.returncode == 0, run.describe()
    assert json.loads(run.stdout), f"{name} found nothing in the seeds"


def test_query_errors_are_one_line(kg, one_line_error, seeds_build):
    assert "needs --param" not in one_line_error(kg("query", seeds_build.ttl, "--named", "actor", "--param", "x=1"))
    assert "goes with --named" in one_line_error(kg("query", seeds_build.ttl, "ASK {}", "--param", "a=b"))
    assert "exactly one" in one_line_error(kg("query", seeds_build.ttl, "ASK {}", "--named", "actor"))
    line = one_line_error(kg("query", seeds_build.ttl, "INSERT DATA { ent:a ent:b ent:c }"))
    assert "updates (INSERT …) are refused" in line
    line = one_line_error(kg("query", seeds_build.ttl, "PREFIX x: <http://x#>\n# comment\ndelete where { ?s ?p ?o }"))
    assert "updates (DELETE …) are refused" in line
    assert "GRAPH file or --store" in one_line_error(kg("query"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """kg built as a wheel and installed (without dependencies: they are in this
    venv) into a target folder, away from the source tree."""
    tmp = tmp_path_factory.mktemp("wheel")
    import importlib.util

    # the venv's setuptools when it has one (no download); else pip's isolated build env from PyPI
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("setuptools") else []
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q", "-w", tmp / "dist",
                    REPO], check=True, cwd=tmp, timeout=600)
    wheel = next((tmp / "dist").glob("kg-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", tmp / "site", wheel],
                   check=True, cwd=tmp, timeout=600)
    return tmp


def _run_installed(installed: Path, *args: object) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(installed / "site")
    return subprocess.run([sys.executable, "-c", "import sys, kg, kg.cli; assert '/site/' in kg.__file__, kg.__file__; "
                           "kg.cli.main(sys.argv[1:])", *map(str, args)],
                          capture_output=True, text=True, cwd=installed, env=env, timeout=300)


def test_named_queries_from_an_installed_wheel(installed, seeds_build):
    run = _run_installed(installed, "query", "--list")
    assert run.returncode == 0, run.stderr
    assert "timeline:" in run.stdout and "documents:" in run.stdout
    run = _run_installed(installed, "query", seeds_build.ttl, "--named", "timeline", "--param", "actor=turkey",
                         "--format", "csv")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("date,subject,relation,object") and "Turkey" in run.stdout


def test_store_build_and_validate_from_an_installed_wheel(installed, tmp_path):
    run = _run_installed(installed, "build", SEEDS, "--store", tmp_path / "db", "-o", tmp_path / "out", "--no-html",
                         "-q", "--entities", "gazetteer")
    assert run.returncode == 0, run.stderr
    run = _run_installed(installed, "query", "--store", tmp_path / "db", "--named", "documents", "--format", "csv")
    assert run.returncode == 0 and run.stdout.count(".txt") == 2, run.stderr
    run = _run_installed(installed, "validate", "--store", tmp_path / "db")
    assert run.returncode == 0 and "conforms" in run.stdout, run.stderr
