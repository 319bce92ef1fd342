"""kg.cache: an entry is reused only for the same source bytes, and a cache
that is off, damaged or unwritable only means the data is built again."""

from __future__ import annotations

import pickle

from kg.cache import cached


def _counting_build(calls: list[int], value: object):
    def build():
        calls.append(1)
        return value
    return build


def test_entry_reused_for_the_same_sources(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "data.tsv"
    source.write_text("a\tb\n", encoding="utf-8")
    calls: list[int] = []
    assert cached("thing", [source], _counting_build(calls, {"x": 1})) == {"x": 1}
    assert cached("thing", [source], _counting_build(calls, {"x": 2})) == {"x": 1}
    assert len(calls) == 1
    source.write_text("a\tc\n", encoding="utf-8")  # an edited file is another key
    assert cached("thing", [source], _counting_build(calls, {"x": 3})) == {"x": 3}
    assert len(calls) == 2
    assert not list((tmp_path / "cache").glob("*.tmp"))


def test_damaged_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    cached("thing", [], _counting_build(calls, [1, 2]))
    (entry,) = tmp_path.glob("thing-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cached("thing", [], _counting_build(calls, [1, 2])) == [1, 2]
    assert len(calls) == 2 and pickle.loads(entry.read_bytes()) == [1, 2]


def test_cache_off_and_unwritable(tmp_path, monkeypatch):
    calls: list[int] = []
    monkeypatch.setenv("KG_CACHE_DIR", "off")
    cached("thing", [], _counting_build(calls, 1))
    cached("thing", [], _counting_build(calls, 1))
    assert len(calls) == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "sub"))  # a path through a file: cannot be created
    assert cached("thing", [], _counting_build(calls, 5)) == 5


def test_cached_gazetteer_equals_a_fresh_one(tmp_path, monkeypatch):
    from kg.gazetteer import _read_gazetteer, load_gazetteer
    from kg.ontology_data import ontology_dir

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    load_gazetteer.cache_clear()
    try:
        first = load_gazetteer()  # built and stored
        load_gazetteer.cache_clear()
        second = load_gazetteer()  # read back
    finally:
        load_gazetteer.cache_clear()
    fresh = _read_gazetteer(ontology_dir())
    assert list(tmp_path.glob("gazetteer-*.pickle"))
    for gaz in (first, second):
        assert gaz.entities == fresh.entities and gaz.aliases == fresh.aliases
        assert gaz.titles == fresh.titles and gaz.holders == fresh.holders and gaz.demonyms == fresh.demonyms
        assert gaz.entries_before("وزاره", "خارجيه") == fresh.entries_before("وزاره", "خارجيه")
