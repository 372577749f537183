"""Disputed numbers: numeric claims about the same quantity from different sources, compared.

Claims come from the ``numbers`` extractor as intervals ("tens of thousands" = 20,000 to
99,999; "about 300" = 255 to 345). Conflict tolls (deaths, injuries, casualties, displaced,
troops) are compared within a story and across stories on the same conflict: same
quantity, same kind of subject (war, attack, disaster...), and the same countries (the
claim's sentence plus the article's main countries). Money, percentages and durations are
compared only within one story and about the same noun, since "profit rose 10 pct" and
"sales rose 5 pct" are different quantities that happen to share a unit.

All comparable claims form one claim group; it is disputed when two sources (different
copy groups) disagree beyond rounding: their intervals, widened by the rounding a bare
number allows, do not overlap. Cumulative tolls grow between reports, so the earlier value
may grow by ``growth_per_month`` per month before a later, higher one disputes it; a later
lower toll always disputes. A disputed group holds every value with its source, date and
evidence in ``claim_groups.record``.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict

from ..store import insert_rows
from .articles import LinkDoc
from .text import short_id

_COLS = ("group_id", "claim_id", "article_id", "copy_group", "story_id", "quantity", "subject", "subject_class",
         "countries", "unit", "value", "low", "high", "vague", "qualifier", "text", "evidence", "day")


def views(doc: LinkDoc, story_id: str | None, day: dt.date | None, copy_group: str | None, settings: dict) -> list[dict]:
    ns = settings["numbers"]
    wanted = set(ns["conflict_quantities"]) | set(ns["story_quantities"])
    main = [c for c, _ in doc.countries.most_common(3)]
    out = []
    for c in doc.claims:
        if c.get("quantity") not in wanted:
            continue
        rec = c.get("record") or {}
        countries = list(dict.fromkeys(list(c.get("countries") or []) + main))
        out.append({"group_id": None, "claim_id": c["id"], "article_id": doc.id, "copy_group": copy_group or doc.id,
                    "story_id": story_id, "quantity": c["quantity"], "subject": c.get("subject"),
                    "subject_class": c.get("subject_class"), "countries": countries, "unit": c.get("unit"),
                    "value": rec.get("value"), "low": c.get("low"), "high": c.get("high"),
                    "vague": bool(rec.get("vague")), "qualifier": c.get("qualifier"), "text": c.get("text"),
                    "evidence": (rec.get("evidence") or {}).get("text"), "day": day})
    return out


def load_groups(con, quantities: list[str], story_ids: list[str], lo: dt.date, hi: dt.date, settings: dict) -> dict[str, list[dict]]:
    """Claim groups new claims may join: same-story groups for the story quantities, and for
    conflict tolls any group of the same quantity within the window."""
    ns = settings["numbers"]
    story_q = [q for q in quantities if q in ns["story_quantities"]]
    conflict_q = [q for q in quantities if q in ns["conflict_quantities"]]
    ids = [r[0] for r in con.execute("""
        SELECT DISTINCT group_id FROM claim_members
        WHERE (quantity IN (SELECT unnest($1)) AND story_id IN (SELECT unnest($2)))
           OR (quantity IN (SELECT unnest($3)) AND (day IS NULL OR day BETWEEN $4 AND $5))""",
                                     [story_q, story_ids, conflict_q, lo, hi]).fetchall()]
    return load(con, ids)


def load(con, group_ids) -> dict[str, list[dict]]:
    if not group_ids:
        return {}
    cur = con.execute(f"SELECT {', '.join(_COLS)} FROM claim_members WHERE group_id IN (SELECT unnest($1))", [list(group_ids)])
    out: dict[str, list[dict]] = defaultdict(list)
    for r in cur.fetchall():
        d = dict(zip(_COLS, r))
        d["countries"] = list(d["countries"] or [])
        out[d["group_id"]].append(d)
    return out


def comparable(a: dict, b: dict, settings: dict) -> bool:
    """Are two claims about the same quantity?"""
    ns = settings["numbers"]
    if a["quantity"] != b["quantity"]:
        return False
    same_story = a.get("story_id") and a.get("story_id") == b.get("story_id")
    if a["quantity"] in ns["story_quantities"]:
        return bool(same_story and a.get("subject") and (a["subject"] or "").lower() == (b.get("subject") or "").lower()
                    and a.get("unit") == b.get("unit"))
    if a.get("subject_class") != b.get("subject_class"):
        return False
    if not a.get("subject_class") and not same_story:
        return False
    if a.get("day") and b.get("day") and abs((a["day"] - b["day"]).days) > int(ns["window_days"]):
        return False
    ca, cb = set(a.get("countries") or []), set(b.get("countries") or [])
    shared = len(ca & cb)
    if same_story:
        return shared >= 1 or not ca or not cb
    return shared >= int(ns["min_shared_countries"]) or (len(ca) == len(cb) == 1 and ca == cb)


def _widened(c: dict, settings: dict) -> tuple[float, float]:
    lo, hi = float(c["low"]), float(c["high"])
    if c.get("vague") or c.get("qualifier"):
        return lo, hi
    v = float(c.get("value") or lo)
    digits = str(int(v)) if v == int(v) else ""
    rounded = v >= 10 and digits.rstrip("0") != digits  # 300, 1,000, 2.5 mln: rounded figures
    t = float(settings["numbers"]["rounding"]) if rounded else 0.02
    return lo * (1 - t), hi * (1 + t)


def disagree(a: dict, b: dict, settings: dict) -> str | None:
    """Why two comparable claims disagree, or None when they can both be right."""
    ns = settings["numbers"]
    la, ha = _widened(a, settings)
    lb, hb = _widened(b, settings)
    if a["quantity"] in ns["cumulative"] and a.get("day") and b.get("day") and a["day"] != b["day"]:
        if a["day"] > b["day"]:
            a, b, (la, ha), (lb, hb) = b, a, (lb, hb), (la, ha)
        months = (b["day"] - a["day"]).days / 30.44
        grown = ha * (1 + float(ns["growth_per_month"]) * months)
        if hb < la:
            return f"the later figure ({b['text']}, {b['day']}) is below the earlier one ({a['text']}, {a['day']})"
        if lb > grown:
            return (f"{b['text']} ({b['day']}) is more than {a['text']} ({a['day']}) can have grown to "
                    f"in {months:.1f} months (at most {grown:,.0f})")
        return None
    if ha < lb or hb < la:
        return f"{a['text']} and {b['text']} do not overlap ({la:,.0f}-{ha:,.0f} vs {lb:,.0f}-{hb:,.0f})"
    return None


def assign(new: list[dict], groups: dict[str, list[dict]], settings: dict) -> set[str]:
    touched: set[str] = set()
    ns = settings["numbers"]
    by_key: dict[tuple, set[str]] = defaultdict(set)

    def keys(c: dict) -> list[tuple]:
        # Story quantities only ever meet claims of their own story and noun; conflict tolls
        # meet claims of the same kind sharing a country, or of their own story.
        if c["quantity"] in ns["story_quantities"]:
            return [(c["quantity"], "s", c.get("story_id"), (c.get("subject") or "").lower())]
        out = [(c["quantity"], "c", c.get("subject_class"), x) for x in c.get("countries") or []]
        return out + [(c["quantity"], "s", c.get("story_id"))]

    for gid, members in groups.items():
        for m in members:
            for k in keys(m):
                by_key[k].add(gid)
    for v in new:
        best = None
        for gid in sorted({g for k in keys(v) for g in by_key.get(k, ())}):
            members = groups[gid]
            n = sum(comparable(v, m, settings) for m in members)
            if n and (best is None or n > best[0]):
                best = (n, gid)
        gid = best[1] if best else short_id("n", v["claim_id"])
        v["group_id"] = gid
        for k in keys(v):
            by_key[k].add(gid)
        groups.setdefault(gid, []).append(v)
        touched.add(gid)
    return touched


def write(con, groups: dict[str, list[dict]], touched: set[str], outlets: dict[str, str | None], settings: dict,
          stored: set[str] = frozenset()) -> None:
    """(Re)write the touched claim groups; ``stored``: those that already have rows."""
    ids = sorted(touched)
    if not ids:
        return
    old = sorted(set(ids) & set(stored))
    if old:
        con.execute("DELETE FROM claim_members WHERE group_id IN (SELECT unnest($1))", [old])
        con.execute("DELETE FROM claim_groups WHERE id IN (SELECT unnest($1))", [old])
    mrows, grows = [], []
    for gid in ids:
        members = sorted(groups[gid], key=lambda m: (m.get("day") or dt.date.max, m["claim_id"]))
        for m in members:
            mrows.append(tuple(m.get(c) for c in _COLS))
        reasons = []
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a["copy_group"] == b["copy_group"]:
                    continue
                why = disagree(a, b, settings)
                if why:
                    reasons.append({"a": a["claim_id"], "b": b["claim_id"], "why": why})
        first = members[0]
        countries = Counter(c for m in members for c in m["countries"][:2])
        ctry = [c for c, n in countries.most_common() if n >= max(1, len(members) // 2)][:3]
        values = [{"claim_id": m["claim_id"], "article_id": m["article_id"], "outlet": outlets.get(m["article_id"]),
                   "day": str(m["day"]) if m.get("day") else None, "text": m["text"], "low": m["low"],
                   "high": m["high"], "evidence": m["evidence"]} for m in members]
        subject = first.get("subject_class") or first.get("subject") or "?"
        summary = f"{first['quantity']} ({subject}{'; ' + ', '.join(ctry) if ctry else ''}): " + " vs ".join(
            f"{m['text']} ({m['day'] or 'undated'})" for m in members[:6])
        grows.append((gid, first["quantity"], first.get("subject_class") or first.get("subject"), ctry,
                      first.get("story_id"), bool(reasons), len(members), len({m["article_id"] for m in members}),
                      min(m["low"] for m in members), max(m["high"] for m in members), summary,
                      json.dumps({"values": values, "disagreements": reasons}, ensure_ascii=False)))
    insert_rows(con, "claim_members", _COLS, mrows)
    insert_rows(con, "claim_groups", ("id", "quantity", "subject_class", "countries", "story_id", "disputed", "n_claims",
                                      "n_articles", "low", "high", "summary", "record"), grows)

