"""The `e5` pair featurizer: a pretrained encoder's view of the pair (kg.encoder).

Not among the default featurizers: a model lists "e5" when it was trained
with it (`kg train relations --featurizers +e5`). Each side (the first
mention's words, the second's, the words between) is the mean of its
words' vectors (the mean of each word's pieces in E5_LAYER), reduced to
E5_DIMS numbers by a fixed projection: a seeded random orthonormal basis,
the same at training and at run time, so the sparse model gets a few dense
features rather than 3 × 384. The encodings come from the per-document
cache (kg.encoder.cache), which the accurate NER fills for the same
sentences with the same layers. Importing this module registers the
featurizer (kg.pairs.features imports it on first use of the name).
"""

from __future__ import annotations

from functools import lru_cache

from kg.pairs.candidates import PairCandidate
from kg.pairs.features import Features, SentencePairs, featurizer

E5_LAYERS = tuple(range(13))  # the NER's request, so the cache serves both
E5_POOLING = "first+mean"
E5_LAYER = 12  # layer whose word means are used (cross-validated: layer 12 with 32 numbers beat layer 8 with 8 or 16)
E5_DIMS = 32
E5_SEED = 8


@lru_cache(maxsize=4)
def e5_projection(hidden: int = 384, dims: int = E5_DIMS, seed: int = E5_SEED):
    import numpy as np

    matrix = np.random.default_rng(seed).standard_normal((hidden, dims))
    basis, _ = np.linalg.qr(matrix)
    return basis.astype("float32")


def e5_word_vectors(context: SentencePairs):
    """(tokens, hidden) vectors of the sentence's tokens, from the cache."""
    held = context.cache.get("e5")
    if held is None:
        from kg.encoder.cache import shared_document_cache

        encoded = shared_document_cache().get([[t.text for t in context.tokens]], E5_LAYERS, E5_POOLING)[0]
        held = context.cache["e5"] = encoded.vectors[:, len(E5_LAYERS) + E5_LAYERS.index(E5_LAYER)]
    return held


@featurizer("e5")
def e5_features(context: SentencePairs, pair: PairCandidate) -> Features:
    import numpy as np

    vectors = e5_word_vectors(context)
    projection = e5_projection(vectors.shape[1], E5_DIMS, E5_SEED)
    features: Features = {}
    sides = (("m1", range(pair.first.first_token, pair.first.last_token)),
             ("m2", range(pair.second.first_token, pair.second.last_token)),
             ("mid", [t.index for t in context.words(pair.first.last_token, pair.second.first_token)]))
    for name, rows in sides:
        rows = [r for r in rows if r < len(vectors)]
        if not rows:
            continue
        reduced = np.asarray(vectors[rows], dtype=np.float32).mean(axis=0) @ projection
        for k, value in enumerate(reduced):
            features[f"e5_{name}_{k}"] = round(float(value), 4)
    return features


def preload_e5(token_lists: list[list[str]], cache_dir=None) -> None:
    """Compute (or read from the scratch cache) the e5 encodings of a
    corpus' sentences once and pin them in the document cache, so that
    cross-validation does not encode a sentence once per fold."""
    from kg.encoder.cache import corpus_features, shared_document_cache
    from kg.encoder.model import EncodedSentence, shared_encoder
    from kg.ner.neural.train import DEFAULT_CACHE

    features = corpus_features(token_lists, cache_dir or DEFAULT_CACHE, E5_LAYERS, E5_POOLING, shared_encoder)
    encoded = [EncodedSentence(features.sentence(i), ()) for i in range(len(token_lists))]
    shared_document_cache().pin(token_lists, E5_LAYERS, E5_POOLING, encoded)
