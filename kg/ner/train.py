"""Training the NER: `python -m kg.ner.train` rebuilds kg/models/ner_ar.

The loop is kg's own (not `spacy train`) because the Docs are built from
clitic-split pieces (kg.ner.segment) rather than from text, and the
segmenter's lexicon comes from the same training file. Everything is
seeded and runs on CPU, so a rebuild gives the same model. Settings live in
kg/ner/config.cfg; they were chosen on a dev split carved out of the train
file (kg/ner/tune.py), never on the test file.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from kg.errors import KgError
from kg.ner.conll import TaggedSentence, read_iob
from kg.ner.features import NameClasses
from kg.ner.model import DEFAULT_MODEL_DIR, make_doc
from kg.ner.segment import SegmentedSentence, Segmenter, SegmenterSettings, build_lexicon

CONFIG_PATH = Path(__file__).resolve().parent / "config.cfg"
DEFAULT_TRAIN = Path(__file__).resolve().parents[3] / "shared" / "data" / "anercorp-camel-splits" / "ANERCorp_CamelLab_train.txt"


@dataclass(frozen=True)
class EpochReport:
    """What the progress callback hears after every epoch."""

    epoch: int
    epochs: int
    loss: float
    seconds: float  # since training started
    dev_f1: float | None = None  # only when dev sentences were given
    dev_per_type: dict[str, float] | None = None


ProgressCallback = Callable[[EpochReport], None]


def load_config(path: Path = CONFIG_PATH, overrides: dict[str, object] | None = None):
    """The config file with dotted `overrides` ({"training.max_epochs": 5})."""
    from thinc.api import Config

    config = Config().from_disk(path, interpolate=False)
    for dotted, value in (overrides or {}).items():
        section_path, _, key = dotted.rpartition(".")
        node = config
        for part in section_path.split("."):
            node = node.setdefault(part, {})
        node[key] = value
    return config.interpolate()


def segmenter_from_config(config, sentences: Sequence[TaggedSentence]) -> Segmenter:
    """The segmenter of [segmenter], its lexicon from the training tokens."""
    section = dict(config.get("segmenter", {}))
    min_count = int(section.pop("lexicon_min_count", 1))
    settings = SegmenterSettings(**section)
    lexicon = build_lexicon((t for s in sentences for t in s.tokens), min_count) if settings.rule == "lexicon" else frozenset()
    return Segmenter(settings, lexicon)


def classes_from_config(config) -> NameClasses:
    """The name classes of ontology/ner_given_names.tsv, if [features] asks for them."""
    section = config.get("features", {})
    if bool(section.get("name_classes", False)):
        return NameClasses.from_ontology(places=bool(section.get("places", False)),
                                         name_units=bool(section.get("name_units", False)))
    return NameClasses()


def make_example(nlp, sentence: TaggedSentence, segmenter: Segmenter, classes: NameClasses | None = None):
    """A spaCy Example: predicted and reference Docs over the same pieces,
    gold entities moved onto pieces (proclitics of the first word outside)."""
    from spacy.training import Example

    segmented = SegmentedSentence.build(sentence.tokens, segmenter)
    predicted = make_doc(nlp.vocab, segmented, classes)
    reference = make_doc(nlp.vocab, segmented, classes)
    ents = []
    for span in sentence.spans:
        start, end = segmented.piece_span(span.start, span.end)
        ents.append(reference.char_span(reference[start].idx, reference[end - 1].idx + len(reference[end - 1]), label=span.label))
    reference.ents = [e for e in ents if e is not None]
    return Example(predicted, reference)


def _quiet_spacy() -> None:
    logging.getLogger("spacy").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module="spacy")
    warnings.filterwarnings("ignore", module="thinc")


def build_nlp(train: Sequence[TaggedSentence], *, seed: int = 0, config_overrides: dict[str, object] | None = None,
              config_path: Path = CONFIG_PATH, dev: Sequence[TaggedSentence] | None = None,
              progress: ProgressCallback | None = None):
    """Train a pipeline on `train` and return (nlp, segmenter, name classes). With `dev`,
    each epoch's dev F1 (averaged weights) is passed to `progress`."""
    import spacy
    from spacy.schemas import ConfigSchemaTraining
    from spacy.util import fix_random_seed, registry

    _quiet_spacy()
    config = load_config(config_path, config_overrides)
    config["system"]["seed"] = seed
    config["training"]["seed"] = seed
    fix_random_seed(seed)
    segmenter = segmenter_from_config(config, train)
    classes = classes_from_config(config)
    nlp_config = config.copy()
    nlp_config.pop("segmenter", None)
    nlp_config.pop("features", None)
    nlp = spacy.util.load_model_from_config(nlp_config, auto_fill=True, validate=True)
    training = registry.resolve(nlp.config["training"], schema=ConfigSchemaTraining)
    optimizer = training["optimizer"]
    batcher = training["batcher"]
    dropout = float(training["dropout"])
    epochs = int(training["max_epochs"])
    examples = [make_example(nlp, s, segmenter, classes) for s in train]
    nlp.initialize(lambda: examples, sgd=optimizer)
    rng = random.Random(seed)
    started = time.perf_counter()
    for epoch in range(1, epochs + 1):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in batcher(examples):
            nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
            optimizer.step_schedules()
        dev_f1, dev_per_type = None, None
        if dev is not None:
            with nlp.use_params(optimizer.averages):
                scores = score_dev(nlp, segmenter, dev, classes)
            dev_f1 = scores.overall.f1
            dev_per_type = {name: round(c.f1, 4) for name, c in scores.per_type.items()}
        if progress is not None:
            progress(EpochReport(epoch, epochs, float(losses.get("ner", 0.0)), time.perf_counter() - started,
                                 dev_f1, dev_per_type))
    if optimizer.averages:
        _keep_averages(nlp, optimizer.averages)
    return nlp, segmenter, classes


