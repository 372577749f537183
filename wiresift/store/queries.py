"""Read-side queries shared by the CLI, the Python API and (later) the dashboard.

Each function takes a Store and returns plain rows (dicts), so the same query serves a rich
table, a CSV export and a JSON API.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .db import Store, StoreError
from .db import dict_rows as _rows

# Tables users get in an export, in a reading order. Internal bookkeeping is included too:
# an auditable record includes what failed to ingest and when each run happened.
EXPORT_TABLES = ("articles", "sections", "sentences", "entities", "actors", "actor_mentions", "events",
                 "event_actors", "quotes", "timexes", "toponyms", "numeric_claims", "stories", "story_members",
                 "article_links", "merged_events", "event_sources", "quote_groups", "quote_variants",
                 "claim_groups", "claim_members", "pubdate_estimates", "link_overrides", "link_state",
                 "ingest_errors", "ingest_runs", "schema_version")
EXPORT_FORMATS = ("csv", "jsonl", "parquet")


def summary(store: Store) -> dict:
    """Counts for the demo and `wiresift summary`: what the store holds."""
    with store.read() as con:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        out = {
            "articles": one("SELECT count(*) FROM articles"),
            "copies": one("SELECT count(*) FROM articles WHERE copy_of IS NOT NULL"),
            "undated": one("SELECT count(*) FROM articles WHERE published IS NULL"),
            "sections": dict(con.execute("SELECT kind, count(*) FROM sections GROUP BY kind ORDER BY 2 DESC").fetchall()),
            "sentences": one("SELECT count(*) FROM sentences"),
            "entities": one("SELECT count(*) FROM entities"),
            "entity_labels": dict(con.execute("SELECT label, count(*) FROM entities GROUP BY label ORDER BY 2 DESC").fetchall()),
            "actors": one("SELECT count(DISTINCT actor_id) FROM actor_mentions"),
            "events": one("SELECT count(*) FROM events"),
            "event_types": dict(con.execute("SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC").fetchall()),
            "quotes": one("SELECT count(*) FROM quotes"),
            "timexes": one("SELECT count(*) FROM timexes"),
            "toponyms": one("SELECT count(*) FROM toponyms"),
            "stories": one("SELECT count(*) FROM stories"),
            "errors": one("SELECT count(*) FROM ingest_errors WHERE severity = 'error'"),
            "warnings": one("SELECT count(*) FROM ingest_errors WHERE severity = 'warning'"),
        }
    return out


def list_articles(store: Store, since: dt.date | None = None, until: dt.date | None = None,
                  outlet: str | None = None, search: str | None = None, limit: int | None = None) -> list[dict]:
    where, params = [], []
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("published <= ?")
        params.append(until)
    if outlet:
        where.append("outlet ILIKE ?")
        params.append(f"%{outlet}%")
    if search:
        where.append("(text ILIKE ? OR title ILIKE ?)")
        params += [f"%{search}%", f"%{search}%"]
    sql = f"""
        SELECT a.id, a.published, a.published_origin, a.outlet, a.title, a.url, a.format, a.origin,
               a.locator, a.n_words, a.copy_of,
               (SELECT count(*) FROM sections s WHERE s.article_id = a.id AND s.kind NOT IN ('body', 'heading')) AS noise_sections,
               (SELECT count(*) FROM entities e WHERE e.article_id = a.id) AS entities,
               (SELECT count(*) FROM events v WHERE v.article_id = a.id) AS events,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
               -- from the first story section, so a `date ...` header or a credit is not the preview
               substr(regexp_replace(substr(a.text, 1 + coalesce((SELECT min(s.start_char) FROM sections s
                   WHERE s.article_id = a.id AND s.kind IN ('body', 'heading')), 0), 600), '\\s+', ' ', 'g'), 1, 200) AS snippet
        FROM articles a {'WHERE ' + ' AND '.join(where) if where else ''}
        ORDER BY a.published NULLS LAST, a.ingested_at, a.id
        {'LIMIT ' + str(int(limit)) if limit else ''}"""
    with store.read() as con:
        return _rows(con, sql, params)


def resolve_article_id(con, prefix: str) -> str:
    ids = [r[0] for r in con.execute("SELECT id FROM articles WHERE id LIKE ? ORDER BY id LIMIT 6", [prefix + "%"]).fetchall()]
    if not ids:
        raise StoreError(f"no article with id {prefix!r}; list them with `wiresift articles`")
    if len(ids) > 1 and prefix not in ids:
        raise StoreError(f"id {prefix!r} is ambiguous: {', '.join(ids[:5])}{' ...' if len(ids) > 5 else ''}")
    return prefix if prefix in ids else ids[0]


def get_article(store: Store, id_or_prefix: str) -> dict:
    """One article with its sections, sentences, entities and extracted records."""
    with store.read() as con:
        aid = resolve_article_id(con, id_or_prefix)
        art = _rows(con, "SELECT * FROM articles WHERE id = ?", [aid])[0]
        art["sections"] = _rows(con, "SELECT idx, kind, start_char AS start, end_char AS \"end\" FROM sections WHERE article_id = ? ORDER BY idx", [aid])
        art["sentences"] = _rows(con, "SELECT idx, start_char AS start, end_char AS \"end\", section_kind FROM sentences WHERE article_id = ? ORDER BY idx", [aid])
        art["entities"] = _rows(con, "SELECT start_char AS start, end_char AS \"end\", text, label, section_kind FROM entities WHERE article_id = ? ORDER BY idx", [aid])
        art["events"] = _rows(con, "SELECT * FROM events WHERE article_id = ? ORDER BY idx", [aid])
        art["quotes"] = _rows(con, "SELECT * FROM quotes WHERE article_id = ? ORDER BY idx", [aid])
        art["errors"] = _rows(con, "SELECT * FROM ingest_errors WHERE origin = ? ORDER BY last_seen", [art["origin"]])
        if art.get("copy_of"):
            art["copy_of_article"] = _rows(con, "SELECT id, url, outlet, published FROM articles WHERE id = ?", [art["copy_of"]])
        art["copies"] = _rows(con, "SELECT id, url, outlet, published FROM articles WHERE copy_of = ?", [aid])
    art["event_rows"] = list_events(store, article=aid)
    art["quote_rows"] = list_quotes(store, article=aid)
    return art


def list_errors(store: Store, limit: int | None = None) -> list[dict]:
    sql = ("SELECT severity, origin, locator, reason, detail, seen, last_seen FROM ingest_errors "
           "ORDER BY last_seen DESC, origin, locator" + (f" LIMIT {int(limit)}" if limit else ""))
    return store.query(sql)


def export(store: Store, fmt: str, out_dir: str | Path, tables: tuple[str, ...] = EXPORT_TABLES) -> list[tuple[str, Path, int]]:
    """Write every table to ``out_dir`` as csv, jsonl or parquet; no row caps."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    opts = {"csv": "(FORMAT CSV, HEADER)", "jsonl": "(FORMAT JSON)", "parquet": "(FORMAT PARQUET)"}[fmt]
    done = []
    with store.read() as con:
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for t in tables:
            if t not in present:
                continue
            path = out / f"{t}.{fmt}"
            con.execute(f"COPY (SELECT * FROM {t}) TO '{_sql_str(path)}' {opts}")
            n = con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            done.append((t, path, n))
    return done


