"""What the trigger-row generators (import_petrarch_verbs.py,
mine_relation_triggers.py) share: the hand-written rows' forms, the
measured drops of ontology/trigger_drops.tsv, and writing a generated
trigger file with its notice (mine_triggers.py writes its candidate file
with it too).

One module so that both generators read and write these files alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from kg.lexicon import trigger_forms
from kg.ontology_data import read_tsv
from kg.text import normalize


def load_drops(path: Path, file_name: str) -> dict[tuple[str, str], str]:
    """(normalised lemma, relation) → reason, for one generated file, from
    ontology/trigger_drops.tsv (lemmas dropped after measurement)."""
    return {(normalize(row["lemma"]), row["relation"]): row["reason"] for row in read_tsv(path)
            if row["file"] == file_name}


def hand_forms(path: Path) -> set[str]:
    """Every form the hand-written rows match (kg.lexicon.trigger_forms)."""
    return {form for row in read_tsv(path) for form in trigger_forms(row)}


def write_trigger_file(path: Path, rows: list[dict[str, str]], notice: Iterable[str], columns: tuple[str, ...]) -> None:
    """The notice as comment lines, the header, one row a line (tabs in cells become spaces)."""
    lines = [f"# {note}" for note in notice]
    lines.append("\t".join(columns))
    lines += ["\t".join(row[c].replace("\t", " ") for c in columns) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
