"""English labels of discovered names, kept on disk between builds.

The name romaniser (`kg.naming.person_label`, about 2 ms a name) was the
largest serial cost of writing a build's outputs: a sixth of a 300-article
build with one job. News corpora name the same people build after build, and
`kg build` writes its output set anew each time, so every rebuild romanised
every name again. The store keeps each label made and answers it next time.

A label is a pure function of the Arabic name, given the romaniser (the
package's code, dictionary and ONNX models), the onnxruntime and numpy that
run it, the machine's instruction set (onnxruntime picks its kernels by CPU
features, which may move a float) and kg.naming's choice among candidates.
The store's file is named by a digest of all of those: the bytes of every
file of the romaniser package and of kg/naming.py, the versions of
onnxruntime and numpy, the machine type and the CPU's feature flags. Any
change to one of them opens a new, empty store, so an entry is never an
answer the running code would not give. Only labels made by a romaniser are
stored (in this process, or by a build's workers, see `kg.build`), never
labels handed in by a caller.

It lives in kg.cache's folder (`KG_CACHE_DIR=off` turns it off, as it does
the gazetteer cache). Anything wrong with the file only means the labels are
made again; two builds saving at once lose at most the other's new labels.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
import pickle
import platform
import sys
import tempfile
from pathlib import Path

FORMAT = b"kg-labels/1"
MISSING = object()  # what `LabelStore.get` answers for a name it has no label of


def _cpu_flags() -> bytes:
    """The CPU's feature flags (Linux), empty where they cannot be read."""
    try:
        with open("/proc/cpuinfo", "rb") as handle:
            for line in handle:
                if line.startswith((b"flags", b"Features")):
                    return line
    except OSError:
        pass
    return b""


def _package_files(package: str) -> list[Path]:
    """Every file of an installed package (code and resources), sorted."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    root = Path(next(iter(spec.submodule_search_locations)))
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def store_key() -> str | None:
    """Digest of everything a label depends on besides the name (see the
    module docstring); None when the romaniser is not installed."""
    files = _package_files("arabic_name_romanizer")
    if not files:
        return None
    digest = hashlib.sha256(FORMAT + sys.version.encode())
    for name in ("arabic-name-romanizer", "onnxruntime", "numpy"):
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    digest.update(platform.machine().encode() + b"\0" + _cpu_flags() + b"\0")
    naming = Path(__file__).resolve().parent / "naming.py"
    for path in [*files, naming]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


class LabelStore:
    """Arabic name → label (or None: the romaniser gave nothing), read from
    and saved to one file; without a file (cache off) it only remembers."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._labels: dict[str, str | None] = self._read()
        self._new: dict[str, str | None] = {}

    def _read(self) -> dict[str, str | None]:
        if self.path is None:
            return {}
        try:
            labels = pickle.loads(self.path.read_bytes())
        except Exception:  # missing, damaged or foreign: start empty
            return {}
        return labels if isinstance(labels, dict) else {}

    def get(self, arabic: str) -> object:
        """The stored label, or `MISSING`."""
        return self._labels.get(arabic, MISSING)

    def add(self, arabic: str, label: str | None) -> None:
        """Keep a label a romaniser made for `arabic`."""
        if self._labels.get(arabic, MISSING) != label:
            self._labels[arabic] = label
            self._new[arabic] = label

    def save(self) -> None:
        """Write the labels made since the last save, merged with what the
        file holds now (another build may have saved meanwhile)."""
        if self.path is None or not self._new:
            return
        merged = self._read()
        merged.update(self._new)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(merged, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            return  # a store that cannot be written is no store, not an error
        self._labels.update(merged)
        self._new.clear()


_store: LabelStore | None = None


def label_store() -> LabelStore:
    """This process's store, opened on first use (the key costs about 40 ms:
    it reads the romaniser's 28 MB of files)."""
    global _store
    if _store is None:
        from kg.cache import cache_dir

        folder = cache_dir()
        key = store_key() if folder is not None else None
        _store = LabelStore(folder / f"labels-{key}.pickle" if folder is not None and key is not None else None)
    return _store