def _sql_str(p: Path) -> str:
    return str(p).replace("'", "''")


# -- events and quotes ------------------------------------------------------------------------

EVENT_FLAGS = ("negated", "hypothetical", "future", "reported", "historical", "disputed")


def _date_window(col: str, since: str | None, until: str | None, where: list, params: list) -> None:
    """Dates may be partial (2025-08, 2025): compare on the event's own precision, so a
    month-precision event in August passes `since 2025-08-15` (it may well be in range)."""
    if since:
        where.append(f"{col} IS NOT NULL AND {col} >= substr(?, 1, length({col}))")
        params.append(since)
    if until:
        where.append(f"{col} IS NOT NULL AND {col} <= substr(?, 1, length({col}))")
        params.append(until)


def list_events(store: Store, actor: str | None = None, country: str | None = None, type: str | None = None,
                quad: int | None = None, since: str | None = None, until: str | None = None,
                flags: tuple[str, ...] = (), without: tuple[str, ...] = (), section: str | None = None,
                article: str | None = None, limit: int | None = None) -> list[dict]:
    """Events with their actors, recipients and evidence text, filtered like the CLI."""
    where, params = [], []
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if quad:
        where.append("e.quad = ?")
        params.append(int(quad))
    if section:
        where.append("e.section = ?")
        params.append(section)
    if article:
        where.append("e.article_id LIKE ?")
        params.append(article + "%")
    _date_window("e.date", since, until, where, params)
    for f in flags:
        if f not in EVENT_FLAGS:
            raise ValueError(f"unknown flag {f!r}; flags: {', '.join(EVENT_FLAGS)}")
        where.append(f"e.{f}")
    for f in without:
        if f not in EVENT_FLAGS:
            raise ValueError(f"unknown flag {f!r}; flags: {', '.join(EVENT_FLAGS)}")
        where.append(f"NOT e.{f}")
    if actor:
        where.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND (x.name ILIKE ? OR x.actor_id = ?))")
        params += [f"%{actor}%", actor]
    if country:
        where.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.country = ?)")
        params.append(country.upper())
    sql = f"""
        SELECT e.id, e.article_id, a.published, e.date, e.date_precision, e.type, e.mode, e.quad, e.cameo,
               (SELECT string_agg(coalesce(x.name, x.actor_id), '; ' ORDER BY x.position) FROM event_actors x
                 WHERE x.event_id = e.id AND x.role = 'actor') AS actor,
               (SELECT string_agg(DISTINCT x.country, '; ') FROM event_actors x WHERE x.event_id = e.id AND x.role = 'actor') AS actor_country,
               (SELECT string_agg(coalesce(x.name, x.actor_id), '; ' ORDER BY x.position) FROM event_actors x
                 WHERE x.event_id = e.id AND x.role = 'recipient') AS recipient,
               (SELECT string_agg(DISTINCT x.country, '; ') FROM event_actors x WHERE x.event_id = e.id AND x.role = 'recipient') AS recipient_country,
               e.place, e.place_country, e.section,
               concat_ws(',', CASE WHEN e.negated THEN 'negated' END, CASE WHEN e.hypothetical THEN 'hypothetical' END,
                         CASE WHEN e.future THEN 'future' END, CASE WHEN e.reported THEN 'reported' END,
                         CASE WHEN e.historical THEN 'historical' END, CASE WHEN e.disputed THEN 'disputed' END) AS flags,
               e.confidence, e.evidence_start, e.evidence_end,
               substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence
        FROM events e JOIN articles a ON a.id = e.article_id
        {'WHERE ' + ' AND '.join(where) if where else ''}
        ORDER BY e.date NULLS LAST, a.published NULLS LAST, e.article_id, e.idx
        {'LIMIT ' + str(int(limit)) if limit else ''}"""
    with store.read() as con:
        return _rows(con, sql, params)


