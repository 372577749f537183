"""Commands across articles: stories, story, disputes, unmerge, relink, pubdates, accept-date.

Thin shells over wiresift.link (writes) and wiresift.link.queries (reads); every listing
goes through ``emit`` so it can be a table, CSV or JSON lines.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..store import Store, StoreError
from .app import DbOpt, ModelOpt, app, emit, err, fail, out, parse_date, row_cap

FormatOpt = typer.Option("table", "--format", "-f", help="table, csv or jsonl.")


def _store(db: Path) -> Store:
    return Store(db)


def _short(v, n: int = 80) -> str:
    s = "" if v is None else " ".join(str(v).split())
    return s if len(s) <= n else s[: n - 1] + "…"


# -- tables ---------------------------------------------------------------------------------

def stories_table(rows: list[dict]) -> Table:
    t = Table("story", "title", "first", "last", "articles", "sources", "events", "disputes", header_style="bold",
              title=f"{len(rows)} stories")
    for r in rows:
        t.add_row(r["id"], _short(r["title"], 70), str(r["first_date"] or "?"), str(r["last_date"] or "?"),
                  str(r["n_articles"]), str(r["n_sources"]), str(r["n_events"]),
                  f"[red]{r['disputes']}[/red]" if r["disputes"] else "0")
    return t


def timeline_table(rows: list[dict]) -> Table:
    t = Table("kind", "date", "id", "what", "sources", "n", "detail", header_style="bold")
    style = {"article": "", "event": "cyan", "quote": "green", "dispute": "red", "claim": "dim"}
    for r in rows:
        s = style.get(r["kind"], "")
        t.add_row(f"[{s}]{r['kind']}[/{s}]" if s else r["kind"], str(r["date"] or ""), r["id"], _short(r["what"], 70),
                  _short(r["sources"], 30), str(r["n"]), _short(r["detail"], 90))
    return t


def disputes_table(rows: list[dict]) -> Table:
    t = Table("dispute", "quantity", "subject", "countries", "value", "low", "high", "date", "outlet", "evidence", "why",
              header_style="bold", title="numeric claims that disagree across sources")
    for r in rows:
        t.add_row(r["dispute_id"], r["quantity"], r["subject"] or "", r["countries"], r["value"], f"{r['low']:,.0f}",
                  f"{r['high']:,.0f}", str(r["day"] or "undated"), r["outlet"] or r["article_id"][:8],
                  _short(r["evidence"], 70), _short(r["why"], 60))
    return t


def pubdates_table(rows: list[dict]) -> Table:
    t = Table("article", "estimate", "from", "to", "confidence", "used as", "accepted", "evidence", header_style="bold",
              title="publication-date estimates for undated articles (articles.published is never changed)")
    for r in rows:
        t.add_row(r["article_id"], str(r["estimate"] or "-"), str(r["lo"]), str(r["hi"] or "open"), f"{r['confidence']:.2f}",
                  r["used_as"] or "", str(r["accepted"] or ""), _short(r["evidence"], 100))
    return t


def merged_table(rows: list[dict]) -> Table:
    t = Table("merged event", "type", "actor", "recipient", "date", "place", "first reported", "sources", "articles",
              "independent", "story", "summary", header_style="bold", title=f"{len(rows)} merged events")
    for r in rows:
        t.add_row(r["id"], r["type"], _short(r["actor"], 30), _short(r["recipient"], 30), str(r["date"] or ""),
                  _short(r["place"], 20), str(r["first_reported"] or ""), str(r["n_sources"]), str(r["n_articles"]),
                  str(r["n_independent"]), r["story_id"] or "", _short(r["summary"], 70))
    return t


def variants_table(rows: list[dict]) -> Table:
    t = Table("group", "speaker", "article", "outlet", "date", "relation", "wording", "differs", header_style="bold",
              title="wordings of one statement across articles")
    for r in rows:
        t.add_row(r["group_id"], _short(r["speaker"], 25), r["article_id"][:12], _short(r["outlet"], 20), str(r["day"] or ""),
                  r["relation"] or "", _short(r["text"], 80), _short(r["differs"], 60))
    return t


def list_merged(db: Path, type: str | None, actor: str | None, story: str | None, min_sources: int, limit: int,
                format: str) -> None:
    """`wiresift events --merged`: merged events (one row per real act), not article-level events."""
    from ..link import queries

    cap = row_cap(limit, format, 50)
    try:
        rows = queries.merged_events(_store(db), min_sources=min_sources, type=type, story=story, actor=actor,
                                     limit=cap)
    except StoreError as exc:
        fail(str(exc))
    emit(rows, format, merged_table)


def list_variants(db: Path, speaker: str | None, story: str | None, limit: int, format: str) -> None:
    """`wiresift quotes --variants`: groups of wordings of one statement, one row per wording."""
    from ..link import queries

    cap = row_cap(limit, format, 50)
    try:
        rows = queries.quote_variant_groups(_store(db), speaker=speaker, story=story, limit=cap)
    except StoreError as exc:
        fail(str(exc))
    emit(rows, format, variants_table)


# -- commands ---------------------------------------------------------------------------------

@app.command()
def stories(
    db: Path = DbOpt,
    since: Optional[str] = typer.Option(None, help="Stories active on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, help="Stories active on or before YYYY-MM-DD."),
    search: Optional[str] = typer.Option(None, help="Title, actors, places or words contain."),
    min_articles: int = typer.Option(1, "--min-articles", help="Only stories with at least this many articles."),
    limit: int = typer.Option(50, help="Rows in a table (0 = all); csv/jsonl are never capped unless set."),
    format: str = FormatOpt,
):
    """List stories: articles about one development, linked as they were ingested."""
    cap = row_cap(limit, format, 50)
    from ..link import queries

    try:
        rows = queries.list_stories(_store(db), parse_date(since, "--since"), parse_date(until, "--until"), search,
                                    min_articles, cap)
    except StoreError as exc:
        fail(str(exc))
    emit(rows, format, stories_table)


@app.command()
def story(
    story_id: str = typer.Argument(..., help="Story id or a unique prefix of it."),
    db: Path = DbOpt,
    format: str = FormatOpt,
):
    """A story's timeline: articles, merged events with sources, quote variants, disputed numbers."""
    from ..link import queries

    try:
        s = queries.get_story(_store(db), story_id)
    except StoreError as exc:
        fail(str(exc))
    rows = queries.story_timeline(s)
    if format == "table":
        out.print(f"[bold]{s['title']}[/bold]  ({s['id']}; {s['first_date'] or '?'} to {s['last_date'] or '?'}; "
                  f"{s['n_articles']} articles from {s['n_sources']} independent sources)")
    emit(rows, format, timeline_table)


