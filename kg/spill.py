"""Documents parked on disk while a build runs, read back in document order.

`kg build` must not keep the corpus in memory (issue 10: peak memory must not
grow with the number of articles), yet its outputs are written in document
order, which is only known once the last document has arrived. So each
DocResult is pickled to one spill file in the staging folder as it arrives,
and memory keeps only its sort key and where it lies in the file; the
outputs are then written from one document at a time, read back in order.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from kg.model import DocResult
from kg.parallel import PackedDoc

SPILL_NAME = ".kg-spill.pickle"


@dataclass(frozen=True)
class SpillEntry:
    """What memory keeps of a spilled document: its id (the first part of
    `kg.build.document_order`) and where its record lies."""

    doc_id: str
    offset: int
    length: int


class DocSpill:
    """An append-only file of pickled DocResults in `folder`; removed on close.

    Lives in the staging folder, so a killed build's spill goes with the rest
    of its leftovers (kg.outputs cleans them on the next build)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / SPILL_NAME
        self._handle = open(self.path, "w+b")
        self.entries: list[SpillEntry] = []

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, item: DocResult | PackedDoc) -> None:
        """Park a document: a DocResult, or one already pickled by a worker."""
        if isinstance(item, PackedDoc):
            doc_id, data = item.doc_id, item.data
        else:
            doc_id, data = item.article.doc_id, pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._handle.seek(0, os.SEEK_END)
        self._handle.write(data)
        self.entries.append(SpillEntry(doc_id, offset, len(data)))

    def _read(self, entry: SpillEntry) -> DocResult:
        self._handle.seek(entry.offset)
        return pickle.loads(self._handle.read(entry.length))

    def ordered(self) -> Iterator[DocResult]:
        """Every document once, in `kg.build.document_order`, one at a time.

        Sorted by id first; the few documents sharing an id (two inputs may)
        are read back together and ordered by text and source path, as the
        full key says, so the order never depends on arrival."""
        from kg.build import document_order

        self._handle.flush()
        entries = sorted(self.entries, key=lambda e: (e.doc_id, e.offset))
        start = 0
        while start < len(entries):
            end = start + 1
            while end < len(entries) and entries[end].doc_id == entries[start].doc_id:
                end += 1
            if end - start == 1:
                yield self._read(entries[start])
            else:
                yield from sorted((self._read(e) for e in entries[start:end]), key=document_order)
            start = end

    def close(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> "DocSpill":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
