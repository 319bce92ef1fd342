"""A discovered person's English label is romanised on first read (workers
that only extract never read it); what is read is what the eager version
stored, and the entity behaves as an Entity otherwise."""

from __future__ import annotations

import dataclasses
import pickle

import kg.naming as naming
from kg.model import Entity
from kg.naming import discovered_entity, discovered_id


def test_label_is_made_on_first_read_only(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(naming, "person_label", lambda arabic: calls.append(arabic) or "Someone Romanised")
    discovered_entity.cache_clear()
    try:
        entity = discovered_entity(discovered_id("سالم المبارك", "Person"))
        assert (entity.type, entity.aliases_ar, entity.links, entity.qid) == ("Person", ("سالم المبارك",), (), "")
        assert entity.link("acts_as") is None and entity.label_ar == "سالم المبارك"
        assert calls == []  # extraction's questions did not need the romaniser
        assert entity.label == "Someone Romanised" and entity.label == "Someone Romanised"
        assert calls == ["سالم المبارك"]  # once
    finally:
        discovered_entity.cache_clear()


def test_without_a_romanised_spelling_the_label_is_the_transliteration(monkeypatch):
    monkeypatch.setattr(naming, "person_label", lambda arabic: None)
    discovered_entity.cache_clear()
    try:
        entity_id = discovered_id("سالم المبارك", "Person")
        assert discovered_entity(entity_id).label == entity_id.split("/")[1].replace("_", " ")
    finally:
        discovered_entity.cache_clear()


def test_a_discovered_person_pickles_compares_and_converts_like_an_entity(monkeypatch):
    monkeypatch.setattr(naming, "person_label", lambda arabic: "Salem Al-Mubarak")
    discovered_entity.cache_clear()
    try:
        entity = discovered_entity(discovered_id("سالم المبارك", "Person"))
        before = pickle.loads(pickle.dumps(entity))  # label not read yet: it travels unmade
        assert isinstance(entity, Entity) and before == entity and hash(before) == hash(entity)
        assert pickle.loads(pickle.dumps(entity)).label == "Salem Al-Mubarak"
        assert dataclasses.asdict(entity) == {"id": entity.id, "label": "Salem Al-Mubarak", "type": "Person", "qid": "",
                                              "aliases_ar": ("سالم المبارك",), "links": ()}
        assert "Salem Al-Mubarak" in repr(entity)
    finally:
        discovered_entity.cache_clear()
