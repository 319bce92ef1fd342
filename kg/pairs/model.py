"""The shipped relation classifier: a multinomial logistic regression over
pair features, kept as plain JSON.

Classes are `NONE` (the sentence relates the two mentions in no way of the
ontology), `R>` (the first mention in the text does R to the second), `R<`
(the second does R to the first) and, for symmetric relations, plain `R`.
A model file holds its classes, the featurizers it was trained with, its
decision threshold, the intercepts and, per feature, the weights that
matter (|w| ≥ PRUNE; the rest are rounded away), so loading needs no
scikit-learn pickle and no matching library version, and the file is
byte-for-byte the same each time `kg train relations` rebuilds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np

from kg.atomic import write_text_atomic
from kg.errors import KgError
from kg.pairs.features import DEFAULT_FEATURIZERS, Features

FORMAT = "kg-pair-classifier/1"
NONE = "NONE"
FORWARD, BACKWARD = ">", "<"
PRUNE = 0.01  # weights smaller than this are left out of the file
DIGITS = 4
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "relations"
MODEL_FILE = "model.json"


def encode_label(relation: str, reverse: bool, symmetric: bool) -> str:
    """Class name of a relation between the first and second mention."""
    if symmetric:
        return relation
    return relation + (BACKWARD if reverse else FORWARD)


def decode_label(label: str) -> tuple[str, bool]:
    """(relation, whether the second mention is the subject)."""
    if label.endswith(BACKWARD):
        return label[:-1], True
    if label.endswith(FORWARD):
        return label[:-1], False
    return label, False


@dataclass(frozen=True)
class Prediction:
    label: str  # best class other than NONE
    probability: float
    relation: str
    reverse: bool


class PairModel:
    """See the module docstring."""

    def __init__(self, classes: tuple[str, ...], intercepts: list[float], weights: dict[str, dict[int, float]],
                 threshold: float, featurizers: tuple[str, ...] = DEFAULT_FEATURIZERS,
                 thresholds: dict[str, float] | None = None, trained_on: str = "") -> None:
        if NONE not in classes:
            raise KgError(f"relation model has no {NONE} class")
        self.classes = classes
        self.intercepts = np.asarray(intercepts, dtype=float)
        self.weights = weights
        self.threshold = threshold
        self.thresholds = dict(thresholds or {})  # relation -> its own threshold, where cross-validation set one
        self.featurizers = tuple(featurizers)
        self.trained_on = trained_on
        self._none = classes.index(NONE)
        self._rows = {name: k for k, name in enumerate(weights)}  # feature -> row of the dense matrix
        self._matrix = np.zeros((len(weights) + 1, len(classes)))  # the last row stays zero (unknown features)
        for name, sparse in weights.items():
            for index, weight in sparse.items():
                self._matrix[self._rows[name], index] = weight

    def probabilities(self, features: Features) -> np.ndarray:
        """Softmax over the classes, as scikit-learn's multinomial model computes it."""
        unknown = len(self._rows)
        rows = [self._rows.get(name, unknown) for name in features]
        scores = self.intercepts + np.fromiter(features.values(), dtype=float, count=len(rows)) @ self._matrix[rows]
        scores -= scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()

    def predict(self, features: Features) -> Prediction:
        """The most probable relation other than NONE, with its probability."""
        probabilities = self.probabilities(features)
        probabilities[self._none] = -1.0
        best = int(probabilities.argmax())
        relation, reverse = decode_label(self.classes[best])
        return Prediction(self.classes[best], float(probabilities[best]), relation, reverse)

    def accepts(self, prediction: Prediction) -> bool:
        return prediction.probability >= self.thresholds.get(prediction.relation, self.threshold)

    # ---- files ---------------------------------------------------------
    def to_json(self) -> str:
        payload = {
            "format": FORMAT, "trained_on": self.trained_on, "featurizers": list(self.featurizers),
            "threshold": self.threshold, "thresholds": dict(sorted(self.thresholds.items())),
            "classes": list(self.classes), "intercepts": [round(float(v), DIGITS) for v in self.intercepts],
            "weights": {name: {str(k): w for k, w in sorted(sparse.items())} for name, sparse in sorted(self.weights.items())},
        }
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"

    def save(self, directory: Path) -> Path:
        path = Path(directory) / MODEL_FILE
        Path(directory).mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, self.to_json())
        return path

    @classmethod
    def load(cls, directory: Path | None = None) -> "PairModel":
        path = Path(directory or DEFAULT_MODEL_DIR) / MODEL_FILE
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            if payload.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} file")
            return cls(
                classes=tuple(payload["classes"]), intercepts=[float(v) for v in payload["intercepts"]],
                weights={name: {int(k): float(w) for k, w in sparse.items()} for name, sparse in payload["weights"].items()},
                threshold=float(payload["threshold"]), featurizers=tuple(payload["featurizers"]),
                thresholds={k: float(v) for k, v in payload.get("thresholds", {}).items()},
                trained_on=str(payload.get("trained_on", "")),
            )
        except FileNotFoundError:
            raise KgError(f"relation model {path} not found (rebuild it with 'kg train relations')") from None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KgError(f"relation model {path} cannot be loaded: {exc}") from exc


def sparse_weights(feature_names: Iterable[str], coefficients: np.ndarray) -> dict[str, dict[int, float]]:
    """Per feature, the class weights that survive rounding and pruning
    (`coefficients` is classes × features, as scikit-learn gives it)."""
    out: dict[str, dict[int, float]] = {}
    for j, name in enumerate(feature_names):
        column = coefficients[:, j]
        kept = {int(k): round(float(w), DIGITS) for k, w in enumerate(column) if abs(w) >= PRUNE}
        if kept:
            out[name] = kept
    return out


@lru_cache(maxsize=1)
def shipped_model() -> PairModel:
    """The model in kg/models/relations, read once per process."""
    return PairModel.load(DEFAULT_MODEL_DIR)

