"""The `wiresift` command line. Each command is a thin shell over a function in wiresift.api,
so anything the CLI does can be done from Python with the same arguments."""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import api
from .records import IngestError
from .store import DEFAULT_DB, StoreError

app = typer.Typer(help="wiresift: news articles in, an auditable record of political events out.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode="rich")
eval_app = typer.Typer(help="Score the pipeline on the gold sets and print figures next to the published anchors.",
                       no_args_is_help=True)
app.add_typer(eval_app, name="eval")

out = Console()
err = Console(stderr=True)

DbOpt = typer.Option(Path(DEFAULT_DB), "--db", help="DuckDB file (env WIRESIFT_DB).")
ModelOpt = typer.Option(None, "--model", help="spaCy pipeline: md (default, env WIRESIFT_MODEL), sm, a package or a path.")
WorkersOpt = typer.Option(1, "--workers", "-w", min=1, max=64, help="Worker processes for parsing.")
ActorsOpt = typer.Option(None, "--actors", help="Your own actors (YAML or CSV; see wiresift/data/README.md); repeatable. They win over the shipped ones.")


def _options(actors: Optional[list[Path]]) -> dict:
    files = [str(p) for p in actors or []]
    for f in files:
        if not Path(f).is_file():
            _fail(f"no such actors file: {f}", 2)
    return {"actors_files": files} if files else {}


def _fail(msg: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {msg}")
    raise typer.Exit(code)


def _date(value: Optional[str], name: str) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"bad date for {name}: {value!r} (expected YYYY-MM-DD, e.g. 2025-08-15)", 2)


def _print_error(e: IngestError, console: Console = err) -> None:
    style = "yellow" if e.severity == "warning" else "red"
    console.print(f"[{style}]{e.severity}[/{style}] {e}", highlight=False, soft_wrap=True)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), globs, or - for stdin."),
    db: Path = DbOpt,
    workers: int = WorkersOpt,
    model: Optional[str] = ModelOpt,
    reprocess: bool = typer.Option(False, help="Re-run the pipeline on articles already stored."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar; errors and summary only."),
    actors: Optional[list[Path]] = ActorsOpt,
):
    """Read articles (text, JSONL, HTML, WARC) into the store: clean, parse, extract."""
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                        console=err, transient=True, disable=quiet)
    with progress:
        task = progress.add_task("starting (loading the model)...", total=None)

        def on_progress(r):
            progress.update(task, description=(
                f"{r.stored + r.failed} processed · {r.rate:.1f} articles/s · "
                f"{r.duplicates} duplicates · {r.errors} errors"))

        try:
            report = api.ingest(paths, db=db, model=model, workers=workers, reprocess=reprocess,
                                options=_options(actors), on_progress=on_progress,
                                on_error=lambda e: _print_error(e, progress.console))
        except (StoreError, api.ModelNotFound) as exc:
            _fail(str(exc))
    out.print(
        f"[bold]ingested[/bold] {report.stored} new article(s) in {report.seconds:.1f} s "
        f"({report.rate:.1f}/s); read {report.read}, duplicates {report.duplicates}, "
        f"copies of stored text {report.copies}, failed {report.failed}, "
        f"errors [{'red' if report.errors else 'green'}]{report.errors}[/], warnings {report.warnings}")
    out.print(api.render.summary_table(api.summary(db), title=str(db)))
    if report.errors or report.failed:
        raise typer.Exit(3)


