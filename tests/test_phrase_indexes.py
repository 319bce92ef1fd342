"""Indexes that let the rule extractor compare a word only with the phrases
it can start: same answers as trying every phrase."""

from __future__ import annotations

from extractors.attachment_objects import _phrases_by_first_word


def test_phrases_are_grouped_by_first_word_in_their_order():
    phrases = (("على", "يد"), ("من", "قبل"), ("على", "ايدي"), ("على", "يد", "قوات"))
    index = _phrases_by_first_word(phrases)
    assert index == {"على": [("على", "يد"), ("على", "ايدي"), ("على", "يد", "قوات")], "من": [("من", "قبل")]}
    assert _phrases_by_first_word(phrases) is index  # built once per tuple of phrases


def test_an_empty_phrase_turns_the_index_off():
    assert _phrases_by_first_word((("على", "يد"), ())) is None


def test_pair_context_words_equal_the_filtered_slice():
    """SentencePairs.words answers from an index of the sentence's words; it
    must equal filtering the token slice, for any bounds."""
    from kg.lexicon import load_lexicon
    from kg.pairs.features import SentencePairs
    from kg.text import tokenize

    tokens = tuple(tokenize("قال وزير الخارجية ، إن «أنقرة» (تركيا) تدعم الحل في إدلب ... 3.5 ؟"))
    context = SentencePairs(tokens, [], load_lexicon())
    bounds = range(-3, len(tokens) + 4)
    for start in bounds:
        for end in bounds:
            assert context.words(start, end) == [t for t in tokens[max(0, start):max(0, end)] if t.is_word]
