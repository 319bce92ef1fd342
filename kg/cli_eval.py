"""`kg eval` and `kg train`: scores against gold data and the rebuilding of
the shipped models.

Apart from kg/cli.py, which registers both groups, so each command module
stays small; the scoring and training live in kg.evaluate, kg.oeda,
kg.ner, kg.event_classifier and kg.pairs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
from click_default_group import DefaultGroup

from kg.cli_common import _split_names, err_console
from kg.errors import KgError

@click.group(name="eval", cls=DefaultGroup, default="triples", default_if_no_args=True)
def evaluate() -> None:
    """Score kg against gold data: triples (default), ner, events, relations."""


@evaluate.command(name="triples")
@click.argument("system", required=False, type=click.Path(path_type=Path), default=Path("out/triples.jsonl"))
@click.option("--gold", "gold_path", required=True, type=click.Path(path_type=Path), help="Gold triples (.jsonl).")
@click.option("--errors", is_flag=True, help="List false positives and misses.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate_triples(system: Path, gold_path: Path, errors: bool, as_json: bool) -> None:
    """Score SYSTEM triples (triples.jsonl or graph.ttl; default out/triples.jsonl) against gold."""
    from kg.evaluate import format_report, load_gold, load_system_triples, score
    from kg.relations import load_relations

    relations = load_relations()
    gold = load_gold(gold_path, set(relations.relations))
    predicted = load_system_triples(system)
    report = score(gold, predicted, relations.symmetric)
    if as_json:
        payload = {
            "overall": _counts_json(report.overall),
            "per_relation": {name: _counts_json(c) for name, c in sorted(report.per_relation.items())},
            "dates": {"checked": report.date_checked, "correct": report.date_correct},
        }
        click.echo(json.dumps(payload, indent=2))
        return
    click.echo(format_report(report, show_errors=errors))


def _shared_data(name: str) -> Path:
    """Default location of a benchmark folder: ../shared/data beside the project."""
    return Path(os.environ.get("KG_SHARED_DATA", "../shared/data")) / name


@evaluate.command(name="ner")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="ANERcorp CAMeL splits folder (default: ../shared/data/anercorp-camel-splits).")
@click.option("--model", "model_dir", type=click.Path(path_type=Path), default=None,
              help="A trained NER model folder, of either kind (default: the shipped model of --kind).")
@click.option("--kind", type=click.Choice(["fast", "e5"]), default="fast", show_default=True,
              help="Which shipped model to score when --model is not given: the spaCy tagger or the e5 tagger.")
def evaluate_ner_command(data_dir: Path | None, model_dir: Path | None, kind: str) -> None:
    """Entity-level NER scores on ANERcorp's CAMeL test split, as the file is
    and with its defective sentence-initial tokens excluded."""
    from kg.ner.evaluate import evaluate_ner, format_report
    from kg.ner.model import load_model

    folder = data_dir or _shared_data("anercorp-camel-splits")
    test_path = folder / "ANERCorp_CamelLab_test.txt"
    check_path = folder / "DERIVED_test_sentence_initial_token_check.tsv"
    if not test_path.is_file():
        raise KgError(f"{test_path}: no such file (give the folder with --data)")
    if model_dir is None and kind == "e5":
        from kg.ner.neural.model import DEFAULT_E5_MODEL_DIR

        model_dir = DEFAULT_E5_MODEL_DIR
    report = evaluate_ner(load_model(model_dir), test_path, check_path if check_path.is_file() else None)
    click.echo(format_report(report))


@evaluate.command(name="events")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="OEDA arabic_event_gsr folder (default: ../shared/data/arabic-event-gsr).")
@click.option("--split", "part", type=click.Choice(["test", "dev", "all"]), default="test", show_default=True,
              help="Odd rows are the test split, even rows the development split.")
@click.option("--errors", "show_errors", type=int, default=0, help="Show up to N misses and false alarms.")
@click.option("--cv", "folds", type=click.IntRange(min=2), default=None,
              help="Instead: detection on the development rows by K-fold cross-validation of the sentence "
                   "classifier (retrained without each fold), per threshold; the test rows are not read.")
@click.option("--partitions", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --cv: seeded partitions into folds, to see how much is the luck of the cut.")
def evaluate_events(data_dir: Path | None, part: str, show_errors: int, folds: int | None, partitions: int) -> None:
    """Event detection (assault, protest) and actor attachment on OEDA's
    Arabic event gold standard."""
    folder = data_dir or _shared_data("arabic-event-gsr")
    if not folder.is_dir():
        raise KgError(f"{folder}: no such folder (give it with --data)")
    if folds is not None:
        from kg.event_cv import run_event_cv

        click.echo(run_event_cv(folder, folds, partitions))
        return
    from kg.event_bench import run_event_benchmark

    click.echo(run_event_benchmark(folder, part, show_errors))


@evaluate.command(name="relations")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="anercorp-relations folder (default: ../shared/data/anercorp-relations).")
@click.option("--threshold", type=float, default=None, help="Classifier threshold (default: the cross-validated one).")
@click.option("--featurizers", "featurizer_names", multiple=True,
              help="Pair featurizers to cross-validate (default: the built-in ones of the shipped model); --featurizers +e5 adds e5.")
@click.option("--partitions", type=click.IntRange(min=1), default=3, show_default=True,
              help="Partitions of the sentences into folds to run it on; the table is the first's (the folds "
                   "`kg train relations` uses), the mean F1 of all is printed below it.")
def evaluate_relations(data_dir: Path | None, threshold: float | None, featurizer_names: tuple[str, ...],
                       partitions: int) -> None:
    """The relation stage on the annotated ANERcorp sentences by
    cross-validation: classifier, rules and both combined, per relation."""
    from kg.pairs.evaluate import evaluate_corpus, format_corpus_report

    featurizers = _featurizers(featurizer_names)
    click.echo(format_corpus_report(evaluate_corpus(data_dir or _shared_data("anercorp-relations"), threshold,
                                                    featurizers=featurizers, partitions=partitions)))


def _featurizers(names: tuple[str, ...]) -> tuple[str, ...]:
    """Featurizer names: a plain list, or +NAME / -NAME against the default list
    (kg.pairs.features.DEFAULT_FEATURIZERS, those of the shipped model)."""
    from kg.pairs.features import DEFAULT_FEATURIZERS, FEATURIZERS, OPTIONAL_FEATURIZERS

    listed = _split_names(names)
    if listed and not any(n[0] in "+-" for n in listed):
        chosen = listed
    else:
        chosen = tuple(DEFAULT_FEATURIZERS)
        for name in listed:
            if name.startswith("+") and name[1:] not in chosen:
                chosen += (name[1:],)
            elif name.startswith("-"):
                chosen = tuple(n for n in chosen if n != name[1:])
    known = set(FEATURIZERS) | set(OPTIONAL_FEATURIZERS)
    for name in chosen:
        if name.lstrip("+-") not in known:
            raise KgError(f"unknown pair featurizer '{name}' (known: {', '.join(sorted(known))})")
    return chosen


@click.group()
def train() -> None:
    """Rebuild a shipped model from the data in ../shared/data."""


@train.command(name="ner")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="ANERcorp CAMeL splits folder (default: ../shared/data/anercorp-camel-splits).")
@click.option("--kind", type=click.Choice(["fast", "e5"]), default="fast", show_default=True,
              help="fast: the spaCy tagger (kg/ner/config.cfg); e5: the CRF tagger over e5 vectors and kg's features.")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Model folder to write (default: a scratch folder, $TMPDIR/kg-ner-KIND).")
@click.option("--ship", is_flag=True, help="Write over the model shipped in the package (kg/models/ner_ar or ner_e5).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same model).")
def train_ner_command(data_dir: Path | None, kind: str, out_dir: Path | None, ship: bool, seed: int) -> None:
    """Train an NER on ANERcorp's CAMeL train split (the test split is never read)."""
    import tempfile

    from kg.ner.model import DEFAULT_MODEL_DIR
    from kg.ner.neural.model import DEFAULT_E5_MODEL_DIR

    train_path = (data_dir or _shared_data("anercorp-camel-splits")) / "ANERCorp_CamelLab_train.txt"
    if not train_path.is_file():
        raise KgError(f"{train_path}: no such file (give the folder with --data)")
    if ship and out_dir is not None:
        raise click.UsageError("give either --ship or -o, not both")
    shipped = DEFAULT_E5_MODEL_DIR if kind == "e5" else DEFAULT_MODEL_DIR
    target = shipped if ship else (out_dir or Path(tempfile.gettempdir()) / f"kg-ner-{kind}")
    if kind == "e5":
        from kg.ner.neural.train import train_e5_ner

        def epoch_line(r: object) -> None:
            per = "  ".join(f"{k} {v:.3f}" for k, v in r.dev_per_type.items())  # type: ignore[attr-defined]
            err_console.print(f"epoch {r.epoch:>2}  loss {r.loss:9.1f}  dev F1 {r.dev_f1:.4f}  ({per})  {r.seconds:7.1f} s")  # type: ignore[attr-defined]

        curve = train_e5_ner(train_path, target, seed, progress=err_console.print, epoch_done=epoch_line)
        best = max(curve, key=lambda r: (r.dev_f1, -r.epoch))
        err_console.print(f"kept epoch {best.epoch} (dev F1 {best.dev_f1:.4f}); model written to {target}")
        err_console.print("reproducible bit for bit: yes on this machine, for the same seed, data, cached e5 vectors "
                          "and library versions (seeded, torch deterministic on one thread; weights' sha256 in "
                          "tagger.json); on another CPU the e5 vectors may differ in their last bits")
        return
    from kg.ner.train import train_ner

    def report(epoch: object) -> None:
        err_console.print(f"epoch {epoch.epoch}/{epoch.epochs}  loss {epoch.loss:9.1f}  {epoch.seconds:7.1f} s")  # type: ignore[attr-defined]

    train_ner(train_path, target, seed, progress=report)
    err_console.print(f"model written to {target}")
    err_console.print("reproducible bit for bit: yes, for the same seed and library versions (spaCy's seeded CPU loop)")


