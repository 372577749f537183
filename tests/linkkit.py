"""Small builders for linking tests: contract records written into a store without spaCy.

Linking reads only the store, so tests construct what the extractors would have written
(actors, events, quotes, timexes, toponyms, numeric claims) and call the batch writer and
wiresift.link.update exactly as an ingest batch does.
"""
from __future__ import annotations

import datetime as dt
import re

from wiresift.records import Article
from wiresift.store import Store, write_batch

COUNTRIES = {"Moscow": "RUS", "Kremlin": "RUS", "Kyiv": "UKR", "Ukraine": "UKR", "Russia": "RUS", "Washington": "USA",
             "Istanbul": "TUR", "Alaska": "USA", "Tokyo": "JPN", "Brasilia": "BRA", "Quito": "ECU"}


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def record(aid: str, text: str, published: str | None = None, *, title: str | None = None, actors=(), events=(),
           quotes=(), timexes=(), numbers=(), outlet: str | None = None, url: str | None = None, copy_of=None):
    """(Article, contract result, copy_of) for write_batch.

    actors: (id, name, country, alias...) - mentions are every occurrence of name or alias;
    events: dicts with type, actor, recipient (ids), evidence (a substring), and optional date,
    place, mode, flags; quotes: (speaker id, quoted substring, kind); timexes: (text, value,
    section); numbers: dicts shaped like the numbers extractor's records, with `text` and
    `evidence` given as substrings."""
    sections = [{"start": 0, "end": len(text), "kind": "body"}]
    sentences = []
    for m in re.finditer(r"[^.!?]+[.!?]?", text):
        if m.group(0).strip():
            sentences.append({"start": m.start(), "end": m.end()})
    acts = []
    for a in actors:
        aid_, name, country, *aliases = a
        mentions = [{"start": s, "end": e, "text": text[s:e]} for n in (name, *aliases) for s, e in _spans(text, n)]
        acts.append({"id": aid_, "name": name, "country": country, "sector": None, "role": None, "known": True,
                     "mentions": mentions})
    places = []
    for name, country in COUNTRIES.items():
        for s, e in _spans(text, name):
            places.append({"start": s, "end": e, "text": name, "name": name, "geonameid": None, "lat": None, "lon": None,
                           "country": country, "level": "city"})
    evs = []
    for ev in events:
        s = text.index(ev["evidence"])
        evs.append({"type": ev["type"], "mode": ev.get("mode"), "actor": list(ev.get("actor", [])),
                    "recipient": list(ev.get("recipient", [])), "date": ev.get("date"), "date_precision": None,
                    "date_text": None, "place": {"name": ev["place"], "country": COUNTRIES.get(ev["place"])} if ev.get("place") else None,
                    "evidence": {"start": s, "end": s + len(ev["evidence"]), "text": ev["evidence"]}, "section": "body",
                    "flags": ev.get("flags", {}), "confidence": 0.8, "quad": None, "cameo": None})
    qs = []
    for speaker, content, kind in quotes:
        s = text.index(content)
        qs.append({"content": {"start": s, "end": s + len(content), "text": content}, "cue": None, "source": None,
                   "speaker": speaker, "kind": kind, "section": "body"})
    txs = []
    for t, value, section in timexes:
        s = text.index(t)
        txs.append({"start": s, "end": s + len(t), "text": t, "type": "DATE", "value": value, "anchored": True,
                    "section": section})
    nums = []
    for n in numbers:
        s = text.index(n["text"])
        es = text.index(n["evidence"])
        nums.append({**n, "text": {"start": s, "end": s + len(n["text"]), "text": n["text"]},
                     "evidence": {"start": es, "end": es + len(n["evidence"]), "text": n["evidence"]}})
    art = Article(id=aid, text=text, content_hash=aid, title=title, url=url or f"https://example.invalid/{aid}",
                  outlet=outlet, published=dt.date.fromisoformat(published) if published else None,
                  published_origin="metadata" if published else "missing", format="jsonl", origin="test")
    res = {"id": aid, "published": published, "sections": sections, "sentences": sentences, "entities": [],
           "actors": acts, "events": evs, "quotes": qs, "timexes": txs, "toponyms": places, "numbers": nums}
    return art, res, copy_of


def ingest(store: Store, items: list, batch: int = 64) -> None:
    """Write and link items batch by batch, as wiresift.jobs.ingest does."""
    from wiresift.link import update

    for i in range(0, len(items), batch):
        chunk = items[i:i + batch]
        with store.write() as con:
            write_batch(con, chunk, [])
            update(con, [a.id for a, _, _ in chunk])


def story_of(store: Store) -> dict[str, str]:
    with store.read() as con:
        return dict(con.execute("SELECT article_id, story_id FROM article_links").fetchall())


def copy_group_of(store: Store) -> dict[str, str]:
    with store.read() as con:
        return dict(con.execute("SELECT article_id, copy_group FROM article_links").fetchall())
