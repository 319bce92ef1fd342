"""The runtime NER: a spaCy pipeline over clitic-split pieces, answered in words.

The pipeline never sees raw text: callers hand over words (punctuation as
separate words), each word is cut into proclitic pieces and a stem
(kg.ner.segment), and the Doc is built directly from the pieces with each
piece's NORM set from kg.text.normalize. The model directory carries the
segmenter settings and lexicon it was trained with, so the cut at run time
is the cut seen in training.
"""

from __future__ import annotations

import warnings
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from kg.errors import KgError
from kg.ner.features import NameClasses
from kg.ner.segment import SegmentedSentence, Segmenter

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner_ar"
BATCH_SIZE = 128


@dataclass(frozen=True)
class NerSpan:
    """An entity over input words `start:end` (end exclusive).

    `start_char_in_first_word` is 0, or the number of characters of the
    first word that precede the entity because they were split off as
    proclitics (ولبنان -> 1, والعراق -> 3: the article is split off too).
    """

    start: int
    end: int
    label: str  # PERS | LOC | ORG | MISC
    start_char_in_first_word: int


def make_doc(vocab, sentence: SegmentedSentence, classes: NameClasses | None = None):
    """A spaCy Doc whose tokens are the sentence's pieces: NORM from
    kg.text.normalize, LEMMA the stem's name class (kg.ner.features)."""
    from spacy.tokens import Doc

    words = [piece.text for piece in sentence.pieces]
    doc = Doc(vocab, words=words, spaces=[True] * len(words))
    for token, piece in zip(doc, sentence.pieces):
        token.norm_ = piece.norm or piece.text
        if classes is not None and piece.is_stem:
            token.lemma_ = classes.of(piece.norm) or "-"
    return doc


def spans_of_doc(doc, sentence: SegmentedSentence) -> list[NerSpan]:
    """The doc's entities mapped from pieces back to the input words."""
    spans: list[NerSpan] = []
    for ent in doc.ents:
        mapped = sentence.word_span(ent.start, ent.end)
        if mapped is None:
            continue
        start, end, offset = mapped
        if spans and start < spans[-1].end:
            continue  # two piece spans inside one word: keep the first
        spans.append(NerSpan(start, end, ent.label_, offset))
    return spans


def numpy_gemm(nlp) -> Any:
    """Move the matrix products of `nlp`'s layers (thinc's `NumpyOps.gemm`,
    blis by default) to numpy's BLAS, and return what keeps that BLAS on one
    thread while the model runs (a `threadpoolctl.ThreadpoolController`).

    Why: on the tok2vec's shapes (4,000x288 by 288x288) numpy's OpenBLAS on
    one thread ran at 167 GFLOP/s against blis's 108 on this machine
    (bench/RESULTS.md, issue 10, `speed`), and `NerModel.predict` took 9-10 %
    less CPU; with OpenBLAS's default two threads it was slower per CPU
    second, hence the limit, which is scoped to `predict` so other numpy
    work in the process keeps its threads. The floats differ from blis's in
    the last bits, so this was checked against the entities, not assumed:
    the same spans on all 12,824 sentences of the 1,263 SaudiNewsNet
    articles of 2015-08-01, and the same build bytes on the 600 articles, dev
    and the seeds (bench/RESULTS.md, session 19). The transition parser's
    own products (spaCy's C loop) are not thinc ops and stay on blis."""
    from thinc.api import NumpyOps
    from threadpoolctl import ThreadpoolController

    ops = NumpyOps(use_blis=False)  # the model's own: thinc's shared current ops stay as they are
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        for node in model.walk() if model is not None else ():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return ThreadpoolController()


class NerModel:
    """A trained NER model and its segmenter; `predict` works on words."""

    def __init__(self, nlp, segmenter: Segmenter, path: Path | None = None, classes: NameClasses | None = None,
                 blas: Any = None) -> None:
        self.nlp = nlp
        self.segmenter = segmenter
        self.path = path
        self.classes = classes or NameClasses()
        # set by `load` (`numpy_gemm`); a model being trained keeps thinc's defaults
        self._blas = blas

    @classmethod
    def load(cls, path: Path | None = None) -> "NerModel":
        """Load a model directory (default: the one shipped in kg/models/ner_ar).
        Any problem is a KgError with a one-line message."""
        directory = Path(path) if path is not None else DEFAULT_MODEL_DIR
        if not (directory / "config.cfg").is_file() or not (directory / "segmenter.json").is_file():
            raise KgError(f"NER model not found in {directory} (rebuild it with: python -m kg.ner.train)")
        try:
            from kg.lazy_imports import import_spacy

            spacy = import_spacy()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nlp = spacy.load(directory)
            segmenter = Segmenter.load(directory)
            classes = NameClasses.load(directory)
        except Exception as exc:  # spaCy raises many kinds on a damaged directory
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise KgError(f"NER model in {directory} cannot be loaded: {message[:200]}") from exc
        if "ner" not in nlp.pipe_names:
            raise KgError(f"NER model in {directory} has no 'ner' component")
        return cls(nlp, segmenter, directory, classes, blas=numpy_gemm(nlp))

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.nlp.get_pipe("ner").labels)

    def segment(self, sentences: Iterable[Sequence[str]]) -> list[SegmentedSentence]:
        return [SegmentedSentence.build(words, self.segmenter) for words in sentences]

    def predict(self, sentences: list[list[str]]) -> list[list[NerSpan]]:
        """Entities of each sentence (a list of surface words), batched."""
        segmented = self.segment(sentences)
        docs = (make_doc(self.nlp.vocab, s, self.classes) for s in segmented)
        results: list[list[NerSpan]] = []
        limit = self._blas.limit(limits=1, user_api="blas") if self._blas is not None else nullcontext()
        with limit:  # see `numpy_gemm`; about 15 µs a call
            for sentence, doc in zip(segmented, self.nlp.pipe(docs, batch_size=BATCH_SIZE)):
                results.append(spans_of_doc(doc, sentence) if sentence.pieces else [])
        return results


def load_model(path: Path | None = None):
    """The NER model in `path` (default: the shipped fast model), whichever
    kind it is: the spaCy tagger (config.cfg) or the e5 tagger (tagger.json,
    kg.ner.neural)."""
    if path is not None:
        from kg.ner.neural.model import E5NerModel, is_e5_model

        if is_e5_model(Path(path)):
            return E5NerModel(Path(path))
    return NerModel.load(path)

