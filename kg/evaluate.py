"""Score extracted triples against the gold files in `shared/gold/`.

The rules are those of ONTOLOGY.md ("Gold files"): scoring is per document
and only over documents that have gold; precision is over the system's
distinct (s, r, o) triples of a document, with matches to optional gold
triples left out; recall is over required gold triples; symmetric relations
match in either direction.  Scoring is pure (no I/O) so that it can be tested
on hand-made inputs; the loaders are thin and turn every input problem into a
one-line `KgError`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from kg.errors import KgError
from kg.namespaces import PREFIXES
from kg.query import load_store

__all__ = [
    "GoldTriple",
    "SystemTriple",
    "Counts",
    "EvalReport",
    "load_gold",
    "load_system_triples",
    "score",
    "format_report",
]


# --------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class GoldTriple:
    """One gold line; `s`, `r`, `o` hold every accepted alternative."""

    doc: str
    s: tuple[str, ...]
    r: tuple[str, ...]
    o: tuple[str, ...]
    optional: bool
    date: str | None
    modality: tuple[str, ...]
    evidence: str


@dataclass(frozen=True)
class SystemTriple:
    """One extracted relation as the system wrote it (canonical English labels)."""

    doc: str
    s: str
    r: str
    o: str
    date: str | None = None
    modality: str | None = None


@dataclass
class Counts:
    """True/false positives and false negatives, with derived P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 0 when nothing was predicted, so empty output never looks perfect."""
        d = self.tp + self.fp
        return self.tp / d if d else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 0 when there is nothing to find."""
        d = self.tp + self.fn
        return self.tp / d if d else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; 0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        """Accumulate `other` into self (used for totals)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class EvalReport:
    """Everything `score` computes; `format_report` renders it."""

    per_relation: dict[str, Counts]
    overall: Counts
    per_doc: dict[str, Counts]
    false_positives: list[SystemTriple] = field(default_factory=list)
    misses: list[GoldTriple] = field(default_factory=list)
    date_checked: int = 0
    date_correct: int = 0


# --------------------------------------------------------------------------
# Loaders

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


# --------------------------------------------------------------------------
# Scoring


def _norm(label: str) -> str:
    """Compare labels modulo case and spacing: 'Syrian army' is the gold's 'Syrian Army'."""
    return " ".join(label.split()).casefold()


_Key = tuple[str, str, str]


def _key(t: SystemTriple, symmetric: set[str]) -> _Key:
    """Identity of a system triple; symmetric relations are ordered so (a,r,b) == (b,r,a)."""
    s, o = _norm(t.s), _norm(t.o)
    if t.r in symmetric and o < s:
        s, o = o, s
    return (s, t.r, o)


@dataclass(frozen=True)
class _NormGold:
    """A gold triple with its alternatives normalised once for matching."""

    gold: GoldTriple
    s: frozenset[str]
    r: frozenset[str]
    o: frozenset[str]


def _norm_gold(g: GoldTriple) -> _NormGold:
    return _NormGold(
        g, frozenset(map(_norm, g.s)), frozenset(g.r), frozenset(map(_norm, g.o))
    )


def _matches(key: _Key, g: _NormGold, symmetric: set[str]) -> bool:
    """Does a (normalised) system triple satisfy a gold triple, reversed if its relation is symmetric?"""
    s, r, o = key
    if r not in g.r:
        return False
    if s in g.s and o in g.o:
        return True
    return r in symmetric and o in g.s and s in g.o


