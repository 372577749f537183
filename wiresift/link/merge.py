"""Merged events: one record per real act, with every article-level mention as a source.

Two events from different articles are the same act when they have the same type, nothing
vetoes it (actors or recipients from different countries, dates that cannot both be right,
places in different countries, one negated and the other not, a user's split) and the
weighted score of their agreement reaches the threshold: same story, same actors, same
recipients, compatible date and place, overlapping evidence words, same mode. The decision
is stored with each source (``event_sources.why``: every feature, its weight, the score and
the threshold), so an analyst can see why two records were merged and undo it.

Candidates come from the new event's story. Standing positions (demands, refusals: the
``position_types``) are also restated in other stories months apart, so for those the
candidates are events of the same type within a long window, and the evidence must overlap.
Vetoes hold against every source of a merged event, not only the best match, so one loose
match cannot chain two different acts together.

A merged event keeps the id of its founding event (``m-<hash of its key>``). Event keys are
``article:type:evidence span``, which survive re-extraction of an article, so a user's split
(`wiresift unmerge`), stored in ``link_overrides``, still applies after a relink or a re-run.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter, defaultdict

from ..store import insert_rows
from .articles import LinkDoc
from .text import content_words, short_id

SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
_DATE = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def event_key(article_id: str, ev: dict) -> str:
    return f"{article_id}:{ev.get('type')}:{ev.get('evidence_start')}-{ev.get('evidence_end')}"


def merged_id_for(key: str) -> str:
    return short_id("m", key)


def _evidence(doc: LinkDoc, ev: dict) -> str:
    text = ev.get("evidence") or ""
    if len(text.split()) < 6 and ev.get("evidence_start") is not None:
        sent = doc.sentence_at(ev["evidence_start"])
        if sent:
            text = doc.text[sent[0]:sent[1]]
    return " ".join(text.split())


def _party(p: dict) -> dict:
    return {"id": p.get("id"), "name": p.get("name"), "country": p.get("country")}


def dyad(actor: list[dict], recipient: list[dict]) -> str | None:
    """"RUS>UKR": the countries of the first actor and recipient, or None when one is unknown."""
    a = next((c for c in map(_country, actor) if c), None)
    r = next((c for c in map(_country, recipient) if c), None)
    return f"{a}>{r}" if a and r else None


def views(doc: LinkDoc, story_id: str | None, day: dt.date | None, copy_group: str | None) -> list[dict]:
    """The batch article's events in the shape candidates are loaded in."""
    out = []
    for ev in doc.events:
        actor = [_party(p) for p in ev.get("actors", [])]
        recipient = [_party(p) for p in ev.get("recipients", [])]
        out.append({
            "event_id": ev["id"], "event_key": event_key(doc.id, ev), "article_id": doc.id,
            "copy_group": copy_group or doc.id, "story_id": story_id, "type": ev.get("type"), "day": day,
            "mode": ev.get("mode"), "date": ev.get("date"), "place": ev.get("place"),
            "place_country": ev.get("place_country"), "negated": bool(ev.get("negated")),
            "historical": bool(ev.get("historical")),
            "actor": actor, "recipient": recipient, "dyad": dyad(actor, recipient),
            "evidence": _evidence(doc, ev), "merged_id": None})
    return out


_COLS = ("merged_id", "event_id", "event_key", "article_id", "copy_group", "story_id", "type", "day", "mode",
         "date", "place", "place_country", "negated", "historical", "actor", "recipient", "dyad", "evidence")


def load_groups(con, batch: list[dict], lo: dt.date, hi: dt.date, settings: dict) -> dict[str, list[dict]]:
    """Stored merged events the batch's event views may join, with all their sources: same
    type in the same story, or for standing positions the same type and dyad in the window."""
    types = sorted({v["type"] for v in batch if v.get("type")})
    if not types:
        return {}
    stories = sorted({v["story_id"] for v in batch if v.get("story_id")})
    pos = set(settings["events"]["position_types"])
    pairs = sorted({f"{v['type']}|{v['dyad']}" for v in batch if v.get("type") in pos and v.get("dyad")})
    ids = [r[0] for r in con.execute("""
        SELECT DISTINCT merged_id FROM event_sources
        WHERE (type IN (SELECT unnest($1)) AND story_id IN (SELECT unnest($2)))
           OR (type || '|' || dyad IN (SELECT unnest($3)) AND (day IS NULL OR day BETWEEN $4 AND $5))""",
                                            [types, stories, pairs, lo, hi]).fetchall()]
    return load_sources(con, ids)


