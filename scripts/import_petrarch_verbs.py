"""Import UniversalPetrarch's Arabic CAMEO verb lemmas as kg trigger rows.

Reads CAMEO.ar.0.5.txt (../shared/data/universalpetrarch-arabic, MIT,
Copyright (c) 2016 Open Event Data Alliance) and ontology/cameo_relations.tsv,
and writes ontology/triggers_cameo.tsv in the columns of ontology/triggers.tsv
plus `source`. Nothing else in ontology/ is changed.

The dictionary's ~1,500 lemmas were built in 2018 partly by machine-
translating English CAMEO verbs and their WordNet synonyms. Its codes are not
to be trusted alone: of the 484 lemmas that have a code kg has a relation for
and occur in the news text below, most carry the code of the English verb
they were translated from, not of their Arabic sense (أصبح "became" under
192 occupy, نادى "club/called" under 1383, اشاد "praised" voting 110
disapprove). So the import has three stages:

  1. Votes. Every lemma collects one vote from the code on its own line (the
     group's code, `--- VERB [code] ---`, counts for the head verb only:
     synonyms without a code of their own are often loose translations) and
     one from each pattern (`- * OBJECT [code] # lemmas`) that lists it.
     Codes map to kg relations through the `code` rows of
     ontology/cameo_relations.tsv (longest prefix wins, following
     ONTOLOGY.md's CAMEO column); codes kg has no relation for vote "none".
  2. News use. A lemma is a candidate only if its inflected forms (read as a
     verb: not after ب، ك or the article, as kg.lexicon.Lexicon.lookup reads
     them) occur in at least --min-sentences sentences of permitted Arabic
     news: ANERcorp's CAMeL train split, NewsFANE's sentences that are not
     ANERcorp train sentences (NewsFANE re-annotates the ANERcorp text), and
     the development (even) rows of OEDA's arabic_event_gsr. SaudiNewsNet is
     never read (non-commercial).
  3. Review, as data. A candidate becomes a row only if a `lemma` row of
     cameo_relations.tsv names its relation; the relation must be one its
     codes vote for, unless the note says why not (`override:` CAMEO has no
     "kill" code, so ذبح is voted 18x/19x attacks and reviewed kills). A
     `pattern` row keeps a verb only with the object words its UP patterns
     give for that relation (a `requires` row: the rule extractor fires only
     when one of them follows within three words), for general verbs whose
     sense depends on the object (نظم مظاهرة، بسط سيطرته). A reviewed lemma
     that the hand-written triggers.tsv already has, or that is rare in the
     news text, is still dropped. Candidates without a review row are
     listed (--show-unreviewed), not imported. Lemmas that cost precision
     once imported are listed, with what the readings showed, in
     ontology/trigger_drops.tsv, and dropped.

Present-tense stems. UniversalPetrarch gives past lemmas; kg.lexicon's
inflect_verb needs the present stem too (يهاجم، تستهدف).
kg.lexicon.present_stem derives it only where the unvocalised shape makes it
regular: a past of four or more letters starting with ا drops the ا (أطلق →
طلق، احتل → حتل، استهدف → ستهدف), any other sound past is its own present
stem (قصف، هاجم، تظاهر، سيطر). Weak verbs (defective دعا، hollow زار/أدان،
assimilated وصل، hamzated أخذ، أيد) get none: the review row lists their
present forms in `forms` (أيد: يؤيد، تؤيد …), or the row keeps its past forms
only.

Output is sorted (relation, past, requires) so that a rerun on the same
inputs gives the same file. The script prints what it kept and what it
dropped, by reason.

    python scripts/import_petrarch_verbs.py [--out ontology/triggers_cameo.tsv]
        [--min-sentences 3] [--show-unreviewed]

Parts, in modules beside this script: parsing the dictionary
(petrarch_dictionary.py), the review data (petrarch_mapping.py), the news
text (petrarch_corpus.py), votes and decisions (petrarch_candidates.py), the
rows and report (petrarch_output.py); what both trigger generators share is
trigger_files.py. Their names are re-exported here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helper modules beside this script, also when loaded by path

from kg.errors import KgError  # noqa: E402
from petrarch_candidates import (  # noqa: E402
    Candidate,
    PatternCandidate,
    collect,
    decide,
    decide_patterns,
    relation_preps,
)
from petrarch_corpus import (  # noqa: E402
    ANER_TRAIN,
    NEWSFANE,
    NOUN_PROCLITIC_LETTERS,
    OEDA_DIR,
    REQUIRES_WINDOW,
    Corpus,
    load_corpus,
)
from petrarch_dictionary import (  # noqa: E402
    PREPOSITIONS,
    Dictionary,
    LemmaLine,
    Pattern,
    VerbGroup,
    lemma_key,
    parse_dictionary,
    verb_forms,
)
from petrarch_mapping import OVERRIDE, Mapping, Review, load_mapping  # noqa: E402
from petrarch_output import COLUMNS, CONFIDENCE, NOTICE, REQUIRES_CONFIDENCE, report, rows_of, write_tsv  # noqa: E402
from trigger_files import hand_forms, load_drops  # noqa: E402

__all__ = [
    "ANER_TRAIN", "COLUMNS", "CONFIDENCE", "NEWSFANE", "NOTICE", "NOUN_PROCLITIC_LETTERS", "OEDA_DIR", "OVERRIDE",
    "PREPOSITIONS", "REQUIRES_CONFIDENCE", "REQUIRES_WINDOW", "Candidate", "Corpus", "Dictionary", "KgError",
    "LemmaLine", "Mapping", "Pattern", "PatternCandidate", "Review", "VerbGroup", "collect", "decide", "decide_patterns",
    "hand_forms", "lemma_key", "load_corpus", "load_drops", "load_mapping", "main", "parse_args", "parse_dictionary",
    "relation_preps", "report", "rows_of", "run", "verb_forms", "write_tsv",
]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
CAMEO_FILE = SHARED / "universalpetrarch-arabic" / "CAMEO.ar.0.5.txt"
MAPPING = REPO / "ontology" / "cameo_relations.tsv"
DROPS = REPO / "ontology" / "trigger_drops.tsv"
HAND_TRIGGERS = REPO / "ontology" / "triggers.tsv"
DEFAULT_OUT = REPO / "ontology" / "triggers_cameo.tsv"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cameo", type=Path, default=CAMEO_FILE)
    parser.add_argument("--mapping", type=Path, default=MAPPING)
    parser.add_argument("--hand", type=Path, default=HAND_TRIGGERS, help="the hand-written trigger file")
    parser.add_argument("--drops", type=Path, default=DROPS, help="lemmas dropped after measurement")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--min-sentences", type=int, default=3,
                        help="news sentences a lemma's forms (or verb + object) must occur in")
    parser.add_argument("--show-unreviewed", action="store_true", help="list the candidates no review row decides")
    return parser.parse_args(argv)


def run(args: argparse.Namespace, corpus: "Corpus | None" = None) -> list[dict[str, str]]:
    """Import and write; `corpus` replaces the news text (tests)."""
    try:
        dictionary = parse_dictionary(args.cameo.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KgError(f"cannot read {args.cameo}: {exc.strerror}") from exc
    mapping = load_mapping(args.mapping)
    corpus = corpus or Corpus.build(load_corpus())
    known = hand_forms(args.hand)
    candidates, patterns, phrases = collect(dictionary, mapping)
    drops = load_drops(args.drops, DEFAULT_OUT.name) if args.drops.exists() else {}  # the file it generates, wherever written
    decided = decide(candidates, mapping, corpus, args.min_sentences, known, drops)
    decided_patterns = decide_patterns(patterns, mapping, corpus, args.min_sentences, known)
    rows = rows_of(decided, decided_patterns, mapping, relation_preps(args.hand))
    write_tsv(args.out, rows)
    report(decided, decided_patterns, phrases, set(mapping.lemmas), args.show_unreviewed)
    print(f"wrote {len(rows)} rows to {args.out}")
    return rows


def main(argv: list[str] | None = None) -> int:
    run(parse_args(argv))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KgError as exc:
        print(f"import_petrarch_verbs: {exc}", file=sys.stderr)
        sys.exit(1)