def score(gold: list[GoldTriple], system: list[SystemTriple], symmetric: set[str]) -> EvalReport:
    """Per-document P/R/F1 as ONTOLOGY.md defines it; documents without gold are not scored."""
    gold_by_doc: dict[str, list[_NormGold]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g.doc].append(_norm_gold(g))

    # Distinct triples per doc; keep every raw variant for dates and error listings.
    sys_by_doc: dict[str, dict[_Key, list[SystemTriple]]] = defaultdict(lambda: defaultdict(list))
    for t in system:
        if t.doc in gold_by_doc:
            sys_by_doc[t.doc][_key(t, symmetric)].append(t)

    per_relation: dict[str, Counts] = defaultdict(Counts)
    per_doc: dict[str, Counts] = {}
    false_positives: list[SystemTriple] = []
    misses: list[GoldTriple] = []
    date_checked = date_correct = 0

    for doc in sorted(gold_by_doc):
        golds = gold_by_doc[doc]
        required = [g for g in golds if not g.gold.optional]
        optional = [g for g in golds if g.gold.optional]
        triples = sys_by_doc.get(doc, {})
        dc = Counts()

        for key, variants in sorted(triples.items()):
            rel = key[1]
            if any(_matches(key, g, symmetric) for g in required):
                dc.tp += 1
                per_relation[rel].tp += 1
            elif any(_matches(key, g, symmetric) for g in optional):
                continue  # defensible but not required: outside precision
            else:
                dc.fp += 1
                per_relation[rel].fp += 1
                false_positives.append(variants[0])

        for g in required:
            hits = [t for key, ts in triples.items() if _matches(key, g, symmetric) for t in ts]
            if not hits:
                dc.fn += 1
                per_relation[g.gold.r[0]].fn += 1
                misses.append(g.gold)
            elif g.gold.date is not None:
                date_checked += 1
                if any(t.date == g.gold.date for t in hits):
                    date_correct += 1

        per_doc[doc] = dc

    overall = Counts()
    for c in per_doc.values():
        overall.add(c)
    return EvalReport(
        per_relation=dict(sorted(per_relation.items())),
        overall=overall,
        per_doc=per_doc,
        false_positives=false_positives,
        misses=misses,
        date_checked=date_checked,
        date_correct=date_correct,
    )


# --------------------------------------------------------------------------
# Rendering


def _table(title: str, rows: list[tuple[str, Counts]], total: Counts | None) -> list[str]:
    """A fixed-width table of counts and P/R/F1, readable in a terminal or a log."""
    width = max([len(title)] + [len(name) for name, _ in rows] + [len("overall")])
    head = f"{title:<{width}}  {'TP':>4} {'FP':>4} {'FN':>4}  {'P':>5} {'R':>5} {'F1':>5}"
    lines = [head, "-" * len(head)]

    def fmt(name: str, c: Counts) -> str:
        return (
            f"{name:<{width}}  {c.tp:>4} {c.fp:>4} {c.fn:>4}  "
            f"{c.precision:>5.3f} {c.recall:>5.3f} {c.f1:>5.3f}"
        )

    lines += [fmt(name, c) for name, c in rows]
    if total is not None:
        lines += ["-" * len(head), fmt("overall", total)]
    return lines


def format_report(report: EvalReport, show_errors: bool = False) -> str:
    """Plain-text tables (per relation, per document), the date check, and optionally the errors."""
    lines = _table("relation", list(report.per_relation.items()), report.overall)
    lines.append("")
    lines += _table("document", list(report.per_doc.items()), None)
    lines.append("")
    if report.date_checked:
        pct = 100.0 * report.date_correct / report.date_checked
        lines.append(
            f"dates: {report.date_correct}/{report.date_checked} correct ({pct:.1f}%) "
            "on found gold triples that carry a date"
        )
    else:
        lines.append("dates: no found gold triple carries a date")
    if show_errors:
        lines += ["", f"false positives ({len(report.false_positives)}):"]
        lines += [
            f"  {t.doc}  ({t.s}, {t.r}, {t.o})" + (f"  date={t.date}" if t.date else "")
            for t in report.false_positives
        ]
        lines += ["", f"misses ({len(report.misses)}):"]
        lines += [
            f"  {g.doc}  ({' | '.join(g.s)}, {' | '.join(g.r)}, {' | '.join(g.o)})"
            + (f"  date={g.date}" if g.date else "")
            for g in report.misses
        ]
    return "\n".join(lines) + "\n"
