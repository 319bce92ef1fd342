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
