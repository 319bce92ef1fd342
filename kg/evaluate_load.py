"""Loaders for triple evaluation: gold JSONL, and system triples from
triples.jsonl or graph.ttl (its statement nodes, by SPARQL).

Loading is the only part of evaluation that does I/O; every input problem
becomes a one-line KgError here, so scoring can stay pure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from kg.errors import KgError
from kg.evaluate_data import GoldTriple, SystemTriple
from kg.namespaces import PREFIXES
from kg.query import load_store

_GOLD_REQUIRED = ("doc", "s", "r", "o")
_SYSTEM_REQUIRED = ("doc", "s", "r", "o")


def _read_lines(path: Path) -> list[str]:
    """Read a text file, turning OS errors into a user-facing KgError."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise KgError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise KgError(f"{path}: cannot read: {e}") from None


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank JSON line of `path`."""
    for n, line in enumerate(_read_lines(path), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise KgError(f"{path.name}:{n}: invalid JSON: {e.msg}") from None
        if not isinstance(obj, dict):
            raise KgError(f"{path.name}:{n}: expected a JSON object, got {type(obj).__name__}")
        yield n, obj


def _str_tuple(value: Any, where: str, key: str, allow_empty: bool = False) -> tuple[str, ...]:
    """Accept a string or a list of strings (gold alternatives) as a tuple."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
        raise KgError(f"{where}: field '{key}' must be a non-empty string or a list of them")
    if not items and not allow_empty:
        raise KgError(f"{where}: field '{key}' is an empty list")
    return tuple(x.strip() for x in items)


def _short_list(names: Iterable[str], limit: int = 8) -> str:
    """Comma-join at most `limit` names so error messages stay one short line."""
    names = sorted(names)
    shown = ", ".join(names[:limit])
    return shown + (f", … (+{len(names) - limit} more)" if len(names) > limit else "")


def load_gold(path: Path, known_relations: set[str]) -> list[GoldTriple]:
    """Read a gold .jsonl file; a typo in a relation name must fail loudly, not score 0."""
    path = Path(path)
    gold: list[GoldTriple] = []
    for n, obj in _json_lines(path):
        where = f"{path.name}:{n}"
        for key in _GOLD_REQUIRED:
            if key not in obj:
                raise KgError(f"{where}: missing field '{key}'")
        if not isinstance(obj["doc"], str) or not obj["doc"].strip():
            raise KgError(f"{where}: field 'doc' must be a non-empty string")
        s = _str_tuple(obj["s"], where, "s")
        r = _str_tuple(obj["r"], where, "r")
        o = _str_tuple(obj["o"], where, "o")
        for rel in r:
            if rel not in known_relations:
                raise KgError(
                    f"{where}: unknown relation '{rel}' (known: {_short_list(known_relations)})"
                )
        optional = obj.get("optional", False)
        if not isinstance(optional, bool):
            raise KgError(f"{where}: field 'optional' must be true or false")
        date = obj.get("date")
        if date is not None and not isinstance(date, str):
            raise KgError(f"{where}: field 'date' must be a string like 2020-02-05")
        modality = obj.get("modality")
        mod = () if modality is None else _str_tuple(modality, where, "modality", allow_empty=True)
        evidence = obj.get("evidence", "")
        if not isinstance(evidence, str):
            raise KgError(f"{where}: field 'evidence' must be a string")
        gold.append(GoldTriple(obj["doc"].strip(), s, r, o, optional, date, mod, evidence))
    return gold


def load_system_triples(path: Path) -> list[SystemTriple]:
    """Read kg's output, either triples.jsonl or the Turtle graph, chosen by suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        return _load_system_jsonl(path)
    if suffix in (".ttl", ".turtle"):
        return _load_system_ttl(path)
    raise KgError(f"{path}: unsupported system file type '{path.suffix}' (expected .jsonl or .ttl)")


def _opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    """An optional string field; null and absent both mean None."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise KgError(f"{where}: field '{key}' must be a string")
    return value


