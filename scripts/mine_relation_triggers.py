"""Mine trigger rows from the trigger spans of the ANERcorp relation annotations.

Reads ../shared/data/anercorp-relations/train-relations.jsonl (relations
annotated by hand on ANERcorp's CAMeL train sentences; CC BY-SA 4.0, derived
from ANERcorp, Benajiba et al. 2007, and the CAMeL Tools splits, Obeid et
al. 2020) and writes ontology/triggers_anercorp.tsv in the columns of
ontology/triggers.tsv plus `evidence` and `source`.

Method
  1. Trigger words. Every annotated event relation with a trigger span gives
     one occurrence of the span's head word: its first word that is not a
     function word (markers.tsv's prepositions, skip words, support and
     reporting verbs, modality cue words). Static relations (official_of,
     part_of, located_in, member_of: titles and wording, not triggers) and
     allied_with (read by hand-written apposition rows) are left out. A span
     that states several relations of one kind counts once; spans are
     counted by (sentence, span).
  2. Lemmas. The head words are grouped into the stems kg.lexicon wants, with
     its own generators: a verb stem covers the forms `inflect_verb(past,
     present_stem(past))` makes, a noun the forms `inflect_noun` makes; the
     word's proclitics and attached pronouns are stripped as the matcher
     strips them (match_keys_with_prefix), and a word after ب، ك، لل or the
     article is only read as a noun, after س only as a verb, as
     Lexicon.lookup reads it. Greedy: the (pos, stem) that covers most
     occurrences is taken first, ties going to the reading more words are
     marked for (a noun's article or preposition, a verb's person suffix or
     prefix), then to the verb.
  3. Consistency. A lemma is kept if at least --min-count spans in distinct
     sentences use it, --min-share of its spans state one relation, and at
     least --min-ratio of its occurrences in all 2,122 annotated sentences
     (those with two named entities, where a relation could be stated) are
     trigger spans: a word the annotators mostly passed over (الحرب in
     background clauses, ساعد "helped") is not a trigger by itself. Lemmas
     whose forms the hand-written triggers.tsv already lists are dropped
     (that row wins), and so are the lemmas ontology/trigger_drops.tsv lists
     for this file (dropped after measurement, each with its reason).
  4. Preposition. For each span with its object after it, the word before
     the object: a standalone preposition (على، مع، إلى …), ل/ب written
     on the object with the article (للجيش، بالحكومة), else a direct object
     (-). Prepositions seen in at least 20% of those spans make the row's
     `prep`; with none seen, the relation's prepositions in triggers.tsv.
     في is left out (kg reads it as the event's place) unless the relation's
     hand-written rows take it (deploys_to). A noun's "direct
     object" is its genitive (غزو الكويت، اتهام أنقرة), which the rule
     extractor reads as the doer (هجمات المتشددين); so a noun row keeps
     only real prepositions (غزو العراق للكويت), and a noun seen with none
     is dropped. Measured on 400 SaudiNewsNet articles: with `-`, five of
     the six triples that mined nouns added were backwards or wrong.

Output rows are sorted (relation, pos, stem); the script prints what it kept
and dropped, by reason.

    python scripts/mine_relation_triggers.py [--out ontology/triggers_anercorp.tsv]
        [--min-count 2] [--min-share 0.75] [--min-ratio 0.25]

Parts, in modules beside this script: reading the annotations
(anercorp_reading.py), grouping and deciding lemmas (anercorp_lemmas.py),
rows and report (anercorp_output.py); what both trigger generators share is
trigger_files.py. Their names are re-exported here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helper modules beside this script, also when loaded by path

from anercorp_lemmas import (  # noqa: E402
    MAX_VERB,
    VERB_PREFIXES,
    Lemma,
    Usage,
    analyses,
    decide,
    group,
    lemma_forms,
    occurrences,
    span_marked,
    verb_forms,
    verb_shaped,
)
from anercorp_output import (  # noqa: E402
    COLUMNS,
    DIRECT,
    NOTICE,
    PLACE_PREPOSITION,
    PREP_SHARE,
    STRONG_EVIDENCE,
    SURFACE_PREPS,
    default_preps,
    prep_cell,
    report,
    row_of,
    surface_of,
    write_tsv,
)
from anercorp_reading import (  # noqa: E402
    EXTRA_FUNCTION_WORDS,
    FUNCTION_KINDS,
    LEFT_OUT,
    MARKERS,
    MIN_STEM,
    MODALITY,
    Records,
    Span,
    function_words,
    read_records,
    train_words,
)
from kg.errors import KgError  # noqa: E402
from kg.text import normalize  # noqa: E402
from trigger_files import hand_forms, load_drops  # noqa: E402

__all__ = [
    "COLUMNS", "DIRECT", "EXTRA_FUNCTION_WORDS", "FUNCTION_KINDS", "LEFT_OUT", "MARKERS", "MAX_VERB", "MIN_STEM",
    "MODALITY", "NOTICE", "PLACE_PREPOSITION", "PREP_SHARE", "STRONG_EVIDENCE", "SURFACE_PREPS", "VERB_PREFIXES",
    "span_marked", "verb_shaped", "KgError", "Lemma", "Records", "Span", "Usage", "analyses", "decide", "default_preps",
    "function_words", "group", "hand_forms", "lemma_forms", "load_drops", "main", "occurrences", "parse_args",
    "prep_cell", "read_records", "report", "row_of", "run", "surface_of", "train_words", "verb_forms", "write_tsv",
]

REPO = Path(__file__).resolve().parents[1]
RELATIONS_FILE = REPO.parent / "shared" / "data" / "anercorp-relations" / "train-relations.jsonl"
ANER_TRAIN = REPO.parent / "shared" / "data" / "anercorp-camel-splits" / "ANERCorp_CamelLab_train.txt"
HAND_TRIGGERS = REPO / "ontology" / "triggers.tsv"
DEFAULT_OUT = REPO / "ontology" / "triggers_anercorp.tsv"
DROPS = REPO / "ontology" / "trigger_drops.tsv"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relations", type=Path, default=RELATIONS_FILE)
    parser.add_argument("--train", type=Path, default=ANER_TRAIN, help="ANERcorp train text (CoNLL), for word usage")
    parser.add_argument("--hand", type=Path, default=HAND_TRIGGERS, help="the hand-written trigger file")
    parser.add_argument("--drops", type=Path, default=DROPS, help="lemmas dropped after measurement")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--min-count", type=int, default=2, help="distinct sentences whose spans use the lemma")
    parser.add_argument("--min-share", type=float, default=0.75, help="share of its spans that state its relation")
    parser.add_argument("--min-ratio", type=float, default=0.25,
                        help="share of its occurrences in the annotated sentences that are trigger spans")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> list[dict[str, str]]:
    records = read_records(args.relations)
    lemmas = group(records.spans, Usage.of(train_words(args.train)))
    drops = load_drops(args.drops, DEFAULT_OUT.name) if args.drops.exists() else {}  # the file it generates, wherever written
    decide(lemmas, records.words, hand_forms(args.hand), args.min_count, args.min_share, args.min_ratio, drops)
    defaults = default_preps(args.hand)
    for lemma in lemmas:
        if not lemma.reason and lemma.pos == "noun" and not prep_cell(lemma, defaults)[0]:
            lemma.reason = "noun seen only with its object as genitive (read as the doer by the rule extractor)"
    rows = sorted((row_of(lemma, defaults) for lemma in lemmas if not lemma.reason),
                  key=lambda r: (r["relation"], r["pos"], normalize(r["past"] or r["forms"])))
    write_tsv(args.out, rows)
    report(lemmas, len(records.spans))
    print(f"wrote {len(rows)} rows to {args.out}")
    return rows


def main(argv: list[str] | None = None) -> int:
    run(parse_args(argv))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KgError as exc:
        print(f"mine_relation_triggers: {exc}", file=sys.stderr)
        sys.exit(1)
