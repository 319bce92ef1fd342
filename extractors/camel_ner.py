"""camel-tools' pretrained Arabic NER as an entity extractor ("camel-ner").

Optional: it needs camel-tools' NER model (AraBERT fine-tuned on ANERcorp),
which an analyst installs once with `camel_data -i ner-arabert`, or any
directory holding a model in the same format (a transformers
BertForTokenClassification saved with its tokenizer, whose config's
id2label holds BIO labels over PERS, LOC, ORG, MISC and O). kg never
downloads it. Give a directory with `CamelNerExtractor(path)` or, for the
registered "camel-ner", with the environment variable KG_CAMEL_NER_MODEL.

The model tags the sentence's tokens as kg split them (words and
punctuation, as in ANERcorp); BIO tags become spans, and
`extractors.model_mentions` turns spans into mentions (gazetteer names
linked, others given a discovered id).

transformers and torch are imported only when the extractor is built, so
registering it costs nothing.
"""

from __future__ import annotations

import os
import sys
import types
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from kg.extractors.model_mentions import PredictedSpan, mentions_from_spans, proclitic_chars
from kg.errors import KgError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.model import Article, Mention
from kg.registry import entity_extractors
from kg.text import Sentence

NAME = "camel-ner"
MODEL_ENV = "KG_CAMEL_NER_MODEL"
CONFIDENCE = 0.7  # camel-tools' predict gives labels, not scores
BATCH_SIZE = 32
SEQUENCE_LENGTH = 256  # camel-tools pads every input to this many positions
NOT_INSTALLED = (f"camel-tools NER data is not installed: install it with `camel_data -i ner-arabert` "
                 f"(or set {MODEL_ENV} to a model directory)")


def _camel_data_dir() -> Path:
    """camel-tools' data folder, found as camel_tools.data finds it."""
    override = os.environ.get("CAMELTOOLS_DATA")
    if override:
        return Path(override).expanduser().absolute()
    if sys.platform == "win32":
        return Path.home() / "AppData" / "Roaming" / "camel_tools"
    return Path.home() / ".camel_tools"


def _catalogue_file() -> Path:
    return _camel_data_dir() / "catalogue.json"


def _import_ner() -> Any:
    """The camel_tools.ner module, imported without going online.

    Importing camel_tools.data (which camel_tools.ner does) downloads
    camel-tools' catalogue when it is missing. Without a catalogue no
    pretrained data can be installed either, so the module is then imported
    against an empty stand-in: NERecognizer(path) needs no catalogue."""
    if "camel_tools.ner" in sys.modules or "camel_tools.data" in sys.modules or _catalogue_file().is_file():
        import camel_tools.ner as ner

        return ner
    stand_in = types.ModuleType("camel_tools.data")
    stand_in.CATALOGUE = None  # type: ignore[attr-defined]
    sys.modules["camel_tools.data"] = stand_in
    try:
        import camel_tools.ner as ner
    finally:
        if sys.modules.get("camel_tools.data") is stand_in:
            del sys.modules["camel_tools.data"]
    return ner


def _pretrained_installed() -> bool:
    """Is camel-tools' default NER model installed (never fetching anything)?"""
    if not _catalogue_file().is_file():
        return False
    try:
        from camel_tools.data import CATALOGUE  # the catalogue is there: nothing is fetched

        component = CATALOGUE.components["NamedEntityRecognition"]
        path = Path(component.datasets[component.default].path)
    except Exception:  # an unreadable or foreign catalogue: as good as none
        return False
    return (path / "config.json").is_file()


@contextmanager
def _quiet_loading() -> Iterator[None]:
    """No progress bars from transformers while the model loads."""
    from transformers.utils import logging

    enabled = logging.is_progress_bar_enabled()
    logging.disable_progress_bar()
    try:
        yield
    finally:
        if enabled:
            logging.enable_progress_bar()


