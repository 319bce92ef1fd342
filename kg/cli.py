"""The `kg` command line: build, extract, query, eval, train.

I/O lives here; the pipeline is pure. Every user error ends as one line on
stderr and a non-zero exit (see `main`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections import Counter
from pathlib import Path

import click
from click_default_group import DefaultGroup
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.errors import KgError

err_console = Console(stderr=True)
# Piped output is not cut to a terminal's 80 columns (people grep it).
out_console = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)


def _warn(message: str) -> None:
    click.echo(f"kg: warning: {message}", err=True)


def _split_names(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg", prog_name="kg")
def cli() -> None:
    """kg: Arabic news articles in, one knowledge graph out."""


def _add_view_command() -> None:
    from kg.cli_view import view

    cli.add_command(view)


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for graph.ttl, graph.html and triples.jsonl.")
@click.option("--profile", type=click.Choice(["fast", "accurate"]), default=None,
              help="fast: gazetteer and spaCy NER; accurate: the e5 encoder's NER where a sentence can yield a "
                   "relation (see README). Default: fast. --entities/--relations override its extractors.")
@click.option("--entities", "entity_names", multiple=True, help="Entity extractors, in order (default: the profile's).")
@click.option("--relations", "relation_names", multiple=True, help="Relation extractors (default: the profile's).")
@click.option("--no-html", is_flag=True, help="Skip the HTML viewer.")
@click.option("--focus", help="Draw only this actor's neighbourhood in graph.html (an id, or an English or Arabic name).")
@click.option("--hops", type=click.IntRange(0), default=None, help="With --focus: how many edges away to reach [default: 2].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def build(source: Path, out_dir: Path, profile: str | None, entity_names: tuple[str, ...], relation_names: tuple[str, ...],
          no_html: bool, focus: str | None, hops: int | None, quiet: bool) -> None:
    """Build the graph from SOURCE (an article file or a folder of .txt/.jsonl)."""
    from kg.cli_view import check_focus, write_viewer

    check_focus(focus, hops, no_html)
    from kg.export.events import write_events
    from kg.export.turtle import write_turtle
    from kg.export.triples import write_triples
    from kg.gazetteer import load_gazetteer
    from kg.graph import build_rdf, merge_statements
    from kg.model import DocResult
    from kg.pipeline import DEFAULT_PROFILE, PROFILES, Pipeline
    from kg.reader import ReadProblem, find_article_files, read_articles
    from kg.relations import load_relations

    files = find_article_files(source)
    chosen = PROFILES[profile or DEFAULT_PROFILE]
    pipeline = Pipeline(_split_names(entity_names) or chosen.entities,
                        _split_names(relation_names) or chosen.relations)
    results: list[DocResult] = []
    problems: list[str] = []
    progress = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err_console, transient=True,
                        disable=quiet or not err_console.is_terminal)
    with progress:
        task = progress.add_task("reading files", total=len(files))
        for path in files:
            progress.update(task, description=f"{path.name[:40]}")
            for item in read_articles([path]):
                if isinstance(item, ReadProblem):
                    problems.append(str(item))
                else:
                    results.append(pipeline(item))
            progress.advance(task)
    if not results:
        if len(problems) == 1:
            raise KgError(problems[0])
        raise KgError(f"{source}: no readable articles ({len(problems)} skipped; first: {problems[0]})")
    for problem in problems:
        _warn(f"skipped {problem}")
    gaz, relations = load_gazetteer(), load_relations()
    statements = merge_statements(results, relations)
    graph = build_rdf(results, statements, gaz, relations)
    write_turtle(graph, out_dir / "graph.ttl")
    count = write_triples(results, gaz, out_dir / "triples.jsonl")
    write_events(results, gaz, out_dir / "events.jsonl")
    wrote_html = False
    if not no_html:
        from kg.export.viewer.statements import viewer_graph

        view = viewer_graph(statements, gaz, relations)
        hint = f"the other outputs are in {out_dir}; `kg view {out_dir} --focus ID` draws a neighbourhood from them"
        wrote_html = write_viewer(view, out_dir / "graph.html", f"kg: {source}", focus, hops, hint)
    if not quiet:
        _print_summary(results, statements, count, out_dir, not wrote_html, len(problems))




def _print_summary(results: list, statements: list, count: int, out_dir: Path, no_html: bool, skipped: int) -> None:
    sentences = sum(len(r.sentences) for r in results)
    entities = {m.entity_id for r in results for m in r.mentions}
    by_relation = Counter(m.relation for r in results for m in r.relations)
    table = Table(title=None, show_header=True, header_style="bold")
    table.add_column("relation")
    table.add_column("extracted", justify="right")
    table.add_column("merged", justify="right")
    merged = Counter(s.relation for s in statements)
    for name, n in sorted(by_relation.items(), key=lambda p: (-p[1], p[0])):
        table.add_row(name, str(n), str(merged[name]))
    err_console.print(
        f"documents {len(results)}  sentences {sentences}  entities {len(entities)}  "
        f"relations {count} ({len(statements)} after merging)  events with a side missing "
        f"{sum(len(r.events) for r in results)}" + (f"  skipped files {skipped}" if skipped else "")
    )
    err_console.print(table)
    outputs = ["graph.ttl", "triples.jsonl", "events.jsonl"] + ([] if no_html else ["graph.html"])
    err_console.print("wrote " + ", ".join(str(out_dir / name) for name in outputs))


@cli.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
@click.option("--date", "date_text", help="The article's date (YYYY-MM-DD) when the text does not state it.")
def extract(text: str, as_json: bool, date_text: str | None) -> None:
    """Print the triples of one Arabic TEXT (use - to read standard input)."""
    from kg.export.triples import triple_record
    from kg.gazetteer import load_gazetteer
    from kg.pipeline import Pipeline
    from kg.reader import article_from_text, decode_text

    if text == "-":
        text = decode_text(sys.stdin.buffer.read(), "stdin")
    elif not text.strip():
        raise KgError("empty text")
    date = None
    if date_text:
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError as exc:
            raise KgError(f"--date: '{date_text}' is not a date (use YYYY-MM-DD)") from exc
    article = article_from_text("text", text, metadata_date=date)
    result = Pipeline()(article)
    gaz = load_gazetteer()
    records = [triple_record(result, m, gaz) for m in result.relations]
    if as_json:
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    if not records:
        click.echo("no relations found", err=True)
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("subject", "relation", "object", "modality", "date", "trigger", "confidence"):
        whole = column in ("relation", "modality", "date")  # never cut: people grep for them
        table.add_column(column, overflow="fold", no_wrap=whole, min_width=max(len(column), 10) if whole else None)
    for r in records:
        table.add_row(f"{r['s']} ({r['s_text']})", r["r"], f"{r['o']} ({r['o_text']})", r["modality"],
                      r["date"] or "", r["trigger"], f"{r['confidence']:.2f}")
    out_console.print(table)


@cli.command()
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path), help="Read the query from a .rq file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
def query(graph_path: Path, sparql: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL SELECT/ASK query on GRAPH (a Turtle file from kg build)."""
    from kg.query import format_result, load_store, run_query

    if (sparql is None) == (query_file is None):
        raise KgError("give the query either as an argument or with --file, not both or neither")
    if query_file is not None:
        try:
            sparql = query_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KgError(f"{query_file}: cannot read query ({getattr(exc, 'strerror', None) or exc})") from exc
    store = load_store(graph_path)
    result = run_query(store, sparql or "")
    if fmt != "table" or result.boolean is not None:
        click.echo(format_result(result, fmt))
        return
    table = Table(show_header=True, header_style="bold")
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*row)
    out_console.print(table)
    click.echo(f"{len(result.rows)} row(s)", err=True)


