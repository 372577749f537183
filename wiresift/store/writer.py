"""Write pipeline results into the store, one transaction per batch.

Each batch first deletes whatever the store holds for its articles, then inserts: writing
the same article twice (a re-run, a resumed run, ``--reprocess``) leaves exactly one copy.
The row shapes mirror the extraction contract; each extracted row also keeps the contract
record as JSON so nothing the pipeline said is lost to the typed columns.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
from collections.abc import Sequence

from ..records import Article, IngestError
from .db import insert_rows
from .numbers import write_numbers

# Per-article tables, in the order rows are deleted.
PER_ARTICLE = ("sections", "sentences", "entities", "actor_mentions", "quotes", "timexes", "toponyms")


def _j(obj) -> str | None:
    return None if obj is None else json.dumps(obj, ensure_ascii=False, sort_keys=True)


def _span(d: dict | None) -> tuple[int | None, int | None, str | None]:
    if not d:
        return None, None, None
    return d.get("start"), d.get("end"), d.get("text")


def _words(text: str) -> int:
    return len(text.split())


def error_id(err: IngestError) -> str:
    key = f"{err.origin}\x00{err.locator or ''}\x00{err.reason}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def delete_articles(con, article_ids: Sequence[str]) -> None:
    if not article_ids:
        return
    # Per-article rows are written and deleted with their `articles` row, in one transaction:
    # only articles the store holds have rows to delete (new ones, the usual case, cost one query).
    ids = [r[0] for r in con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest($1))",
                                     [list(article_ids)]).fetchall()]
    if not ids:
        return
    con.execute("DELETE FROM event_actors WHERE event_id IN (SELECT id FROM events WHERE article_id IN (SELECT unnest($1)))", [ids])
    con.execute("DELETE FROM events WHERE article_id IN (SELECT unnest($1))", [ids])
    for table in PER_ARTICLE:
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest($1))", [ids])
    con.execute("DELETE FROM articles WHERE id IN (SELECT unnest($1))", [ids])


def write_batch(con, items: Sequence[tuple[Article, dict, str | None]], errors: Sequence[IngestError],
                run_id: str | None = None, model: str | None = None) -> dict[str, int]:
    """Store (article, contract result, copy_of) triples and ingest errors; return row counts."""
    counts: dict[str, int] = {}
    delete_articles(con, [a.id for a, _, _ in items])
    rows = {k: [] for k in ("articles", "sections", "sentences", "entities", "actors", "actor_mentions",
                            "events", "event_actors", "quotes", "timexes", "toponyms")}
    for art, res, copy_of in items:
        aid = art.id
        rows["articles"].append((
            aid, art.content_hash, copy_of, art.title, art.url, art.outlet, art.source_id,
            art.published, art.published_origin, art.format, art.origin, art.locator, art.text,
            len(art.text), _words(art.text), _j(art.extra or None), model))
        sections = res.get("sections", [])
        for i, s in enumerate(sections):
            rows["sections"].append((aid, i, s["kind"], s["start"], s["end"]))
        kinds = _section_kinds(sections)
        for i, s in enumerate(res.get("sentences", [])):
            rows["sentences"].append((aid, i, s["start"], s["end"], kinds(s["start"])))
        for i, e in enumerate(res.get("entities", [])):
            rows["entities"].append((aid, i, e["start"], e["end"], e["text"], e["label"], e.get("section")))
        for i, a in enumerate(res.get("actors", [])):
            rows["actors"].append((a["id"], a.get("name"), a.get("country"), a.get("sector"),
                                   bool(a.get("known")), _j({k: v for k, v in a.items() if k != "mentions"})))
            for m in a.get("mentions", []):
                rows["actor_mentions"].append((aid, i, a["id"], m["start"], m["end"], m.get("text"),
                                               m.get("role", a.get("role")), a.get("country"), a.get("sector")))
        actor_by_id = {a["id"]: a for a in res.get("actors", [])}
        for i, ev in enumerate(res.get("events", [])):
            eid = f"{aid}:e{i}"
            es, ee, _ = _span(ev.get("evidence"))
            flags = ev.get("flags") or {}
            place = ev.get("place") or {}
            if isinstance(place, str):
                place = {"name": place}
            rows["events"].append((
                eid, aid, i, ev.get("type"), ev.get("mode"), ev.get("quad"), ev.get("cameo"),
                ev.get("date"), ev.get("date_precision"), ev.get("date_text"),
                place.get("name"), place.get("country"), es, ee, ev.get("section"),
                bool(flags.get("negated")), bool(flags.get("hypothetical")), bool(flags.get("future")),
                bool(flags.get("reported")), bool(flags.get("historical")), bool(flags.get("disputed")),
                ev.get("confidence"), _j(ev)))
            for role in ("actor", "recipient"):
                for pos, ref in enumerate(ev.get(role) or []):
                    a = actor_by_id.get(ref, {}) if isinstance(ref, str) else (ref or {})
                    ref_id = ref if isinstance(ref, str) else a.get("id")
                    rows["event_actors"].append((eid, role, pos, ref_id, a.get("name"), a.get("country"), a.get("sector")))
        for i, q in enumerate(res.get("quotes", [])):
            cs, ce, ct = _span(q.get("content"))
            spk = q.get("speaker")
            spk_id = spk if isinstance(spk, str) else (spk or {}).get("id")
            rows["quotes"].append((f"{aid}:q{i}", aid, i, q.get("kind"), spk_id,
                                   actor_by_id.get(spk_id, {}).get("name") if spk_id else None,
                                   cs, ce, ct, q.get("section"), _j(q)))
        for i, t in enumerate(res.get("timexes", [])):
            rows["timexes"].append((aid, i, t.get("start"), t.get("end"), t.get("text"), t.get("type"),
                                    t.get("value"), t.get("anchored"), _j(t)))
        for i, t in enumerate(res.get("toponyms", [])):
            rows["toponyms"].append((aid, i, t.get("start"), t.get("end"), t.get("text"), t.get("name"),
                                     None if t.get("geonameid") is None else str(t.get("geonameid")),
                                     t.get("lat"), t.get("lon"), t.get("country"), t.get("level"), _j(t)))

    counts["articles"] = insert_rows(con, "articles", (
        "id", "content_hash", "copy_of", "title", "url", "outlet", "source_id", "published",
        "published_origin", "format", "origin", "locator", "text", "n_chars", "n_words", "extra", "model"),
        rows["articles"])
    counts["sections"] = insert_rows(con, "sections", ("article_id", "idx", "kind", "start_char", "end_char"), rows["sections"])
    counts["sentences"] = insert_rows(con, "sentences", ("article_id", "idx", "start_char", "end_char", "section_kind"), rows["sentences"])
    counts["entities"] = insert_rows(con, "entities", ("article_id", "idx", "start_char", "end_char", "text", "label", "section_kind"), rows["entities"])
    if rows["actors"]:
        # Actors are shared across articles: keep the first record of a known id.
        uniq = {r[0]: r for r in rows["actors"]}
        con.execute("CREATE TEMP TABLE IF NOT EXISTS _new_actors AS SELECT * FROM actors LIMIT 0")
        con.execute("DELETE FROM _new_actors")
        insert_rows(con, "_new_actors", ("id", "name", "country", "sector", "known", "record"), list(uniq.values()))
        con.execute("INSERT INTO actors SELECT * FROM _new_actors WHERE id NOT IN (SELECT id FROM actors)")
        counts["actors"] = len(uniq)
    counts["actor_mentions"] = insert_rows(con, "actor_mentions", ("article_id", "actor_idx", "actor_id", "start_char", "end_char", "text", "role", "country", "sector"), rows["actor_mentions"])
    counts["events"] = insert_rows(con, "events", (
        "id", "article_id", "idx", "type", "mode", "quad", "cameo", "date", "date_precision", "date_text",
        "place", "place_country", "evidence_start", "evidence_end", "section", "negated", "hypothetical",
        "future", "reported", "historical", "disputed", "confidence", "record"), rows["events"])
    counts["event_actors"] = insert_rows(con, "event_actors", ("event_id", "role", "position", "actor_id", "name", "country", "sector"), rows["event_actors"])
    counts["quotes"] = insert_rows(con, "quotes", ("id", "article_id", "idx", "kind", "speaker_id", "speaker_name", "content_start", "content_end", "content", "section", "record"), rows["quotes"])
    counts["timexes"] = insert_rows(con, "timexes", ("article_id", "idx", "start_char", "end_char", "text", "type", "value", "anchored", "record"), rows["timexes"])
    counts["toponyms"] = insert_rows(con, "toponyms", ("article_id", "idx", "start_char", "end_char", "text", "name", "geonameid", "lat", "lon", "country", "level", "record"), rows["toponyms"])
    counts["errors"] = write_errors(con, errors, run_id)
    counts["numeric_claims"] = write_numbers(con, items)
    return counts


def write_errors(con, errors: Sequence[IngestError], run_id: str | None) -> int:
    """Upsert errors: the same bad line seen again bumps ``seen`` instead of adding a row."""
    if not errors:
        return 0
    now = dt.datetime.now()
    uniq = {}
    for e in errors:
        uniq[error_id(e)] = (error_id(e), e.origin, e.locator, e.reason, e.detail, e.severity, run_id, now, now)
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _new_errors AS SELECT * EXCLUDE (seen) FROM ingest_errors LIMIT 0")
    con.execute("DELETE FROM _new_errors")
    insert_rows(con, "_new_errors", ("id", "origin", "locator", "reason", "detail", "severity", "run_id",
                                     "first_seen", "last_seen"), list(uniq.values()))
    con.execute("""
        INSERT INTO ingest_errors (id, origin, locator, reason, detail, severity, run_id, first_seen, last_seen)
        SELECT * FROM _new_errors
        ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, seen = ingest_errors.seen + 1,
                                       run_id = excluded.run_id, detail = excluded.detail""")
    return len(uniq)


def _section_kinds(sections: list[dict]):
    starts = [s["start"] for s in sections]

    def kind(pos: int) -> str | None:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and sections[i]["start"] <= pos < sections[i]["end"]:
            return sections[i]["kind"]
        return None

    return kind
