"""Commands for what was extracted: `wiresift events` and `wiresift quotes`."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .. import render
from ..store import Store, StoreError
from ..store import queries as q
from .app import DbOpt, app, emit, fail, parse_date, row_cap


@app.command()
def events(
    db: Path = DbOpt,
    actor: Optional[str] = typer.Option(None, help="Actor or recipient name contains, or an actor id (p:vladimir-putin)."),
    country: Optional[str] = typer.Option(None, help="Actor or recipient country code (RUS, USA, EUR, IGO ...)."),
    type: Optional[str] = typer.Option(None, "--type", "-t", help="PLOVER event type (THREATEN, CONSULT ...)."),
    quad: Optional[int] = typer.Option(None, min=1, max=4, help="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict."),
    since: Optional[str] = typer.Option(None, help="Event date on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, help="Event date on or before YYYY-MM-DD."),
    flag: list[str] = typer.Option([], "--flag", help="Only events with this flag (negated, hypothetical, future, reported, historical, disputed); repeatable."),
    without: list[str] = typer.Option([], "--without", help="Only events without this flag; repeatable."),
    section: Optional[str] = typer.Option(None, help="body or caption."),
    article: Optional[str] = typer.Option(None, help="Article id (or prefix)."),
    limit: int = typer.Option(50, help="Rows in a table (0 = all); csv/jsonl are uncapped unless set."),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
    merged: bool = typer.Option(False, "--merged", help="Merged events across articles (one row per real act, with its sources) instead."),
    min_sources: int = typer.Option(1, "--min-sources", help="With --merged: only events reported in at least this many articles."),
    story: Optional[str] = typer.Option(None, help="With --merged: story id (or prefix)."),
):
    """List PLOVER events with actors, dates, places, flags and their evidence."""
    if merged:
        from .stories import list_merged

        return list_merged(db, type, actor, story, min_sources, limit, format)
    for value, name in ((since, "--since"), (until, "--until")):
        parse_date(value, name)
    cap = row_cap(limit, format, 50)
    try:
        rows = q.list_events(Store(db), actor=actor, country=country, type=type, quad=quad, since=since,
                             until=until, flags=tuple(flag), without=tuple(without), section=section,
                             article=article, limit=cap)
    except StoreError as exc:
        fail(str(exc))
    except ValueError as exc:
        fail(str(exc), 2)
    emit(rows, format, render.events_table)


@app.command()
def quotes(
    db: Path = DbOpt,
    speaker: Optional[str] = typer.Option(None, help="Speaker name contains, or an actor id."),
    search: Optional[str] = typer.Option(None, help="Quote text contains."),
    kind: Optional[str] = typer.Option(None, help="direct, mixed or indirect."),
    since: Optional[str] = typer.Option(None, help="Article published on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, help="Article published on or before YYYY-MM-DD."),
    article: Optional[str] = typer.Option(None, help="Article id (or prefix)."),
    limit: int = typer.Option(50, help="Rows in a table (0 = all); csv/jsonl are uncapped unless set."),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
    variants: bool = typer.Option(False, "--variants", help="Groups of wordings of one statement across articles instead."),
    story: Optional[str] = typer.Option(None, help="With --variants: story id (or prefix)."),
):
    """List quotes with their resolved speakers."""
    if variants:
        from .stories import list_variants

        return list_variants(db, speaker, story, limit, format)
    cap = row_cap(limit, format, 50)
    try:
        rows = q.list_quotes(Store(db), speaker=speaker, search=search, kind=kind, since=parse_date(since, "--since"),
                             until=parse_date(until, "--until"), article=article, limit=cap)
    except StoreError as exc:
        fail(str(exc))
    emit(rows, format, render.quotes_table)
