"""kg.text folds and cuts text with translate tables and a regular expression
(for speed); these tests hold them to the per-character definitions they
replace: `_normalize_char` for every character, `_is_word_char` and
`str.isspace` for the cut."""

from __future__ import annotations

import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.text import (
    TATWEEL,
    Token,
    _is_word_char,
    _normalize_char,
    normalize,
    normalize_with_offsets,
    split_sentences,
    tokenize,
)

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=400,
                    suppress_health_check=[HealthCheck.too_slow])
ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "ءآأؤإئةى" "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "٠١٢٣٤٥٦٧٨٩۰۱0123456789" "abcXYZİßﬁ½²" ".،,؛;:!?؟…\"'«»()-+/_" " \t\n\r\u00a0\u200f\u2028\u3000"
    "\ufdfc\ufdfd\ufef7\u0301\u200d"
)
texts = st.text(alphabet=ALPHABET, max_size=300) | st.text(max_size=60)


def reference_normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    chars, origin = [], []
    for index, char in enumerate(text):
        for out in _normalize_char(char):
            chars.append(out)
            origin.append(index)
    return "".join(chars), origin


def reference_tokenize(text: str, offset: int = 0, first_index: int = 0) -> list[tuple]:
    """The character loop kg.text.tokenize used before the regular expression."""
    tokens, i, n = [], 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        j = i + 1
        if _is_word_char(char):
            while j < n and (_is_word_char(text[j]) or text[j] == TATWEEL):
                j += 1
        surface = text[i:j]
        norm = "".join(_normalize_char(c) for c in surface)
        word = any(_is_word_char(c) for c in surface)
        tokens.append((first_index + len(tokens), surface, offset + i, offset + j, norm, word))
        i = j
    return tokens


@PROPERTY
@given(texts)
def test_normalize_equals_the_per_character_fold(text):
    assert normalize(text) == "".join(_normalize_char(c) for c in text)
    assert normalize_with_offsets(text) == reference_normalize_with_offsets(text)


@PROPERTY
@given(texts, st.integers(min_value=0, max_value=1000), st.integers(min_value=0, max_value=50))
def test_tokenize_equals_the_character_loop(text, offset, first_index):
    tokens = tokenize(text, offset=offset, first_index=first_index)
    assert [(t.index, t.text, t.start, t.end, t.norm, t.is_word) for t in tokens] == \
        reference_tokenize(text, offset, first_index)


def test_is_word_set_by_tokenize_is_what_the_property_computes():
    for token in tokenize("قال: وزيرُ الخارجيـة (5+1) ، «لا» 3.5 ﷽"):
        fresh = Token(token.index, token.text, token.start, token.end, token.norm)
        assert token.is_word == fresh.is_word


def test_no_character_is_both_a_word_character_and_white_space():
    """The class table gives each character one class; true of every code point."""
    both = [c for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and chr(c).isspace() and _is_word_char(chr(c))]
    assert both == []


def test_uneven_folds_take_the_slow_path():
    """A deleted diacritic and an expanded ligature of equal total length still map back exactly."""
    text = "بِ\ufdfcا"  # kasra deleted (one fewer), ﷼ → ريال (three more)
    folded, origin = normalize_with_offsets(text)
    assert folded == "بريالا"
    assert origin == [0, 2, 2, 2, 2, 3]
    text = "بِ\ufef7"  # kasra deleted, ﻷ → لا: same length as the input
    folded, origin = normalize_with_offsets(text)
    assert (folded, origin) == reference_normalize_with_offsets(text)


def test_sentences_skip_chunks_without_a_word_character():
    assert [s.text for s in split_sentences("... ؟!\nقال الوزير.\n«» .")] == ["قال الوزير."]