@cli.group(name="eval", cls=DefaultGroup, default="triples", default_if_no_args=True)
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
def evaluate_events(data_dir: Path | None, part: str, show_errors: int) -> None:
    """Event detection (assault, protest) and actor attachment on OEDA's
    Arabic event gold standard."""
    from kg.event_bench import run_event_benchmark

    folder = data_dir or _shared_data("arabic-event-gsr")
    if not folder.is_dir():
        raise KgError(f"{folder}: no such folder (give it with --data)")
    click.echo(run_event_benchmark(folder, part, show_errors))


@evaluate.command(name="relations")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="anercorp-relations folder (default: ../shared/data/anercorp-relations).")
@click.option("--threshold", type=float, default=None, help="Classifier threshold (default: the cross-validated one).")
@click.option("--featurizers", "featurizer_names", multiple=True,
              help="Pair featurizers to cross-validate (default: the built-in ones of the shipped model); --featurizers +e5 adds e5.")
def evaluate_relations(data_dir: Path | None, threshold: float | None, featurizer_names: tuple[str, ...]) -> None:
    """The relation stage on the annotated ANERcorp sentences by
    cross-validation: classifier, rules and both combined, per relation."""
    from kg.pairs.evaluate import evaluate_corpus, format_corpus_report

    featurizers = _featurizers(featurizer_names)
    click.echo(format_corpus_report(evaluate_corpus(data_dir or _shared_data("anercorp-relations"), threshold,
                                                    featurizers=featurizers)))


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


@cli.group()
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
    overall = report.cross_validation.overall(report.threshold)
    err_console.print(f"{report.sentences} sentences, {report.pairs} candidate pairs ({report.related_pairs} related); "
                      f"cross-validated at threshold {report.threshold:.2f}: P {overall.precision:.3f} "
                      f"R {overall.recall:.3f} F1 {overall.f1:.3f}")
    same = before is not None and report.path.read_bytes() == before
    err_console.print(f"model written to {report.path}" + (" (byte-identical to the one it replaced)" if same else ""))


def _counts_json(counts: object) -> dict[str, float]:
    return {
        "tp": counts.tp, "fp": counts.fp, "fn": counts.fn,  # type: ignore[attr-defined]
        "precision": round(counts.precision, 4), "recall": round(counts.recall, 4), "f1": round(counts.f1, 4),  # type: ignore[attr-defined]
    }


_add_view_command()


def main(argv: list[str] | None = None) -> None:
    """Entry point: turn every expected failure into one line and an exit code."""
    try:
        code = cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "kg"
        click.echo(f"{command}: error: {exc.format_message()} (see '{command} --help')", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"kg: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        sys.exit(130)
    except KgError as exc:
        click.echo(f"kg: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("kg: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: still one line, traceback on request
        if os.environ.get("KG_DEBUG"):
            raise
        click.echo(f"kg: internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for the traceback)", err=True)
        sys.exit(70)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
