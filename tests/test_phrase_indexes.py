"""Indexes that let the rule extractor compare a word only with the phrases
it can start: same answers as trying every phrase."""

from __future__ import annotations

from kg.lexicon import load_lexicon, phrases_by_first_word


def test_phrases_are_grouped_by_first_word_in_their_order():
    phrases = [("على", "يد"), ("من", "قبل"), ("على", "ايدي"), ("على", "يد", "قوات")]
    index = phrases_by_first_word(phrases)
    assert index == {"على": (("على", "يد"), ("على", "ايدي"), ("على", "يد", "قوات")), "من": (("من", "قبل"),)}


def test_the_lexicon_holds_each_kinds_phrases_by_first_word():
    lexicon = load_lexicon()
    for kind, phrases in lexicon.marker_phrases.items():
        starts = lexicon.marker_phrase_starts[kind]
        assert set(starts) == {phrase[0] for phrase in phrases}
        for word, group in starts.items():
            assert group == tuple(phrase for phrase in phrases if phrase[0] == word)


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
