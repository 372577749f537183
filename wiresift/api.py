"""The Python API: the same operations as the CLI, with the same names and arguments.

    import wiresift
    report = wiresift.ingest(["articles/"], db="news.duckdb")
    for rec in wiresift.extract([{"id": "a1", "text": "...", "published": "2025-08-15"}]):
        ...
    wiresift.articles("news.duckdb", since=datetime.date(2025, 8, 1))
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import render  # noqa: F401  (re-exported for the CLI)
from .jobs import ExtractReport, IngestReport, extract, extract_file
from .jobs import ingest as _ingest
from .parse.models import ModelNotFound
from .paths import DATA_DIR
from .store import Store
from .store import queries as q

__all__ = ["ExtractReport", "IngestReport", "ModelNotFound", "article", "articles", "errors", "events", "export",
           "extract", "extract_file", "highlights", "ingest", "quotes", "samples_dir", "summary"]


def _store(db) -> Store:
    return db if isinstance(db, Store) else Store(db)


def ingest(paths, db="wiresift.duckdb", **kwargs) -> IngestReport:
    """Ingest files/folders/globs into ``db``. See wiresift.jobs.ingest for the options."""
    return _ingest(list(paths), db=_store(db), **kwargs)


def summary(db="wiresift.duckdb") -> dict:
    return q.summary(_store(db))


def articles(db="wiresift.duckdb", since: dt.date | None = None, until: dt.date | None = None,
             outlet: str | None = None, search: str | None = None, limit: int | None = None) -> list[dict]:
    return q.list_articles(_store(db), since, until, outlet, search, limit)


def article(db, article_id: str) -> dict:
    return q.get_article(_store(db), article_id)


def errors(db="wiresift.duckdb", limit: int | None = None) -> list[dict]:
    return q.list_errors(_store(db), limit)


def events(db="wiresift.duckdb", actor: str | None = None, country: str | None = None, type: str | None = None,
           quad: int | None = None, since: str | None = None, until: str | None = None,
           flags: tuple[str, ...] = (), without: tuple[str, ...] = (), section: str | None = None,
           article: str | None = None, limit: int | None = None) -> list[dict]:
    """PLOVER events with actors, recipients and evidence, filtered like `wiresift events`."""
    return q.list_events(_store(db), actor=actor, country=country, type=type, quad=quad, since=since,
                         until=until, flags=tuple(flags), without=tuple(without), section=section,
                         article=article, limit=limit)


def quotes(db="wiresift.duckdb", speaker: str | None = None, search: str | None = None, kind: str | None = None,
           since: dt.date | None = None, until: dt.date | None = None, article: str | None = None,
           limit: int | None = None) -> list[dict]:
    """Quotes with their resolved speakers, filtered like `wiresift quotes`."""
    return q.list_quotes(_store(db), speaker=speaker, search=search, kind=kind, since=since, until=until,
                         article=article, limit=limit)


def highlights(db="wiresift.duckdb", n: int = 12) -> list[dict]:
    """One event per article, the one the coder is surest of among body events that happened
    (not negated or hypothetical), newest articles first: what `wiresift demo` shows so a
    first look at a store reads as "who did what to whom", each with its evidence."""
    best: dict[str, dict] = {}
    for e in q.list_events(_store(db), section="body", without=("negated", "hypothetical")):
        cur = best.get(e["article_id"])
        if cur is None or (e["confidence"] or 0) > (cur["confidence"] or 0):
            best[e["article_id"]] = e
    rows = sorted(best.values(), key=lambda e: (str(e["published"] or ""), e["article_id"]), reverse=True)
    return rows[:n]


def export(db, format: str, out_dir) -> list[tuple[str, Path, int]]:
    return q.export(_store(db), format, out_dir)


def samples_dir() -> Path:
    """The bundled sample corpus (sample texts written for the demo)."""
    return DATA_DIR / "samples"
