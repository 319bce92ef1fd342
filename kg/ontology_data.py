"""Locating and reading the data files of `ontology/`.

Everything an analyst may want to extend (clitics, triggers, gazetteers,
titles, modality cues) is a TSV file; this module only reads them. Files
are cached because they are read once per process and never change during
a run.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from kg._source_layout import subpackage_dir
from kg.errors import KgError


def ontology_dir() -> Path:
    """The ontology folder: $KG_ONTOLOGY if set, else the one shipped with kg
    (kg/ontology once installed, the folder beside kg/ in a checkout)."""
    override = os.environ.get("KG_ONTOLOGY")
    if override:
        return Path(override)
    return subpackage_dir("ontology")


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV data file as dicts; `#` lines are comments."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if line.strip() and not line.startswith("#")]
    except OSError as exc:
        raise KgError(f"cannot read ontology file {path}: {exc.strerror}") from exc
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        yield {key: (value or "").strip() for key, value in row.items() if key is not None}


def split_multi(cell: str) -> list[str]:
    """A `|`-separated cell as a list of non-empty values."""
    return [part.strip() for part in cell.split("|") if part.strip()]


@dataclass(frozen=True)
class Clitics:
    proclitics: tuple[str, ...]
    enclitics: tuple[str, ...]


@lru_cache(maxsize=None)
def parse_links(cell: str) -> tuple[tuple[str, str], ...]:
    """The `links` cell of a gazetteer row (name=target, separated by ; or |)."""
    links = []
    for part in cell.replace("|", ";").split(";"):
        if "=" in part:
            name, target = part.split("=", 1)
            links.append((name.strip(), target.strip()))
    return tuple(links)


@lru_cache(maxsize=None)
def load_clitics() -> Clitics:
    """Proclitics and enclitics, normalised, longest first. Read once: the
    matchers ask for them on every new word."""
    from kg.text import normalize  # local: kg.text imports this module

    pro: list[str] = []
    enc: list[str] = []
    for row in read_tsv(ontology_dir() / "clitics.tsv"):
        form = normalize(row["form"])
        (pro if row["kind"] == "proclitic" else enc).append(form)
    return Clitics(tuple(sorted(set(pro), key=len, reverse=True)), tuple(sorted(set(enc), key=len, reverse=True)))