def score_dev(nlp, segmenter: Segmenter, dev: Sequence[TaggedSentence], classes: NameClasses | None = None):
    """Entity scores of the pipeline on held-out sentences (whole tokens)."""
    from kg.ner.conll import Span
    from kg.ner.evaluate import score_spans
    from kg.ner.model import NerModel

    predicted = NerModel(nlp, segmenter, None, classes).predict([list(s.tokens) for s in dev])
    return score_spans([s.spans for s in dev], [[Span(p.start, p.end, p.label) for p in ps] for ps in predicted])


def _keep_averages(nlp, averages: dict) -> None:
    """Replace the weights by their running averages for good (spaCy's own
    loop saves the averaged weights too: they generalise better)."""
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model in (None, True, False):
            continue
        for node in model.walk():
            for name in node.param_names:
                key = (node.id, name)
                if key in averages:
                    node.set_param(name, averages[key].copy())


def save_model(nlp, segmenter: Segmenter, out_dir: Path, classes: NameClasses | None = None) -> None:
    """Write the pipeline and its segmenter into a temp dir beside `out_dir`,
    then swap it in, so that a failed run never leaves half a model."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o777 & ~mask)  # mkdtemp makes 0700; the model is an ordinary folder
    old: Path | None = None
    try:
        nlp.meta["name"] = "kg_ner_ar"
        nlp.meta["description"] = "kg's Arabic NER (PERS, LOC, ORG, MISC) over clitic-split pieces; trained on ANERcorp (CAMeL Lab train split, CC BY-SA 4.0)"
        nlp.meta["license"] = "CC BY-SA 4.0 (training data: ANERcorp)"
        nlp.to_disk(tmp)
        segmenter.save(tmp)
        if classes is not None and classes.classes:
            classes.save(tmp)
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old")
            if old.exists():
                shutil.rmtree(old)
            out_dir.rename(old)
        tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and old.exists() and not out_dir.exists():
            old.rename(out_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def train_ner(train_path: Path, out_dir: Path, seed: int = 0, *, progress: ProgressCallback | None = None,
              config_path: Path = CONFIG_PATH, config_overrides: dict[str, object] | None = None) -> None:
    """Train on the whole IOB file `train_path` with the settings of
    config.cfg and write the model to `out_dir` (atomically)."""
    sentences = read_iob(Path(train_path))
    if not sentences:
        raise KgError(f"no sentences in {train_path}")
    nlp, segmenter, classes = build_nlp(sentences, seed=seed, config_overrides=config_overrides, config_path=config_path,
                               progress=progress)
    save_model(nlp, segmenter, Path(out_dir), classes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.ner.train", description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN, help="IOB training file (default: ANERcorp CAMeL Lab train split)")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR, help="model directory to write (default: kg/models/ner_ar)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    def report(r: EpochReport) -> None:
        print(f"epoch {r.epoch}/{r.epochs}  loss {r.loss:9.1f}  {r.seconds:7.1f} s", file=sys.stderr, flush=True)

    try:
        train_ner(args.train, args.out, args.seed, progress=report)
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 1
    print(f"model written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