def load_sources(con, merged_ids: list[str]) -> dict[str, list[dict]]:
    if not merged_ids:
        return {}
    cur = con.execute(f"SELECT {', '.join(_COLS)} FROM event_sources WHERE merged_id IN (SELECT unnest($1))", [merged_ids])
    out: dict[str, list[dict]] = defaultdict(list)
    for row in cur.fetchall():
        v = dict(zip(_COLS, row))
        v["actor"] = json.loads(v["actor"]) if isinstance(v["actor"], str) else (v["actor"] or [])
        v["recipient"] = json.loads(v["recipient"]) if isinstance(v["recipient"], str) else (v["recipient"] or [])
        out[v["merged_id"]].append(v)
    return out


# -- comparing two events ----------------------------------------------------------------------

def _country(p: dict) -> str | None:
    c = p.get("country")
    if c:
        return c
    pid = p.get("id") or ""
    if pid.startswith("c:"):
        return pid[2:5]
    return None


def _parties(a: list[dict], b: list[dict]) -> tuple[float, str | None]:
    if not a and not b:
        return 0.5, None
    if not a or not b:
        return 0.4, None
    ia = {p["id"] for p in a if p.get("id")}
    ib = {p["id"] for p in b if p.get("id")}
    if ia & ib:
        return 1.0, None
    ca = {_country(p) for p in a} - {None}
    cb = {_country(p) for p in b} - {None}
    if ca & cb:
        return 0.6, None
    return 0.0, "different parties"


def _participants(a: list[dict], b: list[dict]) -> tuple[float, str | None]:
    """Participants of a symmetric event: each one on either side must match one on the other
    (same id, or same country); 1.0 when they share an actor id, 0.6 for countries only."""
    if not a or not b:
        return 0.4, None

    def covered(p: dict, others: list[dict]) -> bool:
        return any((p.get("id") and p.get("id") == q.get("id")) or (_country(p) and _country(p) == _country(q)) for q in others)

    if not all(covered(p, b) for p in a) or not all(covered(q, a) for q in b):
        return 0.0, "different participants"
    ia = {p["id"] for p in a if p.get("id")}
    return (1.0 if ia & {q["id"] for q in b if q.get("id")} else 0.6), None


def _dates(a: str | None, b: str | None) -> tuple[float, str | None]:
    a = a if a and _DATE.match(str(a)) else None
    b = b if b and _DATE.match(str(b)) else None
    if not a or not b:
        return 0.5, None
    if a.startswith(b) or b.startswith(a):
        return 1.0, None
    if len(a) == len(b) == 10:
        gap = abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
        if gap <= 1:
            return 0.8, None
    return 0.0, f"different dates ({a} / {b})"


def _places(a: dict, b: dict) -> tuple[float, str | None]:
    pa, pb = (a.get("place") or "").lower(), (b.get("place") or "").lower()
    if not pa or not pb:
        return 0.5, None
    if pa == pb:
        return 1.0, None
    ca, cb = a.get("place_country"), b.get("place_country")
    if ca and cb and ca != cb:
        return 0.0, f"different places ({a.get('place')} / {b.get('place')})"
    return 0.3, None


def evidence_keys(text: str) -> set[str]:
    """Content words of the evidence plus number-noun pairs ("four ... regions" -> #4 region):
    the detail two wordings of one demand or one toll most often share."""
    words = content_words(text)
    keys = set(words)
    toks = re.findall(r"[\w'-]+", text.lower())
    for i, t in enumerate(toks):
        n = _NUMBER_WORDS.get(t) or (int(t) if t.isdigit() and len(t) < 4 else None)
        if n:
            for w in toks[i + 1:i + 4]:
                if len(w) > 3 and w.endswith("s"):
                    keys.add(f"#{n} {w[:-1]}")
                    break
    return keys


def _keys(v: dict) -> set[str]:
    if "_keys" not in v:
        v["_keys"] = evidence_keys(v.get("evidence") or "")
    return v["_keys"]


