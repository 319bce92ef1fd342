"""SPARQL over a Turtle graph, with pyoxigraph.

pyoxigraph loads kg's Turtle 11-15x faster than rdflib's memory store and
answers the shipped queries 12-33x faster (bench/RESULTS.md), so queries
load the Turtle file into an in-memory oxigraph store.
The graph's prefixes (kg:, ent:, rdfs: …) are predeclared, so analysts
can write short queries.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.namespaces import PREFIXES


@dataclass(frozen=True)
class QueryResult:
    """A SELECT table (columns and rows of plain strings), or an ASK answer."""

    columns: list[str]
    rows: list[list[str]]
    boolean: bool | None = None


def load_store(path: Path) -> ox.Store:
    """A Turtle file in an in-memory oxigraph store; bad files become KgError."""
    if not path.is_file():
        raise KgError(f"{path}: no such graph file")
    store = ox.Store()
    try:
        with path.open("rb") as handle:
            store.bulk_load(handle, ox.RdfFormat.TURTLE)
    except OSError as exc:
        raise KgError(f"{path}: cannot read graph ({exc.strerror or exc})") from exc
    except (SyntaxError, ValueError) as exc:
        raise KgError(f"{path}: invalid Turtle ({str(exc).splitlines()[0]})") from exc
    return store


def _term_text(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        value = term.value
        for prefix, namespace in PREFIXES.items():
            if value.startswith(str(namespace)):
                return f"{prefix}:{value[len(str(namespace)):]}"
        return value
    return str(term)


_PROLOGUE = re.compile(r"""\A(?:\s+|\#[^\n]*\n?|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*""", re.IGNORECASE)
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def update_keyword(query: str) -> str | None:
    """The leading keyword if `query` is a SPARQL update (after comments and prefixes)."""
    body = query[_PROLOGUE.match(query).end():]  # type: ignore[union-attr]
    match = _UPDATE.match(body)
    return match.group(1).upper() if match else None


def run_query(store: ox.Store, query: str) -> QueryResult:
    """Run SELECT or ASK; malformed SPARQL becomes a one-line KgError."""
    if not query.strip():
        raise KgError("empty SPARQL query")
    keyword = update_keyword(query)
    if keyword:
        raise KgError(f"SPARQL updates ({keyword} …) are refused: kg query is read-only "
                      "(change the graph with kg build/kg remove)")
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    try:
        result = store.query(query, prefixes=prefixes)
    except SyntaxError as exc:
        raise KgError(f"malformed SPARQL: {' '.join(str(exc).split())}") from exc
    except (OSError, ValueError) as exc:
        raise KgError(f"query failed: {' '.join(str(exc).split())}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult([], [], bool(result))
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = [[_term_text(solution[c]) for c in columns] for solution in result]
        return QueryResult(columns, rows)
    raise KgError("only SELECT and ASK queries are supported (use SELECT to list triples)")


def format_result(result: QueryResult, fmt: str) -> str:
    """csv, tsv, json, or a plain table."""
    if result.boolean is not None:
        return json.dumps({"boolean": result.boolean}) if fmt == "json" else ("yes" if result.boolean else "no")
    if fmt == "json":
        return json.dumps([dict(zip(result.columns, row)) for row in result.rows], ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return buffer.getvalue().rstrip("\n")
    raise KgError(f"unknown format '{fmt}'")
