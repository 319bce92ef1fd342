"""Tests for kg.evaluate: the scoring rules of ONTOLOGY.md on tiny hand-made inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.evaluate import (
    Counts,
    GoldTriple,
    SystemTriple,
    format_report,
    load_gold,
    load_system_triples,
    score,
)

KNOWN = {"coordinates_with", "meets_with", "attacks", "threatens", "gives_deadline_to", "supports"}
SYM = {"coordinates_with", "meets_with"}
D1 = "000_a.txt"
D2 = "001_b.txt"


def g(
    s: str | tuple[str, ...],
    r: str | tuple[str, ...],
    o: str | tuple[str, ...],
    doc: str = D1,
    optional: bool = False,
    date: str | None = None,
) -> GoldTriple:
    tup = lambda x: (x,) if isinstance(x, str) else tuple(x)  # noqa: E731
    return GoldTriple(doc, tup(s), tup(r), tup(o), optional, date, (), "")


def t(s: str, r: str, o: str, doc: str = D1, date: str | None = None) -> SystemTriple:
    return SystemTriple(doc, s, r, o, date)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


# ---------------------------------------------------------------- scoring


def test_counts_zero_denominators() -> None:
    c = Counts(0, 0, 0)
    assert (c.precision, c.recall, c.f1) == (0.0, 0.0, 0.0)


def test_perfect_match() -> None:
    gold = [g("Russia", "coordinates_with", "Turkey"), g("Turkey", "attacks", "Syrian Army")]
    rep = score(gold, [t("Russia", "coordinates_with", "Turkey"), t("Turkey", "attacks", "Syrian Army")], SYM)
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (2, 0, 0)
    assert rep.overall.precision == rep.overall.recall == rep.overall.f1 == 1.0
    assert rep.false_positives == [] and rep.misses == []


def test_symmetric_reversal_counts_asymmetric_does_not() -> None:
    gold = [g("Russia", "coordinates_with", "Turkey"), g("Turkey", "attacks", "Syrian Army")]
    rep = score(gold, [t("Turkey", "coordinates_with", "Russia"), t("Syrian Army", "attacks", "Turkey")], SYM)
    assert rep.per_relation["coordinates_with"].tp == 1
    assert rep.per_relation["attacks"].fp == 1
    assert rep.per_relation["attacks"].fn == 1
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (1, 1, 1)


def test_symmetric_both_directions_count_once() -> None:
    gold = [g("Russia", "coordinates_with", "Turkey")]
    rep = score(gold, [t("Russia", "coordinates_with", "Turkey"), t("Turkey", "coordinates_with", "Russia")], SYM)
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (1, 0, 0)


def test_list_valued_s_r_o() -> None:
    gold = [g(("Turkey", "Turkish Army"), ("threatens", "gives_deadline_to"), ("Syrian Army", "Syria"))]
    rep = score(gold, [t("Turkish Army", "gives_deadline_to", "Syria")], SYM)
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (1, 0, 0)
    # TP goes under the system's relation.
    assert rep.per_relation["gives_deadline_to"].tp == 1
    # A miss goes under the gold's first relation.
    rep = score(gold, [], SYM)
    assert rep.per_relation["threatens"].fn == 1
    assert "gives_deadline_to" not in rep.per_relation


def test_optional_gold_neither_hurts_precision_nor_recall() -> None:
    gold = [g("Russia", "coordinates_with", "Turkey"), g("Russia", "supports", "Syrian Army", optional=True)]
    with_opt = score(gold, [t("Russia", "coordinates_with", "Turkey"), t("Russia", "supports", "Syrian Army")], SYM)
    without = score(gold, [t("Russia", "coordinates_with", "Turkey")], SYM)
    for rep in (with_opt, without):
        assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (1, 0, 0)
        assert rep.overall.f1 == 1.0


def test_matching_required_beats_optional() -> None:
    # Same triple is both required and optional: it is a TP.
    gold = [g("Russia", "supports", "Syria"), g("Russia", "supports", "Syria", optional=True)]
    rep = score(gold, [t("Russia", "supports", "Syria")], SYM)
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (1, 0, 0)


def test_duplicate_system_triples_count_once() -> None:
    gold = [g("Russia", "coordinates_with", "Turkey")]
    sys = [t("Russia", "coordinates_with", "Turkey")] * 3 + [t("Iran", "attacks", "Turkey")] * 2
    rep = score(gold, sys, SYM)
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (1, 1, 0)
    assert rep.false_positives == [t("Iran", "attacks", "Turkey")]


def test_doc_not_in_gold_is_ignored() -> None:
    gold = [g("Russia", "coordinates_with", "Turkey")]
    sys = [t("Russia", "coordinates_with", "Turkey"), t("Iran", "attacks", "Turkey", doc="999_other.txt")]
    rep = score(gold, sys, SYM)
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (1, 0, 0)
    assert set(rep.per_doc) == {D1}


def test_triples_are_scored_per_document() -> None:
    # Right triple, wrong document: FP in D2 and FN in D1.
    gold = [g("Russia", "coordinates_with", "Turkey", doc=D1), g("Turkey", "attacks", "Syrian Army", doc=D2)]
    sys = [t("Russia", "coordinates_with", "Turkey", doc=D2)]
    rep = score(gold, sys, SYM)
    assert (rep.per_doc[D1].tp, rep.per_doc[D1].fp, rep.per_doc[D1].fn) == (0, 0, 1)
    assert (rep.per_doc[D2].tp, rep.per_doc[D2].fp, rep.per_doc[D2].fn) == (0, 1, 1)


def test_per_relation_table_hand_computed() -> None:
    gold = [
        g("Russia", "coordinates_with", "Turkey"),
        g("Russia", "coordinates_with", "Iran"),
        g("Turkey", "attacks", "Syrian Army"),
        g("Syrian Army", "attacks", "Turkey", doc=D2),
        g("Turkey", "threatens", "Syrian Army", doc=D2, optional=True),
    ]
    sys = [
        t("Turkey", "coordinates_with", "Russia"),  # TP (symmetric)
        t("Iran", "coordinates_with", "Turkey"),  # FP
        t("Turkey", "attacks", "Syrian Army"),  # TP
        t("Turkey", "threatens", "Syrian Army", doc=D2),  # optional: excluded
        t("Turkey", "attacks", "Syrian Army", doc=D2),  # FP (asymmetric, reversed)
    ]
    rep = score(gold, sys, SYM)
    c = rep.per_relation
    assert (c["coordinates_with"].tp, c["coordinates_with"].fp, c["coordinates_with"].fn) == (1, 1, 1)
    assert (c["attacks"].tp, c["attacks"].fp, c["attacks"].fn) == (1, 1, 1)
    assert "threatens" not in c
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (2, 2, 2)
    assert rep.overall.precision == pytest.approx(0.5)
    assert rep.overall.recall == pytest.approx(0.5)
    assert rep.overall.f1 == pytest.approx(0.5)
    assert (rep.per_doc[D1].tp, rep.per_doc[D1].fp, rep.per_doc[D1].fn) == (2, 1, 1)
    assert (rep.per_doc[D2].tp, rep.per_doc[D2].fp, rep.per_doc[D2].fn) == (0, 1, 1)
    assert [m.o for m in rep.misses] == [("Iran",), ("Turkey",)]

    text = format_report(rep, show_errors=True)
    lines = text.splitlines()
    row = next(line for line in lines if line.startswith("coordinates_with"))
    assert row.split() == ["coordinates_with", "1", "1", "1", "0.500", "0.500", "0.500"]
    overall = next(line for line in lines if line.startswith("overall"))
    assert overall.split() == ["overall", "2", "2", "2", "0.500", "0.500", "0.500"]
    assert "(Iran, coordinates_with, Turkey)" in text
    assert "misses (2):" in text


def test_label_comparison_ignores_case_and_spacing() -> None:
    rep = score([g("Syrian Army", "attacks", "Saraqib")], [t("syrian  army", "attacks", "Saraqib ")], SYM)
    assert rep.overall.tp == 1


def test_date_correct_counting() -> None:
    gold = [
        g("Recep Tayyip Erdogan", "gives_deadline_to", "Syrian Army", date="2020-02-05"),
        g("Turkey", "attacks", "Syrian Army", date="2020-02-03"),
        g("Russia", "coordinates_with", "Turkey", date="2020-02-01"),  # missed: not date-checked
        g("Turkey", "threatens", "Syria"),  # no date: not date-checked
    ]
    sys = [
        t("Recep Tayyip Erdogan", "gives_deadline_to", "Syrian Army", date="2020-02-08"),
        t("Recep Tayyip Erdogan", "gives_deadline_to", "Syrian Army", date="2020-02-05"),
        t("Turkey", "attacks", "Syrian Army", date="2020-02-04"),
        t("Turkey", "threatens", "Syria", date="2020-02-04"),
    ]
    rep = score(gold, sys, SYM)
    assert rep.overall.tp == 3  # the two deadline lines are one distinct triple
    assert (rep.date_checked, rep.date_correct) == (2, 1)
    assert "dates: 1/2 correct" in format_report(rep)


# ---------------------------------------------------------------- loaders


def test_load_gold_parses_lists_and_defaults(tmp_path: Path) -> None:
    p = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {"doc": D1, "s": "Russia", "r": "coordinates_with", "o": "Turkey", "evidence": "روسيا تنسق مع تركيا"},
            {"doc": D1, "s": ["Turkey", "Turkish Army"], "r": ["threatens", "gives_deadline_to"],
             "o": "Syrian Army", "optional": True, "date": "2020-02-05", "modality": ["planned", "possible"]},
        ],
    )
    gold = load_gold(p, KNOWN)
    assert gold[0] == GoldTriple(D1, ("Russia",), ("coordinates_with",), ("Turkey",), False, None, (),
                                 "روسيا تنسق مع تركيا")
    assert gold[1].s == ("Turkey", "Turkish Army")
    assert gold[1].r == ("threatens", "gives_deadline_to")
    assert gold[1].optional and gold[1].date == "2020-02-05"
    assert gold[1].modality == ("planned", "possible")


def test_load_gold_unknown_relation(tmp_path: Path) -> None:
    p = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {"doc": D1, "s": "Russia", "r": "coordinates_with", "o": "Turkey"},
            {"doc": D1, "s": "Russia", "r": "meets_with", "o": "Turkey"},
            {"doc": D1, "s": "Russia", "r": ["attacks", "bombs"], "o": "Turkey"},
        ],
    )
    with pytest.raises(KgError, match=r"gold\.jsonl:3: unknown relation 'bombs' \(known: "):
        load_gold(p, KNOWN)


def test_load_gold_bad_json(tmp_path: Path) -> None:
    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps({"doc": D1, "s": "a", "r": "attacks", "o": "b"}) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"gold\.jsonl:3: invalid JSON"):
        load_gold(p, KNOWN)


def test_load_gold_missing_field(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "gold.jsonl", [{"doc": D1, "s": "Russia", "o": "Turkey"}])
    with pytest.raises(KgError, match=r"gold\.jsonl:1: missing field 'r'"):
        load_gold(p, KNOWN)


def test_load_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="nope.jsonl"):
        load_gold(tmp_path / "nope.jsonl", KNOWN)


def test_load_gold_known_list_is_truncated(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "gold.jsonl", [{"doc": D1, "s": "a", "r": "bombs", "o": "b"}])
    many = {f"rel_{i:02d}" for i in range(40)}
    with pytest.raises(KgError) as e:
        load_gold(p, many)
    msg = str(e.value)
    assert "\n" not in msg and "more)" in msg and "rel_39" not in msg


def test_load_system_jsonl_errors(tmp_path: Path) -> None:
    p = tmp_path / "triples.jsonl"
    p.write_text(json.dumps({"doc": D1, "s": "a", "r": "attacks", "o": "b"}) + "\n[oops\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"triples\.jsonl:2: invalid JSON"):
        load_system_triples(p)
    with pytest.raises(KgError, match="not found"):
        load_system_triples(tmp_path / "missing.jsonl")
    write_jsonl(p, [{"doc": D1, "s": "a", "o": "b"}])
    with pytest.raises(KgError, match=r"triples\.jsonl:1: missing field 'r'"):
        load_system_triples(p)


def test_load_system_bad_ttl(tmp_path: Path) -> None:
    p = tmp_path / "graph.ttl"
    p.write_text("@prefix kg: <https://w3id.org/arabic-news-kg/ontology#> .\nkg:a kg:b \n", encoding="utf-8")
    with pytest.raises(KgError, match=r"graph\.ttl: invalid Turtle"):
        load_system_triples(p)


TTL = """\
@prefix kg: <https://w3id.org/arabic-news-kg/ontology#> .
@prefix ent: <https://w3id.org/arabic-news-kg/entity/> .
@prefix stmt: <https://w3id.org/arabic-news-kg/statement/> .
@prefix evid: <https://w3id.org/arabic-news-kg/evidence/> .
@prefix doc: <https://w3id.org/arabic-news-kg/doc/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ent:Q43 rdfs:label "Turkey"@en, "تركيا"@ar .
ent:Q159 rdfs:label "Russia"@en, "روسيا"@ar .
ent:Q39723 rdfs:label "Recep Tayyip Erdogan"@en, "أردوغان"@ar, "إردوغان"@ar .
ent:syrian_army rdfs:label "Syrian Army"@en, "جيش النظام السوري"@ar .

