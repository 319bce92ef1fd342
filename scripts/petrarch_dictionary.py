"""Parsing UniversalPetrarch's Arabic CAMEO verb dictionary (CAMEO.ar.0.5.txt)
for import_petrarch_verbs.py: verb groups with their synonym lines and
patterns, and a lemma's (verb, preposition, object word) as written.

Apart from mapping, the news corpus and output because the file format is
the one thing here that belongs to UniversalPetrarch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.lexicon import inflect_verb, present_stem
from kg.text import normalize

# prepositions a lemma may carry after `+` (احتج+على، حذر+من); normalised
PREPOSITIONS = frozenset(normalize(p) for p in "على إلى مع من عن ب ل في ضد نحو بين".split())


@dataclass(frozen=True)
class LemmaLine:
    """A synonym line of a verb group: `WORD [code] # English gloss`."""

    text: str
    code: str  # "" when the line has none


@dataclass(frozen=True)
class Pattern:
    """`- * OBJECT [code] # lemma,lemma,…`: the lemmas code `code` with OBJECT."""

    objects: str
    code: str
    lemmas: tuple[str, ...]


@dataclass
class VerbGroup:
    head: str
    code: str  # the group's code, "" for [---]
    lemmas: list[LemmaLine] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True)
class Dictionary:
    synsets: dict[str, tuple[str, ...]]  # &NAME → member phrases (words joined by spaces)
    groups: tuple[VerbGroup, ...]


_HEADER = re.compile(r"^---\s*(.+?)\s*\[([^\]]*)\]\s*---")
_CODE = re.compile(r"\[([^\]]*)\]")
_DIGITS = re.compile(r"\d+")


def _code(raw: str) -> str:
    raw = raw.strip()
    return raw if _DIGITS.fullmatch(raw) else ""


def parse_dictionary(text: str) -> Dictionary:
    """Synonym sets and verb groups of a CAMEO.ar file (PETRARCH format)."""
    synsets: dict[str, list[str]] = {}
    groups: list[VerbGroup] = []
    current_set: str | None = None
    in_verbs = False
    group: VerbGroup | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if "VERB PATTERNS" in stripped:
            in_verbs = True
            continue
        if not in_verbs:
            if stripped.startswith("&"):
                current_set = stripped.split()[0]
                synsets[current_set] = []
            elif stripped.startswith("+") and current_set:
                member = stripped[1:].split("#")[0].strip().strip("_").replace("_", " ")
                if member:
                    synsets[current_set].append(member)
            continue
        header = _HEADER.match(stripped)
        if header:
            group = VerbGroup(header.group(1).strip(), _code(header.group(2)))
            groups.append(group)
            continue
        if group is None or stripped.startswith("#"):
            continue
        body, _, comment = stripped.partition("#")
        codes = _CODE.findall(body)
        if stripped.startswith("-"):
            objects = _CODE.sub(" ", body[1:]).replace("*", " ")
            lemmas = tuple(x.strip() for x in comment.split(",") if x.strip())
            group.patterns.append(Pattern(" ".join(objects.split()), _code(codes[-1]) if codes else "", lemmas))
        else:
            word = _CODE.sub(" ", body).strip()
            if word:
                group.lemmas.append(LemmaLine(word, _code(codes[0]) if codes else ""))
    return Dictionary({k: tuple(v) for k, v in synsets.items()}, tuple(groups))


def lemma_key(text: str) -> tuple[str, str, str]:
    """(verb, preposition, object word) of a lemma as the dictionary writes it:
    احتج+على → (احتج, على, ""), أطلق+نار+على → (اطلق, على, نار). The verb is
    "" for phrases and glosses (words joined by spaces or `_`)."""
    parts = [normalize(p.strip()) for p in text.split("+") if p.strip()]
    if not parts or any(" " in p or "_" in p for p in parts):
        return "", "", ""
    verb, prep, obj = parts[0], "", ""
    for part in parts[1:]:
        if part in PREPOSITIONS and not prep:
            prep = part
        elif not obj:
            obj = part
    return verb, prep, obj


def verb_forms(past: str) -> set[str]:
    return {f for f in inflect_verb(past, present_stem(past)) if f}
