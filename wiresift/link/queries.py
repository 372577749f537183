"""Read-side queries for linking: stories, merged events, quote variants, disputes, dates.

Each function takes a Store and returns plain rows (dicts), like wiresift/store/queries.py,
so one query serves a rich table, a CSV export and (later) the dashboard. `wiresift events
--merged` uses ``merged_events`` and `wiresift quotes --variants` uses ``quote_variant_groups``.
"""
from __future__ import annotations

import datetime as dt

from ..store import Store, StoreError
from ..store.db import dict_rows as _rows
from ..store.db import from_json


def _j(v):
    return from_json(v, default=v)


def _names(parties) -> str:
    return ", ".join(p.get("name") or p.get("id") or "?" for p in (_j(parties) or []))


def _resolve(con, table: str, prefix: str, what: str) -> str:
    ids = [r[0] for r in con.execute(f"SELECT DISTINCT id FROM {table} WHERE id LIKE ? ORDER BY id LIMIT 6", [prefix + "%"]).fetchall()]
    if not ids:
        raise StoreError(f"no {what} with id {prefix!r}")
    if len(ids) > 1 and prefix not in ids:
        raise StoreError(f"{what} id {prefix!r} is ambiguous: {', '.join(ids[:5])}")
    return prefix if prefix in ids else ids[0]


# -- stories --------------------------------------------------------------------------------

def list_stories(store: Store, since: dt.date | None = None, until: dt.date | None = None, search: str | None = None,
                 min_articles: int = 1, limit: int | None = None) -> list[dict]:
    where, params = ["n_articles >= ?"], [min_articles]
    if since:
        where.append("(last_date IS NULL OR last_date >= ?)")
        params.append(since)
    if until:
        where.append("(first_date IS NULL OR first_date <= ?)")
        params.append(until)
    if search:
        where.append("(title ILIKE ? OR CAST(record AS VARCHAR) ILIKE ?)")
        params += [f"%{search}%", f"%{search}%"]
    sql = f"""SELECT id, title, first_date, last_date, n_articles, n_sources, n_events,
                     (SELECT count(*) FROM claim_groups c WHERE c.story_id = s.id AND c.disputed) AS disputes
              FROM stories s WHERE {' AND '.join(where)}
              ORDER BY n_sources DESC, n_articles DESC, last_date DESC NULLS LAST, id
              {'LIMIT ' + str(int(limit)) if limit else ''}"""
    with store.read() as con:
        return _rows(con, sql, params)


def get_story(store: Store, story_id: str) -> dict:
    """A story with its articles, merged events (with sources), quote groups and disputes."""
    with store.read() as con:
        sid = _resolve(con, "stories", story_id, "story")
        story = _rows(con, "SELECT * FROM stories WHERE id = ?", [sid])[0]
        story["record"] = _j(story["record"])
        story["articles"] = _rows(con, """
            SELECT a.id, l.day, l.day_origin, a.published, a.outlet, a.title, l.copy_group, m.similarity, m.matched, m.why,
                   substr(regexp_replace(a.text, '\\s+', ' ', 'g'), 1, 160) AS snippet
            FROM story_members m JOIN articles a ON a.id = m.article_id JOIN article_links l ON l.article_id = a.id
            WHERE m.story_id = ? ORDER BY l.day NULLS LAST, a.ingested_at""", [sid])
        story["events"] = _rows(con, """SELECT * FROM merged_events WHERE story_id = ?
                                        ORDER BY coalesce(date, CAST(first_reported AS VARCHAR)) NULLS LAST, id""", [sid])
        srcs = _rows(con, """SELECT es.merged_id, es.event_id, es.article_id, es.day, es.evidence, es.score, es.why, a.outlet
                             FROM event_sources es JOIN articles a ON a.id = es.article_id
                             WHERE es.merged_id IN (SELECT id FROM merged_events WHERE story_id = ?)
                             ORDER BY es.day NULLS LAST, es.event_id""", [sid])
        for e in story["events"]:
            e["sources"] = [s for s in srcs if s["merged_id"] == e["id"]]
        story["quotes"] = _rows(con, """
            SELECT g.id, g.speaker_name, g.speaker_id, g.canonical, g.n_quotes, g.n_articles, g.n_independent, g.record
            FROM quote_groups g WHERE g.id IN (
                SELECT group_id FROM quote_variants WHERE article_id IN (SELECT article_id FROM story_members WHERE story_id = ?))
            ORDER BY g.n_articles DESC, g.n_quotes DESC, g.id""", [sid])
        story["disputes"] = _rows(con, """
            SELECT g.* FROM claim_groups g WHERE g.id IN (
                SELECT group_id FROM claim_members WHERE article_id IN (SELECT article_id FROM story_members WHERE story_id = ?))
              AND (g.disputed OR g.n_articles > 1)
            ORDER BY g.disputed DESC, g.n_claims DESC""", [sid])
    return story


