"""Mine candidate trigger words for ontology/triggers.tsv from real text.

Writes bench/trigger_candidates.tsv in the column format of triggers.tsv
(relation, pos, past, present, forms, prep, requires, confidence) plus
`evidence_count`, `source` and `example`, for an analyst to read and copy rows
from. Nothing in ontology/ is changed.

Inputs (read-only; SaudiNewsNet is read from its zips, in memory):
  * OEDA arabic_event_gsr, DEV half only: even positions of assault_gsr.csv
    and protest_gsr.csv, and the span records that are dev both by their own
    position and by their sentence's CSV position (kg.oeda.split and
    split_by_sentence: half the even span records are CSV test sentences);
  * SaudiNewsNet (5 daily zips, ~7.5k articles);
  * ANERcorp CAMeL train split (plain text only; its tags are not used).

Method
  1. Word keys. Every word is normalised (kg.text.normalize), its article
     stripped, and a proclitic (ontology/clitics.tsv) stripped when the rest
     is itself a common bare word (see `Keys`): والشرطة → شرطه, وزير stays.
  2. Signals per key:
     gsr    yes rows vs easy/difficult-no rows of each CSV (dev): weighted
            log-odds with an informative Dirichlet prior from the whole corpus
            (Monroe, Colaresi & Quinn 2008, "Fightin' Words"); z-score;
     gold   how often the key is in `verb_gold` of a dev span record;
     slot   how often it fills the trigger slot between two gazetteer
            mentions: ACTOR WORD … MENTION (SVO) or WORD ACTOR … MENTION (VSO),
            with the second mention at most 5 words on and no clause boundary
            between; the preposition before the second mention is counted (the
            `prep` column and the prep-fit check come from it);
     sim    a distributional vector (PPMI over ±2-word windows, whole corpus)
            compared (cosine) with every trigger row of triggers.tsv.
  3. Lemmas. Keys are grouped into the stems triggers.tsv wants, with kg's own
     generators (kg.lexicon.inflect_verb / inflect_noun): a verb lemma covers
     its attested inflections, a noun lemma its attested dual/plural forms; the
     best-covered lemma is taken first (greedy), so a row found here matches
     the forms the counts came from. A verb needs attested past and present
     forms, a noun a verbal-noun shape (MASDAR_SHAPES) and some use with the
     article. Lemmas whose stem the lexicon already knows are dropped.
  4. Relation:
     * gsr/gold evidence from the protest files → `protests` (compared
       with its triggers.tsv rows, or with PROTEST_SEEDS while it has none);
     * from the assault files → the nearest (sim) ASSAULT/COERCE relation of
       kg.ttl, unless another relation's triggers are clearly nearer;
     * slot fills alone → the nearest relation whose trigger rows take the
       prepositions the word's fills take (prep-fit ≥ 0.25), if sim ≥ 0.15;
     * none of these, but sim ≥ 0.27 to a row: a "distributional neighbour"
       (its slot fills, if any, still count as evidence).
  5. Junk filter: function words, every word of markers/calendar/numbers/
     modality/titles.tsv (agent markers excepted), OBVIOUS_JUNK (places,
     quantities, people, things, reporting verbs, and framing, sports and
     ceremony words seen in a first run), words mostly inside gazetteer
     mentions, the 150 most frequent words, nisba adjectives (-ي) and human
     plurals (participants: مسلحين، متظاهرين).

Example snippets come from the GSR dev sentences or ANERcorp (at most 80
characters); a SaudiNewsNet-only lemma gets a pointer (zip, article index,
character offset) instead, since that corpus must not be copied into the
repository.

    python scripts/mine_triggers.py [--out bench/trigger_candidates.tsv] [--snn-articles N]

Parts, in modules beside this script: reading and analysing the texts
(mining_corpus.py), keys, counts and vectors (mining_counts.py), lemma
analyses (mining_lemmas.py), log-odds and the existing trigger rows
(mining_scoring.py), ranking and filters (mining_ranker.py), rows and the file
(mining_output.py, written with trigger_files.py, which the other trigger
generators share). Their names are re-exported here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helper modules beside this script, also when loaded by path

from kg.errors import KgError  # noqa: E402
from mining_corpus import ANER_TRAIN, GSR_DIR, SNN_DIR, Doc, Sent, analyse, load_docs  # noqa: E402
from mining_counts import (  # noqa: E402
    ACTOR_TYPES,
    FEATURES,
    MAX_SKIPS,
    MAX_SLOT_GAP,
    MIN_KEY_LETTERS,
    PUNCT_BOUNDARY,
    STRIP_RATIO,
    WINDOW,
    Keys,
    Miner,
    Stats,
)
from mining_lemmas import (  # noqa: E402
    Lemma,
    covered,
    lemma_hypotheses,
    noun_like,
    past_of_present,
    present_of,
    verb_forms,
)
from mining_output import (  # noqa: E402
    COLUMNS,
    NOTES,
    SNIPPET,
    SURFACE_PREPS,
    candidate_rows,
    prep_cell,
    row_of,
    snippet,
    surface,
    write_tsv,
)
from mining_ranker import (  # noqa: E402
    MASDAR_SHAPES,
    NEIGHBOUR_MIN,
    NEIGHBOUR_SIMILARITY,
    OBVIOUS_JUNK,
    STOP_TOP,
    Ranker,
)
from mining_scoring import (  # noqa: E402
    ASSAULT_FAMILY,
    PRIOR_SCALE,
    PROTEST,
    PROTEST_SEEDS,
    default_preps,
    log_odds,
    relation_preps,
    seed_rows,
)

__all__ = [
    "ACTOR_TYPES", "ANER_TRAIN", "ASSAULT_FAMILY", "COLUMNS", "DEFAULT_OUT", "FEATURES", "GSR_DIR", "MASDAR_SHAPES",
    "MAX_SKIPS", "MAX_SLOT_GAP", "MIN_KEY_LETTERS", "NEIGHBOUR_MIN", "NEIGHBOUR_SIMILARITY", "NOTES", "OBVIOUS_JUNK",
    "PRIOR_SCALE", "PROTEST", "PROTEST_SEEDS", "PUNCT_BOUNDARY", "REPO", "SNIPPET", "SNN_DIR", "STOP_TOP",
    "STRIP_RATIO", "SURFACE_PREPS", "WINDOW", "Doc", "Keys", "KgError", "Lemma", "Miner", "Ranker", "Sent", "Stats",
    "analyse", "candidate_rows", "covered", "default_preps", "lemma_hypotheses", "load_docs", "log_odds", "main",
    "noun_like", "parse_args", "past_of_present", "prep_cell", "present_of", "relation_preps", "row_of", "seed_rows",
    "snippet", "surface", "verb_forms", "write_tsv",
]

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "bench" / "trigger_candidates.tsv"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--snn-articles", type=int, default=None, help="Read only the first N SaudiNewsNet articles.")
    parser.add_argument("--min-count", type=int, default=3, help="Minimum yes-row count for a GSR candidate.")
    parser.add_argument("--min-z", type=float, default=1.8, help="Minimum log-odds z-score for a GSR candidate.")
    parser.add_argument("--min-slot", type=int, default=4, help="Minimum slot fills for a slot-only candidate.")
    parser.add_argument("--min-similarity", type=float, default=0.15,
                        help="Minimum cosine to a relation's nearest trigger row for a slot-only candidate.")
    parser.add_argument("--max-per-relation", type=int, default=25)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    started = time.perf_counter()
    docs, spans, counts = load_docs(args.snn_articles)
    print(f"texts: {counts}", file=sys.stderr)
    sents = analyse(docs)
    print(f"analysed {len(sents)} sentences in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    miner = Miner(docs, sents, spans)
    miner.count()
    miner.vectors()
    print(f"counted in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    rows = candidate_rows(miner, args)
    write_tsv(args.out, rows, NOTES)
    print(f"wrote {len(rows)} rows to {args.out} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KgError as exc:
        print(f"mine_triggers: {exc}", file=sys.stderr)
        sys.exit(1)
