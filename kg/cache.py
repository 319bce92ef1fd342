"""A cache on disk for data that is slow to build and depends only on files:
the gazetteer is read from 38 ontology files and indexed (0.4 s of every
start, in every worker); unpickling it takes a quarter of that.

An entry is keyed by the bytes of every file it was built from (the data
files and the source of the modules that build it) and by the Python and kg
versions, so an edited TSV or a new kg never meets a stale entry. The cache
lives in $KG_CACHE_DIR, else $XDG_CACHE_HOME/kg, else ~/.cache/kg; set
KG_CACHE_DIR=off to turn it off. Anything wrong with the cache (unwritable,
damaged, from another version) only means the data is built again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
FORMAT = b"kg-cache/1"


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is off."""
    configured = os.environ.get("KG_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kg"


def _key(name: str, sources: Iterable[Path]) -> str:
    digest = hashlib.sha256(FORMAT + sys.version.encode() + name.encode())
    for path in sorted(sources):
        digest.update(str(path.name).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def cached(name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """`build()`, or the entry a previous run stored for the same sources."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{_key(name, sources)}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except Exception:  # damaged or foreign entry: rebuild and replace it
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        pass  # a cache that cannot be written is no cache, not an error
    return value
