"""Checks on the gazetteer data files (ontology/gazetteer/*.tsv, ontology/titles.tsv,
ontology/office_holders.tsv).  Parses the files with the csv module only; does not import kg."""
from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ONT = ROOT / "ontology"
GAZ = ONT / "gazetteer"

ENTITY_HEADER = ["id", "label", "type", "qid", "aliases_ar", "links"]
ENTITY_FILES = {
    "countries.tsv": "Country",
    "capitals.tsv": "Place",
    "people.tsv": "Person",
    "organizations.tsv": "Organization",
    "armed_groups.tsv": "ArmedGroup",
    "groups.tsv": "Group",
    "places.tsv": "Place",
}
HEADERS = {
    **{GAZ / f: ENTITY_HEADER for f in ENTITY_FILES},
    GAZ / "demonyms.tsv": ["country_id", "adj_m", "adj_f", "plural", "en_adj"],
    GAZ / "country_overrides.tsv": ["iso", "label", "extra_aliases_ar", "qid"],
    GAZ / "demonym_overrides.tsv": ["country_id", "adj_m", "adj_f", "plural", "en_adj"],
    ONT / "titles.tsv": ["role", "label_en", "aliases_ar"],
    ONT / "office_holders.tsv": ["country_id", "role", "person_id", "start", "end"],
}
LINK_KEYS = {"part_of", "army_of", "government_of", "capital_of", "located_in", "active_in", "led_by", "loyal_to",
             "people_of"}
COUNTRY_LINK_KEYS = {"army_of", "government_of", "capital_of", "located_in", "active_in", "led_by", "people_of"}
# links whose value is a keyword, not an entity id
KEYWORD_LINKS = {"qualified_by": {"army", "people", "article"}, "acts_as": {"protests"}}
CONTEXT_MARK, HEAD_MARK = "~", "+"
# Offices that can have several holders at once in one country.
MULTI_HOLDER_ROLES = {"special_envoy", "ambassador", "spokesperson", "vice_president", "deputy_prime_minister"}