def story_timeline(story: dict) -> list[dict]:
    """The story as flat rows for a timeline or an export: articles, events (one row per
    merged event, with its sources), quote groups and numeric claims, in date order."""
    rows = []
    for a in story["articles"]:
        rows.append({"kind": "article", "date": a["day"], "id": a["id"], "what": a["title"] or a["snippet"][:80],
                     "sources": a["outlet"], "n": 1,
                     "detail": f"similarity {a['similarity']:.2f}" + (f", copy of {a['copy_group']}" if a["copy_group"] != a["id"] else "")})
    for e in story["events"]:
        outlets = sorted({s["outlet"] or s["article_id"][:8] for s in e["sources"]})
        rows.append({"kind": "event", "date": e["date"] or e["first_reported"], "id": e["id"],
                     "what": f"{e['type']}: {_names(e['actor']) or '?'} -> {_names(e['recipient']) or '?'}" + (f" ({e['place']})" if e["place"] else ""),
                     "sources": ", ".join(outlets), "n": e["n_sources"],
                     "detail": " | ".join((s["evidence"] or "")[:100] for s in e["sources"][:3])})
    for q in story["quotes"]:
        rec = _j(q["record"]) or {}
        diffs = [f"{d['a']}/{d['b']}" for w in rec.get("wordings", []) for d in w.get("diff", []) if d["kind"] != "extra"]
        rows.append({"kind": "quote", "date": None, "id": q["id"], "what": f"{q['speaker_name'] or q['speaker_id'] or '?'}: {q['canonical'][:100]}",
                     "sources": f"{q['n_articles']} article(s)", "n": q["n_quotes"],
                     "detail": ("variants: " + ", ".join(diffs)) if diffs else ""})
    for d in story["disputes"]:
        rows.append({"kind": "dispute" if d["disputed"] else "claim", "date": None, "id": d["id"], "what": d["summary"],
                     "sources": f"{d['n_articles']} article(s)", "n": d["n_claims"],
                     "detail": "; ".join(x["why"] for x in (_j(d["record"]) or {}).get("disagreements", []))[:300]})
    order = {"article": 0, "event": 1, "quote": 2, "dispute": 3, "claim": 4}
    rows.sort(key=lambda r: (order[r["kind"]], str(r["date"] or "9999"), r["id"]))
    return rows


# -- merged events (for `wiresift events --merged`) ---------------------------------------------

def merged_events(store: Store, min_sources: int = 1, type: str | None = None, story: str | None = None,
                  actor: str | None = None, limit: int | None = None) -> list[dict]:
    where, params = ["n_articles >= ?"], [min_sources]
    if type:
        where.append("type = ?")
        params.append(type.upper())
    if story:
        where.append("story_id LIKE ?")
        params.append(story + "%")
    if actor:
        where.append("(CAST(actor AS VARCHAR) ILIKE ? OR CAST(recipient AS VARCHAR) ILIKE ?)")
        params += [f"%{actor}%", f"%{actor}%"]
    sql = f"""SELECT id, type, mode, actor, recipient, date, place, first_reported, n_sources, n_articles, n_independent,
                     story_id, summary FROM merged_events WHERE {' AND '.join(where)}
              ORDER BY n_independent DESC, n_sources DESC, first_reported NULLS LAST, id
              {'LIMIT ' + str(int(limit)) if limit else ''}"""
    with store.read() as con:
        rows = _rows(con, sql, params)
    for r in rows:
        r["actor"] = _names(r["actor"])
        r["recipient"] = _names(r["recipient"])
    return rows


def merged_event(store: Store, merged_id: str) -> dict:
    """One merged event with every source: evidence, article, score and why it was merged."""
    with store.read() as con:
        mid = _resolve(con, "merged_events", merged_id, "merged event")
        ev = _rows(con, "SELECT * FROM merged_events WHERE id = ?", [mid])[0]
        ev["sources"] = _rows(con, """SELECT es.event_id, es.event_key, es.article_id, a.outlet, es.day, es.copy_group,
                                             es.evidence, es.score, es.matched, es.why
                                      FROM event_sources es JOIN articles a ON a.id = es.article_id
                                      WHERE es.merged_id = ? ORDER BY es.day NULLS LAST, es.event_id""", [mid])
        ev["splits"] = _rows(con, """SELECT subject, other, note, created_at FROM link_overrides WHERE kind = 'split'
                                     AND (subject IN (SELECT event_key FROM event_sources WHERE merged_id = ?)
                                          OR other IN (SELECT event_key FROM event_sources WHERE merged_id = ?))""", [mid, mid])
    for s in ev["sources"]:
        s["why"] = _j(s["why"])
    return ev


# -- quote variants (for `wiresift quotes --variants`) --------------------------------------------

