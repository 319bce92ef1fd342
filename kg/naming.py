"""Identifiers for entities the gazetteer does not know.

A name found by a statistical model (an unknown minister, a village, a
militia) still needs a node, and the same name in two articles must give the
same node. The identifier is therefore derived from the name alone:
`<Type>/<safe Buckwalter transliteration of its matching key>`, e.g.
`Person/rjb_Tyb_ArdwgAn`. Safe Buckwalter (camel-tools) is ASCII letters and
digits only and maps back to Arabic one to one, so the identifier is also
enough to rebuild the entity's Arabic label with no side table: extraction
stays a pure function and the graph needs no registry of new names.

A discovered *person* or *place* also gets an English label an analyst (or a
gold file) would recognise: the identifier's Arabic, romanised by the PyPI package
arabic-name-romanizer (MIT; an offline name dictionary derived from
Wikidata, CC0, with a small ONNX model for the words nobody spelled), e.g.
اياد علاوي → "Ayad Allawi". The label is derived from the identifier alone,
so it too is a pure function of the Arabic name; the package is imported
only when the first discovered name needs a label. Its dictionary is of
personal names, but most Arabic place names are built like them and come out
as a reader would spell them (حدنان → Hadnan, بيتا → Bita, مثلث العلم →
Muthlath al-Alam) rather than as Buckwalter (HdnAn). Organisations and armed
groups keep the transliteration: their names are phrases (a word for "front"
or "brigade" and a name), which a name romaniser would spell as a person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from kg.model import Entity
from kg.text import normalize

if TYPE_CHECKING:
    from camel_tools.utils.charmap import CharMapper

DISCOVERED_TYPES = ("Person", "Organization", "Place", "ArmedGroup", "Country")
_SEPARATOR = "/"
_UNSAFE = re.compile(r"[^0-9A-Za-z_]")


@lru_cache(maxsize=1)
def _to_safebw() -> "CharMapper":
    from camel_tools.utils.charmap import CharMapper  # on first use: camel-tools' import costs ~0.5 s

    return CharMapper.builtin_mapper("ar2safebw")


@lru_cache(maxsize=1)
def _from_safebw() -> "CharMapper":
    from camel_tools.utils.charmap import CharMapper

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


ROMANISED_TYPES = frozenset({"Person", "Place"})  # the types whose label is romanised (see the module docstring)
ROMANIZER_CANDIDATES = 3  # ranked spellings looked at for one name


@lru_cache(maxsize=1)
def _romanizer() -> Any | None:
    """The name romaniser, loaded on first use (about 0.5 s: its index and
    ONNX models); None where the package is not installed (it needs Python
    3.11+), in which case persons keep the transliterated label.

    Its models run on one thread: names come one at a time, and on a
    shared two-core machine the default two threads were four times slower
    (85 against 320 names/s, the same output). Names are never batched:
    the package's batched decoding gives some names another spelling than
    alone, and a label must depend on its name only."""
    try:
        from arabic_name_romanizer import Transliterator
        from arabic_name_romanizer.api import default_resources_dir
        from arabic_name_romanizer.inference import OnnxModel
    except ImportError:
        return None
    resources = default_resources_dir()
    return Transliterator(model=OnnxModel(resources, intra_op_threads=1),
                          persian_model=OnnxModel(resources / "persian", intra_op_threads=1))


_labels_made_elsewhere: dict[str, str] = {}  # Arabic name → `person_label`, made by a worker of kg build


def learn_person_labels(labels: Iterable[tuple[str, str]]) -> None:
    """Take `person_label` results made by `kg build`'s worker processes
    (kg.parallel.PackedDoc), so the parent, which writes every label into
    the graph and alone would romanise each name serially (about 3 ms a
    name, the largest serial cost of a build), does not make them again."""
    _labels_made_elsewhere.update(labels)


def person_label(arabic: str) -> str | None:
    """English spelling of an Arabic personal name, or None when the
    romaniser is unavailable or gives nothing.

    The romaniser ranks attested spellings; a whole-name entry may carry
    words the Arabic lacks (a middle name: موسى أبو مرزوق → "Mousa Mohammed
    Abu Marzook"), so the first of its top candidates with no more words
    than the Arabic is preferred, else its first."""
    known = _labels_made_elsewhere.get(arabic)
    if known is not None:
        return known
    romanizer = _romanizer()
    if romanizer is None or not arabic.strip():
        return None
    from kg.label_store import MISSING, label_store

    store = label_store()  # labels made by earlier builds (the same romaniser, see kg.label_store)
    stored = store.get(arabic)
    if stored is not MISSING:
        return stored  # type: ignore[return-value]  # str | None, as stored below
    candidates = [c.text.strip() for c in romanizer.transliterate(arabic, top_k=ROMANIZER_CANDIDATES) if c.text.strip()]
    words = len(arabic.split())
    label = next((c for c in candidates if len(c.split()) <= words), candidates[0]) if candidates else None
    store.add(arabic, label)
    return label


class DiscoveredName(Entity):
    """A discovered person or place whose English label is romanised when
    first read.

    Extraction asks a discovered entity for its type, links and Arabic
    aliases, never its label, and the romaniser costs about 3 ms a name: in
    worker processes (`kg build --jobs N`), which only extract, the label was
    made for nothing and then made again by the parent that writes the
    graph. Everything else is as `Entity`; the value read is the label the
    eager version stored (`person_label`, else the transliteration)."""

    def __init__(self, entity_id: str, entity_type: str, arabic: str, slug: str) -> None:
        # Entity is a frozen dataclass: fields are set the way its own __init__ does
        for name, value in (("id", entity_id), ("type", entity_type), ("qid", ""), ("aliases_ar", (arabic,)),
                            ("links", ()), ("_slug", slug), ("_label", None)):
            object.__setattr__(self, name, value)

    @property  # type: ignore[override]  # a field of Entity, computed here
    def label(self) -> str:
        label = self._label
        if label is None:
            label = person_label(self.aliases_ar[0]) or self._slug.replace("_", " ")
            object.__setattr__(self, "_label", label)
        return label


@lru_cache(maxsize=65536)
def discovered_entity(entity_id: str) -> Entity:
    """The entity an identifier from `discovered_id` stands for: its type,
    an English label (a person's or place's romanised name, made on first read: see
    `DiscoveredName`; else the transliteration) and the Arabic matching key
    as Arabic label (surface spellings are added by the graph as aliases)."""
    entity_type, slug = entity_id.split(_SEPARATOR, 1)
    arabic = " ".join(_from_safebw()(word) for word in slug.split("_"))
    if entity_type in ROMANISED_TYPES:
        return DiscoveredName(entity_id, entity_type, arabic, slug)
    return Entity(entity_id, slug.replace("_", " "), entity_type, aliases_ar=(arabic,))
