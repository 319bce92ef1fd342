"""The trigger lexicon's morphological matcher (kg.lexicon)."""

from kg.lexicon import inflect_noun, inflect_verb, load_lexicon, match_keys
from kg.text import normalize


def relations(word: str) -> set[str]:
    return {t.relation for t in load_lexicon().lookup(normalize(word))}


def test_verb_inflections_are_generated_from_stems():
    forms = inflect_verb("هدد", "هدد")
    assert {"هدد", "هددت", "هددوا", "هددا", "يهدد", "تهدد", "يهددون", "تهددان"} <= forms


def test_noun_forms_turn_taa_marbuta_before_suffixes():
    assert {"زيارتان", "زيارات"} <= inflect_noun(normalize("زيارة"))


def test_proclitics_and_attached_pronouns_are_stripped():
    assert normalize("تهدد") in match_keys(normalize("وتهدده"))
    assert "threatens" in relations("وهددت")
    assert "threatens" in relations("يهددون")
    assert "visits" in relations("زيارته")
    assert "meets_with" in relations("والتقى")


def test_a_preposition_makes_the_word_a_noun():
    rows = load_lexicon().lookup(normalize("بدعم"))
    assert rows and all(r.pos == "noun" for r in rows)


def test_unrelated_words_match_nothing():
    assert relations("الكتاب") == set()
    assert relations("المدرسة") == set()
