"""The `kg` command line: build, extract, query, eval, train.

I/O lives here; the pipeline is pure. Every user error ends as one line on
stderr and a non-zero exit (see `main`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click_default_group import DefaultGroup
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.errors import KgError

if TYPE_CHECKING:
    from kg.build import BuildOutcome

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
              help="Folder for graph.ttl, graph.html, triples.jsonl and events.jsonl (replaced as a whole).")
@click.option("--profile", type=click.Choice(["fast", "accurate"]), default=None,
              help="fast: gazetteer and spaCy NER; accurate: the e5 encoder's NER where a sentence can yield a "
                   "relation (see README). Default: fast. --entities/--relations override its extractors.")
@click.option("--entities", "entity_names", multiple=True, help="Entity extractors, in order (default: the profile's).")
@click.option("--relations", "relation_names", multiple=True, help="Relation extractors (default: the profile's).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per CPU). The outputs are the same bytes for any number.")
@click.option("--no-html", is_flag=True, help="Skip the HTML viewer.")
@click.option("--focus", help="Draw only this actor's neighbourhood in graph.html (an id, or an English or Arabic name).")
@click.option("--hops", type=click.IntRange(0), default=None, help="With --focus: how many edges away to reach [default: 2].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Add the articles to a persistent store (a directory; unchanged articles are skipped) "
                   "and write the outputs from it.")
def build(source: Path, out_dir: Path, profile: str | None, entity_names: tuple[str, ...], relation_names: tuple[str, ...],
          jobs: int, no_html: bool, focus: str | None, hops: int | None, quiet: bool, store_dir: Path | None) -> None:
    """Build the graph from SOURCE (an article file or a folder of .txt/.jsonl)."""
    from kg.build import run_build
    from kg.cli_view import check_focus
    from kg.pipeline import DEFAULT_PROFILE, PROFILES

    check_focus(focus, hops, no_html)

    chosen = PROFILES[profile or DEFAULT_PROFILE]
    if store_dir is not None:
        _build_store(source, store_dir, _split_names(entity_names) or chosen.entities,
                     _split_names(relation_names) or chosen.relations, out_dir, no_html, quiet, focus, hops)
        return
    jobs = jobs or os.cpu_count() or 1
    progress = Progress(TextColumn("[progress.description]{task.description}"), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err_console, transient=True,
                        disable=quiet or not err_console.is_terminal)
    task = progress.add_task("articles", total=None)

    def advance(_: object) -> None:
        # started at the first document, not before: the workers of --jobs are forked by then,
        # and a fork must not copy a process whose progress thread is running
        if not progress.live.is_started:
            progress.start()
        progress.advance(task)

    try:
        outcome = run_build(source, out_dir, _split_names(entity_names) or chosen.entities,
                            _split_names(relation_names) or chosen.relations, jobs=jobs, html=not no_html,
                            on_document=advance, focus=focus, hops=hops)
    finally:
        progress.stop()
    for problem in outcome.skipped:
        _warn(f"skipped {problem}")
    for name in outcome.empty:
        _warn(f"{name}: no entity found")
    if not quiet:
        _print_summary(outcome)


def _build_store(source: Path, store_dir: Path, entity_names: tuple[str, ...], relation_names: tuple[str, ...],
                 out_dir: Path, no_html: bool, quiet: bool, focus: str | None, hops: int | None) -> None:
    from kg.store.build import build_store

    report = build_store(source, store_dir, entity_names, relation_names, out_dir, html=not no_html,
                         title=f"kg: {store_dir}", focus=focus, hops=hops)
    for problem in report.problems:
        _warn(f"skipped {problem}")
    for doc_id in report.duplicates:
        _warn(f"article id {doc_id!r} occurs more than once; the last one is kept")
    if not quiet:
        err_console.print(report.line())
        err_console.print(f"wrote {out_dir} from {store_dir}")


@cli.command()
@click.argument("doc_ids", metavar="DOC_ID...", nargs=-1, required=True)
@click.option("--store", "store_dir", type=click.Path(path_type=Path), required=True, help="The store directory.")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Also rewrite this out folder from the store.")
@click.option("--no-html", is_flag=True, help="Skip the HTML viewer in the out folder.")
def remove(doc_ids: tuple[str, ...], store_dir: Path, out_dir: Path | None, no_html: bool) -> None:
    """Take articles out of a store: statements no other article supports go,
    merged confidence and counts are recomputed."""
    from kg.store.build import remove_documents

    removed, left = remove_documents(store_dir, doc_ids, out_dir, html=not no_html)
    err_console.print(f"removed {len(removed)} document(s); {left} left in {store_dir}")


def _print_summary(outcome: BuildOutcome) -> None:
    table = Table(title=None, show_header=True, header_style="bold")
    table.add_column("relation")
    table.add_column("extracted", justify="right")
    table.add_column("merged", justify="right")
    for name, n in sorted(outcome.extracted.items(), key=lambda p: (-p[1], p[0])):
        table.add_row(name, str(n), str(outcome.merged[name]))
    err_console.print(
        f"documents {outcome.documents}  sentences {outcome.sentences}  entities {outcome.entities}  "
        f"relations {outcome.triples} ({sum(outcome.merged.values())} after merging)  events with a side missing "
        f"{outcome.events}" + (f"  skipped {len(outcome.skipped)}" if outcome.skipped else "")
        + (f"  without entities {len(outcome.empty)}" if outcome.empty else "")
    )
    err_console.print(table)
    if outcome.cleaned:
        err_console.print(f"removed {len(outcome.cleaned)} leftover(s) of an interrupted build")
    err_console.print("wrote " + ", ".join(str(outcome.out_dir / name) for name in outcome.outputs))


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
@click.argument("args", metavar="[GRAPH] [SPARQL]", nargs=-1)
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help="Query a store instead of a GRAPH file.")
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path), help="Read the query from a .rq file.")
@click.option("--named", "named", help="Run a shipped named query (see --list).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A named query's parameter (repeatable).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries with their parameters.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
def query(args: tuple[str, ...], store_dir: Path | None, query_file: Path | None, named: str | None,
          params: tuple[str, ...], list_queries: bool, fmt: str) -> None:
    """Run a SPARQL SELECT/ASK query on GRAPH (a Turtle file from kg build) or on --store DIR.

    The query is SPARQL text, --file Q.rq or --named NAME [--param K=V …]."""
    from kg.query import format_result, load_store, run_query

    if list_queries:
        _list_named_queries(fmt)
        return
    graph_path: Path | None = None
    if store_dir is None:
        if not args:
            raise click.UsageError("give a GRAPH file or --store DIR (or --list)")
        graph_path, args = Path(args[0]), args[1:]
    if len(args) > 1:
        raise click.UsageError(f"unexpected extra argument {args[1]!r}")
    sparql = args[0] if args else None
    if sum(x is not None for x in (sparql, query_file, named)) != 1:
        raise KgError("give the query either as an argument, with --file or with --named (exactly one)")
    if params and named is None:
        raise KgError("--param goes with --named")
    if query_file is not None:
        try:
            sparql = query_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KgError(f"{query_file}: cannot read query ({getattr(exc, 'strerror', None) or exc})") from exc
    if named is not None:
        from kg.named_queries import named_query, parse_params

        sparql = named_query(named).render(parse_params(params))
    if store_dir is not None:
        from kg.store import KgStore

        with KgStore(store_dir) as kgstore:
            result = run_query(kgstore.rdf, sparql or "")
    else:
        assert graph_path is not None
        result = run_query(load_store(graph_path), sparql or "")
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


def _list_named_queries(fmt: str) -> None:
    from kg.named_queries import named_queries

    queries = named_queries().values()
    if fmt == "json":
        click.echo(json.dumps([{"name": q.name, "description": q.description,
                                "params": [{"name": p.name, "type": p.type, "default": p.default,
                                            "optional": p.optional, "help": p.help} for p in q.params]}
                               for q in queries], ensure_ascii=False, indent=2))
        return
    for q in queries:
        click.echo(f"{q.name}: {q.description}")
        for p in q.params:
            default = "optional" if p.optional else (f"default {p.default}" if p.default else "required")
            click.echo(f"    --param {p.name}=<{p.type}>  {p.help} ({default})")


@cli.command(name="export")
@click.argument("out_folder", metavar="[OUT_DIR]", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help="Export from a store instead of OUT_DIR.")
@click.option("--format", "fmt", required=True, type=click.Choice(["ttl", "nt", "nq", "jsonld", "graphml", "gexf", "csv"]),
              help="ttl, nt, nq (a store's named graphs too), jsonld; graphml, gexf, csv (entities and statements "
                   "for Gephi/networkx).")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              help="The file to write (for csv: a folder that receives nodes.csv and edges.csv).")
def export_command(out_folder: Path | None, store_dir: Path | None, fmt: str, output: Path) -> None:
    """Export the graph of an out folder (graph.ttl) or of a store in another format."""
    from kg.export.formats import WRITERS
    from kg.export.source import open_source

    with open_source(out_folder, store_dir) as source:
        WRITERS[fmt](source, output)
    click.echo(f"wrote {output}", err=True)


@cli.command(name="validate")
@click.argument("graph_path", metavar="[GRAPH]", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help="Validate a store's merged graph.")
def validate_command(graph_path: Path | None, store_dir: Path | None) -> None:
    """Check GRAPH (a graph.ttl or an out folder) or --store DIR against the SHACL
    shapes in ontology/shapes.ttl; exit 1 when it does not conform."""
    from kg.export.source import open_source
    from kg.store.terms import rdflib_graph
    from kg.validate import format_report, validate_graph

    with open_source(graph_path, store_dir) as source:
        data = rdflib_graph(source.triples())
        label = source.label
    report = validate_graph(data)
    click.echo(format_report(report, label))
    if not report.conforms:
        raise KgError(f"{label}: the graph does not conform to the kg shapes")


@cli.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), required=True, help="The store directory.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--timeout", "timeout_s", type=click.IntRange(1), default=60, show_default=True,
              help="Seconds a query may run.")
@click.option("-v", "--verbose", is_flag=True, help="Log every request on stderr.")
def serve(store_dir: Path, port: int, timeout_s: int, verbose: bool) -> None:
    """A local SPARQL 1.1 endpoint on 127.0.0.1 (/query) with a query page
    and the named queries; read-only. Ctrl-C stops it."""
    from kg.store.serve import serve as run_server

    def ready(url: str) -> None:
        click.echo(f"kg serve: {url} (SPARQL endpoint {url}query); Ctrl-C stops", err=True)

    run_server(store_dir, port, timeout_s=timeout_s, verbose=verbose, ready=ready)


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
