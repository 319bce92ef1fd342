"""Identifiers for entities the gazetteer does not know.

A name found by a statistical model (an unknown minister, a village, a
militia) still needs a node, and the same name in two articles must give the
same node. The identifier is therefore derived from the name alone:
`<Type>/<safe Buckwalter transliteration of its matching key>`, e.g.
`Person/rjb_Tyb_ArdwgAn`. Safe Buckwalter (camel-tools) is ASCII letters and
digits only and maps back to Arabic one to one, so the identifier is also
enough to rebuild the entity's Arabic label with no side table: extraction
stays a pure function and the graph needs no registry of new names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from camel_tools.utils.charmap import CharMapper

from kg.model import Entity
from kg.text import normalize

DISCOVERED_TYPES = ("Person", "Organization", "Place", "ArmedGroup", "Country")
_SEPARATOR = "/"
_UNSAFE = re.compile(r"[^0-9A-Za-z_]")


@lru_cache(maxsize=1)
def _to_safebw() -> CharMapper:
    return CharMapper.builtin_mapper("ar2safebw")


@lru_cache(maxsize=1)
def _from_safebw() -> CharMapper:
    return CharMapper.builtin_mapper("safebw2ar")


def discovered_id(name: str, entity_type: str) -> str:
    """Identifier of a name that is not in the gazetteer.

    The matching key (hamza, alef maqsura, taa marbuta and diacritics
    folded) is what is transliterated, so أردوغان and اردوغان meet."""
    if entity_type not in DISCOVERED_TYPES:
        raise ValueError(f"not an entity type: {entity_type}")
    words = [w for w in re.split(r"\s+", normalize(name).strip()) if w]
    slug = "_".join(_UNSAFE.sub("", _to_safebw()(word)) for word in words)
    if not slug:
        raise ValueError(f"name has no letters to transliterate: {name!r}")
    return f"{entity_type}{_SEPARATOR}{slug}"


def is_discovered(entity_id: str) -> bool:
    return entity_id.split(_SEPARATOR, 1)[0] in DISCOVERED_TYPES and _SEPARATOR in entity_id


@lru_cache(maxsize=65536)
def discovered_entity(entity_id: str) -> Entity:
    """The entity an identifier from `discovered_id` stands for: its type,
    the transliteration as English label and the Arabic matching key as
    Arabic label (surface spellings are added by the graph as aliases)."""
    entity_type, slug = entity_id.split(_SEPARATOR, 1)
    arabic = " ".join(_from_safebw()(word) for word in slug.split("_"))
    return Entity(entity_id, slug.replace("_", " "), entity_type, aliases_ar=(arabic,))
