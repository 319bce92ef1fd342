"""The records and settings of title binding: what a role says
(TitleKind, read from title_kinds.tsv), a title phrase in a sentence, a name
bound to one, and the word sets the phrase reader stops or goes on at.

Apart so that reading phrases (title_phrases.py) and binding names to them
(titles.py) share them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.model import Mention
from kg.ontology_data import ontology_dir, read_tsv

KINDS_FILE = "title_kinds.tsv"
HONORIFICS_FILE = "honorifics.tsv"
OWNER_ADJECTIVES_FILE = "owner_adjectives.tsv"
DEPENDENTS_FILE = "title_dependents.tsv"
MAX_PHRASE = 12  # tokens from a title to the end of its phrase
DESTINATION = frozenset({"الي", "لدي"})  # سفير مصر لدى روسيا: what follows is not the owner
QUOTES = frozenset({"«", "»", '"', "“", "”"})
SET_WORDS = frozenset({"في", "ل", "لشوون", "للشوون", "لشيون", "الخاص", "الخاصه", "باسم", "العام", "العامه", "الرسمي",
                       "الرسميه", "البارز", "البارزه", "السامي", "الاعلي", "الاول"})
SCOPE = frozenset({"في", "الي", "لدي", "ب"})
APPOSITION_OPENERS = frozenset({"،", ",", "-", "–", "(", "وهو", "وهي", "هو", "هي"})
NAME_NEIGHBOURS = frozenset({"»", "«", '"', "“", "”", "،", ","})  # may stand between a title and its name
STATE, ORGANISATION, PLACE, ANY = "state", "organisation", "place", "any"
NAME_VIAS = frozenset({"alias", "model"})  # mentions that are names, not titles or references
# pronoun suffixes written on a one-word title (زعيمها، رئيسه) and the gender of what they point to
POSSESSIVES = {"ها": "f", "ه": "m"}


@dataclass(frozen=True)
class TitleKind:
    """What a role says (see title_kinds.tsv)."""

    relation: str = "official_of"
    owner: str = ANY
    portfolio: int = 0


@lru_cache(maxsize=None)
def load_title_kinds() -> dict[str, TitleKind]:
    path = ontology_dir() / KINDS_FILE
    if not path.exists():
        return {}
    return {row["role"]: TitleKind(row.get("relation") or "official_of", row.get("owner") or ANY,
                                   int(row.get("portfolio") or 0)) for row in read_tsv(path)}


@dataclass(frozen=True)
class TitlePhrase:
    """A title with what it carries, as token indices of its sentence."""

    start: int
    end: int  # exclusive: after owner, scope and former words
    role: str
    owner: str  # entity id, or "" when the words name none
    former: bool
    holder: Mention | None = None  # the gazetteer's reading of the phrase as its holder at the date


@dataclass(frozen=True)
class TitleBinding:
    """A person bound to a title phrase before or after the name."""

    person: Mention
    phrase: TitlePhrase
    owner: str
    relation: str
    start: int  # character offsets of the evidence (title and name)
    end: int
