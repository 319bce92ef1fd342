"""The gazetteer: known entities, their Arabic aliases, demonyms, titles and
office holders, read from `ontology/gazetteer/` and indexed for matching.

Aliases are indexed by the matching key of their first word (normalised,
article removed), so a text word is looked up through its clitic stems
(`kg.text.clitic_stems`) and multi-word aliases are confirmed word by word.

Two marks in front of an alias change how it matches (see the header of
`armed_groups.tsv`): `~` makes it context-dependent (التحالف is the
Saudi-led coalition in a Yemen article and the US-led one in an Iraq
article; the article decides between the entities sharing it), `+` makes it
match only after a force head (قوات صالح, not the word صالح alone).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import KgError
from kg.gazetteer_generated import CONTEXT_MARK, expand_qualified_groups, expand_templates
from kg.model import Entity
from kg.naming import discovered_entity, is_discovered
from kg.ontology_data import ontology_dir, parse_links, read_tsv, split_multi
from kg.text import alias_key, normalize, strip_article, tokenize

HEAD_MARK = "+"  # alias matched only after a force head (قوات، ميليشيات، الموالية ل…)
# Links that place an entity in a state: which country's news it belongs to.
# (led_by is not one: a coalition's leader is not where its news happens; it only
# tells coalitions apart by a state adjective, التحالف السعودي.)
COUNTRY_LINKS = ("army_of", "government_of", "capital_of", "located_in", "active_in", "people_of", "part_of")

ENTITY_FILES = ("countries.tsv", "capitals.tsv", "people.tsv", "organizations.tsv", "armed_groups.tsv", "groups.tsv",
                "places.tsv")


@dataclass(frozen=True)
class AliasEntry:
    """One alias: the rest of its words after the first, and what it names."""

    rest: tuple[str, ...]
    entity_id: str
    surface: str
    # a one-word alias written with the article (الخليل، الكرملين) names the
    # entity only with it: bare خليل is a given name, not Hebron
    needs_article: bool = False
    contextual: bool = False  # `~`: the article decides between the entities sharing it
    head_only: bool = False  # `+`: only after a force head (قوات صالح)

    @property
    def plain(self) -> bool:
        return not (self.contextual or self.head_only)


@dataclass(frozen=True)
class TitleEntry:
    rest: tuple[str, ...]
    role: str
    surface: str


@dataclass(frozen=True)
class Holding:
    person_id: str
    start: dt.date
    end: dt.date | None


@dataclass
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)
    aliases: dict[str, list[AliasEntry]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # key → country id
    demonym_plurals: set[str] = field(default_factory=set)  # keys that name people (الأتراك، الإيرانيين)
    titles: dict[str, list[TitleEntry]] = field(default_factory=dict)
    role_labels: dict[str, str] = field(default_factory=dict)
    # a one-word role → the roles whose titles begin with its word (minister → foreign_minister …)
    role_kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    holders: dict[tuple[str, str], list[Holding]] = field(default_factory=dict)
    office_countries: dict[str, set[str]] = field(default_factory=dict)  # person → states (and bodies) of their offices
    office_bodies: set[str] = field(default_factory=set)  # states and bodies the office records cover
    counterpart_keys: frozenset[str] = frozenset()
    ambiguous: frozenset[str] = frozenset()  # normalised aliases never matched alone
    loyal_forces: dict[str, str] = field(default_factory=dict)  # leader or body → forces named by it (loyal_to=)
    _countries: dict[str, frozenset[str]] = field(default_factory=dict)  # cache of countries_of
    # Indexes for speed only (the lists above stay the truth and keep their order): every
    # entry once, and each key's entries by the word that must follow the first (a bucket
    # such as وزارة holds thousands of ministries; a text word only needs those its next word starts)
    _entry_set: set[AliasEntry] = field(default_factory=set)
    _by_next: dict[str, dict[str, list[tuple[int, AliasEntry]]]] = field(default_factory=dict)
    _by_words: dict[tuple[str, tuple[str, ...]], list[AliasEntry]] = field(default_factory=dict)

    def letter_is_proclitic(self, entity_id: str, norm_word: str, letter: str) -> bool:
        """Is `letter`, at the start of a word that names this entity, a
        proclitic written onto the name (وكيري is و + كيري, لروسيا ل +
        روسيا) rather than the first letter of one of its names (وليد
        جنبلاط، لبنان)?"""
        if not norm_word.startswith(letter):
            return False
        first_words = {strip_article(normalize(alias).split()[0]) for alias in self.entity(entity_id).aliases_ar if alias.strip()}
        return strip_article(norm_word) not in first_words

    def entity(self, entity_id: str) -> Entity:
        """A known entity, or one a model found (its id says all, see
        `kg.naming`)."""
        known = self.entities.get(entity_id)
        if known is not None:
            return known
        if is_discovered(entity_id):
            return discovered_entity(entity_id)
        raise KeyError(entity_id)

    def knows(self, entity_id: str) -> bool:
        return entity_id in self.entities or is_discovered(entity_id)

    def add_entity(self, entity: Entity) -> None:
        """Register an entity and index its aliases; a second entry with the
        same id adds aliases rather than replacing the first. Marked aliases
        (`~`, `+`) are indexed with their mark and kept without it."""
        marked = [_split_marks(alias) for alias in entity.aliases_ar]
        entity = Entity(entity.id, entity.label, entity.type, entity.qid,
                        tuple(dict.fromkeys(alias for alias, _, _ in marked)), entity.links)
        existing = self.entities.get(entity.id)
        if existing is not None:
            merged = tuple(dict.fromkeys(existing.aliases_ar + entity.aliases_ar))
            entity = Entity(existing.id, existing.label, existing.type, existing.qid or entity.qid, merged, existing.links or entity.links)
        self.entities[entity.id] = entity
        for alias, contextual, head_only in marked:
            self._index_alias(alias, entity.id, contextual, head_only)
        for name, target in entity.links:
            if name == "loyal_to":
                self.loyal_forces.setdefault(target, entity.id)
        self._countries.clear()

    def _index_alias(self, alias: str, entity_id: str, contextual: bool = False, head_only: bool = False) -> None:
        words = [t.norm for t in tokenize(alias) if t.is_word]
        if not words or " ".join(words) in self.ambiguous:
            return
        entry = AliasEntry(tuple(words[1:]), entity_id, alias,
                           needs_article=len(words) == 1 and alias_key(words[0]) != words[0],
                           contextual=contextual, head_only=head_only)
        if entry in self._entry_set:
            return
        key = alias_key(words[0])
        self._entry_set.add(entry)
        bucket = self.aliases.setdefault(key, [])
        self._by_next.setdefault(key, {}).setdefault(entry.rest[0] if entry.rest else "", []).append((len(bucket), entry))
        bucket.append(entry)
        self._by_words.setdefault((key, entry.rest), []).append(entry)

    def entries_of(self, key: str, rest: tuple[str, ...]) -> list[AliasEntry]:
        """The entries of exactly these words (first word's key, the rest), in order."""
        return self._by_words.get((key, rest), [])

    def starts_alias(self, key: str) -> bool:
        """Does any alias begin with this key? (Cheap: most words start none.)"""
        return key in self._by_next

    def entries_before(self, key: str, next_norm: str | None) -> list[AliasEntry]:
        """The entries of `key` that can match when the next word's matching
        form is `next_norm` (None: no next word): one-word aliases, and those
        whose second word is that word. In the bucket's order, so the same
        match wins as when the whole bucket is scanned (entries that reach
        the same end share their second word)."""
        index = self._by_next.get(key)
        if index is None:
            return []
        single = index.get("", ())
        longer = index.get(next_norm, ()) if next_norm else ()
        if not longer:
            return [entry for _, entry in single]
        if not single:
            return [entry for _, entry in longer]
        return [entry for _, entry in sorted((*single, *longer), key=lambda pair: pair[0])]

    def countries_of(self, entity_id: str) -> frozenset[str]:
        """The states an entity belongs to, for telling which country an
        article is about: a country itself, the targets of its country links
        (army_of, located_in, active_in …, through one organisation in
        between), a person's states of office, the states of whom a force is
        loyal to."""
        cached = self._countries.get(entity_id)
        if cached is not None:
            return cached
        self._countries[entity_id] = frozenset()  # guards against link cycles
        entity = self.entities.get(entity_id)
        found: set[str] = set()
        if entity is not None:
            if entity.type == "Country":
                found.add(entity_id)
            if entity.type == "Person":
                found |= {c for c in self.office_countries.get(entity_id, ()) if self._is_country(c)}
            for name, target in entity.links:
                if name in COUNTRY_LINKS or name == "loyal_to":
                    found |= {target} if self._is_country(target) else self.countries_of(target)
        result = frozenset(found)
        self._countries[entity_id] = result
        return result

    def _is_country(self, entity_id: str) -> bool:
        entity = self.entities.get(entity_id)
        return entity is not None and entity.type == "Country"

    def may_hold_office_in(self, person_id: str, country_id: str) -> bool:
        """False only when the office records place this person in other
        bodies' offices and never in `country_id`, and `country_id` is a
        state or a body with office records of its own (زعيم حزب الشعب
        الجمهوري إردوغان is not the party's leader); of a body the records
        leave out, they say nothing."""
        held = self.office_countries.get(person_id, set())
        if not held or country_id in held:
            return True
        return self.entities[country_id].type != "Country" and country_id not in self.office_bodies

    def holder(self, country_id: str, role: str, on: dt.date | None) -> str | None:
        """Who held `role` in `country_id` on a date (the current holder when
        the date is unknown); none when several held it at once (Iraq's
        three vice presidents in 2015: نائب الرئيس العراقي names no one of them)."""
        holdings = self.holders.get((country_id, role), [])
        if on is None:
            current = [h for h in holdings if _holds(h, None)]
            return current[-1].person_id if current else None
        held = {h.person_id for h in holdings if _holds(h, on)}
        return held.pop() if len(held) == 1 else None

    def office_of(self, person_id: str, role: str, on: dt.date | None) -> str | None:
        """The one state or body whose `role` the records say this person
        held on a date (نائب رئيس الجمهورية إياد علاوي: Iraq's), if one."""
        bodies = {country for country in self.office_countries.get(person_id, ())
                  if any(h.person_id == person_id and _holds(h, on) for h in self.holders.get((country, role), []))}
        return bodies.pop() if len(bodies) == 1 else None


def _holds(holding: Holding, on: dt.date | None) -> bool:
    """Was the office held on that day (both ends inclusive, as `holder`
    always read them), or, with no date, is it held now?"""
    if on is None:
        return holding.end is None
    return holding.start <= on and (holding.end is None or on <= holding.end)


def _split_marks(alias: str) -> tuple[str, bool, bool]:
    """An alias without its leading marks, and whether it was context-dependent
    (`~`) or head-only (`+`); both marks may be given (`~+الشرعية`)."""
    contextual = head_only = False
    while alias[:1] in (CONTEXT_MARK, HEAD_MARK):
        contextual |= alias[0] == CONTEXT_MARK
        head_only |= alias[0] == HEAD_MARK
        alias = alias[1:]
    return alias.strip(), contextual, head_only


def _entity_from_row(row: dict[str, str], path: Path) -> Entity:
    try:
        return Entity(
            id=row["id"],
            label=row["label"],
            type=row["type"],
            qid=row.get("qid", ""),
            aliases_ar=tuple(split_multi(row.get("aliases_ar", ""))),
            links=parse_links(row.get("links", "")),
        )
    except KeyError as exc:
        raise KgError(f"{path}: missing column {exc}") from exc


def _role_kinds(titles: dict[str, list[TitleEntry]]) -> dict[str, frozenset[str]]:
    """The roles each one-word role stands for when a title names no more
    (الوزير الروسي: the Russian minister, of whatever portfolio): those
    whose titles begin with its word and go on (وزير الخارجية، وزير الدفاع;
    not نائب وزير الخارجية, which begins with another word)."""
    kinds: dict[str, set[str]] = {}
    for entries in titles.values():
        generic = {e.role for e in entries if not e.rest}
        for role in generic:
            kinds.setdefault(role, set()).update(e.role for e in entries if e.rest and e.role not in generic)
    return {role: frozenset(found) for role, found in kinds.items() if found}


def _parse_date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@lru_cache(maxsize=None)
def load_gazetteer() -> Gazetteer:
    """Read every gazetteer file once (per process; across processes through
    kg.cache, keyed by the ontology files and the modules that read them)."""
    from kg.cache import cached

    root = ontology_dir()
    here = Path(__file__).resolve().parent
    sources = [p for p in root.rglob("*") if p.is_file() and p.suffix in (".tsv", ".ttl")]
    sources += [here / name for name in ("gazetteer.py", "gazetteer_generated.py", "text.py", "naming.py",
                                         "ontology_data.py", "model.py")]
    return cached("gazetteer", sources, lambda: _read_gazetteer(root))


def _read_gazetteer(root: Path) -> Gazetteer:
    """The gazetteer built from the files of `root` (see load_gazetteer)."""
    base = root / "gazetteer"
    gaz = Gazetteer()
    if (base / "ambiguous_aliases.tsv").exists():
        gaz.ambiguous = frozenset(" ".join(normalize(row["alias"]).split()) for row in read_tsv(base / "ambiguous_aliases.tsv"))
    for name in ENTITY_FILES:
        path = base / name
        if path.exists():
            for row in read_tsv(path):
                gaz.add_entity(_entity_from_row(row, path))
    demonym_rows = list(read_tsv(base / "demonyms.tsv")) if (base / "demonyms.tsv").exists() else []
    for row in demonym_rows:
        country = row["country_id"]
        for column in ("adj_m", "adj_f", "plural"):
            for form in split_multi(row.get(column, "")):
                gaz.demonyms.setdefault(alias_key(normalize(form)), country)
                if column == "plural":
                    gaz.demonym_plurals.add(alias_key(normalize(form)))
        for masc in split_multi(row.get("adj_m", "")):
            stem = alias_key(normalize(masc))
            for suffix in ("ين", "ون", "ان"):  # plural and dual: أتراك، تركيون، تركيان
                gaz.demonyms.setdefault(stem + suffix, country)
                gaz.demonym_plurals.add(stem + suffix)
    expand_templates(gaz, base, demonym_rows)
    expand_qualified_groups(gaz, demonym_rows)
    counterpart: set[str] = set()
    if (root / "titles.tsv").exists():
        for row in read_tsv(root / "titles.tsv"):
            gaz.role_labels[row["role"]] = row.get("label_en", row["role"])
            for alias in split_multi(row.get("aliases_ar", "")):
                words = [t.norm for t in tokenize(alias) if t.is_word]
                if not words:
                    continue
                if row["role"] == "counterpart":
                    counterpart.add(alias_key(words[0]))
                    continue
                gaz.titles.setdefault(alias_key(words[0]), []).append(TitleEntry(tuple(words[1:]), row["role"], alias))
    gaz.counterpart_keys = frozenset(counterpart)
    gaz.role_kinds = _role_kinds(gaz.titles)
    if (root / "office_holders.tsv").exists():
        for row in read_tsv(root / "office_holders.tsv"):
            start = _parse_date(row.get("start", ""))
            if start is None:
                continue
            key = (row["country_id"], row["role"])
            gaz.holders.setdefault(key, []).append(Holding(row["person_id"], start, _parse_date(row.get("end", ""))))
            gaz.office_countries.setdefault(row["person_id"], set()).add(row["country_id"])
            gaz.office_bodies.add(row["country_id"])
        for holdings in gaz.holders.values():
            holdings.sort(key=lambda h: h.start)
    gaz._countries.clear()  # office records place people in states
    return gaz