def _evidence_sim(a: dict, b: dict) -> float:
    """Cosine of the evidence keys; a shared number-noun detail ("four regions") counts as
    at least 0.5, since two wordings of one demand or toll keep their figures."""
    ka, kb = _keys(a), _keys(b)
    if not ka or not kb:
        return 0.0
    shared = ka & kb
    sim = len(shared) / math.sqrt(len(ka) * len(kb))
    if any(k.startswith("#") for k in shared):
        sim = max(sim, 0.5)
    return sim


def compare(a: dict, b: dict, settings: dict, same_story: bool) -> tuple[float, dict, str | None]:
    """(score, features, veto) for two event views of the same type."""
    es = settings["events"]
    w = es["weights"]
    if bool(a.get("negated")) != bool(b.get("negated")):
        return 0.0, {}, "one is negated"
    if a["type"] in SYMMETRIC:
        # Meetings and agreements are coded either way round or with everyone as actor:
        # compare who took part, and every participant must be on the other side too.
        s_, v = _participants(a["actor"] + a["recipient"], b["actor"] + b["recipient"])
        act, rec, veto_a, veto_r = s_, s_, v, None
    else:
        act, veto_a = _parties(a["actor"], b["actor"])
        rec, veto_r = _parties(a["recipient"], b["recipient"])
    if veto_a:
        return 0.0, {"actor": 0.0}, "different actors"
    if veto_r:
        return 0.0, {"recipient": 0.0}, "different recipients"
    date, veto_d = _dates(a.get("date"), b.get("date"))
    if veto_d:
        return 0.0, {"date": 0.0}, veto_d
    place, veto_p = _places(a, b)
    if veto_p:
        return 0.0, {"place": 0.0}, veto_p
    ev = _evidence_sim(a, b)
    mode = 0.5 if not a.get("mode") or not b.get("mode") else (1.0 if a["mode"] == b["mode"] else 0.0)
    feats = {"actor": act, "recipient": rec, "date": date, "place": place, "evidence": round(ev, 3), "mode": mode}
    if same_story:
        feats = {"same_story": 1.0, **feats}
    total = sum(w[k] for k in feats)
    score = sum(w[k] * v for k, v in feats.items()) / total
    return round(score, 4), feats, None


# -- assigning ----------------------------------------------------------------------------------

def assign(new: list[dict], groups: dict[str, list[dict]], splits: set[frozenset], settings: dict) -> list[dict]:
    """Put each new event view into the best merged event or a new one; returns the views with
    ``merged_id``, ``score``, ``matched`` and ``why`` set. ``groups`` grows as it goes."""
    es = settings["events"]
    positions = set(es["position_types"])
    pos_days = int(es["position_window_days"])
    index: dict[tuple, set[str]] = defaultdict(set)  # (type, story) and (type, dyad) -> merged ids

    def add(mid: str, src: dict) -> None:
        if src.get("story_id"):
            index[(src["type"], "s", src["story_id"])].add(mid)
        if src["type"] in positions and src.get("dyad"):
            index[(src["type"], "d", src["dyad"])].add(mid)

    for mid, srcs in groups.items():
        for src in srcs:
            add(mid, src)
    for v in new:
        best = None
        cands = set(index.get((v["type"], "s", v.get("story_id")), ()))
        if v["type"] in positions and v.get("dyad"):
            cands |= index.get((v["type"], "d", v["dyad"]), set())
        for mid in sorted(cands):
            srcs = groups[mid]
            if any(s["article_id"] == v["article_id"] for s in srcs):
                continue
            if any(frozenset((s["event_key"], v["event_key"])) in splits for s in srcs):
                continue
            same_story = any(s.get("story_id") and s.get("story_id") == v.get("story_id") for s in srcs)
            if not same_story:
                if v["type"] not in positions:
                    continue
                if v.get("day") and any(s.get("day") and abs((s["day"] - v["day"]).days) > pos_days for s in srcs):
                    continue
            results = [(compare(v, s, settings, same_story), s) for s in srcs]
            if any(r[0][2] for r in results):
                continue  # vetoed by at least one source
            (score, feats, _), s = max(results, key=lambda r: r[0][0])
            need = float(es["threshold"])
            if not same_story:
                need = float(es["position_threshold"])
                if feats.get("evidence", 0) < float(es["position_min_evidence"]):
                    continue
            if score >= need and (best is None or score > best[0]):
                best = (score, mid, s, feats, need, same_story)
        if best:
            score, mid, s, feats, need, same_story = best
            v.update(merged_id=mid, score=score, matched=s["event_id"],
                     why={"score": score, "threshold": need, "features": feats,
                          "weights": {k: es["weights"][k] for k in feats},
                          "rule": "same story" if same_story else "standing position across stories",
                          "matched": s["event_id"]})
        else:
            mid = merged_id_for(v["event_key"])
            v.update(merged_id=mid, score=None, matched=None, why={"founded": True})
        groups.setdefault(mid, []).append(v)
        add(mid, v)
    return new


