"""Publication-date inference for articles that came without a date.

An undated article still dates itself: an explicit date in the text or a photo caption
("Berlin, Germany, on August 13, 2025"), a duration counted from a known start ("the
three-and-a-half-year-old conflict" in an article about Russia and Ukraine), the dated
articles of the story it joined, and dated events it shares with other articles. Each clue
is an interval with a weight; the estimate is the interval the most weight agrees on, so one
misleading clue (a photo from 2023, "a nearly 11-year campaign" counted from the wrong
start) is outvoted rather than fatal. Confidence is the share of the evidence weight that
agrees, damped when little evidence exists.

The estimate is stored in ``pubdate_estimates``, never in ``articles.published``: a missing
date stays missing, and the origin of every date stays visible. Linking uses a confident
estimate as the article's date for its time windows. A user who accepts an estimate
(`wiresift pubdate accept`) turns it into an override that relink keeps, and re-extracting
the article with it resolves its relative dates ("on Tuesday").

Clue weights (settings ``pubdate.weights``):
- latest explicit day in the text: published in [D, D + explicit_date_days] (captions weigh
  more: agency photos are dated the day they are taken); earlier explicit days, months and
  years only say "not before";
- a duration matched to an anchor in wiresift/data/link/anchors.yaml: start + duration,
  widened by the rounding of the wording; several matching anchors share the weight;
- the story's dated members: [first - 1, last + 2];
- a merged event with a day-precision date from another, dated article: [date, date + 7].
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass

from ..paths import DATA_DIR, read_yaml
from ..store import insert_rows
from .articles import LinkDoc

_DAY = re.compile(r"^(\d{4}-\d\d-\d\d)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_YEAR = re.compile(r"^(\d{4})$")
UNIT_DAYS = {"day": 1, "week": 7, "month": 30.44, "year": 365.25, "decade": 3652.5}


@dataclass
class Clue:
    lo: dt.date
    hi: dt.date | None  # None: open-ended ("not before lo")
    weight: float
    why: str
    point: dt.date | None = None  # the most likely day inside [lo, hi], when the clue has one

    def as_dict(self) -> dict:
        return {"lo": self.lo.isoformat(), "hi": self.hi.isoformat() if self.hi else None,
                "weight": round(self.weight, 3), "why": self.why}


@dataclass
class Estimate:
    estimate: dt.date | None
    lo: dt.date
    hi: dt.date | None
    confidence: float
    clues: list[Clue]

    @property
    def usable(self) -> bool:
        return self.estimate is not None


@functools.lru_cache(maxsize=1)
def anchors() -> list[dict]:
    data = read_yaml(DATA_DIR / "link" / "anchors.yaml")
    out = []
    for a in data["anchors"]:
        a = dict(a)
        a["start"] = a["start"] if isinstance(a["start"], dt.date) else dt.date.fromisoformat(str(a["start"]))
        out.append(a)
    return out


def _add_days(d: dt.date, days: float) -> dt.date | None:
    try:
        return d + dt.timedelta(days=round(days))
    except OverflowError:
        return None


def text_clues(doc: LinkDoc, settings: dict) -> list[Clue]:
    """Clues from the article's own text: explicit dates and anchored durations."""
    ps = settings["pubdate"]
    w = ps["weights"]
    clues: list[Clue] = []
    days: list[tuple[dt.date, dict]] = []
    for t in doc.timexes:
        if not t.get("anchored") or t.get("type") != "DATE":
            continue
        v = str(t.get("value") or "")
        section = (t.get("record") or {}).get("section") or doc.section_of(t.get("start_char") or 0)
        if section not in (None, "body", "heading", "caption"):
            continue
        m = _DAY.match(v)
        if m and re.search(r"\d{4}", t.get("text") or ""):
            try:
                days.append((dt.date.fromisoformat(m.group(1)), t | {"section": section}))
            except ValueError:
                pass
            continue
        m = _MONTH.match(v)
        if m:
            try:
                clues.append(Clue(dt.date(int(m.group(1)), int(m.group(2)), 1), None, w["month"], f"mentions {t['text']!r}"))
            except ValueError:
                pass
            continue
        m = _YEAR.match(v)
        if m and 1800 < int(v) < 2200:
            clues.append(Clue(dt.date(int(v), 1, 1), None, w["year"], f"mentions {t['text']!r}"))
    if days:
        latest = max(d for d, _ in days)
        for d, t in days:
            if d == latest:
                weight = w["caption_date"] if t["section"] == "caption" else w["date"]
                clues.append(Clue(d, d + dt.timedelta(days=int(ps["explicit_date_days"])), weight,
                                  f"latest explicit date {t['text']!r}" + (" (caption)" if t["section"] == "caption" else ""), d))
            else:
                clues.append(Clue(d, None, w["month"], f"mentions {t['text']!r}"))
    clues += duration_clues(doc, settings)
    return clues