ARABIC = re.compile(r"[\u0621-\u064A]")
ID_RE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line number, row) pairs; '#' lines and blank lines are skipped."""
    with path.open(encoding="utf-8", newline="") as fh:
        numbered = [(n, ln) for n, ln in enumerate(fh, 1)
                    if ln.strip() and not ln.startswith("#")]
    header = next(csv.reader([numbered[0][1]], delimiter="\t", quoting=csv.QUOTE_NONE))
    rows = []
    for n, ln in numbered[1:]:
        cells = next(csv.reader([ln], delimiter="\t", quoting=csv.QUOTE_NONE))
        assert len(cells) == len(header), f"{path.name}:{n}: {len(cells)} cells, expected {len(header)}"
        rows.append((n, dict(zip(header, cells))))
    return header, rows


def multi(cell: str) -> list[str]:
    return [v for v in cell.split("|") if v]


def links(cell: str) -> list[tuple[str, str]]:
    """(kind, target) pairs of a links cell (; or | separated)."""
    return [tuple(part.split("=", 1)) for part in cell.replace("|", ";").split(";") if "=" in part]


def unmarked(alias: str) -> str:
    return alias.lstrip(CONTEXT_MARK + HEAD_MARK)


@pytest.fixture(scope="module")
def entities() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for fname in ENTITY_FILES:
        for _n, row in read_rows(GAZ / fname)[1]:
            out.setdefault(row["id"], {**row, "_file": fname})
    return out


@pytest.mark.parametrize("path", sorted(HEADERS), ids=lambda p: p.name)
def test_header(path):
    with path.open(encoding="utf-8") as fh:
        first = fh.readline().rstrip("\n").split("\t")
    assert first == HEADERS[path]
    header, _rows = read_rows(path)
    assert header == HEADERS[path]


def test_ids_unique_and_wellformed():
    seen: dict[str, str] = {}
    for fname in ENTITY_FILES:
        for n, row in read_rows(GAZ / fname)[1]:
            where = f"{fname}:{n}"
            assert ID_RE.match(row["id"]), f"{where}: bad id {row['id']!r}"
            assert row["id"] not in seen, f"{where}: id {row['id']} already in {seen[row['id']]}"
            seen[row["id"]] = where


@pytest.mark.parametrize("fname", sorted(ENTITY_FILES))
def test_entity_rows(fname):
    for n, row in read_rows(GAZ / fname)[1]:
        where = f"{fname}:{n}"
        assert row["type"] == ENTITY_FILES[fname], where
        assert row["label"].strip() and row["label"] == row["label"].strip(), where
        assert not row["qid"] or QID_RE.match(row["qid"]), f"{where}: bad qid {row['qid']!r}"
        aliases = multi(row["aliases_ar"])
        assert aliases, f"{where}: no Arabic alias"
        assert len(aliases) == len(set(aliases)), f"{where}: duplicate alias"
        for a in aliases:
            assert ARABIC.search(a), f"{where}: alias without Arabic letters: {a!r}"
            assert a == a.strip() and "  " not in a, f"{where}: stray spaces in {a!r}"
            bare = unmarked(a)
            assert bare == bare.strip() and CONTEXT_MARK not in bare and HEAD_MARK not in bare[:1], (
                f"{where}: marks only in front of an alias: {a!r}")


def test_qids_unique():
    seen = {}
    for fname in ENTITY_FILES:
        for n, row in read_rows(GAZ / fname)[1]:
            if row["qid"]:
                assert row["qid"] not in seen, f"{fname}:{n}: {row['qid']} also at {seen[row['qid']]}"
                seen[row["qid"]] = f"{fname}:{n}"


def test_links_resolve(entities):
    for fname in ENTITY_FILES:
        for n, row in read_rows(GAZ / fname)[1]:
            for key, target in links(row["links"]):
                link = f"{key}={target}"
                if key in KEYWORD_LINKS:
                    assert target in KEYWORD_LINKS[key], f"{fname}:{n}: unknown value in {link!r}"
                    continue
                assert key in LINK_KEYS, f"{fname}:{n}: unknown link {link!r}"
                assert target in entities, f"{fname}:{n}: link target {target!r} does not exist"
                if key in COUNTRY_LINK_KEYS:
                    assert entities[target]["type"] == "Country", f"{fname}:{n}: {link} is not a country"
                if key == "loyal_to":
                    assert entities[target]["type"] in {"Person", "Organization"}, f"{fname}:{n}: {link}"
                    assert row["type"] == "ArmedGroup", f"{fname}:{n}: only forces are loyal_to someone"


def test_forces_named_by_a_leader_are_unambiguous():
    """قوات X must name one entity: each leader or body has at most one forces row."""
    seen: dict[str, str] = {}
    for fname in ENTITY_FILES:
        for n, row in read_rows(GAZ / fname)[1]:
            for key, target in links(row["links"]):
                if key == "loyal_to":
                    assert target not in seen, f"{fname}:{n}: {target} already has forces ({seen[target]})"
                    seen[target] = row["id"]


def _has_country(row: dict[str, str], entities: dict[str, dict[str, str]], office_holders: set[str]) -> bool:
    """Can the article's state ever select this entity? Through a country link,
    an organisation it is part of or loyal to, or an office held."""
    if row["type"] == "Country" or row["id"] in office_holders:
        return True
    for key, target in links(row["links"]):
        if key in COUNTRY_LINK_KEYS:
            return True
        if key in {"part_of", "loyal_to"} and target in entities and _has_country(entities[target], entities, office_holders):
            return True
    return False


def test_context_aliases_can_be_resolved(entities):
    """A ~ alias is resolved by the states an article is about: an entity
    carrying one must belong to a state somehow, else it never matches."""
    holders = {r["person_id"] for _n, r in read_rows(ONT / "office_holders.tsv")[1]}
    for fname in ENTITY_FILES:
        for n, row in read_rows(GAZ / fname)[1]:
            if any(a.startswith(CONTEXT_MARK) or a.startswith(HEAD_MARK + CONTEXT_MARK) for a in multi(row["aliases_ar"])):
                assert _has_country(row, entities, holders), f"{fname}:{n}: {row['id']} has a ~ alias but no state"


def test_every_entity_has_a_plain_or_context_alias():
    """An entity whose aliases are all head-only is still reachable (after a
    force head), but a label Arabic readers see must be a real name: the first
    alias is the Arabic label and may not be head-only."""
    for fname in ENTITY_FILES:
        for n, row in read_rows(GAZ / fname)[1]:
            first = multi(row["aliases_ar"])[0]
            assert not first.startswith(HEAD_MARK), f"{fname}:{n}: first alias {first!r} is head-only"


def test_capitals_link_to_countries():
    for n, row in read_rows(GAZ / "capitals.tsv")[1]:
        assert row["links"].startswith("capital_of="), f"capitals.tsv:{n}"


def test_demonyms(entities):
    countries = {r["id"] for _n, r in read_rows(GAZ / "countries.tsv")[1]}
    _h, rows = read_rows(GAZ / "demonyms.tsv")
    assert {r["country_id"] for _n, r in rows} == countries
    for n, row in rows:
        for col in ("adj_m", "adj_f", "plural"):
            for v in multi(row[col]):
                assert ARABIC.search(v), f"demonyms.tsv:{n}: {col} {v!r}"
    by_id = {r["country_id"]: r for _n, r in rows}
    assert by_id["turkey"]["adj_m"] == "تركي" and "أتراك" in multi(by_id["turkey"]["plural"])
    assert by_id["russia"]["adj_m"] == "روسي" and "روس" in multi(by_id["russia"]["plural"])
    assert by_id["syria"]["adj_m"] == "سوري"
    assert by_id["iran"]["adj_m"] == "إيراني"
    assert by_id["saudi_arabia"]["adj_m"] == "سعودي"
    assert by_id["egypt"]["adj_m"] == "مصري"
    assert by_id["iraq"]["adj_m"] == "عراقي"
    assert sum(1 for r in by_id.values() if r["en_adj"]) >= 40


def test_countries_core():
    _h, rows = read_rows(GAZ / "countries.tsv")
    assert len(rows) >= 190
    by_id = {r["id"]: r for _n, r in rows}
    for cid, name, label in [("turkey", "تركيا", "Turkey"), ("russia", "روسيا", "Russia"),
                             ("iran", "إيران", "Iran"), ("syria", "سوريا", "Syria"),
                             ("united_states", "الولايات المتحدة", "United States")]:
        assert cid in by_id, cid
        assert by_id[cid]["label"] == label
        assert name in multi(by_id[cid]["aliases_ar"])
    assert by_id["turkey"]["qid"] == "Q43" and by_id["russia"]["qid"] == "Q159"


def test_titles():
    _h, rows = read_rows(ONT / "titles.tsv")
    roles = [r["role"] for _n, r in rows]
    assert len(roles) == len(set(roles))
    for needed in ("president", "prime_minister", "foreign_minister", "defence_minister",
                   "king", "crown_prince", "supreme_leader", "special_envoy", "counterpart"):
        assert needed in roles
    for n, row in rows:
        for a in multi(row["aliases_ar"]):
            assert ARABIC.search(a), f"titles.tsv:{n}: {a!r}"


def _date(s: str, where: str) -> dt.date:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", s), f"{where}: bad date {s!r}"
    return dt.date.fromisoformat(s)


def test_office_holders(entities):
    roles = {r["role"] for _n, r in read_rows(ONT / "titles.tsv")[1]}
    periods = defaultdict(list)
    for n, row in read_rows(ONT / "office_holders.tsv")[1]:
        where = f"office_holders.tsv:{n}"
        # offices of a state, of an organisation (the UN's secretary-general, a party's leader)
        # or of an armed group outside any state's forces (its leader; a state's army has none)
        body = entities.get(row["country_id"], {})
        assert body.get("type") in {"Country", "Organization", "ArmedGroup"}, f"{where}: {row['country_id']}"
        assert body["type"] != "ArmedGroup" or "army_of=" not in body.get("links", ""), f"{where}: a state's army"
        assert entities.get(row["person_id"], {}).get("type") == "Person", f"{where}: {row['person_id']}"
        assert row["role"] in roles, f"{where}: role {row['role']!r} not in titles.tsv"
        start = _date(row["start"], where)
        end = _date(row["end"], where) if row["end"] else dt.date.max
        assert start < end, f"{where}: start is not before end"
        periods[(row["country_id"], row["role"])].append((start, end, where))
    for (country, role), spans in periods.items():
        if role in MULTI_HOLDER_ROLES:
            continue
        spans.sort()
        for (s1, e1, w1), (s2, e2, w2) in zip(spans, spans[1:]):
            assert s2 >= e1, f"{country}/{role}: {w1} overlaps {w2}"


def test_build_countries_reproducible(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_countries.py"), "--out", str(tmp_path)],
                   check=True, cwd=ROOT, capture_output=True)
    for name in ("countries.tsv", "demonyms.tsv"):
        assert (tmp_path / name).read_bytes() == (GAZ / name).read_bytes(), (
            f"{name} is stale: re-run python scripts/build_countries.py")
