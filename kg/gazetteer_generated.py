"""Entities the gazetteer generates rather than lists: one ministry, police,
presidency, parliament and government per state from `templates.tsv`, and
one qualified group per state for the generic groups marked
`qualified_by=people|article` (protesters → Iraqi protesters).

Apart from kg.gazetteer, which reads the files and indexes them, because
generating is its own job with its own override rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.model import Entity
from kg.ontology_data import parse_links, read_tsv, split_multi
from kg.text import alias_key, tokenize

if TYPE_CHECKING:
    from kg.gazetteer import Gazetteer

# Generic groups whose qualified form is generated per state: `qualified_by=people`
# (protesters + العراقيين → Iraqi protesters), `qualified_by=article` (also the
# article's own state when no adjective says: tribes belong to a country).
QUALIFIED_GROUP_KINDS = ("people", "article")
CONTEXT_MARK = "~"  # an alias the article resolves (الجيش, ~الرئاسة: see extractors.gazetteer)
UNIQUE_LINKS = ("government_of", "army_of")  # one entity per state: a hand-made one wins over a template's
TEMPLATE_OVERRIDES = "template_overrides.tsv"


def _template_overrides(base: Path) -> dict[str, dict[str, str]]:
    """Generated id → its override row (a proper name, or an existing entity
    the generated aliases belong to)."""
    path = base / TEMPLATE_OVERRIDES
    return {row["id"]: row for row in read_tsv(path)} if path.exists() else {}


def _template_aliases(template: dict[str, str], values: dict[str, str], adj_m: list[str], adj_f: list[str]) -> list[str]:
    """The template's aliases for one country, once for each of its
    adjectives ({adj_m} masculine, {adj_f} feminine, written without the
    article: the template adds it)."""
    aliases = []
    for alias in split_multi(template["aliases_ar"]):
        key = "adj_m" if "{adj_m}" in alias else "adj_f"
        for adjective in (adj_m if key == "adj_m" else adj_f) or [""]:
            bare = adjective[2:] if adjective.startswith("ال") else adjective
            if not bare and ("{adj_m}" in alias or "{adj_f}" in alias):
                continue
            aliases.append(alias.format(adj_m=bare, adj_f=bare, **values))
    return aliases


def _listed(gaz: Gazetteer, aliases: list[str], entity_type: str) -> str:
    """An entity listed by hand under one of a generated body's aliases (the
    Israel Police in armed_groups.tsv): the generated aliases go to it
    rather than to a second node for the same body."""
    for alias in aliases:
        if alias.startswith(CONTEXT_MARK):
            continue  # ~الرئاسة: every state's presidency is called so; it names none of them
        words = [t.norm for t in tokenize(alias) if t.is_word]
        for entry in gaz.entries_of(alias_key(words[0]), tuple(words[1:])) if words else ():
            if gaz.entities[entry.entity_id].type == entity_type:
                return entry.entity_id
    return ""


def expand_templates(gaz: Gazetteer, base: Path, demonym_rows: list[dict[str, str]]) -> None:
    """Generate per-country entities (ministries, police, presidency,
    parliament, government) from templates.tsv.

    A template whose link is one a state has only one of (government_of)
    is skipped where a hand-made entity already has it; template_overrides.tsv
    gives a generated entity its own proper name (the US departments) or
    hands its aliases to an existing entity (the Knesset), as does an
    entity already listed under one of its aliases."""
    path = base / "templates.tsv"
    if not path.exists():
        return
    templates = list(read_tsv(path))
    overrides = _template_overrides(base)
    taken = {(name, target) for e in gaz.entities.values() for name, target in e.links if name in UNIQUE_LINKS}
    for row in demonym_rows:
        country = gaz.entities.get(row["country_id"])
        adj_f = split_multi(row.get("adj_f", ""))
        adj_m = split_multi(row.get("adj_m", ""))
        if country is None or not adj_f or not country.aliases_ar:
            continue
        values = {
            "country": country.id,
            "label": country.label,
            "name": country.aliases_ar[0],
            "en_adj": row.get("en_adj", ""),
        }
        for template in templates:
            if "{en_adj}" in "".join(template.values()) and not values["en_adj"]:
                continue
            aliases = _template_aliases(template, values, adj_m, adj_f)
            filled = {k: v.format(adj_m="", adj_f="", **values) for k, v in template.items() if k != "aliases_ar"}
            links = parse_links(filled.get("links", ""))
            if any(link in taken for link in links):
                continue
            override = overrides.get(filled["id"], {})
            entity_id = override.get("same_as") or _listed(gaz, aliases, filled["type"]) or filled["id"]
            label = override.get("label") or filled["label"]
            gaz.add_entity(Entity(entity_id, label, filled["type"], override.get("qid", ""), tuple(dict.fromkeys(aliases)), links))


def qualified_group_id(group_id: str, country_id: str) -> str:
    """Id of a generic group qualified by a state (protesters, iraq →
    protesters_iraq): derived from both ids, so no table is needed."""
    return f"{group_id}_{country_id}"


def expand_qualified_groups(gaz: Gazetteer, demonym_rows: list[dict[str, str]]) -> None:
    """One entity per state with an English adjective for each generic group
    marked `qualified_by=people|article` (protesters → Iraqi protesters),
    keeping the group's type and links (acts_as …) and adding
    people_of=<state>. They are reached through the group's alias followed
    by the state's adjective (extractors.gazetteer), not by aliases of their
    own; the Arabic label is for display."""
    groups = [e for e in gaz.entities.values() if e.link("qualified_by") in QUALIFIED_GROUP_KINDS]
    for row in demonym_rows:
        country, en_adj = row["country_id"], row.get("en_adj", "")
        if not en_adj or country not in gaz.entities:
            continue
        plurals = [p for p in split_multi(row.get("plural", "")) if p.endswith("ين")] or split_multi(row.get("adj_m", ""))
        for group in groups:
            entity_id = qualified_group_id(group.id, country)
            if entity_id in gaz.entities:
                continue
            links = tuple(link for link in group.links if link[0] != "qualified_by") + (("people_of", country),)
            label_ar = f"{group.aliases_ar[0]} ال{plurals[0]}" if group.aliases_ar and plurals else ""
            gaz.entities[entity_id] = Entity(entity_id, f"{en_adj} {group.label}", group.type, "",
                                             (label_ar,) if label_ar else (), links)
    gaz._countries.clear()
