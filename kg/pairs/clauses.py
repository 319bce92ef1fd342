"""Which classifier relations the sentence's clauses allow into the graph.

The pair classifier reads every pair of mentions of a sentence, also pairs
a clause boundary separates: a speaker and a name inside what he reports
(وأفاد المتحدث علاء يوسف بأن الرئيس وكيري اتفقا: the spokesman agreed with
nobody), or a title and a state in the next clause (النائب إد رويس رئيس
لجنة العلاقات الخارجية وهو جمهوري إن الاتفاق سيتيح لإيران: no office of
Iran's). Reported speech is not the speaker's act, and a static relation is
stated by apposition or a genitive, inside one clause. So a prediction is
kept only when no complementizer (أن، إن، بأن …) or reporting verb stands
between the two mentions.

Measured (bench/RESULTS.md, session 16): on dev-snn the ungated classifier
added 4 correct triples and 14 wrong ones to the rules' (P 0.699); with this
gate 4 and 12 (P 0.709). A stricter gate, a trigger word of the relation
near the pair for every event, took dev-snn precision to 0.712 but cost the
corpus 0.028 F1 (combined, mean of 3 partitions: arrival verbs such as وصل
state most visits there and are no trigger row, the mined lemma being too
inconsistent); this one costs it 0.006.

`kg eval relations` applies the same test to the corpus' out-of-fold
predictions for its "combined" column.
"""

from __future__ import annotations

from kg.pairs.candidates import PairCandidate
from kg.pairs.features import SentencePairs

CLAUSE_MARKERS = ("complementizer", "reporting")  # markers.tsv kinds that open or introduce a clause


def crosses_clause(context: SentencePairs, pair: PairCandidate) -> bool:
    """Does a complementizer or a reporting verb stand between the two mentions?"""
    lex = context.lexicon
    return any(lex.is_marker(kind, token.norm)
               for token in context.words(pair.first.last_token, pair.second.first_token) for kind in CLAUSE_MARKERS)
