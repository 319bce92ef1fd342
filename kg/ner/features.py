"""Lexical classes of word stems, one extra input feature of the NER model.

ANERcorp's people are mostly new in each article: most person names of a
held-out stretch of the corpus never occur in the training text, and Arabic
has no capital letters to mark them. A hand-written list of given names and
name particles (ontology/ner_given_names.tsv) tells the tagger that a stem
is a common first name, however rare it is in the training data. Optionally
the one-word place names of kg's gazetteer add a ``place`` class.

The class goes into the piece's LEMMA slot (the Docs are built by kg, no
lemmatiser runs), and the config's MultiHashEmbed embeds LEMMA like any other
attribute, so loading the model needs no custom spaCy code. The model
directory keeps its own copy of the classes (name_classes.tsv), so a later
edit of the ontology file changes nothing until the model is retrained.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.ontology_data import ontology_dir, read_tsv, split_multi
from kg.text import normalize, strip_article

NAMES_FILE = "ner_given_names.tsv"
UNITS_FILE = "ner_name_units.tsv"
COMMON_NAME = 10  # people bearing a name word for it to count as a common name
PLACE_FILES = ("gazetteer/countries.tsv", "gazetteer/capitals.tsv", "gazetteer/places.tsv")
SAVED_FILE = "name_classes.tsv"


@dataclass(frozen=True)
class NameClasses:
    """Normalised stem -> class (arabic_m, foreign_f, part, …)."""

    classes: dict[str, str] = field(default_factory=dict)

    def of(self, norm: str) -> str:
        return self.classes.get(norm, "")

    @classmethod
    def from_ontology(cls, places: bool = False, name_units: bool = False) -> "NameClasses":
        """Given names; with `name_units`, also the name words of
        ontology/ner_name_units.tsv (Wikidata's people) by role and
        frequency (name_given_common, name_surname_rare, …); with `places`,
        also the one-word names of countries, capitals and places of kg's
        gazetteer (article removed, like stems). The hand-written list wins
        where they overlap."""
        classes: dict[str, str] = {}
        for row in read_tsv(ontology_dir() / NAMES_FILE):
            classes.setdefault(normalize(row["name"]), row["kind"])
        if name_units:
            for row in read_tsv(ontology_dir() / UNITS_FILE):
                common = "common" if int(row["people"]) >= COMMON_NAME else "rare"
                classes.setdefault(row["name"], f"name_{row['role']}_{common}")
        if places:
            for name in PLACE_FILES:
                path = ontology_dir() / name
                if not path.exists():
                    continue
                for row in read_tsv(path):
                    for alias in split_multi(row.get("aliases_ar", "")):
                        key = normalize(alias.strip())
                        if " " not in key:  # with and without the article: ألمانيا is not split
                            classes.setdefault(key, "place")
                            classes.setdefault(strip_article(key), "place")
        return cls(classes)

    def save(self, directory: Path) -> None:
        lines = ["# normalised stem\tclass (copied from ontology/ner_given_names.tsv at training time)\n", "name\tkind\n"]
        lines += [f"{name}\t{kind}\n" for name, kind in sorted(self.classes.items())]
        (directory / SAVED_FILE).write_text("".join(lines), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "NameClasses":
        path = directory / SAVED_FILE
        if not path.exists():
            return cls()
        return cls({row["name"]: row["kind"] for row in read_tsv(path)})