def quote_variant_groups(store: Store, min_articles: int = 2, speaker: str | None = None, story: str | None = None,
                         limit: int | None = None) -> list[dict]:
    """Groups of wordings of one statement: one row per wording, with the group's canonical
    wording and how this one differs from it."""
    where, params = ["g.n_quotes >= 2", "g.n_articles >= ?"], [min_articles]
    if speaker:
        where.append("(g.speaker_name ILIKE ? OR g.speaker_id ILIKE ?)")
        params += [f"%{speaker}%", f"%{speaker}%"]
    if story:
        where.append("g.story_id LIKE ?")
        params.append(story + "%")
    sql = f"""SELECT g.id AS group_id, g.speaker_name AS speaker, g.n_quotes, g.n_articles, g.n_independent, g.story_id,
                     v.quote_id, v.article_id, a.outlet, v.day, v.relation, v.text, v.diff, g.canonical
              FROM quote_groups g JOIN quote_variants v ON v.group_id = g.id JOIN articles a ON a.id = v.article_id
              WHERE {' AND '.join(where)} ORDER BY g.n_articles DESC, g.id, v.relation = 'canonical' DESC, v.day NULLS LAST
              {'LIMIT ' + str(int(limit)) if limit else ''}"""
    with store.read() as con:
        rows = _rows(con, sql, params)
    for r in rows:
        d = _j(r.pop("diff")) or []
        r["differs"] = "; ".join(f"{x['kind']}: {x['a'] or '-'} / {x['b'] or '-'}" for x in d)
    return rows


# -- disputes --------------------------------------------------------------------------------------

def disputes(store: Store, include_agreeing: bool = False, quantity: str | None = None, limit: int | None = None) -> list[dict]:
    """Claim groups (disputed ones unless ``include_agreeing``), one row per value."""
    where, params = [] if include_agreeing else ["g.disputed"], []
    where.append("g.n_claims > 1" if include_agreeing else "TRUE")
    if quantity:
        where.append("g.quantity = ?")
        params.append(quantity)
    sql = f"""SELECT g.id AS dispute_id, g.quantity, g.subject_class AS subject, g.countries, g.disputed, g.story_id,
                     m.claim_id, m.article_id, a.outlet, m.day, m.text AS value, m.low, m.high, m.evidence, g.record
              FROM claim_groups g JOIN claim_members m ON m.group_id = g.id JOIN articles a ON a.id = m.article_id
              WHERE {' AND '.join(where)} ORDER BY g.disputed DESC, g.n_claims DESC, g.id, m.day NULLS LAST
              {'LIMIT ' + str(int(limit)) if limit else ''}"""
    with store.read() as con:
        rows = _rows(con, sql, params)
    for r in rows:
        rec = _j(r.pop("record")) or {}
        r["why"] = "; ".join(d["why"] for d in rec.get("disagreements", []) if r["claim_id"] in (d["a"], d["b"]))
        r["countries"] = ", ".join(r["countries"] or [])
    return rows


# -- publication-date estimates ------------------------------------------------------------------

def pubdate_estimates(store: Store, article: str | None = None) -> list[dict]:
    where, params = "", []
    if article:
        where, params = "WHERE p.article_id LIKE ?", [article + "%"]
    sql = f"""SELECT p.article_id, a.title, a.outlet, p.estimate, p.lo, p.hi, p.confidence, l.day_origin AS used_as,
                     o.value AS accepted, p.evidence
              FROM pubdate_estimates p JOIN articles a ON a.id = p.article_id
              LEFT JOIN article_links l ON l.article_id = p.article_id
              LEFT JOIN link_overrides o ON o.kind = 'pubdate' AND o.subject = p.article_id
              {where} ORDER BY p.confidence DESC, p.article_id"""
    with store.read() as con:
        rows = _rows(con, sql, params)
    for r in rows:
        r["accepted"] = (_j(r["accepted"]) or {}).get("date") if r["accepted"] else None
        r["evidence"] = "; ".join(f"{c['why']} [{c['lo']}..{c['hi'] or ''}]" for c in (_j(r["evidence"]) or []))
    return rows


def link_status(store: Store) -> dict:
    with store.read() as con:
        state = {k: _j(v) for k, v in con.execute("SELECT key, value FROM link_state").fetchall()}
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        state.update({
            "articles_linked": one("SELECT count(*) FROM article_links"),
            "copy_groups_with_copies": one("SELECT count(*) FROM (SELECT copy_group FROM article_links GROUP BY 1 HAVING count(*) > 1)"),
            "stories": one("SELECT count(*) FROM stories"),
            "stories_with_several_articles": one("SELECT count(*) FROM stories WHERE n_articles > 1"),
            "merged_events_with_several_articles": one("SELECT count(*) FROM merged_events WHERE n_articles > 1"),
            "quote_groups_across_articles": one("SELECT count(*) FROM quote_groups WHERE n_articles > 1"),
            "disputes": one("SELECT count(*) FROM claim_groups WHERE disputed"),
            "undated_with_estimate": one("SELECT count(*) FROM pubdate_estimates WHERE estimate IS NOT NULL"),
        })
    return state
