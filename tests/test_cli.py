"""The `kg` command line, run as a user runs it (`python -m kg.cli`, through `main()`).

The seeds graph is built once per session (see conftest `seeds_build`).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from conftest import GOLD, QUERIES, SEEDS

from kg.atomic import atomic_writer
from kg.cli import cli

TRIPLE_KEYS = {"doc", "s", "r", "o", "s_ar", "o_ar", "date", "modality", "sentence", "offsets", "extractor",
               "confidence"}
GOOD_ARTICLE = "روسيا تنسق مع تركيا وإيران في إدلب\nقالت الوزارة إن روسيا تنسق مع تركيا.\n"


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------- build


def test_build_seeds_exit_and_summary(seeds_build):
    run = seeds_build.run
    assert run.returncode == 0
    assert "Traceback" not in run.stderr
    assert "documents 2" in run.stderr


def test_build_seeds_turtle_parses(seeds_build):
    graph = rdflib.Graph()
    graph.parse(seeds_build.ttl, format="turtle")
    assert len(graph) > 100
    kg_ns = rdflib.Namespace("https://w3id.org/arabic-news-kg/ontology#")
    ent = rdflib.Namespace("https://w3id.org/arabic-news-kg/entity/")
    assert (ent.russia, kg_ns.coordinates_with, ent.turkey) in graph


def test_build_seeds_triples_have_keys(seeds_build):
    records = seeds_build.records()
    assert records
    for record in records:
        assert TRIPLE_KEYS <= set(record), sorted(TRIPLE_KEYS - set(record))
        assert set(record["offsets"]) >= {"trigger", "s", "o", "sentence"}
        assert 0.0 < record["confidence"] <= 1.0
    assert {r["doc"] for r in records} == {p.name for p in SEEDS.glob("*.txt")}


def test_build_seeds_offsets_slice_source_text(seeds_build):
    texts = {p.name: p.read_bytes().decode("utf-8-sig") for p in SEEDS.glob("*.txt")}
    records = seeds_build.records()
    for record in records:
        text = texts[record["doc"]]
        for key, field in (("trigger", "trigger"), ("s", "s_text"), ("o", "o_text"), ("sentence", "sentence")):
            start, end = record["offsets"][key]
            assert 0 <= start < end <= len(text), (key, record)
            assert text[start:end] == record[field], (key, record)
        sent_start, sent_end = record["offsets"]["sentence"]
        for key in ("trigger", "s", "o"):
            start, end = record["offsets"][key]
            assert sent_start <= start and end <= sent_end, (key, record)


def test_build_seeds_html_is_self_contained(seeds_build):
    html = seeds_build.html.read_text(encoding="utf-8")
    assert html.strip()
    assert 'src="http' not in html
    assert 'href="http' not in html


def test_build_no_html_and_quiet(kg_fast, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    run = kg_fast("build", tmp_path / "a.txt", "-o", out, "--no-html", "-q")
    assert run.returncode == 0, run.describe()
    assert (out / "graph.ttl").is_file() and (out / "triples.jsonl").is_file()
    assert not (out / "graph.html").exists()
    assert run.stderr.strip() == ""


# --------------------------------------------------------------------------- .jsonl input


def test_build_jsonl_with_bad_line(kg, tmp_path):
    source = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"id": "rec-1", "title": "روسيا تنسق مع تركيا",
                    "text": "قالت الوزارة إن روسيا تنسق مع تركيا وإيران.", "date": "2020-02-08",
                    "url": "https://example.org/1"}, ensure_ascii=False),
        "{this is not json",
        json.dumps({"id": "rec-2", "title": "", "text": "هددت تركيا روسيا أمس.", "date": "2020-03-01T10:00:00",
                    "url": "https://example.org/2"}, ensure_ascii=False),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run = kg("build", source, "-o", out, "--no-html")
    assert run.returncode == 0, run.describe()
    records = _records(out / "triples.jsonl")
    by_doc = {}
    for record in records:
        by_doc.setdefault(record["doc"], []).append(record)
    assert set(by_doc) == {"rec-1", "rec-2"}
    # The text states no date: the metadata date is the article's date.
    assert {r["article_date"] for r in by_doc["rec-1"]} == {"2020-02-08"}
    assert {r["date"] for r in by_doc["rec-1"]} == {"2020-02-08"}
    assert {r["article_date"] for r in by_doc["rec-2"]} == {"2020-03-01"}
    threat = [r for r in by_doc["rec-2"] if r["r"] == "threatens"]
    assert threat and threat[0]["date"] == "2020-02-29"  # أمس, the day before (leap year)
    warnings = [line for line in run.stderr_lines if "warning" in line]
    assert len(warnings) == 1, run.describe()
    assert f"{source}:2" in warnings[0] and "invalid JSON" in warnings[0]
    assert "Traceback" not in run.stderr


# --------------------------------------------------------------------------- extract


ARABIC = "روسيا تنسق مع تركيا وإيران"


def test_extract_table_wide_terminal(kg):
    run = kg("extract", ARABIC, env={"COLUMNS": "200"})
    assert run.returncode == 0, run.describe()
    assert "coordinates_with" in run.stdout
    assert "Russia" in run.stdout and "Turkey" in run.stdout and "Iran" in run.stdout


def test_extract_table_default_width_shows_relation(kg):
    run = kg("extract", ARABIC, env={"COLUMNS": "80"})
    assert run.returncode == 0, run.describe()
    assert "coordinates_with" in run.stdout


def test_extract_table_cli_runner():
    result = CliRunner().invoke(cli, ["extract", ARABIC], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "coordinates_with" in result.output


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_extract_json(kg):
    run = kg("extract", "--json", ARABIC)
    assert run.returncode == 0, run.describe()
    records = _json_lines(run.stdout)
    assert records and all(r["r"] == "coordinates_with" and r["s"] == "Russia" for r in records)
    assert sorted(r["o"] for r in records) == ["Iran", "Turkey"]
    for r in records:
        assert ARABIC[r["offsets"]["o"][0]:r["offsets"]["o"][1]] == r["o_text"]


def test_extract_stdin(kg_fast):
    run = kg_fast("extract", "--json", "-", input=ARABIC + "\n")
    assert run.returncode == 0, run.describe()
    records = _json_lines(run.stdout)
    assert sorted((r["s"], r["r"], r["o"]) for r in records) == [
        ("Russia", "coordinates_with", "Iran"), ("Russia", "coordinates_with", "Turkey")]


def test_extract_relative_date(kg_fast):
    run = kg_fast("extract", "--json", "--date", "2020-02-08", "هددت تركيا روسيا أمس")
    assert run.returncode == 0, run.describe()
    records = _json_lines(run.stdout)
    threat = [r for r in records if r["r"] == "threatens"]
    assert len(threat) == 1, records
    assert (threat[0]["s"], threat[0]["o"]) == ("Turkey", "Russia")
    assert threat[0]["date"] == "2020-02-07"
    assert threat[0]["article_date"] == "2020-02-08"


def test_extract_no_relations_is_not_an_error(kg_fast):
    run = kg_fast("extract", "كان الطقس جميلا")
    assert run.returncode == 0, run.describe()
    assert "no relations found" in run.stderr


@pytest.mark.parametrize("args, needle", [
    (("extract", "--date", "2020-13-45", ARABIC), "--date"),
    (("extract", "--date", "yesterday", ARABIC), "--date"),
    (("extract", "   "), "empty"),
])
def test_extract_bad_input(kg, one_line_error, args, needle):
    line = one_line_error(kg(*args))
    assert needle in line


def test_extract_empty_stdin(kg, one_line_error):
    line = one_line_error(kg("extract", "-", input=" \n"))
    assert "empty" in line


def test_extract_binary_stdin(kg, one_line_error):
    line = one_line_error(kg("extract", "-", input=b"ab\x00cd"))
    assert "binary" in line


# --------------------------------------------------------------------------- query

QUERY_FILES = sorted(QUERIES.glob("*.rq"))


def test_there_are_query_files():
    assert len(QUERY_FILES) >= 1


@pytest.mark.parametrize("query_file", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_query_files_return_rows(kg_fast, seeds_build, query_file):
    run = kg_fast("query", seeds_build.ttl, "--file", query_file, "--format", "csv")
    assert run.returncode == 0, run.describe()
    rows = list(csv.reader(io.StringIO(run.stdout)))
    assert len(rows) >= 2, run.describe()  # header + at least one row


def test_query_table_format(kg_fast, seeds_build):
    run = kg_fast("query", seeds_build.ttl, "--file", QUERIES / "actors_by_degree.rq", env={"COLUMNS": "200"})
    assert run.returncode == 0, run.describe()
    assert "Russia" in run.stdout
    assert "row(s)" in run.stderr


INLINE = "SELECT ?o WHERE { ent:russia kg:coordinates_with ?o } ORDER BY ?o"


def test_query_inline(kg_fast, seeds_build):
    run = kg_fast("query", seeds_build.ttl, INLINE, "--format", "json")
    assert run.returncode == 0, run.describe()
    rows = json.loads(run.stdout)
    assert {"o": "ent:turkey"} in rows and {"o": "ent:iran"} in rows


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_query_csv_tsv(kg_fast, seeds_build, fmt, delimiter):
    run = kg_fast("query", seeds_build.ttl, "--file", QUERIES / "relations_with_sources.rq", "--format", fmt)
    assert run.returncode == 0, run.describe()
    rows = list(csv.reader(io.StringIO(run.stdout), delimiter=delimiter))
    header, body = rows[0], rows[1:]
    assert header == ["subject", "relation", "object", "doc", "trigger", "confidence", "sentence"]
    assert body and all(len(row) == len(header) for row in body)
    assert any(row[:3] == ["Russia", "coordinates_with", "Turkey"] for row in body)


def test_query_json(kg_fast, seeds_build):
    run = kg_fast("query", seeds_build.ttl, "--file", QUERIES / "events_by_date.rq", "--format", "json")
    assert run.returncode == 0, run.describe()
    rows = json.loads(run.stdout)
    assert isinstance(rows, list) and rows
    assert set(rows[0]) >= {"date", "subject", "relation", "object", "modality"}


@pytest.mark.parametrize("query, expected_text, expected_json", [
    ("ASK { ent:russia kg:coordinates_with ent:turkey }", "yes", True),
    ("ASK { ent:turkey kg:coordinates_with ent:russia }", "yes", True),  # symmetric: both directions
    ("ASK { ent:russia kg:attacks ent:russia }", "no", False),
])
def test_query_ask(kg_fast, seeds_build, query, expected_text, expected_json):
    run = kg_fast("query", seeds_build.ttl, query)
    assert run.returncode == 0, run.describe()
    assert run.stdout.strip() == expected_text
    run = kg_fast("query", seeds_build.ttl, query, "--format", "json")
    assert json.loads(run.stdout) == {"boolean": expected_json}


# --------------------------------------------------------------------------- eval


def test_eval_table(kg, seeds_build, gold_path):
    run = kg("eval", seeds_build.triples, "--gold", gold_path)
    assert run.returncode == 0, run.describe()
    assert any(line.startswith("overall") for line in run.stdout.splitlines()), run.stdout


def _eval_json(kg, system: Path, gold: Path) -> dict:
    run = kg("eval", system, "--gold", gold, "--json")
    assert run.returncode == 0, run.describe()
    return json.loads(run.stdout)


def test_eval_json_meets_acceptance_bar(kg_fast, seeds_build, gold_path):
    payload = _eval_json(kg_fast, seeds_build.triples, gold_path)
    f1 = payload["overall"]["f1"]
    assert isinstance(f1, (int, float)) and not isinstance(f1, bool)
    assert f1 >= 0.70, payload["overall"]
    assert set(payload) >= {"overall", "per_relation", "dates"}


def test_eval_turtle_matches_triples(kg_fast, seeds_build, gold_path):
    from_jsonl = _eval_json(kg_fast, seeds_build.triples, gold_path)["overall"]
    from_ttl = _eval_json(kg_fast, seeds_build.ttl, gold_path)["overall"]
    assert {k: from_ttl[k] for k in ("tp", "fp", "fn")} == {k: from_jsonl[k] for k in ("tp", "fp", "fn")}


def test_eval_gold_path_is_repo_relative():
    assert GOLD == Path(__file__).parents[1].parent / "shared" / "gold" / "seeds.jsonl"
    assert GOLD.is_file()


# --------------------------------------------------------------------------- bad inputs


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp_path = tmp_path_factory.mktemp("bad_inputs")
    files = {
        "missing": tmp_path / "does-not-exist",
        "empty_dir": tmp_path / "empty_dir",
        "binary": tmp_path / "binary.txt",
        "latin1": tmp_path / "latin1.txt",
        "cp1256": tmp_path / "cp1256.txt",
        "empty": tmp_path / "empty.txt",
        "whitespace": tmp_path / "whitespace.txt",
    }
    files["empty_dir"].mkdir()
    (files["empty_dir"] / "notes.md").write_text("not an article", encoding="utf-8")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    files["latin1"].write_bytes("café".encode("latin-1"))
    files["cp1256"].write_bytes("روسيا تنسق مع تركيا".encode("cp1256"))
    files["empty"].write_bytes(b"")
    files["whitespace"].write_bytes(b"  \n\t\r\n   \n")
    return files


BAD_FILE_REASONS = [("binary", "binary"), ("latin1", "UTF-8"), ("cp1256", "UTF-8"), ("empty", "empty"),
                    ("whitespace", "empty")]


@pytest.fixture(scope="module")
def bad_file_builds(kg, bad_files) -> dict[str, tuple[Path, object]]:
    """`kg build BADFILE -o OUT` for each bad single file, run once for the module."""
    from concurrent.futures import ThreadPoolExecutor

    def build(name: str) -> tuple[str, tuple[Path, object]]:
        out = bad_files[name].parent / f"out-{name}"
        return name, (out, kg("build", bad_files[name], "-o", out))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(build, [name for name, _ in BAD_FILE_REASONS]))


@pytest.mark.parametrize("name, needle", [
    ("missing", "no such file"),
    ("empty_dir", "no articles"),
])
def test_build_bad_path(kg, one_line_error, bad_files, tmp_path, name, needle):
    line = one_line_error(kg("build", bad_files[name], "-o", tmp_path / "out"))
    assert needle in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name, reason", BAD_FILE_REASONS)
def test_build_single_bad_file_fails_cleanly(bad_files, bad_file_builds, name, reason):
    """The looser half of the contract, which holds today: non-zero exit, no
    traceback, only `kg` lines, the reason named, nothing written."""
    out, run = bad_file_builds[name]
    assert run.returncode != 0, run.describe()
    assert "Traceback" not in run.stderr
    assert run.stderr_lines and all(line.startswith("kg") for line in run.stderr_lines), run.describe()
    assert reason in run.stderr
    assert str(bad_files[name]) in run.stderr_lines[-1]
    assert not out.exists()


@pytest.mark.parametrize("name, reason", BAD_FILE_REASONS)
def test_build_single_bad_file_one_line(one_line_error, bad_file_builds, name, reason):
    line = one_line_error(bad_file_builds[name][1])
    assert reason in line


def test_query_malformed_sparql(kg, one_line_error, seeds_build):
    line = one_line_error(kg("query", seeds_build.ttl, "SELEC ?x WHERE { ?x ?y ?z }"))
    assert "SPARQL" in line


def test_query_empty_sparql(kg, one_line_error, seeds_build):
    one_line_error(kg("query", seeds_build.ttl, "   "))


def test_query_missing_graph(kg, one_line_error, tmp_path):
    line = one_line_error(kg("query", tmp_path / "nope.ttl", "SELECT * { ?s ?p ?o }"))
    assert "nope.ttl" in line


def test_query_graph_not_turtle(kg, one_line_error, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is <not turtle", encoding="utf-8")
    line = one_line_error(kg("query", bad, "SELECT * { ?s ?p ?o }"))
    assert "bad.ttl" in line


def test_query_inline_and_file(kg, one_line_error, seeds_build):
    line = one_line_error(kg("query", seeds_build.ttl, INLINE, "--file", QUERY_FILES[0]))
    assert "--file" in line


def test_query_neither_inline_nor_file(kg, one_line_error, seeds_build):
    one_line_error(kg("query", seeds_build.ttl))


def test_query_missing_query_file(kg, one_line_error, seeds_build, tmp_path):
    line = one_line_error(kg("query", seeds_build.ttl, "--file", tmp_path / "nope.rq"))
    assert "nope.rq" in line


def test_eval_gold_unknown_relation(kg, one_line_error, seeds_build, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "x.txt", "s": "Russia", "r": "befriends_wildly", "o": "Turkey"}) + "\n",
                    encoding="utf-8")
    line = one_line_error(kg("eval", seeds_build.triples, "--gold", gold))
    assert "befriends_wildly" in line


def test_eval_gold_invalid_json(kg, one_line_error, seeds_build, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{broken\n", encoding="utf-8")
    line = one_line_error(kg("eval", seeds_build.triples, "--gold", gold))
    assert "JSON" in line


def test_eval_missing_gold(kg, one_line_error, seeds_build, tmp_path):
    one_line_error(kg("eval", seeds_build.triples, "--gold", tmp_path / "nope.jsonl"))


def test_eval_missing_system(kg, one_line_error, gold_path, tmp_path):
    one_line_error(kg("eval", tmp_path / "nope.jsonl", "--gold", gold_path))


def test_unknown_option(kg, one_line_error):
    run = kg("build", "--frobnicate")
    line = one_line_error(run)
    assert run.returncode == 2
    assert "--frobnicate" in line


def test_unknown_command(kg, one_line_error):
    run = kg("frobnicate")
    line = one_line_error(run)
    assert run.returncode == 2
    assert "frobnicate" in line


def test_unknown_extractor(kg, one_line_error, tmp_path):
    line = one_line_error(kg("build", SEEDS, "--entities", "nosuch", "-o", tmp_path / "out"))
    assert "nosuch" in line and "gazetteer" in line
    assert not (tmp_path / "out").exists()


def test_unknown_relation_extractor(kg, one_line_error, tmp_path):
    line = one_line_error(kg("build", SEEDS, "--relations", "rules,nosuch", "-o", tmp_path / "out"))
    assert "nosuch" in line and "rules" in line


def test_help_and_version(kg):
    run = kg("--help")
    assert run.returncode == 0 and "build" in run.stdout and "query" in run.stdout
    run = kg("--version")
    assert run.returncode == 0 and "0.1.0" in run.stdout


# --------------------------------------------------------------------------- mixed folder


def test_build_folder_with_one_bad_file(kg, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    bad = folder / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out"
    run = kg("build", folder, "-o", out, "--no-html")
    assert run.returncode == 0, run.describe()
    records = _records(out / "triples.jsonl")
    assert records and {r["doc"] for r in records} == {"good.txt"}
    assert any(r["r"] == "coordinates_with" for r in records)
    warnings = [line for line in run.stderr_lines if line.startswith("kg: warning")]
    assert len(warnings) == 1 and str(bad) in warnings[0] and "binary" in warnings[0], run.describe()
    assert "Traceback" not in run.stderr
    assert "documents 1" in run.stderr


# --------------------------------------------------------------------------- atomic outputs


def test_failed_build_keeps_previous_outputs(kg, kg_fast, tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    run = kg_fast("build", good, "-o", out, "-q")
    assert run.returncode == 0, run.describe()
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "graph.ttl" in before

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "only.txt").write_bytes(b"\x00\xff\x00")
    run = kg("build", bad, "-o", out, "--no-html")
    assert run.returncode != 0, run.describe()
    assert "Traceback" not in run.stderr
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


def test_atomic_writer_success(tmp_path):
    target = tmp_path / "sub" / "file.txt"
    with atomic_writer(target) as handle:
        handle.write("سلام\n")
        assert not target.exists()  # nothing visible until the block ends
    assert target.read_text(encoding="utf-8") == "سلام\n"
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]


def test_atomic_writer_exception_keeps_old_file(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old contents\n")

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with atomic_writer(target) as handle:
            handle.write("half-written new cont")
            raise Boom()
    assert target.read_bytes() == b"old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_atomic_writer_keyboard_interrupt_leaves_no_temp(tmp_path):
    target = tmp_path / "t.txt"
    with pytest.raises(KeyboardInterrupt):
        with atomic_writer(target) as handle:
            handle.write("x")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_atomic_writer_respects_umask(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        plain = tmp_path / "plain.txt"
        plain.write_text("x", encoding="utf-8")
        atomic = tmp_path / "atomic.txt"
        with atomic_writer(atomic) as handle:
            handle.write("x")
    finally:
        os.umask(old)
    assert (atomic.stat().st_mode & 0o777) == (plain.stat().st_mode & 0o777) == 0o644


# --------------------------------------------------------------------------- issue 3: events, eval modes


def test_build_writes_events_with_a_side_missing(kg_fast, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("انفجرت سيارة مفخخة في حلب، السبت 8 فبراير 2020، وقتل 6 أشخاص.\n", encoding="utf-8")
    run = kg_fast("build", article, "-o", tmp_path / "out", "--no-html", "-q")
    assert run.returncode == 0, run.describe()
    records = _records(tmp_path / "out" / "events.jsonl")
    assert any(r["r"] == "attacks" and r["place"] == "Aleppo" for r in records)
    for record in records:
        start, end = record["trigger"]["start"], record["trigger"]["end"]
        assert article.read_text(encoding="utf-8")[start:end] == record["trigger"]["text"]
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    rows = list(graph.query("PREFIX kg: <https://w3id.org/arabic-news-kg/ontology#> "
                            "SELECT ?e WHERE { ?e a kg:Event ; kg:complete false ; kg:place ?p }"))
    assert rows


def _oeda_fixture(folder: Path) -> Path:
    """A tiny OEDA-shaped folder: rows 0 and 2 are development, 1 and 3 test."""
    folder.mkdir()
    header = ",accept,event_type,id,label,reject,text,total\n"
    assault = [
        "0,3,assault,AAW_ARB_20080101.0001-1,yes,0,انفجرت سيارة مفخخة أمس في بغداد وقتل 6 أشخاص.,3",
        "1,3,assault,AAW_ARB_20080101.0002-1,yes,0,واغتال مسلحون مجهولون أمس ضابطا في البصرة.,3",
        "2,0,assault,AAW_ARB_20080101.0003-1,easy no,3,قال الوزير إن الاقتصاد ينمو.,3",
        "3,0,assault,AAW_ARB_20080101.0004-1,easy no,3,افتتح الرئيس المعرض أمس.,3",
    ]
    protest = [
        "0,3,protest,AAW_ARB_20080101.0005-1,yes,0,وتجمع نحو 500 متظاهر أمام البرلمان.,3",
        "1,3,protest,AAW_ARB_20080101.0006-1,yes,0,تظاهر الطلاب في الخرطوم ضد الحكومة السودانية.,3",
    ]
    (folder / "assault_gsr.csv").write_text(header + "\n".join(assault) + "\n", encoding="utf-8")
    (folder / "protest_gsr.csv").write_text(header + "\n".join(protest) + "\n", encoding="utf-8")
    record = {"source": "AAW_ARB_20080101.0002-1", "_id": "x", "text": "واغتال مسلحون مجهولون أمس ضابطا في البصرة.",
              "event_type": "assault", "spans": [], "source_gold": "مسلحون مجهولون", "verb_gold": "اغتال",
              "target_gold": "ضابطا"}
    (folder / "assault_spans.json").write_text(json.dumps([record, record], ensure_ascii=False), encoding="utf-8")
    protest_record = dict(record, source="AAW_ARB_20080101.0006-1", event_type="protest",
                          text="تظاهر الطلاب في الخرطوم ضد الحكومة السودانية.", source_gold="الطلاب",
                          verb_gold="تظاهر", target_gold="الحكومة")
    (folder / "protest_spans.json").write_text(json.dumps([protest_record] * 2, ensure_ascii=False), encoding="utf-8")
    return folder


def test_eval_events_on_a_tiny_benchmark(kg, tmp_path):
    folder = _oeda_fixture(tmp_path / "oeda")
    run = kg("eval", "events", "--data", folder, "--split", "test")
    assert run.returncode == 0, run.describe()
    assert "assault: event detection (test split, 2 rows" in run.stdout
    assert "tp 1  fp 0  fn 0  tn 1" in run.stdout, run.stdout
    assert "protest: event detection (test split, 1 rows" in run.stdout


def test_eval_events_missing_folder(kg, one_line_error, tmp_path):
    one_line_error(kg("eval", "events", "--data", tmp_path / "nowhere"))


def test_eval_ner_missing_data(kg, one_line_error, tmp_path):
    one_line_error(kg("eval", "ner", "--data", tmp_path))
