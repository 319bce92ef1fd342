"""Reading for mine_relation_triggers.py: the trigger spans of the ANERcorp
relation annotations (each with its head word, relation and the word before
its object), the words of the annotated sentences, and ANERcorp train's
word counts.

Apart from grouping and output because it is the only part that knows the
annotation format.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.ontology_data import read_tsv
from kg.relations import load_relations
from kg.text import normalize

REPO = Path(__file__).resolve().parents[1]
MARKERS = REPO / "ontology" / "markers.tsv"
MODALITY = REPO / "ontology" / "modality.tsv"

LEFT_OUT = frozenset({"allied_with"})  # read by hand-written apposition rows
FUNCTION_KINDS = ("preposition", "skip", "support", "reporting", "boundary", "pair", "resumptive")
EXTRA_FUNCTION_WORDS = frozenset(normalize(w) for w in "لم لن قد سوف لا ما أن إن الذي التي عدم".split())
MIN_STEM = 2


@dataclass(frozen=True)
class Span:
    """One trigger span: its sentence, head word and what it states."""

    sentence: str
    head: str  # normalised head word
    surface: str  # the head word as written
    phrase: str  # the whole span as written
    relation: str
    preps: tuple[str, ...]  # per relation record with its object after the trigger: the preposition ("-": direct)


@dataclass
class Records:
    spans: list[Span]
    words: Counter[str]  # every normalised word of the annotated sentences


def function_words() -> frozenset[str]:
    words = set(EXTRA_FUNCTION_WORDS)
    for row in read_tsv(MARKERS):
        if row["kind"] in FUNCTION_KINDS and " " not in row["form"].strip():
            words.add(normalize(row["form"]))
    for row in read_tsv(MODALITY):
        words.update(normalize(w) for w in row["cue"].split())
    return frozenset(words)


def _bare(norm: str) -> str:
    """A word without the conjunctions و/ف (ولم → لم)."""
    return norm[1:] if len(norm) > 3 and norm[0] in "وف" else norm


def _preposition(tokens: list[str], start: int, prepositions: frozenset[str]) -> str:
    """How the object that starts at token `start` is introduced."""
    if start > 0 and _bare(normalize(tokens[start - 1])) in prepositions:
        return _bare(normalize(tokens[start - 1]))
    first = normalize(tokens[start])
    for prep in ("ل", "ب"):
        if first.startswith(prep + "ال") or first.startswith("و" + prep + "ال") or (prep == "ل" and first.startswith("لل")):
            return prep
    return "-"


def read_records(path: Path) -> Records:
    """Trigger spans of the event relations (step 1) and the word counts."""
    relations = load_relations().relations
    skip = function_words()
    prepositions = frozenset(normalize(r["form"]) for r in read_tsv(MARKERS) if r["kind"] == "preposition")
    spans: dict[tuple[str, int, int, str], Span] = {}
    words: Counter[str] = Counter()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KgError(f"cannot read {path}: {exc.strerror}") from exc
    for line in lines:
        if not line.strip():
            continue
        record = json.loads(line)
        tokens: list[str] = record["tokens"]
        words.update(normalize(t) for t in tokens)
        spans_of = {e["i"]: e for e in record.get("entities", []) + record.get("extra_entities", [])}
        preps: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        for rel in record.get("relations", []):
            name, trigger = rel["r"], rel.get("trigger")
            if not trigger or name in LEFT_OUT or name not in relations or relations[name].kind == "static":
                continue
            obj = spans_of.get(rel["o"])
            if obj is not None and obj["start"] >= trigger[1]:
                preps[(trigger[0], trigger[1], name)].append(_preposition(tokens, obj["start"], prepositions))
            else:
                preps.setdefault((trigger[0], trigger[1], name), [])
        for (start, end, name), seen in preps.items():
            head = next((k for k in range(start, end) if _bare(normalize(tokens[k])) not in skip
                         and len(normalize(tokens[k])) >= MIN_STEM), None)
            if head is None:
                continue
            spans[(record["id"], start, end, name)] = Span(
                record["id"], normalize(tokens[head]), tokens[head], " ".join(tokens[start:end]), name, tuple(seen))
    return Records([spans[k] for k in sorted(spans)], words)


def train_words(path: Path) -> Counter[str]:
    """Normalised words of the ANERcorp train text (one `word tag` a line)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KgError(f"cannot read {path}: {exc.strerror}") from exc
    return Counter(normalize(line.rsplit(" ", 1)[0]) for line in lines if line.strip())
