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

__all__ = ["ExtractReport", "IngestReport", "ModelNotFound", "accept_date", "article", "articles", "disputes",
           "errors", "events", "export", "extract", "extract_file", "highlights", "ingest", "merged_events",
           "pubdates", "quote_variants", "quotes", "relink", "samples_dir", "stories", "story", "summary", "unmerge"]


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
    first look at a store reads as "who did what to whom", each with its evidence. Copies of
    one wire story count once (their copy group, as linking found it)."""
    store = _store(db)
    group = {r["article_id"]: r["g"] for r in store.query(
        "SELECT article_id, coalesce(copy_group, article_id) AS g FROM article_links")}
    best: dict[str, dict] = {}
    for e in q.list_events(store, section="body", without=("negated", "hypothetical")):
        key = group.get(e["article_id"], e["article_id"])
        cur = best.get(key)
        if cur is None or (e["confidence"] or 0) > (cur["confidence"] or 0):
            best[key] = e
    rows = sorted(best.values(), key=lambda e: (str(e["published"] or ""), e["article_id"]), reverse=True)
    return rows[:n]


# -- across articles (wiresift/link): stories, merged events, quote variants, disputes, dates ----

def stories(db="wiresift.duckdb", since: dt.date | None = None, until: dt.date | None = None,
            search: str | None = None, min_articles: int = 1, limit: int | None = None) -> list[dict]:
    """Stories (articles about one development, linked as they were ingested), like `wiresift stories`."""
    from .link import queries as lq

    return lq.list_stories(_store(db), since=since, until=until, search=search, min_articles=min_articles, limit=limit)


def story(db, story_id: str) -> dict:
    """One story with its articles, merged events and their sources, quote groups and disputes;
    ``story(...)["timeline"]`` is what `wiresift story ID` prints."""
    from .link import queries as lq

    s = lq.get_story(_store(db), story_id)
    s["timeline"] = lq.story_timeline(s)
    return s


def merged_events(db="wiresift.duckdb", min_sources: int = 1, type: str | None = None, story: str | None = None,
                  limit: int | None = None) -> list[dict]:
    """Events merged across articles, each with its sources and the reasons for the merge."""
    from .link import queries as lq

    return lq.merged_events(_store(db), min_sources=min_sources, type=type, story=story, limit=limit)


def quote_variants(db="wiresift.duckdb", min_articles: int = 2, speaker: str | None = None,
                   story: str | None = None, limit: int | None = None) -> list[dict]:
    """Groups of differently worded reports of one statement, with the differing words."""
    from .link import queries as lq

    return lq.quote_variant_groups(_store(db), min_articles=min_articles, speaker=speaker, story=story, limit=limit)


def disputes(db="wiresift.duckdb", include_agreeing: bool = False, quantity: str | None = None,
             limit: int | None = None) -> list[dict]:
    """Numbers sources give differently: one row per value, with its source, date and evidence."""
    from .link import queries as lq

    return lq.disputes(_store(db), include_agreeing=include_agreeing, quantity=quantity, limit=limit)


def pubdates(db="wiresift.duckdb", article: str | None = None) -> list[dict]:
    """Publication-date estimates for undated articles (articles.published is never changed)."""
    from .link import queries as lq

    return lq.pubdate_estimates(_store(db), article)


def unmerge(db, event_id: str, source: str | None = None, note: str | None = None) -> tuple[str, list[str]]:
    """Split a merged event (id or unique prefix) back into its sources; the split is stored
    as an override and survives re-ingest and relink. Returns (merged id, the ids now holding
    its sources)."""
    from .link import queries as lq
    from .link import unmerge as do_unmerge

    store = _store(db)
    with store.read() as con:
        mid = lq._resolve(con, "merged_events", event_id, "merged event")
    with store.write() as con:
        return mid, do_unmerge(con, mid, source=source, note=note)


def relink(db="wiresift.duckdb", settings: dict | None = None, on_progress=None) -> dict:
    """Recompute every cross-article link from the stored records (user splits and accepted
    dates are kept). ``settings``: a dict like wiresift/data/link/settings.yaml."""
    from .link import relink as do_relink

    with _store(db).write() as con:
        return do_relink(con, settings, on_progress=on_progress)


def accept_date(db, article_id: str, date: dt.date | None = None, reextract: bool = True,
                model: str | None = None) -> tuple[str, dt.date]:
    """Accept an undated article's estimated publication date (or ``date``); with ``reextract``
    its relative dates are resolved again against it. Returns (article id, date used)."""
    from .link import accept_pubdate
    from .link.redate import reextract as do_reextract

    store = _store(db)
    with store.read() as con:
        aid = q.resolve_article_id(con, article_id)
    with store.write() as con:
        used = accept_pubdate(con, aid, date)
    if reextract:
        do_reextract(store, [aid], model=model)
    return aid, used


def export(db, format: str, out_dir) -> list[tuple[str, Path, int]]:
    return q.export(_store(db), format, out_dir)


def samples_dir() -> Path:
    """The bundled sample corpus (sample texts written for the demo)."""
    return DATA_DIR / "samples"
