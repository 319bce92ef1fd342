"""Does a sentence report an event of a kind, or only mention one?

The rules find every assault or protest word, but a word is not a report:
"condemned the bombings", "the trial over the assassination", "a fierce
attack on the government" name an attack without reporting one, and OEDA's
annotators (kg eval events) mark such sentences "no". Where the rules find
an event with a side missing, nothing in the arguments tells the two apart,
so a sentence classifier decides, as event-data pipelines (Phoenix, ICEWS)
put a relevance model in front of their coders.

The model is a logistic regression over TF-IDF character n-grams (2-5,
within words) of the normalised sentence: character n-grams see through
clitics and inflection (بانفجار، انفجرت، الانفجارات share انفجار) without a
morphological analyser. It is trained by `kg train events` on the
development rows (even rows) of OEDA's Arabic event gold standard; the odd
rows are never read for training. The settings below were chosen by 5-fold
cross-validation within those development rows.

A model file is plain JSON (n-gram -> idf and weight), so loading needs no
scikit-learn pickle and no matching library version; scikit-learn is used to
train and to cut n-grams the same way at run time.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from kg.atomic import write_text_atomic
from kg.errors import KgError
from kg.text import normalize

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models" / "events"
NGRAM_RANGE = (2, 5)
MIN_DF = 2
C = 4.0  # inverse regularisation strength (cross-validated on the dev rows)
# Probability above which a sentence reports the event; cross-validated on
# the dev rows per kind (protest reports are rarer and their model weaker).
THRESHOLDS = {"ASSAULT": 0.4, "PROTEST": 0.3}
DEFAULT_THRESHOLD = 0.5
FORMAT = "kg-event-classifier/1"


def _vectorizer(**settings):
    """The one TfidfVectorizer definition, so that the n-grams cut at run
    time are the n-grams the model was trained on."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, lowercase=False, **settings)


_WHITE_SPACES = re.compile(r"\s\s+")


def char_wb_ngrams(text: str) -> list[str]:
    """scikit-learn's `char_wb` analyzer of `_vectorizer()` (no lower-casing,
    no accent stripping), written out: importing scikit-learn costs 1–1.5 s
    of every process that reads a sentence with an event trigger. Tested
    equal to scikit-learn's own (tests/test_event_classifier.py)."""
    min_n, max_n = NGRAM_RANGE
    grams: list[str] = []
    append = grams.append
    for word in _WHITE_SPACES.sub(" ", text).split():
        word = f" {word} "
        length = len(word)
        for n in range(min_n, max_n + 1):
            offset = 0
            append(word[offset:offset + n])
            while offset + n < length:
                offset += 1
                append(word[offset:offset + n])
            if offset == 0:  # a short word (shorter than n) counts once
                break
    return grams


def ngrams(text: str) -> list[str]:
    """The character n-grams of the normalised text (scikit-learn's char_wb)."""
    return char_wb_ngrams(normalize(text))


@dataclass(frozen=True)
class SentenceEventModel:
    """A trained classifier for one PLOVER event type."""

    plover: str
    threshold: float
    intercept: float
    features: dict[str, tuple[float, float]]  # n-gram -> (idf, weight)
    trained_on: str = ""

    def probability(self, text: str) -> float:
        """P(the sentence reports a `plover` event): sublinear TF-IDF,
        L2-normalised, then the logistic function, as scikit-learn computes it."""
        counts: dict[str, int] = {}
        for gram in ngrams(text):
            if gram in self.features:
                counts[gram] = counts.get(gram, 0) + 1
        values = {g: (1.0 + math.log(n)) * self.features[g][0] for g, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        score = self.intercept + sum(v / norm * self.features[g][1] for g, v in values.items())
        return 1.0 / (1.0 + math.exp(-score))

    def reports(self, text: str) -> bool:
        return self.probability(text) >= self.threshold

    def save(self, path: Path) -> None:
        payload = {
            "format": FORMAT, "plover": self.plover, "threshold": self.threshold, "intercept": self.intercept,
            "ngram_range": list(NGRAM_RANGE), "trained_on": self.trained_on,
            "features": {g: [round(idf, 5), round(w, 5)] for g, (idf, w) in sorted(self.features.items())},
        }
        write_text_atomic(Path(path), json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n")

    @classmethod
    def load(cls, path: Path) -> "SentenceEventModel":
        try:
            payload = json.loads(Path(path).read_text(encoding="utf-8"))
            if payload.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} file")
            return cls(
                plover=str(payload["plover"]), threshold=float(payload["threshold"]),
                intercept=float(payload["intercept"]), trained_on=str(payload.get("trained_on", "")),
                features={g: (float(v[0]), float(v[1])) for g, v in payload["features"].items()},
            )
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            raise KgError(f"event classifier {path} cannot be loaded: {exc}") from exc


def train(texts: Sequence[str], labels: Sequence[bool], plover: str, *, trained_on: str = "",
          threshold: float | None = None) -> SentenceEventModel:
    """Fit the classifier on sentences and yes/no labels (deterministic:
    lbfgs from zero weights)."""
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        raise KgError(f"{plover}: training needs both reports and non-reports")
    vectorizer = _vectorizer(min_df=min(MIN_DF, len(texts)), sublinear_tf=True)
    matrix = vectorizer.fit_transform([normalize(t) for t in texts])
    classifier = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(matrix, list(labels))
    weights = classifier.coef_[0]
    features = {gram: (float(vectorizer.idf_[k]), float(weights[k])) for gram, k in vectorizer.vocabulary_.items()}
    return SentenceEventModel(plover, THRESHOLDS.get(plover, DEFAULT_THRESHOLD) if threshold is None else threshold,
                              float(classifier.intercept_[0]), features, trained_on)


@lru_cache(maxsize=1)
def shipped_models() -> dict[str, SentenceEventModel]:
    """The models of kg/models/events, read once per process (every rule
    extractor asks for them; parsing the JSON takes a fifth of a second).
    Callers must not change the dict."""
    return load_models(DEFAULT_MODEL_DIR)


def load_models(directory: Path | None = None) -> dict[str, SentenceEventModel]:
    """PLOVER type -> model, for every *.json in the directory (default: the
    shipped kg/models/events). A missing directory gives no models: the rules
    then fall back to their own test (an event must be anchored)."""
    directory = Path(directory) if directory is not None else DEFAULT_MODEL_DIR
    if not directory.is_dir():
        return {}
    models = [SentenceEventModel.load(path) for path in sorted(directory.glob("*.json"))]
    return {model.plover: model for model in models}


def train_from_oeda(folder: Path, out_dir: Path | None = None) -> list[tuple[str, int, int]]:
    """Train one model per OEDA benchmark (assault, protest) on its
    development rows (even rows; `ambiguous` left out) and write them to
    `out_dir`. Returns (file, reports, sentences) per model."""
    from kg.oeda import AMBIGUOUS, BENCHMARKS, POSITIVE, load_detection, split

    out_dir = Path(out_dir) if out_dir is not None else DEFAULT_MODEL_DIR
    trained: list[tuple[str, int, int]] = []
    for name, plover in BENCHMARKS:
        path = Path(folder) / f"{name}_gsr.csv"
        rows = [r for r in split(load_detection(path), "dev") if r.label != AMBIGUOUS]
        labels = [r.label == POSITIVE for r in rows]
        model = train([r.text for r in rows], labels, plover, trained_on=f"OEDA arabic_event_gsr {path.name}, even rows")
        model.save(out_dir / f"{name}.json")
        trained.append((f"{name}.json", sum(labels), len(rows)))
    return trained
