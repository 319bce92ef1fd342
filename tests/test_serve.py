"""kg serve: starts on a free port of 127.0.0.1, answers SPARQL 1.1 protocol
queries over HTTP (JSON, CSV, TSV, XML), refuses updates, serves its query
page (and the page works in a real chromium with every outside request
blocked), and stops cleanly with its oxigraph child."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, SEEDS

SEED_B = "002_a7c6e613c5bcb955.txt"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children_using(path: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(path).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("serve") / "db"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    subprocess.run([sys.executable, "-m", "kg.cli", "build", SEEDS / SEED_B, "--store", db, "-o", db.parent / "out",
                    "--no-html", "-q"], check=True, env=env, cwd=REPO, timeout=300)
    return db


@pytest.fixture(scope="module")
def server(store_dir):
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", store_dir, "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"kg serve exited: {process.stderr.read().decode()}")
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("kg serve did not answer within 60 s")
    yield url, process
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=20)


def _get(url: str, query: str, accept: str) -> tuple[int, str, str]:
    request = urllib.request.Request(url + "/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")


def _post(url: str, data: bytes, content_type: str, accept: str) -> tuple[int, str]:
    request = urllib.request.Request(url + "/query", data=data, method="POST",
                                     headers={"Content-Type": content_type, "Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


QUERY = "SELECT ?doc WHERE { ?d a kg:Document ; kg:docId ?doc }"  # kg: is predeclared


def test_json_results(server):
    url, _ = server
    status, content_type, body = _get(url, QUERY, "application/sparql-results+json")
    assert status == 200 and "json" in content_type
    rows = json.loads(body)["results"]["bindings"]
    assert [r["doc"]["value"] for r in rows] == [SEED_B]


@pytest.mark.parametrize("accept, needle", [("text/csv", f"doc\r\n{SEED_B}"), ("text/tab-separated-values", '?doc\n"'),
                                            ("application/sparql-results+xml", "<sparql")])
def test_other_result_formats(server, accept, needle):
    url, _ = server
    status, _, body = _get(url, QUERY, accept)
    assert status == 200 and needle in body and SEED_B in body


def test_post_forms_and_ask(server):
    url, _ = server
    status, body = _post(url, b"ASK { ?s a kg:Statement }", "application/sparql-query", "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True
    form = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Statement }"}).encode()
    status, body = _post(url, form, "application/x-www-form-urlencoded", "text/csv")
    assert status == 200 and int(body.split()[1]) > 0


def test_updates_are_refused(server):
    url, _ = server
    form = urllib.parse.urlencode({"query": "DELETE WHERE { ?s ?p ?o }"}).encode()
    status, body = _post(url, form, "application/x-www-form-urlencoded", "text/csv")
    assert status == 403 and "refused" in body
    status, _ = _post(url, b"x", "application/sparql-update", "text/csv")
    assert status in (403, 415)
    status, _, body = _get(url, "ASK { ?s a kg:Statement }", "text/csv")
    assert status == 200  # the graph is still there


def test_page_lists_named_queries_and_is_local(server):
    url, _ = server
    page = urllib.request.urlopen(url + "/", timeout=10).read().decode("utf-8")
    for name in ("timeline", "actor", "documents", "actors_by_degree"):
        assert f"<b>{name}</b>" in page
    links = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert "./yasgui.min.js" in links and all(not re.match(r"[a-z]+:", link) for link in links), links
    assert urllib.request.urlopen(url + "/yasgui.min.js", timeout=10).status == 200


def test_page_runs_a_named_query_in_chromium_offline(server):
    chromium = "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright missing")
    if not os.access(chromium, os.X_OK):
        if os.environ.get("CI"):
            pytest.fail("CI is set but /usr/bin/chromium is missing (scripts/install_browser.sh)")
        pytest.skip("chromium missing")
    url, _ = server
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()

        def route(r):
            if r.request.url.startswith(url):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(url + "/")
        page.wait_for_selector(".yasqe", timeout=20000)
        page.click("a.kg-query >> text=documents")
        page.wait_for_selector(f"text={SEED_B}", timeout=20000)
        browser.close()
    assert not outside, outside


def test_stops_with_its_child(server, store_dir, kg):
    url, process = server
    assert _children_using(store_dir / "oxigraph"), "no oxigraph child found"
    process.terminate()
    assert process.wait(timeout=20) is not None
    deadline = time.monotonic() + 10
    while _children_using(store_dir / "oxigraph") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _children_using(store_dir / "oxigraph")
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/", timeout=2)
