"""graph.html: the offline viewer page (see kg.export.viewer).

Kept as the stable entry point (`render_html`, `write_html`) for callers of
the former pyvis page; the page is now drawn on a canvas at positions
computed in Python (no physics in the browser).
"""

from __future__ import annotations

from pathlib import Path

import networkx

from kg.export.viewer import ViewerBundleMissing, render_page, write_page
from kg.export.viewer.payload import OTHER_COLOR, TYPE_COLORS

__all__ = ["render_html", "write_html", "ViewerBundleMissing", "TYPE_COLORS", "OTHER_COLOR"]


def render_html(graph: networkx.MultiDiGraph, title: str = "kg") -> str:
    """Render `graph` as a self-contained, offline, interactive HTML page."""
    return render_page(graph, title=title)


def write_html(graph: networkx.MultiDiGraph, path: Path, title: str = "kg") -> None:
    """Render `graph` and write it atomically to `path`."""
    write_page(graph, Path(path), title=title)
