"""kg.label_store: romanised labels kept between builds answer exactly what
the romaniser would, are keyed by what the romaniser is, and a broken or
missing store only means the labels are made again."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import label_store, naming
from kg.label_store import MISSING, LabelStore

pytest.importorskip("arabic_name_romanizer")


@pytest.fixture
def fresh_store(monkeypatch, tmp_path):
    """A store in an empty cache folder, opened anew for the test."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(label_store, "_store", None)
    return tmp_path / "cache"


def test_a_saved_label_is_answered_without_the_romaniser(fresh_store, monkeypatch):
    name = "عبد القادر مساهل"
    made = naming.person_label(name)
    assert made
    label_store.label_store().save()
    assert len(list(fresh_store.glob("labels-*.pickle"))) == 1

    monkeypatch.setattr(label_store, "_store", None)  # a later process: the store is read from disk

    class _NoRomaniser:
        def transliterate(self, *args, **kwargs):
            raise AssertionError("the stored label should have answered")

    monkeypatch.setattr(naming, "_romanizer", lambda: _NoRomaniser())
    assert naming.person_label(name) == made


def test_the_store_is_named_by_what_makes_labels(monkeypatch):
    key = label_store.store_key()
    assert key and key == label_store.store_key()
    real_read = Path.read_bytes

    def edited(path: Path) -> bytes:
        data = real_read(path)
        return data + b"# edited" if path.name == "naming.py" else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert label_store.store_key() != key


def test_no_file_when_the_cache_is_off(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_CACHE_DIR", "off")
    monkeypatch.setattr(label_store, "_store", None)
    store = label_store.label_store()
    assert store.path is None
    store.add("زيد", "Zaid")
    store.save()
    assert store.get("زيد") == "Zaid"
    assert not list(tmp_path.iterdir())


def test_a_damaged_file_is_an_empty_store(tmp_path):
    path = tmp_path / "labels-x.pickle"
    path.write_bytes(b"not a pickle")
    store = LabelStore(path)
    assert store.get("زيد") is MISSING
    store.add("زيد", "Zaid")
    store.save()
    assert LabelStore(path).get("زيد") == "Zaid"


def test_save_merges_what_another_build_saved(tmp_path):
    path = tmp_path / "labels-x.pickle"
    first, second = LabelStore(path), LabelStore(path)
    first.add("زيد", "Zaid")
    second.add("عمرو", "Amr")
    first.save()
    second.save()
    again = LabelStore(path)
    assert (again.get("زيد"), again.get("عمرو")) == ("Zaid", "Amr")
