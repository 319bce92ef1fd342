"""The split modules keep their old public face: every public name the
module defined before it was split into parts (extractors/gazetteer.py,
attachment.py, titles.py, kg/evaluate.py, kg/dates.py and the three trigger
scripts) is still importable from it, so other code and branches that import
them need no change."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]

# the public top-level names of each module before the split (commit e4cbea4)
NAMES = {
    "kg.extractors.gazetteer": "NAME MAX_TITLE_COUNTRY_GAP MAX_TITLE_NAME_GAP REFERENCE_SENTENCES PAIR_KIND FORCE_HEAD "
    "MAX_FORCE_HEADS CONTEXT_SHARE MAIN_COUNTRY_MARGIN MAIN_COUNTRY_WEIGHT HEADLINE_WEIGHT RELATIVE_PRONOUNS QUOTES "
    "INNER_PUNCTUATION GazetteerExtractor make_gazetteer_extractor",
    "kg.extractors.attachment": "CONJUNCTION GIVEN_NAMES PRONOUNS UNGOVERNED RESUMPTIVE_BI RELATIVES MAX_VSO_GAP "
    "MAX_OBJECT_GAP MAX_DIRECT_GAP MAX_AFTER_PREP MAX_SUPPORT_GAP MAX_RELATIVE_OBJECT_GAP CLOSING_QUOTES OPENING_QUOTES "
    "MAX_ASIDE waw_names Arguments ArgumentFinder",
    "kg.extractors.titles": "KINDS_FILE HONORIFICS_FILE OWNER_ADJECTIVES_FILE DEPENDENTS_FILE MAX_PHRASE DESTINATION QUOTES "
    "SET_WORDS SCOPE APPOSITION_OPENERS NAME_NEIGHBOURS STATE ORGANISATION PLACE ANY NAME_VIAS TitleKind "
    "load_title_kinds TitlePhrase TitleBinding TitleBinder",
    "kg.evaluate": "GoldTriple SystemTriple Counts EvalReport load_gold load_system_triples score format_report",
    "kg.dates": "CLITIC ARTICLE_DATE_LINES DateMention load_calendar hijri_to_gregorian gregorian_to_hijri "
    "find_date_mentions find_article_date",
}
SCRIPT_NAMES = {
    "import_petrarch_verbs": "REPO SHARED CAMEO_FILE ANER_TRAIN NEWSFANE OEDA_DIR MAPPING DROPS HAND_TRIGGERS "
    "DEFAULT_OUT COLUMNS PREPOSITIONS CONFIDENCE REQUIRES_CONFIDENCE REQUIRES_WINDOW NOUN_PROCLITIC_LETTERS OVERRIDE "
    "NOTICE LemmaLine Pattern VerbGroup Dictionary parse_dictionary Review Mapping load_mapping lemma_key verb_forms "
    "load_corpus Corpus Candidate PatternCandidate collect load_drops hand_forms relation_preps decide decide_patterns "
    "rows_of write_tsv report parse_args run main",
    "mine_relation_triggers": "REPO RELATIONS_FILE ANER_TRAIN HAND_TRIGGERS MARKERS MODALITY DEFAULT_OUT DROPS COLUMNS "
    "LEFT_OUT FUNCTION_KINDS EXTRA_FUNCTION_WORDS PLACE_PREPOSITION DIRECT PREP_SHARE MIN_STEM MAX_VERB VERB_PREFIXES "
    "STRONG_EVIDENCE NOTICE Span Records function_words read_records train_words verb_shaped analyses Usage "
    "verb_forms span_marked Lemma group lemma_forms occurrences load_drops decide hand_forms default_preps "
    "SURFACE_PREPS prep_cell surface_of row_of write_tsv report parse_args run main",
    # before its split (commit 99d4d53)
    "mine_triggers": "REPO GSR_DIR SNN_DIR ANER_TRAIN DEFAULT_OUT ACTOR_TYPES MAX_SLOT_GAP MAX_SKIPS WINDOW FEATURES "
    "PRIOR_SCALE MIN_KEY_LETTERS STRIP_RATIO STOP_TOP SNIPPET NEIGHBOUR_MIN NEIGHBOUR_SIMILARITY PUNCT_BOUNDARY "
    "ASSAULT_FAMILY PROTEST PROTEST_SEEDS OBVIOUS_JUNK MASDAR_SHAPES SURFACE_PREPS COLUMNS Doc Sent load_docs analyse "
    "Keys Stats Miner present_of past_of_present Lemma verb_forms lemma_hypotheses covered noun_like log_odds "
    "seed_rows relation_preps default_preps Ranker surface snippet prep_cell row_of write_tsv candidate_rows NOTES "
    "parse_args main",
}


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("module_name", sorted(NAMES))
def test_module_keeps_its_names(module_name: str) -> None:
    module = importlib.import_module(module_name)
    missing = [name for name in NAMES[module_name].split() if not hasattr(module, name)]
    assert not missing


@pytest.mark.parametrize("script", sorted(SCRIPT_NAMES))
def test_script_keeps_its_names(script: str) -> None:
    module = load_script(script)
    missing = [name for name in SCRIPT_NAMES[script].split() if not hasattr(module, name)]
    assert not missing
