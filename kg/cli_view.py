"""The viewer on the command line: `kg view`, and the page that `kg build` writes.

Kept apart from kg/cli.py (which registers `view`) so the viewer's options
and their checks live in one place: `--focus`/`--hops` mean the same in both.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
from rich.console import Console

from kg.errors import KgError

err_console = Console(stderr=True)


def _warn(message: str) -> None:
    click.echo(f"kg: warning: {message}", err=True)


def check_focus(focus: str | None, hops: int | None, no_html: bool) -> None:
    if hops is not None and focus is None:
        raise click.UsageError("--hops needs --focus")
    if focus is not None and no_html:
        raise click.UsageError("--focus draws graph.html: it cannot go with --no-html")


def write_viewer(view, path: Path, title: str, focus: str | None, hops: int | None, hint: str,
                  required: bool = False) -> bool:
    """Write the viewer page (of a neighbourhood when focused). When its JavaScript
    bundle has not been built: an error if `required`, else a warning saying how
    to build it, and False."""
    from kg.export.viewer import ViewerBundleMissing, write_page
    from kg.export.viewer.focus import neighbourhood

    if focus is not None:
        try:
            view = neighbourhood(view, focus, 2 if hops is None else hops)
        except KgError as exc:
            raise KgError(f"{exc} ({hint})") from exc
        title = f"{title} (around {view.nodes[view.graph['focus']].get('label', focus)}, {view.graph['hops']} hops)"
    try:
        write_page(view, path, title=title)
    except ViewerBundleMissing as exc:
        if required:
            raise
        _warn(f"{path.name} not written: {exc}")
        return False
    return True


@click.command()
@click.argument("source", type=click.Path(path_type=Path), default=Path("out"))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="The page to write [default: graph.html beside the graph, focus-ID-N.html with --focus].")
@click.option("--focus", help="Draw only this actor's neighbourhood (an id, or an English or Arabic name).")
@click.option("--hops", type=click.IntRange(0), default=None, help="With --focus: how many edges away to reach [default: 2].")
@click.option("--title", help="The page's title [default: kg: SOURCE].")
def view(source: Path, output: Path | None, focus: str | None, hops: int | None, title: str | None) -> None:
    """Draw the viewer page from a built graph: SOURCE is an out folder or its graph.ttl."""
    from kg.export.viewer.turtle import read_viewer_graph

    check_focus(focus, hops, False)
    graph_path = source / "graph.ttl" if source.is_dir() else source
    if not graph_path.is_file():
        raise KgError(f"{graph_path}: no such graph file (run `kg build` first)")
    graph = read_viewer_graph(graph_path)
    if graph.number_of_nodes() == 0:
        raise KgError(f"{graph_path}: the graph has no relations to draw")
    if focus is not None:
        from kg.export.viewer.focus import find_actor

        focus = str(find_actor(graph, focus))
    if output is None:
        name = "graph.html"
        if focus is not None:
            name = f"focus-{re.sub(r'[^A-Za-z0-9_-]+', '_', focus).strip('_') or 'actor'}-{2 if hops is None else hops}.html"
        output = graph_path.parent / name
    write_viewer(graph, output, title or f"kg: {source}", focus, hops, f"graph: {graph_path}", required=True)
    err_console.print(f"wrote {output}")