@app.command()
def extract(
    input: str = typer.Argument("-", help="Contract input JSONL ({id, text, published?, title?, url?, source?}); - for stdin."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output JSONL (default stdout)."),
    model: Optional[str] = ModelOpt,
    workers: int = WorkersOpt,
    actors: Optional[list[Path]] = ActorsOpt,
):
    """Run the per-document pipeline with no store: one output line per input line."""
    options = _options(actors)
    if input != "-" and not Path(input).is_file():
        _fail(f"no such file: {input}")
    src = sys.stdin if input == "-" else open(input, encoding="utf-8", errors="replace")
    dst = sys.stdout if output is None else open(output, "w", encoding="utf-8")
    try:
        report = api.extract_file(src, dst, origin=input if input != "-" else "<stdin>", model=model,
                                  workers=workers, on_error=_print_error, options=options)
    except api.ModelNotFound as exc:
        _fail(str(exc))
    finally:
        if dst is not sys.stdout:
            dst.close()
    err.print(f"extracted {report.documents} document(s) in {report.seconds:.1f} s; "
              f"{report.failed} failed, {report.bad_lines} bad input line(s)")
    if report.failed or report.bad_lines:
        raise typer.Exit(3)


def _emit(rows: list[dict], fmt: str, table_fn) -> None:
    if fmt == "table":
        out.print(table_fn(rows))
    elif fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r, default=str, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    else:
        _fail(f"unknown format {fmt!r}: choose table, csv or jsonl", 2)


@app.command()
def articles(
    db: Path = DbOpt,
    since: Optional[str] = typer.Option(None, help="Published on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, help="Published on or before YYYY-MM-DD."),
    outlet: Optional[str] = typer.Option(None, help="Outlet name contains."),
    search: Optional[str] = typer.Option(None, help="Text or title contains."),
    limit: int = typer.Option(50, help="Rows to show in a table (0 = all); csv/jsonl are never capped unless set."),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
):
    """List stored articles."""
    s, u = _date(since, "--since"), _date(until, "--until")
    cap = limit if (format == "table" or limit != 50) else 0
    try:
        rows = api.articles(db, since=s, until=u, outlet=outlet, search=search, limit=cap or None)
    except StoreError as exc:
        _fail(str(exc))
    _emit(rows, format, api.render.articles_table)


@app.command()
def show(
    article_id: str = typer.Argument(..., help="Article id or a unique prefix of it."),
    db: Path = DbOpt,
    entities: bool = typer.Option(False, "--entities", "-e", help="Highlight and list named entities."),
):
    """Show an article with its sections coloured by kind and its evidence highlighted."""
    try:
        art = api.article(db, article_id)
    except StoreError as exc:
        _fail(str(exc))
    out.print(api.render.article_view(art, show_entities=entities))


@app.command()
def export(
    format: str = typer.Option("csv", "--format", "-f", help="csv, jsonl or parquet."),
    out_dir: Path = typer.Option(Path("export"), "--out", "-o", help="Folder to write one file per table into."),
    db: Path = DbOpt,
):
    """Export every table (no row caps)."""
    try:
        done = api.export(db, format, out_dir)
    except (StoreError, ValueError) as exc:
        _fail(str(exc), 2 if isinstance(exc, ValueError) else 1)
    for table, path, n in done:
        out.print(f"{n:>9,}  {table:<16} {path}")


@app.command()
def errors(db: Path = DbOpt, limit: int = typer.Option(100, help="Rows to show (0 = all)."),
           format: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl.")):
    """List ingest errors and warnings (bad files, lines and records)."""
    try:
        rows = api.errors(db, limit=limit or None)
    except StoreError as exc:
        _fail(str(exc))
    _emit(rows, format, api.render.errors_table)


@app.command()
def summary(db: Path = DbOpt):
    """What the store holds."""
    try:
        out.print(api.render.summary_table(api.summary(db), title=str(db)))
    except StoreError as exc:
        _fail(str(exc))


@app.command()
def demo(db: Path = DbOpt, model: Optional[str] = ModelOpt, workers: int = WorkersOpt):
    """Ingest the bundled sample corpus into the store and print what was found."""
    samples = api.samples_dir()
    out.print(f"[bold]wiresift demo[/bold]: ingesting the bundled sample corpus ({samples}) into {db}")
    try:
        report = api.ingest([str(samples)], db=db, model=model, workers=workers,
                            on_error=_print_error)
    except (StoreError, api.ModelNotFound) as exc:
        _fail(str(exc))
    out.print(f"{report.stored} new article(s), {report.duplicates} already stored, "
              f"{report.errors} error(s), {report.seconds:.1f} s")
    out.print(api.render.summary_table(api.summary(db), title=f"{db}"))
    rows = api.articles(db, limit=10)
    out.print(api.render.articles_table(rows))
    if rows:
        out.print(f"Try: [bold]wiresift show {rows[0]['id']}[/bold] · wiresift articles · wiresift export --format csv")


@eval_app.command("seeds")
def eval_seeds(model: Optional[str] = ModelOpt):
    """The five real seed articles against ../shared/gold/seeds.yaml."""
    from .eval import seeds

    try:
        result = seeds.evaluate(model=model)
    except FileNotFoundError as exc:
        _fail(str(exc))
    for part in seeds.render(result):
        out.print(part)
    if not result["ok"]:
        raise typer.Exit(4)


def main() -> None:  # pragma: no cover
    app()