def list_quotes(store: Store, speaker: str | None = None, search: str | None = None, kind: str | None = None,
                since: dt.date | None = None, until: dt.date | None = None, article: str | None = None,
                limit: int | None = None) -> list[dict]:
    where, params = [], []
    if speaker:
        where.append("(q.speaker_name ILIKE ? OR q.speaker_id = ?)")
        params += [f"%{speaker}%", speaker]
    if search:
        where.append("q.content ILIKE ?")
        params.append(f"%{search}%")
    if kind:
        where.append("q.kind = ?")
        params.append(kind)
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("a.published <= ?")
        params.append(until)
    if article:
        where.append("q.article_id LIKE ?")
        params.append(article + "%")
    sql = f"""
        SELECT q.id, q.article_id, a.published, q.kind, q.speaker_id, q.speaker_name, q.section,
               q.content_start, q.content_end, q.content,
               json_extract_string(q.record, '$.cue.text') AS cue, json_extract_string(q.record, '$.source.text') AS source
        FROM quotes q JOIN articles a ON a.id = q.article_id
        {'WHERE ' + ' AND '.join(where) if where else ''}
        ORDER BY a.published NULLS LAST, q.article_id, q.idx
        {'LIMIT ' + str(int(limit)) if limit else ''}"""
    with store.read() as con:
        return _rows(con, sql, params)
