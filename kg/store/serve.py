"""`kg serve --store DIR --port PORT`: a local SPARQL 1.1 endpoint for analysts.

The queries are answered by the oxigraph package's own server
(`oxigraph serve-read-only`, same version as pyoxigraph, so it reads the
store as it is), started on a free port of 127.0.0.1. In front of it, on
127.0.0.1:PORT, a small proxy adds what analysts need: kg's prefixes
predeclared in every query, a page with the named queries one click away
(YASGUI's files come from the oxigraph server: nothing is fetched from the
internet), and a clear refusal of updates. The store's shared lock is held
while serving, so no build or remove can write under the server.
"""

from __future__ import annotations

import http.client
import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from kg.errors import KgError
from kg.named_queries import named_queries
from kg.namespaces import PREFIXES
from kg.query import update_keyword
from kg.store.page import landing_page, prefix_block
from kg.store.store import KgStore

HOST = "127.0.0.1"
_PASS_HEADERS = ("accept", "content-type")


def oxigraph_binary() -> str:
    """The `oxigraph` command of the oxigraph package (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise KgError("the oxigraph server is not installed (pip install oxigraph==0.5.13)")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def with_prefixes(query: str) -> str:
    return prefix_block() + query


class _Handler(BaseHTTPRequestHandler):
    server: "KgHTTPServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.server.verbose:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, text: str) -> None:
        self._send(status, text.encode("utf-8"), "text/plain; charset=utf-8")

    def do_GET(self) -> None:  # noqa: N802
        self._handle(b"")

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle(b"")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        self._handle(self.rfile.read(length) if length else b"")

    def _handle(self, body: bytes) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(200, self.server.page, "text/html; charset=utf-8")
            return
        if url.path == "/prefixes.json":  # YASGUI's prefix completion, instead of prefix.cc
            self._send(200, json.dumps({k: str(v) for k, v in PREFIXES.items()}).encode("utf-8"), "application/json")
            return
        if url.path == "/update" or url.path.startswith("/store"):
            self._text(403, "kg serve is read-only: change the graph with kg build or kg remove")
            return
        path = self.path
        if url.path in ("/query", "/sparql"):
            rewritten = self._rewrite_query(url, body)
            if rewritten is None:
                return
            path, body = rewritten
        self._proxy(path, body)

    def _rewrite_query(self, url: urllib.parse.SplitResult, body: bytes) -> tuple[str, bytes] | None:
        """Declare kg's prefixes in the query (GET ?query=, form POST or
        application/sparql-query POST); refuse updates."""
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if self.command == "POST" and content_type == "application/sparql-query":
            query = body.decode("utf-8", "replace")
            new_body, path = with_prefixes(query).encode("utf-8"), self.path
        else:
            form = body.decode("utf-8", "replace") if self.command == "POST" else url.query
            pairs = urllib.parse.parse_qsl(form, keep_blank_values=True)
            if any(k == "update" for k, _ in pairs):
                query = "INSERT"
            else:
                query = next((v for k, v in pairs if k == "query"), "")
            pairs = [(k, with_prefixes(v) if k == "query" else v) for k, v in pairs]
            encoded = urllib.parse.urlencode(pairs)
            if self.command == "POST":
                new_body, path = encoded.encode("utf-8"), url.path
            else:
                new_body, path = b"", f"{url.path}?{encoded}"
        keyword = update_keyword(query)
        if keyword:
            self._text(403, f"SPARQL updates ({keyword} …) are refused: this endpoint is read-only")
            return None
        return path, new_body

    def _proxy(self, path: str, body: bytes) -> None:
        connection = http.client.HTTPConnection(HOST, self.server.backend_port, timeout=self.server.timeout_s + 5)
        headers = {k: v for k, v in self.headers.items() if k.lower() in _PASS_HEADERS}
        if self.command == "POST":
            headers["Content-Length"] = str(len(body))
        try:
            connection.request(self.command, path, body=body if self.command == "POST" else None, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except OSError as exc:
            self._text(502, f"the oxigraph server did not answer ({exc})")
            return
        finally:
            connection.close()
        self._send(response.status, data, response.getheader("Content-Type") or "application/octet-stream")


class KgHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, backend_port: int, page: bytes, timeout_s: int, verbose: bool) -> None:
        super().__init__((HOST, port), _Handler)
        self.backend_port = backend_port
        self.page = page
        self.timeout_s = timeout_s
        self.verbose = verbose


def _wait_ready(process: subprocess.Popen, port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode("utf-8", "replace").strip() if process.stderr else ""
            raise KgError(f"the oxigraph server stopped at start: {' '.join(error.split())[:300]}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise KgError(f"the oxigraph server did not start within {seconds:.0f} s")


def _stop(*_: object) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the server like Ctrl-C: the oxigraph child is ended too


def serve(store_dir: Path, port: int, timeout_s: int = 60, verbose: bool = False,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    with KgStore(store_dir) as store:  # checks the store and holds the shared lock while serving
        documents = len(store.index.doc_ids())
        data_dir = store_dir / "oxigraph"
        store.rdf = None  # type: ignore[assignment]  # let the oxigraph server open the data alone
        page = landing_page(list(named_queries().values()), f"{store_dir} ({documents} documents)").encode("utf-8")
        try:
            front = KgHTTPServer(port, 0, page, timeout_s, verbose)
        except OSError as exc:
            raise KgError(f"cannot listen on {HOST}:{port} ({exc.strerror or exc})") from exc
        backend_port = free_port()
        front.backend_port = backend_port
        process = subprocess.Popen(
            [oxigraph_binary(), "serve-read-only", "--location", str(data_dir), "--bind", f"{HOST}:{backend_port}",
             "--timeout-s", str(timeout_s)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        previous = signal.signal(signal.SIGTERM, _stop)
        try:
            _wait_ready(process, backend_port)
            if ready:
                ready(f"http://{HOST}:{front.server_address[1]}/")
            front.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            front.server_close()
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
