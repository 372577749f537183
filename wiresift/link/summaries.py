"""Story rows: date span, counts and a generated title, recomputed for the stories a batch touched.

A title copied from one member's headline describes that article, not the story, and scraped
articles often have no headline at all. The title is written from the story's dominant merged
event (reported by the most independent sources; the more consequential type on a tie):
"Donald Trump threatens Vladimir Putin in Moscow". A story without coded events is named by
its main actors, place and most distinctive words.
"""
from __future__ import annotations

import functools
import json
from collections import Counter

from ..paths import DATA_DIR, read_yaml
from ..store import insert_rows


@functools.lru_cache(maxsize=1)
def templates() -> dict:
    return read_yaml(DATA_DIR / "link" / "titles.yaml")


def _display(p: dict) -> str:
    name = p.get("name") or p.get("id") or ""
    for sector in templates().get("drop_sector", ()):
        name = name.removesuffix(f" ({sector})")
    return name


def _names(parties: list[dict]) -> tuple[str, int]:
    """The parties as a phrase, and how many there are (for the verb's agreement)."""
    names = list(dict.fromkeys(n for n in map(_display, parties) if n))
    if len(names) > 3:
        return ", ".join(names[:2]) + " and others", len(names)
    if len(names) == 3:
        return f"{names[0]}, {names[1]} and {names[2]}", 3
    return " and ".join(names), len(names)


def event_title(ev: dict) -> str | None:
    """"Thailand and Cambodia attack each other"-style title of one merged event.

    A party on both sides (a clash coded with both countries as actors) is named once, as an
    actor; when nobody else is left on the receiving side the event reads as reciprocal."""
    t = templates()
    actor_ids = {p.get("id") for p in ev["actor"]}
    recipients = [p for p in ev["recipient"] if p.get("id") not in actor_ids]
    actor, n = _names(ev["actor"])
    recipient, _ = _names(recipients)
    if not actor:
        return None
    form = "several" if n > 1 else "one"
    if recipient:
        title = t["templates"][ev["type"]][form].format(actor=actor, recipient=recipient) \
            if ev["type"] in t["templates"] else f"{actor} -> {recipient}"
    elif ev["recipient"] and n > 1 and ev["type"] in t["templates"]:
        title = t["templates"][ev["type"]]["several"].format(actor=actor, recipient="each other")
    else:
        title = t["alone"][ev["type"]][form].format(actor=actor) if ev["type"] in t["alone"] else actor
    named = {_display(p).lower() for p in ev["actor"] + ev["recipient"]}
    if ev.get("place") and ev["place"].lower() not in named:
        title += f" in {ev['place']}"
    return title


def refresh(con, story_ids: set[str]) -> None:
    ids = sorted(s for s in story_ids if s)
    if not ids:
        return
    con.execute("DELETE FROM stories WHERE id IN (SELECT unnest($1))", [ids])
    members = con.execute("""
        SELECT m.story_id, m.article_id, l.day, l.copy_group FROM story_members m
        JOIN article_links l ON l.article_id = m.article_id WHERE m.story_id IN (SELECT unnest($1))""", [ids]).fetchall()
    by_story: dict[str, list] = {}
    for sid, aid, day, cg in members:
        by_story.setdefault(sid, []).append((aid, day, cg))
    events: dict[str, list[dict]] = {}
    for row in con.execute("""
        SELECT story_id, id, type, actor, recipient, place, n_sources, n_independent, summary FROM merged_events
        WHERE story_id IN (SELECT unnest($1))""", [ids]).fetchall():
        sid, mid, typ, actor, recipient, place, n, ni, summary = row
        events.setdefault(sid, []).append({"id": mid, "type": typ, "actor": json.loads(actor or "[]"),
                                           "recipient": json.loads(recipient or "[]"), "place": place,
                                           "n_sources": n, "n_independent": ni, "summary": summary})
    n_articles = max(1, con.execute("SELECT count(*) FROM article_links").fetchone()[0])
    feats = con.execute(f"""
        SELECT m.story_id, p.kind, p.key, sum(p.weight * ln(({n_articles} + 1) / (coalesce(d.df, 1) + 0.5))) AS w
        FROM story_members m JOIN link_postings p ON p.article_id = m.article_id
        LEFT JOIN link_df d ON d.feature = p.feature
        WHERE m.story_id IN (SELECT unnest($1)) AND p.kind IN ('a', 'p', 'w')
        GROUP BY ALL""", [ids]).fetchall()
    top: dict[str, dict[str, Counter]] = {}
    for sid, kind, key, w in feats:
        top.setdefault(sid, {}).setdefault(kind, Counter())[key] = w
    actor_ids = {k for d in top.values() for k in d.get("a", {})}
    names = dict(con.execute("SELECT id, name FROM actors WHERE id IN (SELECT unnest($1))", [sorted(actor_ids)]).fetchall()) if actor_ids else {}
    salience = {t: i for i, t in enumerate(templates()["salience"])}
    rows = []
    for sid in ids:
        mem = by_story.get(sid)
        if not mem:
            continue
        days = [d for _, d, _ in mem if d]
        evs = events.get(sid, [])
        t = top.get(sid, {})
        weight = t.get("a", Counter())
        # The dominant event: reported by the most independent sources, then about the
        # story's most prominent actors, then the most consequential type.
        prominence = lambda e: sum(weight.get(p.get("id"), 0) for p in e["actor"] + e["recipient"])  # noqa: E731
        evs.sort(key=lambda e: (-e["n_independent"], -round(prominence(e), 3), salience.get(e["type"], 99), e["id"]))
        actors = [names.get(a, a) for a, _ in t.get("a", Counter()).most_common(3)]
        places = [p for p, _ in t.get("p", Counter()).most_common(2)]
        words = [w for w, _ in t.get("w", Counter()).most_common(5)]
        title = next((x for x in (event_title(e) for e in evs[:3]) if x), None)
        if not title:
            parts = [", ".join(actors[:2]), ", ".join(places[:1]), ", ".join(words[:3])]
            title = " · ".join(p for p in parts if p) or "(no title)"
        record = {"actors": actors, "places": places, "words": words,
                  "events": [{"id": e["id"], "summary": e["summary"], "n_sources": e["n_sources"]} for e in evs[:10]]}
        rows.append((sid, title, min(days) if days else None, max(days) if days else None, len(mem),
                     len({cg or aid for aid, _, cg in mem}), len(evs), json.dumps(record, ensure_ascii=False)))
    insert_rows(con, "stories", ("id", "title", "first_date", "last_date", "n_articles", "n_sources", "n_events", "record"), rows)

