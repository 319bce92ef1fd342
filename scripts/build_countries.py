#!/usr/bin/env python3
"""Build ontology/gazetteer/countries.tsv and demonyms.tsv from Babel's CLDR data.

Inputs
  * Babel (CLDR) territory names in Arabic and English;
  * ontology/gazetteer/country_overrides.tsv   (iso, label, extra_aliases_ar, qid)
  * ontology/gazetteer/demonym_overrides.tsv   (country_id, adj_m, adj_f, plural, en_adj)

Outputs (deterministic, sorted by id; re-running gives identical bytes)
  * <out>/countries.tsv  id, label, type, qid, aliases_ar, links
  * <out>/demonyms.tsv   country_id, adj_m, adj_f, plural, en_adj

Usage: python scripts/build_countries.py [--out DIR]   (default ontology/gazetteer)

The nisba rule (adjective from the Arabic country name) works on the first
one-word Arabic name of the country: the article ال is dropped, a final ة or ا
is dropped, and ي is appended unless the stem already ends in ي (روسيا ->
روسي, كندا -> كندي, إيران -> إيراني, مالي -> مالي); names ending in و or ى
get no adjective.  A country without a one-word name gets no generated
adjective.  Non-empty cells of demonym_overrides.tsv replace the generated
cells; the value "-" blanks a cell.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from pathlib import Path

import babel

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "ontology" / "gazetteer"

COUNTRY_HEADER = ["id", "label", "type", "qid", "aliases_ar", "links"]
DEMONYM_HEADER = ["country_id", "adj_m", "adj_f", "plural", "en_adj"]

# CLDR codes that are not ISO 3166-1 countries: exceptionally reserved codes,
# macro-regions, private-use / pseudo codes.
NOT_COUNTRIES = {
    "AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ",
}
# ISO 3166-1 codes of dependent territories, overseas departments,
# uninhabited islands and disputed non-state territories: places, not states.
# (Kosovo XK, Palestine PS, Taiwan TW and Vatican City VA are kept as states.)
TERRITORIES = {
    "AI", "AQ", "AS", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX",
    "EH", "FK", "FO", "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM",
    "IO", "JE", "KY", "MF", "MO", "MP", "MQ", "MS", "NC", "NF", "NU", "PF", "PM",
    "PN", "PR", "RE", "SH", "SJ", "SX", "TC", "TF", "TK", "UM", "VG", "VI", "WF",
    "YT",
}

_AR = re.compile(r"[\u0600-\u06FF]")


def read_tsv(path: Path, header: list[str]) -> list[dict[str, str]]:
    """Read a gazetteer TSV: first line is the header, '#' lines are comments."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != header:
        sys.exit(f"{path}: header must be {header}, got {rows[0] if rows else None}")
    out = []
    for n, row in enumerate(rows[1:], 2):
        row = row + [""] * (len(header) - len(row))
        if len(row) != len(header):
            sys.exit(f"{path}: row {n} has {len(row)} cells: {row}")
        out.append({k: v.strip() for k, v in zip(header, row)})
    return out


def write_tsv(path: Path, header: list[str], rows: list[list[str]], comment: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        for line in comment.strip().splitlines():
            fh.write("# " + line + "\n")
        for row in rows:
            assert not any("\t" in c or "\n" in c for c in row), row
            fh.write("\t".join(row) + "\n")


def snake(label: str) -> str:
    s = unicodedata.normalize("NFKD", label)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def split_multi(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def dedup(items):
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def cldr_arabic_names(name: str) -> list[str]:
    """'ميانمار (بورما)' -> ['ميانمار', 'بورما']."""
    m = re.fullmatch(r"(.*?)\s*\((.*)\)\s*", name)
    if m:
        return [m.group(1).strip(), m.group(2).strip()]
    return [name.strip()]


def nisba(names: list[str]) -> str:
    """Masculine nisba adjective from the first one-word name, or ''."""
    word = next((n for n in names if re.fullmatch(r"[\u0600-\u06FF]+", n)), "")
    if not word:
        return ""
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    if word.endswith(("و", "ى")):
        return ""
    if word.endswith("ي"):
        return word
    if word.endswith(("ة", "ا")):
        word = word[:-1]          # روسيا -> روسي ; السعودية -> سعودي ; كندا -> كند
        if word.endswith("ي"):
            return word if len(word) >= 3 else ""
    return word + "ي" if len(word) >= 2 else ""


def build(out: Path) -> tuple[int, int]:
    ar = babel.Locale("ar").territories
    en = babel.Locale("en").territories
    overrides = {r["iso"]: r for r in read_tsv(
        GAZ / "country_overrides.tsv", ["iso", "label", "extra_aliases_ar", "qid"])}
    unknown = set(overrides) - set(en)
    if unknown:
        sys.exit(f"country_overrides.tsv: unknown ISO codes {sorted(unknown)}")

    countries = []  # (id, label, qid, aliases)
    for iso in sorted(en):
        if not re.fullmatch(r"[A-Z]{2}", iso) or iso in NOT_COUNTRIES or iso in TERRITORIES:
            continue
        if iso not in ar:
            continue
        ov = overrides.get(iso, {})
        label = ov.get("label") or en[iso]
        aliases = dedup(cldr_arabic_names(ar[iso]) + split_multi(ov.get("extra_aliases_ar", "")))
        for a in aliases:
            if not _AR.search(a):
                sys.exit(f"{iso}: alias without Arabic letters: {a!r}")
        countries.append((snake(label), label, ov.get("qid", ""), aliases))

    ids = [c[0] for c in countries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        sys.exit(f"duplicate country ids: {dupes}")
    countries.sort()

    demo_ov = {r["country_id"]: r for r in read_tsv(GAZ / "demonym_overrides.tsv", DEMONYM_HEADER)}
    unknown = set(demo_ov) - set(ids)
    if unknown:
        sys.exit(f"demonym_overrides.tsv: unknown country ids {sorted(unknown)}")

    demonyms = []
    for cid, _label, _qid, aliases in countries:
        m = nisba(aliases)
        row = {
            "adj_m": m,
            "adj_f": m + "ة" if m else "",
            "plural": f"{m}ون|{m}ين" if m else "",
            "en_adj": "",
        }
        for k in row:
            v = demo_ov.get(cid, {}).get(k, "")
            if v == "-":
                row[k] = ""
            elif v:
                row[k] = v
        demonyms.append([cid, row["adj_m"], row["adj_f"], row["plural"], row["en_adj"]])

    out.mkdir(parents=True, exist_ok=True)
    src = f"Babel {babel.__version__} (CLDR) + country_overrides.tsv"
    write_tsv(out / "countries.tsv", COUNTRY_HEADER,
              [[cid, label, "Country", qid, "|".join(al), ""] for cid, label, qid, al in countries],
              f"GENERATED by scripts/build_countries.py from {src}; do not edit by hand,\n"
              "edit country_overrides.tsv and re-run the script.")
    write_tsv(out / "demonyms.tsv", DEMONYM_HEADER, demonyms,
              "GENERATED by scripts/build_countries.py (nisba rule + demonym_overrides.tsv);\n"
              "do not edit by hand, edit demonym_overrides.tsv and re-run the script.")
    return len(countries), len(demonyms)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=GAZ, help="output directory (default: %(default)s)")
    args = ap.parse_args(argv)
    n_c, n_d = build(args.out)
    print(f"wrote {n_c} countries and {n_d} demonym rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