def duration_clues(doc: LinkDoc, settings: dict) -> list[Clue]:
    w = settings["pubdate"]["weights"]["duration"]
    countries = {c for c, n in doc.countries.items() if n > 0}
    out: list[Clue] = []
    for c in doc.claims:
        if c.get("quantity") != "duration" or not c.get("subject"):
            continue
        unit = UNIT_DAYS.get(c.get("unit") or "")
        if not unit:
            continue
        noun = c["subject"].lower()
        matched = [a for a in anchors() if noun in a.get("words", [])
                   and (not a.get("countries") or set(a["countries"]) <= countries)
                   and (not a.get("actors") or any(x in doc.actors for x in a["actors"]))]
        if not matched:
            continue
        lo_v, hi_v = float(c["low"]), float(c["high"])
        if lo_v == hi_v:  # an exact figure is as precise as its last step: "three and a half" +-0.25
            step = 0.25 if lo_v != int(lo_v) else 0.5
            lo_v, hi_v = lo_v - step, hi_v + step
        for a in matched:
            lo = _add_days(a["start"], lo_v * unit)
            hi = _add_days(a["start"], hi_v * unit)
            if lo and hi:
                out.append(Clue(lo, hi, w / len(matched), f"{c['text']!r} counted from {a['name']} ({a['start']})"))
    return out


def story_clue(member_days: list[dt.date], settings: dict) -> Clue | None:
    if not member_days:
        return None
    lo, hi = min(member_days), max(member_days)
    ordered = sorted(member_days)
    return Clue(lo - dt.timedelta(days=1), hi + dt.timedelta(days=2), settings["pubdate"]["weights"]["story"],
                f"its story's dated articles ({lo}" + (f" to {hi})" if hi != lo else ")"), ordered[len(ordered) // 2])


def event_clues(dates: list[tuple[str, str]], settings: dict) -> list[Clue]:
    """Clues from day-precision dates of merged events shared with dated articles."""
    out = []
    for date, summary in dates:
        try:
            d = dt.date.fromisoformat(date)
        except ValueError:
            continue
        out.append(Clue(d, d + dt.timedelta(days=7), settings["pubdate"]["weights"]["event"], f"event {summary} dated {d}", d))
    return out


def estimate(clues: list[Clue], settings: dict) -> Estimate | None:
    """The interval the most evidence weight agrees on."""
    if not clues:
        return None
    points = sorted({c.lo for c in clues} | {c.hi + dt.timedelta(days=1) for c in clues if c.hi})
    total = sum(c.weight for c in clues)
    best = None
    for i, start in enumerate(points):
        end = points[i + 1] - dt.timedelta(days=1) if i + 1 < len(points) else None
        covering = [c for c in clues if c.lo <= start and (c.hi is None or c.hi >= start)]
        weight = sum(c.weight for c in covering)
        bounded = any(c.hi is not None for c in covering)
        key = (round(weight, 6), bounded, start)
        if weight > 0 and (best is None or key > best[0]):
            best = (key, start, end, covering, weight)
    if best is None:
        return None
    _, start, end, covering, weight = best
    bounded = [c for c in covering if c.hi is not None]
    if bounded:
        hi = min(c.hi for c in bounded)
        lo = max(c.lo for c in covering)
        agree = weight / total
        strength = min(1.0, weight / 1.5)
        points = sorted((c for c in covering if c.point and lo <= c.point <= hi), key=lambda c: -c.weight)
        point = points[0].point if points else lo
        return Estimate(point, lo, hi, round(agree * strength, 3), clues)
    lo = max(c.lo for c in covering)
    return Estimate(None, lo, None, round(0.1 * weight / total, 3), clues)


def effective(published: dt.date | None, accepted: dt.date | None, est: Estimate | None, settings: dict
              ) -> tuple[dt.date | None, str, dt.date | None, dt.date | None]:
    """(day, origin, lo, hi): the date linking uses for an article and the interval around it."""
    if published:
        return published, "published", published, published
    if accepted:
        return accepted, "accepted", accepted, accepted
    if est is None:
        return None, "none", None, None
    if est.usable and est.confidence >= float(settings["pubdate"]["min_confidence"]) and est.hi and (est.hi - est.lo).days <= 14:
        return est.estimate, "estimated", est.lo, est.hi
    return None, "none", est.lo, est.hi


def accepted(con, ids: list[str]) -> dict[str, dt.date]:
    rows = con.execute("""SELECT subject, value FROM link_overrides WHERE kind = 'pubdate' AND subject IN (SELECT unnest($1))
                          ORDER BY created_at""", [ids]).fetchall()
    out = {}
    for aid, value in rows:
        v = json.loads(value) if isinstance(value, str) else value
        try:
            out[aid] = dt.date.fromisoformat(v["date"])
        except (KeyError, TypeError, ValueError):
            continue
    return out


def write(con, estimates: dict[str, Estimate]) -> None:
    ids = list(estimates)
    if not ids:
        return
    con.execute("DELETE FROM pubdate_estimates WHERE article_id IN (SELECT unnest($1))", [ids])
    insert_rows(con, "pubdate_estimates", ("article_id", "estimate", "lo", "hi", "confidence", "evidence"),
                [(aid, e.estimate, e.lo, e.hi, e.confidence, json.dumps([c.as_dict() for c in e.clues]))
                 for aid, e in estimates.items()])