@train.command(name="events")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="OEDA arabic_event_gsr folder (default: ../shared/data/arabic-event-gsr).")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder to write the models to (default: the package's kg/models/events).")
def train_events_command(data_dir: Path | None, out_dir: Path | None) -> None:
    """Train the sentence classifiers that tell a reported assault or protest
    from a mentioned one, on OEDA's development (even) rows only."""
    from kg.event_classifier import DEFAULT_MODEL_DIR, train_from_oeda

    folder = data_dir or _shared_data("arabic-event-gsr")
    if not folder.is_dir():
        raise KgError(f"{folder}: no such folder (give it with --data)")
    target = out_dir or DEFAULT_MODEL_DIR
    for name, reports, total in train_from_oeda(folder, target):
        err_console.print(f"{name}: trained on {total} sentences ({reports} reports)")
    err_console.print(f"models written to {target}")


@train.command(name="relations")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="anercorp-relations folder (default: ../shared/data/anercorp-relations).")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder to write model.json to (default: the package's kg/models/relations).")
@click.option("--featurizers", "featurizer_names", multiple=True,
              help="Pair featurizers (default: the built-in ones of the shipped model; +e5 adds the encoder's).")
def train_relations_command(data_dir: Path | None, out_dir: Path | None, featurizer_names: tuple[str, ...]) -> None:
    """Train the relation classifier on the hand-annotated ANERcorp train
    sentences; the threshold is chosen by cross-validation."""
    from kg.pairs.model import DEFAULT_MODEL_DIR, MODEL_FILE
    from kg.pairs.train import train_relations

    target = out_dir or DEFAULT_MODEL_DIR
    before = (target / MODEL_FILE).read_bytes() if (target / MODEL_FILE).is_file() else None
    report = train_relations(data_dir or _shared_data("anercorp-relations"), target,
                             featurizers=_featurizers(featurizer_names))
    overall = report.cross_validation.overall(report.threshold, report.thresholds)
    own = "".join(f", {name} {value:.2f}" for name, value in sorted(report.thresholds.items()))
    err_console.print(f"{report.sentences} sentences, {report.pairs} candidate pairs ({report.related_pairs} related); "
                      f"cross-validated at threshold {report.threshold:.2f}{own}: P {overall.precision:.3f} "
                      f"R {overall.recall:.3f} F1 {overall.f1:.3f}")
    same = before is not None and report.path.read_bytes() == before
    err_console.print(f"model written to {report.path}" + (" (byte-identical to the one it replaced)" if same else ""))


def _counts_json(counts: object) -> dict[str, float]:
    return {
        "tp": counts.tp, "fp": counts.fp, "fn": counts.fn,  # type: ignore[attr-defined]
        "precision": round(counts.precision, 4), "recall": round(counts.recall, 4), "f1": round(counts.f1, 4),  # type: ignore[attr-defined]
    }
