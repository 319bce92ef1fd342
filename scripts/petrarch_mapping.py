"""The review data of import_petrarch_verbs.py: ontology/cameo_relations.tsv's
`code` rows (CAMEO code -> kg relation, longest prefix wins) and its
`lemma`/`pattern` rows (the reviewed lemmas, each with its relation and note).

Apart because it is kg's own reading of CAMEO, changed by review, not by code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.ontology_data import read_tsv
from petrarch_dictionary import lemma_key

OVERRIDE = "override:"


@dataclass(frozen=True)
class Review:
    """A reviewed lemma: its relation (or "-": dropped), why, and what the
    row needs beyond what the script derives."""

    relation: str
    note: str
    prep: str = ""  # overrides the relation's default prepositions
    forms: str = ""  # explicit forms (weak verbs' present forms)


@dataclass(frozen=True)
class Mapping:
    codes: dict[str, str]  # code prefix → relation or "-"
    lemmas: dict[tuple[str, str], Review]  # (verb, preposition) → review of the verb alone
    patterns: dict[tuple[str, str], Review]  # (verb, relation) → review of its verb + object patterns

    def relation(self, code: str) -> str | None:
        """The kg relation of a CAMEO code (longest matching prefix), or None."""
        for length in range(len(code), 0, -1):
            found = self.codes.get(code[:length])
            if found is not None:
                return None if found == "-" else found
        return None


def load_mapping(path: Path) -> Mapping:
    codes: dict[str, str] = {}
    lemmas: dict[tuple[str, str], Review] = {}
    patterns: dict[tuple[str, str], Review] = {}
    for row in read_tsv(path):
        kind, key, relation = row["kind"], row["key"], row["relation"]
        review = Review(relation, row.get("note", ""), row.get("prep", ""), row.get("forms", ""))
        if kind == "code":
            codes[key] = relation
        elif kind == "lemma":
            verb, prep, _ = lemma_key(key)
            lemmas[(verb, prep)] = review
        elif kind == "pattern":
            patterns[(lemma_key(key)[0], relation)] = review
        else:
            raise KgError(f"{path}: unknown kind {kind!r}")
    return Mapping(codes, lemmas, patterns)
