"""The viewer page: template + CSS + data + the JavaScript bundle, in one file.

The bundle (kg's own viewer code in kg/export/viewer/js/src, bundled by esbuild
from kg/export/viewer/js at set-up) is inlined, so the page makes no request.
It is not committed: `make viewer` builds it, and the wheel carries it when
built after that. Without it there is no page; `ViewerBundleMissing` says how
to build it, and `kg build` writes the rest of its outputs anyway.
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Hashable

import networkx as nx

from kg.atomic import write_text_atomic
from kg.errors import KgError
from kg.export.viewer.layout import compute_layout
from kg.export.viewer.payload import build_payload, payload_json

BUNDLE_ENV = "KG_VIEWER_BUNDLE"  # another bundle file, e.g. one built elsewhere
_PACKAGE = "kg.export.viewer"


COMPRESS_OVER = 1_000_000  # bytes of JSON above which the data goes in gzip-compressed


class ViewerBundleMissing(KgError):
    """The viewer's JavaScript has not been built on this machine."""


def _resource(*parts: str) -> str:
    return resources.files(_PACKAGE).joinpath(*parts).read_text(encoding="utf-8")


def bundle_path() -> Path:
    override = os.environ.get(BUNDLE_ENV)
    if override:
        return Path(override)
    return Path(str(resources.files(_PACKAGE).joinpath("js", "dist", "viewer.bundle.js")))


def load_bundle() -> str:
    path = bundle_path()
    if not path.is_file():
        raise ViewerBundleMissing(
            f"the viewer's JavaScript bundle is missing ({path}); build it with `make viewer` "
            "(npm ci and esbuild in kg/export/viewer/js, node 18 or later)")
    # '</script' cannot occur in JavaScript outside strings, regexes and comments;
    # '<\/script' means the same there and does not end the inline element.
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


def data_element(payload: dict, compress_over: int = COMPRESS_OVER) -> str:
    """The <script> element carrying the data: plain JSON for small graphs (readable,
    greppable), gzip + base64 above `compress_over` bytes (a 29 MB page of 10,000
    nodes / 30,000 edges becomes about 10 MB, and the browser parses less HTML)."""
    text = payload_json(payload)
    raw = text.encode("utf-8")
    if len(raw) <= compress_over:
        return f'<script type="application/json" id="kg-data">{text}</script>'
    packed = base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")
    return f'<script type="application/octet-stream" id="kg-data" data-encoding="gzip+base64">{packed}</script>'


_DATA_RE = re.compile(r'<script type="application/(?:json|octet-stream)" id="kg-data"( data-encoding="gzip\+base64")?>(.*?)</script>', re.S)


def read_payload(page: str) -> dict:
    """The data of a page written by `render_page` (for tests and for looking inside a page)."""
    match = _DATA_RE.search(page)
    if match is None:
        raise ValueError("not a kg viewer page: no kg-data element")
    if match.group(1):
        return json.loads(gzip.decompress(base64.b64decode(match.group(2))).decode("utf-8"))
    return json.loads(match.group(2))


def render_page(graph: nx.MultiDiGraph, title: str = "kg", seed: int = 42,
                positions: dict[Hashable, tuple[float, float]] | None = None) -> str:
    """The whole offline page for `graph` (layout computed here unless given, none in the browser)."""
    bundle = load_bundle()
    if positions is None:
        positions = compute_layout(graph, seed=seed)
    payload = build_payload(graph, positions, title)
    template = _resource("static", "viewer.html")
    pieces = {
        "<!--KG:TITLE-->": html.escape(title),
        "<!--KG:CSS-->": _resource("static", "viewer.css"),
        "<!--KG:DATA-->": data_element(payload),
        "<!--KG:BUNDLE-->": bundle,
    }
    # One pass over the template: inserted text is never scanned for markers.
    out: list[str] = []
    rest = template
    while True:
        hits = [(rest.find(marker), marker) for marker in pieces if rest.find(marker) >= 0]
        if not hits:
            out.append(rest)
            break
        at, marker = min(hits)
        out.append(rest[:at])
        out.append(pieces[marker])
        rest = rest[at + len(marker):]
    return "".join(out)


def write_page(graph: nx.MultiDiGraph, path: Path, title: str = "kg") -> None:
    """Render and write atomically (a failed run leaves no half-written page)."""
    write_text_atomic(Path(path), render_page(graph, title=title))
