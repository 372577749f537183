"""The `wiresift` Typer app and what every command shares: options, error printing, output.

Commands live in one module per area (articles, evaluation, ...), each a thin shell over
wiresift.api, so anything the CLI does can be done from Python with the same arguments.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from ..records import IngestError
from ..store import DEFAULT_DB

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


def run_options(actors: Optional[list[Path]]) -> dict:
    files = [str(p) for p in actors or []]
    for f in files:
        if not Path(f).is_file():
            fail(f"no such actors file: {f}", 2)
    return {"actors_files": files} if files else {}


def fail(msg: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {msg}")
    raise typer.Exit(code)


def parse_date(value: Optional[str], name: str) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"bad date for {name}: {value!r} (expected YYYY-MM-DD, e.g. 2025-08-15)", 2)


def print_error(e: IngestError, console: Console = err) -> None:
    style = "yellow" if e.severity == "warning" else "red"
    console.print(f"[{style}]{e.severity}[/{style}] {e}", highlight=False, soft_wrap=True)


def row_cap(limit: int, fmt: str, default: int) -> int | None:
    """How many rows to fetch: a table shows ``limit`` (0 = all); a csv/jsonl export is never
    capped unless the user set --limit to something other than its default."""
    if fmt != "table" and limit == default:
        return None
    return limit or None


def emit(rows: list[dict], fmt: str, table_fn) -> None:
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
        fail(f"unknown format {fmt!r}: choose table, csv or jsonl", 2)


