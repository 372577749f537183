"""Commands for articles: ingest, extract, list, show, export, errors, summary, demo."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .. import api
from ..store import StoreError
from .app import ActorsOpt, DbOpt, ModelOpt, WorkersOpt, parse_date, emit, fail, run_options, print_error, app, err, out, row_cap

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
                                options=run_options(actors), on_progress=on_progress,
                                on_error=lambda e: print_error(e, progress.console))
        except (StoreError, api.ModelNotFound) as exc:
            fail(str(exc))
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
    options = run_options(actors)
    if input != "-" and not Path(input).is_file():
        fail(f"no such file: {input}")
    src = sys.stdin if input == "-" else open(input, encoding="utf-8", errors="replace")
    dst = sys.stdout if output is None else open(output, "w", encoding="utf-8")
    try:
        report = api.extract_file(src, dst, origin=input if input != "-" else "<stdin>", model=model,
                                  workers=workers, on_error=print_error, options=options)
    except api.ModelNotFound as exc:
        fail(str(exc))
    finally:
        if dst is not sys.stdout:
            dst.close()
    err.print(f"extracted {report.documents} document(s) in {report.seconds:.1f} s; "
              f"{report.failed} failed, {report.bad_lines} bad input line(s)")
    if report.failed or report.bad_lines:
        raise typer.Exit(3)


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
    s, u = parse_date(since, "--since"), parse_date(until, "--until")
    cap = row_cap(limit, format, 50)
    try:
        rows = api.articles(db, since=s, until=u, outlet=outlet, search=search, limit=cap)
    except StoreError as exc:
        fail(str(exc))
    emit(rows, format, lambda rs: api.render.articles_table(rs, width=out.width))


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
        fail(str(exc))
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
        fail(str(exc), 2 if isinstance(exc, ValueError) else 1)
    for table, path, n in done:
        out.print(f"{n:>9,}  {table:<16} {path}")


@app.command()
def errors(db: Path = DbOpt, limit: int = typer.Option(100, help="Rows to show (0 = all)."),
           format: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl.")):
    """List ingest errors and warnings (bad files, lines and records)."""
    try:
        rows = api.errors(db, limit=limit or None)
    except StoreError as exc:
        fail(str(exc))
    emit(rows, format, api.render.errors_table)


@app.command()
def summary(db: Path = DbOpt):
    """What the store holds."""
    try:
        out.print(api.render.summary_table(api.summary(db), title=str(db)))
    except StoreError as exc:
        fail(str(exc))


@app.command()
def demo(db: Path = DbOpt, model: Optional[str] = ModelOpt, workers: int = WorkersOpt):
    """Ingest the bundled sample corpus into the store and print what was found."""
    samples = api.samples_dir()
    out.print(f"[bold]wiresift demo[/bold]: ingesting the bundled sample corpus ({samples}) into {db}")
    try:
        report = api.ingest([str(samples)], db=db, model=model, workers=workers,
                            on_error=print_error)
    except (StoreError, api.ModelNotFound) as exc:
        fail(str(exc))
    out.print(f"{report.stored} new article(s), {report.duplicates} already stored, "
              f"{report.errors} error(s), {report.seconds:.1f} s")
    out.print(api.render.summary_table(api.summary(db), title=f"{db}"))
    rows = api.articles(db, limit=10)
    out.print(api.render.articles_table(rows, width=out.width))
    top = api.highlights(db, n=12)
    if top:
        table = api.render.events_table(top, width=out.width)
        table.title = (f"who did what to whom: one event per article, wire copies once ({len(top)} of "
                       f"{api.summary(db)['events']}), with its evidence")
        out.print(table)
    if rows:
        out.print(f"Try: [bold]wiresift show {rows[0]['id']}[/bold] · wiresift events --type THREATEN · "
                  "wiresift quotes --speaker Trump · wiresift stories · wiresift export --format csv")
