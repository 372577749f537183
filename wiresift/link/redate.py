"""Re-extract articles with an accepted publication date, so their relative dates resolve.

An undated article keeps "on Tuesday" unresolved (the extractors cannot know which Tuesday).
Once a user accepts an estimated date (`wiresift accept-date`), running the per-document
pipeline again with that date as the anchor resolves those expressions and dates the events.
The article row is rewritten exactly as ingested: ``articles.published`` stays empty and
``published_origin`` stays ``missing``, because the date is the user's inference, not the
outlet's; the accepted date lives in ``link_overrides``.
"""
from __future__ import annotations

import datetime as dt
import json

from ..records import Article
from ..store import Store, write_batch
from .update import update


def _article(row: dict) -> Article:
    extra = row.get("extra")
    return Article(id=row["id"], text=row["text"], content_hash=row["content_hash"], title=row["title"], url=row["url"],
                   outlet=row["outlet"], published=row["published"], published_origin=row["published_origin"],
                   format=row["format"], origin=row["origin"], locator=row["locator"], source_id=row["source_id"],
                   extra=json.loads(extra) if isinstance(extra, str) else (extra or {}))


def reextract(store: Store, article_ids: list[str], model: str | None = None, pipeline=None) -> dict[str, dt.date]:
    """Run the pipeline again on articles with an accepted date; returns the dates used."""
    from ..pipeline import Pipeline

    with store.read() as con:
        cur = con.execute("""SELECT a.*, o.value AS accepted FROM articles a
                             JOIN link_overrides o ON o.kind = 'pubdate' AND o.subject = a.id
                             WHERE a.id IN (SELECT unnest($1))""", [list(article_ids)])
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    if not rows:
        return {}
    pipeline = pipeline or Pipeline(model)
    items, used = [], {}
    inputs = []
    for r in rows:
        art = _article(r)
        date = json.loads(r["accepted"])["date"] if isinstance(r["accepted"], str) else r["accepted"]["date"]
        used[art.id] = dt.date.fromisoformat(date)
        inputs.append((art, r["copy_of"], {**art.as_input(), "published": date}))
    for (art, copy_of, _), res in zip(inputs, pipeline.pipe([i for _, _, i in inputs])):
        if "error" not in res:
            items.append((art, res, copy_of))
    with store.write() as con:
        write_batch(con, items, [], model=pipeline.model_label)
        update(con, [a.id for a, _, _ in items])
    return used