def _load_system_jsonl(path: Path) -> list[SystemTriple]:
    """triples.jsonl: one extracted relation a line; a list-valued `date` yields one triple per date."""
    out: list[SystemTriple] = []
    for n, obj in _json_lines(path):
        where = f"{path.name}:{n}"
        for key in _SYSTEM_REQUIRED:
            if key not in obj:
                raise KgError(f"{where}: missing field '{key}'")
            if not isinstance(obj[key], str) or not obj[key].strip():
                raise KgError(f"{where}: field '{key}' must be a non-empty string")
        raw_date = obj.get("date")
        if isinstance(raw_date, list):
            dates: list[str | None] = list(_str_tuple(raw_date, where, "date", allow_empty=True)) or [None]
        else:
            dates = [_opt_str(obj, "date", where)]
        modality = _opt_str(obj, "modality", where)
        doc, s, r, o = (obj[k].strip() for k in ("doc", "s", "r", "o"))
        out.extend(SystemTriple(doc, s, r, o, d, modality) for d in dates)
    return out


_STATEMENTS_QUERY = """
SELECT ?st ?docId ?p ?s ?o ?sl ?ol ?mod ?date WHERE {
  ?st a kg:Statement ;
      rdf:subject ?s ;
      rdf:predicate ?p ;
      rdf:object ?o ;
      prov:wasDerivedFrom ?ev .
  ?ev kg:document ?d .
  ?d kg:docId ?docId .
  OPTIONAL { ?s rdfs:label ?sl }
  OPTIONAL { ?o rdfs:label ?ol }
  OPTIONAL { ?st kg:modality ?mod }
  OPTIONAL { ?st kg:date ?date }
}
"""


def _local_name(iri: str) -> str:
    """Relation name from a predicate IRI: the part after '#' (or the last '/')."""
    for sep in ("#", "/"):
        if sep in iri:
            return iri.rsplit(sep, 1)[1]
    return iri


@dataclass
class _StatementRow:
    """Everything the query returned for one (statement, document), before picking labels."""

    p: str
    s_iri: str
    o_iri: str
    s_labels: set[tuple[str, str]] = field(default_factory=set)  # (language, text)
    o_labels: set[tuple[str, str]] = field(default_factory=set)
    modalities: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)


def _pick_label(labels: set[tuple[str, str]], iri: str) -> str:
    """The English label (gold uses canonical English), else a plain one, else the IRI's local name."""
    for wanted in ("en", ""):
        found = sorted(text for lang, text in labels if lang.lower().split("-")[0] == wanted)
        if found:
            return found[0].strip()
    return _local_name(iri)


def _term_value(term: Any) -> str:
    """Lexical value of an oxigraph term (IRI, literal or blank node)."""
    return str(term.value)


def _load_system_ttl(path: Path) -> list[SystemTriple]:
    """kg's Turtle graph: one SystemTriple per (statement, document, date) via one SPARQL query.

    A statement may carry several kg:date values (article date and event
    date); keeping one triple per date lets the date check see all of them,
    and duplicates collapse in scoring anyway.
    """
    if not path.is_file():
        raise KgError(f"{path}: file not found")
    store = load_store(path)  # the same reader as `kg query`
    prefixes = {name: str(namespace) for name, namespace in PREFIXES.items()}
    rows: dict[tuple[str, str], _StatementRow] = {}
    for sol in store.query(_STATEMENTS_QUERY, prefixes=prefixes):
        key = (_term_value(sol["st"]), _term_value(sol["docId"]).strip())
        row = rows.get(key)
        if row is None:
            row = rows[key] = _StatementRow(
                _term_value(sol["p"]), _term_value(sol["s"]), _term_value(sol["o"])
            )
        for var, bucket in (("sl", row.s_labels), ("ol", row.o_labels)):
            lab = sol[var]
            if lab is not None:
                bucket.add((getattr(lab, "language", None) or "", _term_value(lab)))
        if sol["mod"] is not None:
            row.modalities.add(_term_value(sol["mod"]))
        if sol["date"] is not None:
            row.dates.add(_term_value(sol["date"]))

    out: list[SystemTriple] = []
    for (_, doc), row in sorted(rows.items()):
        s = _pick_label(row.s_labels, row.s_iri)
        o = _pick_label(row.o_labels, row.o_iri)
        r = _local_name(row.p)
        modality = sorted(row.modalities)[0] if row.modalities else None
        for date in sorted(row.dates) or [None]:
            out.append(SystemTriple(doc, s, r, o, date, modality))
    return out