@app.command()
def disputes(
    db: Path = DbOpt,
    all: bool = typer.Option(False, "--all", help="Also groups of claims that agree."),
    quantity: Optional[str] = typer.Option(None, help="deaths, injuries, casualties, displaced, troops, money, percent, duration."),
    limit: int = typer.Option(200, help="Rows in a table (0 = all); csv/jsonl are never capped unless set."),
    format: str = FormatOpt,
):
    """Numbers that sources give differently: one row per value, with its source, date and evidence."""
    from ..link import queries

    cap = row_cap(limit, format, 200)
    try:
        rows = queries.disputes(_store(db), include_agreeing=all, quantity=quantity, limit=cap)
    except StoreError as exc:
        fail(str(exc))
    emit(rows, format, disputes_table)


@app.command()
def unmerge(
    event_id: str = typer.Argument(..., help="Merged event id (m-...) or a unique prefix of it."),
    db: Path = DbOpt,
    source: Optional[str] = typer.Option(None, "--source", help="Split only this source event out (article-level event id)."),
    note: Optional[str] = typer.Option(None, help="Why, kept with the override."),
):
    """Split a merged event back into its sources; the split survives re-ingest and relink.

    The split is stored in link_overrides (never recomputed), keyed by article and evidence span.
    """
    from .. import api

    try:
        mid, new = api.unmerge(_store(db), event_id, source=source, note=note)
    except (StoreError, KeyError, ValueError) as exc:
        fail(str(exc).strip("'\""))
    out.print(f"split {mid}: its sources are now in {len(new)} merged event(s): {', '.join(new)}")


@app.command()
def relink(
    db: Path = DbOpt,
    settings: Optional[Path] = typer.Option(None, help="A settings YAML instead of wiresift/data/link/settings.yaml."),
):
    """Recompute all cross-article links from the stored records with the current settings.

    Stories, copy groups, merged events, quote groups and disputes are rebuilt; user splits and
    accepted dates are kept.
    """
    from ..link import load_settings, relink as do_relink

    store = _store(db)
    if not store.exists:
        fail(f"no database at {db}")
    s = load_settings(settings) if settings else None
    started = dt.datetime.now()
    try:
        with store.write() as con:
            res = do_relink(con, s, on_progress=lambda done, n: err.print(f"\rlinked {done}/{n}", end=""))
    except StoreError as exc:
        fail(str(exc))
    err.print()
    secs = (dt.datetime.now() - started).total_seconds()
    out.print(f"relinked {res['articles']} articles in {secs:.1f} s: {res['stories']} stories, "
              f"{res['merged_events']} events merged across articles, {res['quote_groups']} quote groups across articles, "
              f"{res['disputes']} disputed numbers")


@app.command()
def pubdates(
    db: Path = DbOpt,
    article: Optional[str] = typer.Option(None, help="Only this article (id prefix)."),
    format: str = FormatOpt,
):
    """Publication-date estimates for undated articles, with the evidence behind each."""
    from ..link import queries

    try:
        rows = queries.pubdate_estimates(_store(db), article)
    except StoreError as exc:
        fail(str(exc))
    emit(rows, format, pubdates_table)


@app.command("accept-date")
def accept_date(
    article_id: str = typer.Argument(..., help="Article id or a unique prefix of it."),
    db: Path = DbOpt,
    date: Optional[str] = typer.Option(None, "--date", help="Use this date instead of the estimate (YYYY-MM-DD)."),
    reextract: bool = typer.Option(True, "--reextract/--no-reextract",
                                   help="Run the pipeline again with the date so relative dates resolve."),
    model: Optional[str] = ModelOpt,
):
    """Accept an undated article's estimated publication date (or give one).

    It is stored as an override, never in articles.published; linking uses it, and
    re-extraction resolves the article's relative dates ("on Tuesday") against it.
    """
    from .. import api

    try:
        aid, used = api.accept_date(_store(db), article_id, parse_date(date, "--date"), reextract=False)
    except (StoreError, KeyError, ValueError) as exc:
        fail(str(exc).strip("'\""))
    out.print(f"accepted {used} as the publication date of {aid} (articles.published stays empty)")
    if reextract:
        from ..link.redate import reextract as do_reextract

        do_reextract(_store(db), [aid], model=model)
        out.print("re-extracted with that date: relative dates now resolve")