doc:d0 kg:docId "000_a.txt" .
doc:d1 kg:docId "001_b.txt" .
evid:e1 kg:document doc:d0 .
evid:e2 kg:document doc:d1 .
evid:e3 kg:document doc:d0 .

stmt:s1 a kg:Statement ;
    rdf:subject ent:Q159 ; rdf:predicate kg:coordinates_with ; rdf:object ent:Q43 ;
    kg:modality "asserted" ;
    prov:wasDerivedFrom evid:e1, evid:e2 .

stmt:s2 a kg:Statement ;
    rdf:subject ent:Q39723 ; rdf:predicate kg:gives_deadline_to ; rdf:object ent:syrian_army ;
    kg:modality "asserted" ;
    kg:date "2020-02-05"^^xsd:date ;
    prov:wasDerivedFrom evid:e3 .
"""


def test_ttl_reads_like_equivalent_jsonl(tmp_path: Path) -> None:
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(TTL, encoding="utf-8")
    jsonl = write_jsonl(
        tmp_path / "triples.jsonl",
        [
            {"doc": "000_a.txt", "s": "Russia", "r": "coordinates_with", "o": "Turkey", "modality": "asserted"},
            {"doc": "001_b.txt", "s": "Russia", "r": "coordinates_with", "o": "Turkey", "modality": "asserted"},
            {"doc": "000_a.txt", "s": "Recep Tayyip Erdogan", "r": "gives_deadline_to", "o": "Syrian Army",
             "date": "2020-02-05", "modality": "asserted", "confidence": 0.9},
        ],
    )
    from_ttl = load_system_triples(ttl)
    from_jsonl = load_system_triples(jsonl)
    key = lambda x: (x.doc, x.s, x.r, x.o, x.date or "")  # noqa: E731
    assert sorted(from_ttl, key=key) == sorted(from_jsonl, key=key)
    assert len(from_ttl) == 3


def test_ttl_repeated_dates_are_all_visible(tmp_path: Path) -> None:
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(TTL.replace('kg:date "2020-02-05"^^xsd:date', 'kg:date "2020-02-05"^^xsd:date, "2020-02-08"^^xsd:date'),
                   encoding="utf-8")
    triples = load_system_triples(ttl)
    dates = sorted(x.date for x in triples if x.r == "gives_deadline_to")
    assert dates == ["2020-02-05", "2020-02-08"]
    gold = [g("Recep Tayyip Erdogan", "gives_deadline_to", "Syrian Army", date="2020-02-05")]
    rep = score(gold, triples, SYM)
    # fp=1 is (Russia, coordinates_with, Turkey), not in this gold.
    assert (rep.overall.tp, rep.overall.fp, rep.date_checked, rep.date_correct) == (1, 1, 1, 1)


def test_unsupported_system_suffix(tmp_path: Path) -> None:
    p = tmp_path / "graph.xml"
    p.write_text("<x/>", encoding="utf-8")
    with pytest.raises(KgError, match="unsupported"):
        load_system_triples(p)


def test_real_gold_file_loads() -> None:
    path = Path("/work/shared/gold/seeds.jsonl")
    if not path.exists():
        pytest.skip("shared gold not available")
    rels = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)["r"]
            rels.update([r] if isinstance(r, str) else r)
    gold = load_gold(path, rels)
    assert gold and all(x.s and x.r and x.o for x in gold)
    # Gold scored against itself (first alternatives) is perfect on recall.
    sys = [SystemTriple(x.doc, x.s[0], x.r[0], x.o[0], x.date) for x in gold]
    rep = score(gold, sys, set())
    assert rep.overall.fn == 0 and rep.overall.fp == 0
    assert rep.date_checked == rep.date_correct == sum(1 for x in gold if x.date and not x.optional)