def write(con, assigned: list[dict]) -> None:
    cols = _COLS + ("score", "matched", "why")
    rows = []
    for v in assigned:
        row = []
        for c in cols:
            x = v.get(c)
            if c in ("actor", "recipient", "why"):
                x = json.dumps(x, ensure_ascii=False)
            row.append(x)
        rows.append(tuple(row))
    insert_rows(con, "event_sources", cols, rows)


def splits(con) -> set[frozenset]:
    return {frozenset((a, b)) for a, b in con.execute(
        "SELECT subject, other FROM link_overrides WHERE kind = 'split'").fetchall()}


def refresh(con, merged_ids: set[str]) -> None:
    """Recompute the merged_events rows of ``merged_ids`` from their sources."""
    ids = sorted(merged_ids)
    if not ids:
        return
    con.execute("DELETE FROM merged_events WHERE id IN (SELECT unnest($1))", [ids])
    groups = load_sources(con, ids)
    extra = {r[0]: r[1:] for r in con.execute("""
        SELECT es.event_id, es.score, es.why FROM event_sources es WHERE es.merged_id IN (SELECT unnest($1))""", [ids]).fetchall()}
    rows = []
    for mid, srcs in groups.items():
        srcs.sort(key=lambda s: (s["day"] or dt.date.max, s["event_id"]))
        rows.append(_merged_row(mid, srcs, extra))
    insert_rows(con, "merged_events", ("id", "type", "mode", "story_id", "actor", "recipient", "date", "place",
                                       "first_reported", "n_sources", "n_articles", "n_independent", "summary",
                                       "record"), rows)


def _common(lists: list[list[dict]]) -> list[dict]:
    count = Counter()
    first: dict[str, dict] = {}
    for lst in lists:
        for p in lst:
            k = p.get("id") or p.get("name")
            if k:
                count[k] += 1
                first.setdefault(k, p)
    if not count:
        return []
    top = max(count.values())
    return [first[k] for k, n in count.most_common() if n == top]


def _merged_row(mid: str, srcs: list[dict], extra: dict) -> tuple:
    actor = _common([s["actor"] for s in srcs])
    recipient = _common([s["recipient"] for s in srcs])
    dates = [s["date"] for s in srcs if s.get("date") and _DATE.match(str(s["date"]))]
    date = max(dates, key=len) if dates else None
    places = Counter(s["place"] for s in srcs if s.get("place"))
    place = places.most_common(1)[0][0] if places else None
    days = [s["day"] for s in srcs if s.get("day")]
    stories = Counter(s["story_id"] for s in srcs if s.get("story_id"))
    names = lambda ps: ", ".join(p.get("name") or p.get("id") or "?" for p in ps) or "?"  # noqa: E731
    summary = f"{srcs[0]['type']}: {names(actor)} -> {names(recipient)}" + (f" ({place})" if place else "")
    record = {"sources": [{"event_id": s["event_id"], "article_id": s["article_id"], "copy_group": s["copy_group"],
                           "day": str(s["day"]) if s.get("day") else None, "evidence": s["evidence"],
                           "score": (extra.get(s["event_id"]) or (None,))[0]} for s in srcs]}
    return (mid, srcs[0]["type"], srcs[0].get("mode"), stories.most_common(1)[0][0] if stories else None,
            json.dumps(actor, ensure_ascii=False), json.dumps(recipient, ensure_ascii=False), date, place,
            min(days) if days else None, len(srcs), len({s["article_id"] for s in srcs}),
            len({s["copy_group"] for s in srcs}), summary, json.dumps(record, ensure_ascii=False, default=str))
