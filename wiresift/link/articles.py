"""What linking reads about an article: one query per table for a whole batch.

The linkers never see spaCy objects or pipeline results, only the store, so the same code
serves the incremental step inside an ingest transaction and `wiresift relink` over a store
written long ago. Loading is per batch (``article_id IN (...)``), so its cost follows the
batch, not the store.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ..store.db import dict_rows, from_json
from .text import fold

BODY_KINDS = ("body", "heading")
TEXT_KINDS = ("body", "heading", "caption")


@dataclass
class LinkDoc:
    id: str
    text: str
    published: dt.date | None
    copy_of: str | None
    outlet: str | None
    title: str | None
    ingested_at: dt.datetime | None = None
    sections: list[tuple[str, int, int]] = field(default_factory=list)
    entities: list[tuple[str, str]] = field(default_factory=list)  # (text, label)
    actors: Counter = field(default_factory=Counter)  # actor id -> mentions
    actor_info: dict[str, dict] = field(default_factory=dict)  # id -> {name, country, sector}
    places: Counter = field(default_factory=Counter)  # place key -> mentions
    place_countries: Counter = field(default_factory=Counter)
    events: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    timexes: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def section_text(self, kinds=BODY_KINDS) -> str:
        """The text of the given section kinds, joined by newlines (noise left out)."""
        parts = [self.text[a:b] for k, a, b in self.sections if k in kinds]
        if not self.sections:
            return self.text
        return "\n".join(parts)

    def section_of(self, pos: int) -> str | None:
        for k, a, b in self.sections:
            if a <= pos < b:
                return k
        return None

    def sentence_at(self, pos: int) -> tuple[int, int] | None:
        for a, b in self.sentences:
            if a <= pos < b:
                return a, b
        return None

    @property
    def countries(self) -> Counter:
        """Countries the article is about: its places and actors, by mentions."""
        c = Counter(self.place_countries)
        for aid, n in self.actors.items():
            country = (self.actor_info.get(aid) or {}).get("country")
            if country and len(country) == 3 and country.isalpha() and country not in ("EUR", "IGO", "UNO", "NGO", "IMG", "MNC"):
                c[country] += n
        return c


def _rows(con, sql: str, ids: list[str]):
    """Rows of a query with one ``IN ?`` list parameter: the batch's article ids."""
    return dict_rows(con, sql, [ids])


def load_docs(con, ids: list[str]) -> dict[str, LinkDoc]:
    """LinkDocs for the given article ids (those that exist), keyed by id."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    IN = "IN (SELECT unnest($1))"
    docs: dict[str, LinkDoc] = {}
    for r in _rows(con, f"SELECT id, text, published, copy_of, outlet, title, ingested_at FROM articles WHERE id {IN}", ids):
        docs[r["id"]] = LinkDoc(r["id"], r["text"], r["published"], r["copy_of"], r["outlet"], r["title"], r["ingested_at"])
    for r in _rows(con, f"SELECT article_id, kind, start_char, end_char FROM sections WHERE article_id {IN} ORDER BY article_id, idx", ids):
        if r["article_id"] in docs:
            docs[r["article_id"]].sections.append((r["kind"], r["start_char"], r["end_char"]))
    for r in _rows(con, f"SELECT article_id, start_char, end_char FROM sentences WHERE article_id {IN} ORDER BY article_id, idx", ids):
        if r["article_id"] in docs:
            docs[r["article_id"]].sentences.append((r["start_char"], r["end_char"]))
    for r in _rows(con, f"SELECT article_id, text, label, section_kind FROM entities WHERE article_id {IN}", ids):
        if r["article_id"] in docs and r["section_kind"] in (None, "body", "heading"):
            docs[r["article_id"]].entities.append((r["text"], r["label"]))
    for r in _rows(con, f"""SELECT m.article_id, m.actor_id, m.start_char, a.name, coalesce(m.country, a.country) AS country,
                                   coalesce(m.sector, a.sector) AS sector
                            FROM actor_mentions m LEFT JOIN actors a ON a.id = m.actor_id WHERE m.article_id {IN}""", ids):
        d = docs.get(r["article_id"])
        if d is None or d.section_of(r["start_char"]) not in (None, "body", "heading"):
            continue
        d.actors[r["actor_id"]] += 1
        d.actor_info.setdefault(r["actor_id"], {"name": r["name"], "country": r["country"], "sector": r["sector"]})
    for r in _rows(con, f"SELECT article_id, start_char, name, geonameid, country, level FROM toponyms WHERE article_id {IN}", ids):
        d = docs.get(r["article_id"])
        if d is None or d.section_of(r["start_char"] or 0) not in (None, "body", "heading"):
            continue
        key = r["name"] or ""
        if key:
            d.places[key] += 1
        if r["country"]:
            d.place_countries[r["country"]] += 1
    ev = _rows(con, f"""SELECT id, article_id, idx, type, mode, date, date_precision, place, place_country,
                               evidence_start, evidence_end, section, negated, hypothetical, future, reported,
                               historical, disputed, record FROM events WHERE article_id {IN} ORDER BY article_id, idx""", ids)
    roles: dict[str, dict[str, list]] = {}
    if ev:
        for r in _rows(con, f"""SELECT ea.event_id, ea.role, ea.position, ea.actor_id, ea.name, ea.country, ea.sector
                                FROM event_actors ea WHERE ea.event_id IN (SELECT id FROM events WHERE article_id {IN})
                                ORDER BY ea.event_id, ea.role, ea.position""", ids):
            roles.setdefault(r["event_id"], {"actor": [], "recipient": []}).setdefault(r["role"], []).append(
                {"id": r["actor_id"], "name": r["name"], "country": r["country"], "sector": r["sector"]})
    for r in ev:
        d = docs.get(r["article_id"])
        if d is None:
            continue
        r["record"] = from_json(r["record"]) or {}
        r["actors"] = roles.get(r["id"], {}).get("actor", [])
        r["recipients"] = roles.get(r["id"], {}).get("recipient", [])
        es, ee = r["evidence_start"], r["evidence_end"]
        r["evidence"] = d.text[es:ee] if es is not None and ee is not None else ""
        d.events.append(r)
    for r in _rows(con, f"""SELECT id, article_id, idx, kind, speaker_id, speaker_name, content_start, content_end,
                                   content, section, record FROM quotes WHERE article_id {IN} ORDER BY article_id, idx""", ids):
        d = docs.get(r["article_id"])
        if d is not None:
            r["record"] = from_json(r["record"]) or {}
            d.quotes.append(r)
    for r in _rows(con, f"""SELECT article_id, idx, start_char, end_char, text, type, value, anchored, record
                            FROM timexes WHERE article_id {IN} ORDER BY article_id, idx""", ids):
        d = docs.get(r["article_id"])
        if d is not None:
            r["record"] = from_json(r["record"]) or {}
            d.timexes.append(r)
    try:
        claims = _rows(con, f"SELECT * FROM numeric_claims WHERE article_id {IN} ORDER BY article_id, idx", ids)
    except Exception:  # noqa: BLE001 - a store written before numeric claims existed
        claims = []
    for r in claims:
        d = docs.get(r["article_id"])
        if d is not None:
            r["record"] = from_json(r["record"]) or {}
            d.claims.append(r)
    return docs


def norm_text(s: str) -> str:
    return " ".join(fold(s).split())