def _check_model_dir(path: Path) -> None:
    if not path.is_dir():
        raise KgError(f"camel-ner model: {path}: no such folder")
    if not (path / "config.json").is_file():
        raise KgError(f"camel-ner model: {path}: not a model folder (no config.json)")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def bio_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """(first, end, type) of the names in a BIO label sequence. An I- tag
    after O or after another type starts a name, as B- does."""
    spans: list[tuple[int, int, str]] = []
    current: tuple[int, str] | None = None  # start and type of the open name
    for i, label in enumerate([*labels, "O"]):
        if label[:2] in ("B-", "I-"):
            prefix, kind = label[0], label[2:]
        elif label in ("O", ""):
            prefix, kind = "O", ""
        else:
            prefix, kind = "I", label  # a bare type continues or starts a name
        if current is not None and (prefix != "I" or kind != current[1]):
            spans.append((current[0], i, current[1]))
            current = None
        if prefix != "O" and current is None:
            current = (i, kind)
    return spans


class CamelNerExtractor:
    """Entity mentions from camel-tools' NERecognizer; see the module docstring."""

    name = NAME

    def __init__(self, model_path: str | os.PathLike[str] | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        path = Path(model_path).expanduser() if model_path is not None else None
        if path is not None:
            _check_model_dir(path)
        elif not _pretrained_installed():
            raise KgError(NOT_INSTALLED)
        try:
            ner = _import_ner()
        except ImportError as exc:
            raise KgError(f"camel-ner needs camel-tools with transformers and torch: {_first_line(exc)}") from exc
        where = path if path is not None else "camel-tools' data folder"
        try:
            with _quiet_loading():
                self.recognizer = ner.NERecognizer(str(path)) if path is not None else ner.NERecognizer.pretrained()
        except Exception as exc:  # a broken or foreign model folder is the analyst's to fix
            raise KgError(f"camel-ner model: cannot load from {where}: {_first_line(exc)}") from exc
        labels = set(map(str, self.recognizer.labels_map.values()))
        if "O" not in labels:
            raise KgError(f"camel-ner model: {where}: its labels ({', '.join(sorted(labels))}) have no 'O'")
        positions = getattr(self.recognizer.model.config, "max_position_embeddings", SEQUENCE_LENGTH)
        if positions < SEQUENCE_LENGTH:
            raise KgError(f"camel-ner model: {where}: max_position_embeddings is {positions}; "
                          f"camel-tools feeds {SEQUENCE_LENGTH} positions")
        self._fed: dict[str, bool] = {}

    def _feeds(self, text: str) -> bool:
        """Does the model see this token? (Its tokenizer drops some, such as
        a lone right-to-left mark, and camel-tools then gives no label.)"""
        fed = self._fed.get(text)
        if fed is None:
            fed = self._fed[text] = bool(self.recognizer.tokenizer.tokenize(text))
        return fed

    def __call__(self, article: Article, sentences: list[Sentence]) -> list[Mention]:
        positions: list[tuple[Sentence, list[int]]] = []
        for sentence in sentences:
            fed = [i for i, token in enumerate(sentence.tokens) if self._feeds(token.text)]
            if fed:
                positions.append((sentence, fed))
        if not positions:
            return []
        batch = [[sentence.tokens[i].text for i in fed] for sentence, fed in positions]
        predicted = self.recognizer.predict(batch, batch_size=BATCH_SIZE)
        mentions: list[Mention] = []
        for (sentence, fed), labels in zip(positions, predicted):
            if len(labels) != len(fed):
                continue  # the model saw other words than we sent: no safe alignment
            spans = []
            for first, end, kind in bio_spans([str(label) for label in labels]):
                first_token, last_token = fed[first], fed[end - 1] + 1
                skip = proclitic_chars(sentence.tokens[first_token], self.gaz)
                spans.append(PredictedSpan(first_token, last_token, kind, CONFIDENCE, skip))
            mentions.extend(mentions_from_spans(sentence, spans, NAME, self.gaz))
        return mentions


@entity_extractors.register(NAME)
def make_camel_ner_extractor() -> CamelNerExtractor:
    return CamelNerExtractor(os.environ.get(MODEL_ENV) or None)
