"""`kg query`, `kg export`, `kg validate`, `kg serve`: the analyst's workbench
on the command line (the graph a build wrote, or a store).

Apart from kg/cli.py, which registers them, so each command module stays
small; the logic lives in kg.query, kg.named_queries, kg.export and kg.store.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from kg.cli_common import out_console
from kg.errors import KgError

@click.command()
@click.argument("args", metavar="[GRAPH] [SPARQL]", nargs=-1)
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help="Query a store instead of a GRAPH file.")
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path), help="Read the query from a .rq file.")
@click.option("--named", "named", help="Run a shipped named query (see --list).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A named query's parameter (repeatable).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries with their parameters.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
def query(args: tuple[str, ...], store_dir: Path | None, query_file: Path | None, named: str | None,
          params: tuple[str, ...], list_queries: bool, fmt: str) -> None:
    """Run a SPARQL SELECT/ASK query on GRAPH (a Turtle file from kg build) or on --store DIR.

    The query is SPARQL text, --file Q.rq or --named NAME [--param K=V …]."""
    from kg.query import format_result, load_store, run_query

    if list_queries:
        _list_named_queries(fmt)
        return
    graph_path: Path | None = None
    if store_dir is None:
        if not args:
            raise click.UsageError("give a GRAPH file or --store DIR (or --list)")
        graph_path, args = Path(args[0]), args[1:]
    if len(args) > 1:
        raise click.UsageError(f"unexpected extra argument {args[1]!r}")
    sparql = args[0] if args else None
    if sum(x is not None for x in (sparql, query_file, named)) != 1:
        raise KgError("give the query either as an argument, with --file or with --named (exactly one)")
    if params and named is None:
        raise KgError("--param goes with --named")
    if query_file is not None:
        try:
            sparql = query_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KgError(f"{query_file}: cannot read query ({getattr(exc, 'strerror', None) or exc})") from exc
    if named is not None:
        from kg.named_queries import named_query, parse_params

        sparql = named_query(named).render(parse_params(params))
    if store_dir is not None:
        from kg.store import KgStore

        with KgStore(store_dir) as kgstore:
            result = run_query(kgstore.rdf, sparql or "")
    else:
        assert graph_path is not None
        result = run_query(load_store(graph_path), sparql or "")
    if fmt != "table" or result.boolean is not None:
        click.echo(format_result(result, fmt))
        return
    table = Table(show_header=True, header_style="bold")
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*row)
    out_console.print(table)
    click.echo(f"{len(result.rows)} row(s)", err=True)


def _list_named_queries(fmt: str) -> None:
    from kg.named_queries import named_queries

    queries = named_queries().values()
    if fmt == "json":
        click.echo(json.dumps([{"name": q.name, "description": q.description,
                                "params": [{"name": p.name, "type": p.type, "default": p.default,
                                            "optional": p.optional, "help": p.help} for p in q.params]}
                               for q in queries], ensure_ascii=False, indent=2))
        return
    for q in queries:
        click.echo(f"{q.name}: {q.description}")
        for p in q.params:
            default = "optional" if p.optional else (f"default {p.default}" if p.default else "required")
            click.echo(f"    --param {p.name}=<{p.type}>  {p.help} ({default})")


@click.command(name="export")
@click.argument("out_folder", metavar="[OUT_DIR]", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help="Export from a store instead of OUT_DIR.")
@click.option("--format", "fmt", required=True, type=click.Choice(["ttl", "nt", "nq", "jsonld", "graphml", "gexf", "csv"]),
              help="ttl, nt, nq (a store's named graphs too), jsonld; graphml, gexf, csv (entities and statements "
                   "for Gephi/networkx).")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              help="The file to write (for csv: a folder that receives nodes.csv and edges.csv).")
@click.option("--focus", help="graphml, gexf, csv: only this actor's neighbourhood (an id, or an English or Arabic name).")
@click.option("--hops", type=click.IntRange(0), default=None, help="With --focus: how many edges away to reach [default: 2].")
def export_command(out_folder: Path | None, store_dir: Path | None, fmt: str, output: Path,
                   focus: str | None, hops: int | None) -> None:
    """Export the graph of an out folder (graph.ttl) or of a store in another format."""
    from kg.export.formats import ENTITY_FORMATS, WRITERS
    from kg.export.source import open_source

    if hops is not None and focus is None:
        raise click.UsageError("--hops needs --focus")
    if focus is not None and fmt not in ENTITY_FORMATS:
        raise KgError(f"--focus cuts the entity formats ({', '.join(ENTITY_FORMATS)}); {fmt} is the whole RDF graph "
                      "(`kg view OUT --focus ID` draws a neighbourhood page)")
    with open_source(out_folder, store_dir) as source:
        source.focus, source.hops = focus, 2 if hops is None else hops
        WRITERS[fmt](source, output)
    click.echo(f"wrote {output}", err=True)


@click.command(name="validate")
@click.argument("graph_path", metavar="[GRAPH]", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help="Validate a store's merged graph.")
def validate_command(graph_path: Path | None, store_dir: Path | None) -> None:
    """Check GRAPH (a graph.ttl or an out folder) or --store DIR against the SHACL
    shapes in ontology/shapes.ttl; exit 1 when it does not conform."""
    from kg.export.source import open_source
    from kg.store.terms import rdflib_graph
    from kg.validate import format_report, validate_graph

    with open_source(graph_path, store_dir) as source:
        data = rdflib_graph(source.triples())
        label = source.label
    report = validate_graph(data)
    click.echo(format_report(report, label))
    if not report.conforms:
        raise KgError(f"{label}: the graph does not conform to the kg shapes")


@click.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), required=True, help="The store directory.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--timeout", "timeout_s", type=click.IntRange(1), default=60, show_default=True,
              help="Seconds a query may run.")
@click.option("-v", "--verbose", is_flag=True, help="Log every request on stderr.")
def serve(store_dir: Path, port: int, timeout_s: int, verbose: bool) -> None:
    """A local SPARQL 1.1 endpoint on 127.0.0.1 (/query) with a query page
    and the named queries; read-only. Ctrl-C stops it."""
    from kg.store.serve import serve as run_server

    def ready(url: str) -> None:
        click.echo(f"kg serve: {url} (SPARQL endpoint {url}query); Ctrl-C stops", err=True)

    run_server(store_dir, port, timeout_s=timeout_s, verbose=verbose, ready=ready)
