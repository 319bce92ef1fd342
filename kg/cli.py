"""The `kg` command line: build, remove and extract here; query, export,
validate and serve in kg/cli_workbench.py; eval and train in kg/cli_eval.py;
view in kg/cli_view.py. All are registered on the one `kg` group below.

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
from rich.progress import MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.cli_common import _split_names, _warn, _warn_unread, err_console, out_console
from kg.errors import KgError

if TYPE_CHECKING:
    from kg.build import BuildOutcome
    from kg.engines.dask_engine import DaskSettings



@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg", prog_name="kg")
def cli() -> None:
    """kg: Arabic news articles in, one knowledge graph out."""


def _add_commands() -> None:
    from kg.cli_eval import evaluate, train
    from kg.cli_view import view
    from kg.cli_workbench import export_command, query, serve, validate_command

    for command in (query, export_command, validate_command, serve, evaluate, train, view):
        cli.add_command(command)


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
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: extract on a dask.distributed cluster (a local one unless --scheduler) and bulk-load "
                   "its N-Quads shards into the store (see README, Cluster builds).")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="With --engine dask: the scheduler of a running cluster.")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="With --engine dask: split the articles into this many tasks [default: 4 per worker, "
                   "at most ~200 articles each].")
@click.option("--shards", "shard_dir", type=click.Path(path_type=Path), default=None,
              help="With --engine dask: workers write their shards here (shared storage, same path on every "
                   "worker) instead of sending them back to this process.")
@click.option("--connect-timeout", type=click.FloatRange(min=0.1), default=5.0, show_default=True,
              help="With --scheduler: seconds to wait for the scheduler and for a first worker.")
@click.pass_context
def build(ctx: click.Context, source: Path, out_dir: Path, profile: str | None, entity_names: tuple[str, ...],
          relation_names: tuple[str, ...], jobs: int, no_html: bool, focus: str | None, hops: int | None, quiet: bool,
          store_dir: Path | None, engine: str, scheduler: str | None, partitions: int | None, shard_dir: Path | None,
          connect_timeout: float) -> None:
    """Build the graph from SOURCE (an article file or a folder of .txt/.jsonl)."""
    from kg.build import run_build
    from kg.cli_view import check_focus
    from kg.pipeline import DEFAULT_PROFILE, PROFILES

    check_focus(focus, hops, no_html)

    chosen = PROFILES[profile or DEFAULT_PROFILE]
    if engine == "dask":
        from kg.engines.dask_engine import DaskSettings

        jobs_given = ctx.get_parameter_source("jobs") is not click.core.ParameterSource.DEFAULT
        if scheduler is not None and jobs_given:
            _warn("--jobs is not used with --scheduler: the cluster's workers do the work")
        settings = DaskSettings(scheduler, (jobs if jobs_given else 0) or os.cpu_count() or 1, partitions, shard_dir,
                                connect_timeout)
        _build_dask(source, out_dir, _split_names(entity_names) or chosen.entities,
                    _split_names(relation_names) or chosen.relations, settings, store_dir, no_html, quiet, focus, hops)
        return
    for name, value in (("--scheduler", scheduler), ("--partitions", partitions), ("--shards", shard_dir)):
        if value is not None:
            raise click.UsageError(f"{name} needs --engine dask")
    if store_dir is not None:
        if jobs != 1:
            _warn("--jobs is not used with --store: a store is written by one process")
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
    _warn_unread(outcome.skipped, outcome.empty)
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


def _build_dask(source: Path, out_dir: Path, entity_names: tuple[str, ...], relation_names: tuple[str, ...],
                settings: "DaskSettings", store_dir: Path | None, no_html: bool, quiet: bool, focus: str | None,
                hops: int | None) -> None:
    from kg.engines.dask_engine import run_dask_build

    progress = Progress(TextColumn("[progress.description]{task.description}"), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err_console, transient=True,
                        disable=quiet or not err_console.is_terminal)
    task = progress.add_task("articles", total=None)

    def advance(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)
        if not progress.live.is_started:
            progress.start()

    try:
        report = run_dask_build(source, out_dir, entity_names, relation_names, settings, store_dir,
                                html=not no_html, focus=focus, hops=hops, on_documents=advance)
    finally:
        progress.stop()
    for doc_id in report.duplicates:
        _warn(f"article id {doc_id!r} occurs more than once; the last one is kept")
    _warn_unread(report.problems, report.empty)
    if not quiet:
        err_console.print(report.line())
        if report.cleaned:
            err_console.print(f"removed {len(report.cleaned)} leftover(s) of an interrupted build")
        err_console.print(f"wrote {out_dir}" + (f" from {store_dir}" if store_dir is not None else ""))


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


_add_commands()


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
