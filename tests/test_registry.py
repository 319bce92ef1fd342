"""kg.registry: extractors by name, so new ones slot in without touching the pipeline."""

from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.model import Article, Mention
from kg.pipeline import Pipeline
from kg.reader import article_from_text
from kg.registry import Registry, entity_extractors, relation_extractors

TEXT = "روسيا تنسق مع تركيا في الصباح."


class FixedExtractor:
    """Always finds Idlib in the given token span of sentence 0."""

    name = "mine"

    def __init__(self, first: int, last: int) -> None:
        self.first, self.last = first, last

    def __call__(self, article: Article, sentences) -> list[Mention]:
        tokens = sentences[0].tokens[self.first:self.last]
        start, end = tokens[0].start, tokens[-1].end
        return [Mention(sentence=0, start=start, end=end, first_token=self.first, last_token=self.last,
                        text=article.text[start:end], entity_id="idlib", actor_id="idlib", type="Place",
                        via="fixed", extractor=self.name, confidence=0.5)]


@pytest.fixture
def register(monkeypatch):
    """register(name, factory): a registration undone after the test."""

    def add(name, factory):
        monkeypatch.setitem(entity_extractors._factories, name, factory)

    return add


def _token_index(text: str, word: str) -> int:
    from kg.text import split_sentences

    tokens = split_sentences(text, 0)[0].tokens
    return next(t.index - tokens[0].index for t in tokens if t.text.rstrip(".") == word)


def test_builtin_names():
    assert "gazetteer" in entity_extractors.names()
    assert {"rules", "static"} <= set(relation_extractors.names())


def test_custom_entity_extractor_is_used(register):
    i = _token_index(TEXT, "الصباح")
    register("mine", lambda: FixedExtractor(i, i + 1))
    assert "mine" in entity_extractors.names()
    pipeline = Pipeline(entity_names=("gazetteer", "mine"))
    assert [e.name for e in pipeline.entity] == ["gazetteer", "mine"]
    result = pipeline(article_from_text("d", TEXT))
    mine = [m for m in result.mentions if m.extractor == "mine"]
    assert len(mine) == 1
    assert mine[0].text == "الصباح" and mine[0].entity_id == "idlib"
    assert TEXT[mine[0].start:mine[0].end] == "الصباح"
    # the gazetteer's own mentions are still there
    assert {"russia", "turkey"} <= {m.entity_id for m in result.mentions if m.extractor == "gazetteer"}


def test_custom_extractor_loses_overlap_to_earlier_gazetteer(register):
    i = _token_index(TEXT, "تركيا")
    register("mine", lambda: FixedExtractor(i, i + 1))
    result = Pipeline(entity_names=("gazetteer", "mine"))(article_from_text("d", TEXT))
    assert not [m for m in result.mentions if m.extractor == "mine"]
    assert "turkey" in {m.entity_id for m in result.mentions}


def test_registered_with_decorator(monkeypatch):
    monkeypatch.setattr(entity_extractors, "_factories", dict(entity_extractors._factories))

    @entity_extractors.register("decorated")
    def make():
        return FixedExtractor(0, 1)

    assert make().name == "mine"  # the decorator returns the factory unchanged
    assert "decorated" in entity_extractors.names()
    assert isinstance(entity_extractors.create("decorated"), FixedExtractor)


def test_registration_is_undone_between_tests():
    assert "mine" not in entity_extractors.names()
    assert "decorated" not in entity_extractors.names()


def test_unknown_entity_extractor():
    with pytest.raises(KgError) as info:
        Pipeline(entity_names=("gazetteer", "nosuch"))
    message = str(info.value)
    assert "unknown entity extractor 'nosuch'" in message
    for name in entity_extractors.names():
        assert name in message


def test_unknown_relation_extractor():
    with pytest.raises(KgError) as info:
        Pipeline(relation_names=("nosuch",))
    message = str(info.value)
    assert "unknown relation extractor 'nosuch'" in message
    assert "rules" in message and "static" in message


def test_fresh_registry():
    registry: Registry[object] = Registry("widget_makers")
    registry._entry_points_loaded = True  # no entry points for a made-up group
    with pytest.raises(KgError, match=r"unknown widget maker 'x' \(known: \)"):
        registry.create("x")
    registry.register("b")(lambda: "B")
    registry.register("a")(lambda: "A")
    assert registry.names() == ["a", "b"]
    assert registry.create("a") == "A"
