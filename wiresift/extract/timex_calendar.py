"""Place a time-expression reading on the calendar: TIMEX3 type, value and precision.

Pure date arithmetic, no spaCy: ``resolve(reading, published, direction, focus)`` gets what
the grammar read ("a weekday, Friday"), the article's published date (or None), the
direction the sentence gives ("past", "future", "present" or None, from timexes.py) and the
document's running focus (the last quarter and the last dated expression, for "a year
earlier" and "that day"). It returns the TIMEX3 fields.

The rules, in the order an editor would apply them:

- The published date, when present, is the anchor for everything relative. Without one,
  relative expressions keep what they say in an underspecified value (XXXX-WXX-5 for a
  Friday, XXXX-XX-XX for "yesterday") with ``anchored`` False and ``rel`` giving the offset
  (-P1D) or, for a weekday, the direction (before/after); no date is invented.
- A bare weekday is the publication day when it names that day ("Putin told reporters
  Tuesday" in a Tuesday article); otherwise the previous one for past or present tense and
  the coming one for future tense. "last"/"next" override the tense.
- A month, season or half without a year is the most recent one for past or present tense and
  the coming one for future tense; for a month, unless that puts it ten months or more away
  (then the nearest). A month-day without a year is the nearest such date unless the tense points one
  way and that date is under ten months (300 days) off. A quarter without
  a year is the most recent with that number (earnings copy reports the quarter just
  closed), or this year's for future tense.
- "N units ago" keeps the unit's granularity (two months ago -> 2025-10); "a year ago" in
  earnings copy means the same quarter a year before when a quarter is in focus.
- Durations are ISO 8601 (P3D, PT5H, P3Y6M); vague counts write X (PXY); decades and
  centuries count as years (P20Y). A decade as a date is its first three digits, as the
  TimeML guidelines write it ("the 1990s" -> 199; TIMEX2's 199X is not TIMEX3), a century
  its first two ("the 20th century" -> 19).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .timex_grammar import Reading, duration_value

SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


@dataclass
class Resolved:
    type: str
    value: str | None
    precision: str
    anchored: bool
    rel: str | None = None  # how an unanchored value sits against the publication date


@dataclass
class Focus:
    """What the document has talked about so far (updated in text order)."""

    quarter: str | None = None       # the reported quarter, e.g. "1989-Q3"
    span: bool = False               # a longer reporting span ("the nine months") came after it
    day: dt.date | None = None       # last day-precision date
    month: tuple[int, int] | None = None
    year: int | None = None


# -- small calendar helpers ------------------------------------------------------------------
def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _ymd(d: dt.date) -> str:
    return d.isoformat()


def _signed(n: float, letter: str, is_time: bool = False) -> str:
    sign = "-" if n < 0 else ("+" if n > 0 else "")
    return sign + duration_value(abs(n), letter, is_time)


def _weekday_date(dct: dt.date, wd: int, direction: str | None, rel: str | None,
                  week_shift: int = 0) -> dt.date:
    """The date of weekday ``wd`` (1 = Monday) relative to ``dct``."""
    if week_shift:
        monday = dct - dt.timedelta(days=dct.isoweekday() - 1) + dt.timedelta(weeks=week_shift)
        return monday + dt.timedelta(days=wd - 1)
    delta = wd - dct.isoweekday()
    if rel == "previous":  # "the previous Friday": the one before the Friday in question
        return _weekday_date(dct, wd, "past", None) - dt.timedelta(weeks=1)
    if rel == "last":
        return dct + dt.timedelta(days=delta - 7 if delta >= 0 else delta)
    if rel == "next":
        return dct + dt.timedelta(days=delta + 7 if delta <= 0 else delta)
    if rel == "this":
        if direction == "past":
            return dct + dt.timedelta(days=delta if delta <= 0 else delta - 7)
        return dct + dt.timedelta(days=delta if delta >= 0 else delta + 7)
    if delta == 0:
        return dct
    if direction == "future":
        return dct + dt.timedelta(days=delta if delta > 0 else delta + 7)
    return dct + dt.timedelta(days=delta if delta < 0 else delta - 7)


# How far a tense may push a month or a month-day without a year from publication. Past
# tense with "in September" in an August story is the coming September, not one eleven
# months back: a writer who means that one says "last September" or "September last year".
_FAR_DAYS = 300
_FAR_MONTHS = 10


def _year_for(dct: dt.date, month: int, day: int | None, direction: str | None) -> int:
    """The year of a month (and day) given without one."""
    here = (dct.month, dct.day if day is not None else 0)
    there = (month, day or 0)
    if direction == "future":
        y = dct.year if there >= here else dct.year + 1
        if day is not None and (dt.date(y, month, min(day, 28)) - dct).days > _FAR_DAYS:
            return _year_for(dct, month, day, None)
        if day is None and (y - dct.year) * 12 + month - dct.month >= _FAR_MONTHS:
            return _year_for(dct, month, day, None)
        return y
    if direction == "past" or direction == "present":
        y = dct.year if there <= (dct.month, dct.day) else dct.year - 1
        if day is not None and (dct - dt.date(y, month, min(day, 28))).days > _FAR_DAYS:
            return _year_for(dct, month, day, None)  # a tense is weaker than a date far back
        if day is None and (dct.year - y) * 12 + dct.month - month >= _FAR_MONTHS:
            return _year_for(dct, month, day, None)
        return y
    # unknown: the nearer of this year's and the neighbouring year's
    this = dt.date(dct.year, month, min(day or 15, 28))
    diff = (this - dct).days
    if diff > 183:
        return dct.year - 1
    if diff < -183:
        return dct.year + 1
    return dct.year


# -- resolution ----------------------------------------------------------------------------------
def resolve(r: Reading, dct: dt.date | None, direction: str | None, focus: Focus) -> Resolved:
    fn = _KINDS[r.kind]
    return fn(r.f, dct, direction, focus, r)


def _date(f, dct, direction, focus, r):
    y, m, d = f.get("y"), f["m"], f["d"]
    if y is None:
        if dct is None:
            return Resolved("DATE", f"XXXX-{m:02d}-{d:02d}", "day", False)
        y = _year_for(dct, m, d, direction if direction in ("past", "future") else None)
    try:
        return Resolved("DATE", _ymd(dt.date(y, m, d)), "day", True)
    except ValueError:
        return Resolved("DATE", f"{y:04d}-{m:02d}-{d:02d}", "day", True)


def _month(f, dct, direction, focus, r):
    m = f["m"]
    y = f.get("y")
    rel = f.get("rel")
    if y is None and f.get("year_rel") and dct is not None:
        y = dct.year + {"this": 0, "last": -1, "next": 1}[f["year_rel"]]
    if y is None:
        if dct is None:
            return Resolved("DATE", f"XXXX-{m:02d}", "month", False,
                            {"last": "before", "next": "after"}.get(rel))
        if rel == "last":
            # "last April" in October is this year's; "last February" in March is a year back
            y = dct.year if m < dct.month - 1 else dct.year - 1
        elif rel == "next":
            y = dct.year if m > dct.month else dct.year + 1
        elif rel == "this":
            y = dct.year
        else:
            y = _year_for(dct, m, None, direction)
    return Resolved("DATE", f"{y:04d}-{m:02d}", "month", True)


def _season(f, dct, direction, focus, r):
    s = f["s"]
    y = f.get("y")
    if y is None:
        if dct is None:
            return Resolved("DATE", f"XXXX-{s}", "season", False, {"last": "before", "next": "after"}.get(f.get("rel")))
        yr = f.get("year_rel")
        if yr:
            y = dct.year + {"this": 0, "last": -1, "next": 1}[yr]
        else:
            rel = f.get("rel")
            start = SEASON_MONTH[s]
            cur = _season_of(dct)
            if rel == "this":
                y = dct.year
            elif rel == "last" or (rel is None and direction in ("past", "present")):
                y = dct.year if start < dct.month and cur != s else dct.year - 1
                if rel is None and cur == s:
                    y = dct.year
            elif rel == "next" or direction == "future":
                y = dct.year if start > dct.month else dct.year + 1
                if rel is None and cur == s:
                    y = dct.year
            else:
                y = dct.year
    return Resolved("DATE", f"{y:04d}-{s}", "season", True)


def _season_of(d: dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def _quarter(f, dct, direction, focus, r):
    n, y, rel = f.get("n"), f.get("y"), f.get("rel")
    if f.get("ago"):
        if focus.quarter and n is None:
            fy, fq = focus.quarter.split("-Q")
            if fq != "X":
                return Resolved("DATE", f"{int(fy) - 1}-Q{fq}", "quarter", True)
        if n is not None:
            base = int(focus.quarter[:4]) if focus.quarter else (dct.year if dct else None)
            if base is None:
                return Resolved("DATE", f"XXXX-Q{n}", "quarter", False)
            return Resolved("DATE", f"{base - 1}-Q{n}", "quarter", True)
    if f.get("that") and focus.quarter and n is None:
        return Resolved("DATE", focus.quarter, "quarter", True)
    if y is None and f.get("year_rel") and dct:
        y = dct.year + {"this": 0, "last": -1, "next": 1}[f["year_rel"]]
    if n is None:
        if dct is None:
            return Resolved("DATE", "XXXX-QX", "quarter", False)
        q = _quarter_of(dct)
        if rel in ("this", None) and y is None and rel == "this":
            return Resolved("DATE", f"{dct.year}-Q{q}", "quarter", True)
        if rel == "last":
            yy, qq = (dct.year, q - 1) if q > 1 else (dct.year - 1, 4)
            return Resolved("DATE", f"{yy}-Q{qq}", "quarter", True)
        if rel == "next":
            yy, qq = (dct.year, q + 1) if q < 4 else (dct.year + 1, 1)
            return Resolved("DATE", f"{yy}-Q{qq}", "quarter", True)
        if rel == "latest":
            if focus.quarter:
                return Resolved("DATE", focus.quarter, "quarter", True)  # the one reported
            yy, qq = (dct.year, q - 1) if q > 1 else (dct.year - 1, 4)
            return Resolved("DATE", f"{yy}-Q{qq}", "quarter", True)
        if focus.quarter and y is None:
            return Resolved("DATE", focus.quarter, "quarter", True)
        return Resolved("DATE", f"{y or dct.year}-QX", "quarter", True)
    if y is None:
        if dct is None:
            return Resolved("DATE", f"XXXX-Q{n}", "quarter", False)
        # the most recent quarter of that number; a later one only when the text looks ahead
        q = _quarter_of(dct)
        y = dct.year if n <= q or direction == "future" else dct.year - 1
    return Resolved("DATE", f"{y}-Q{n}", "quarter", True)


def _half(f, dct, direction, focus, r):
    n, y = f.get("n"), f.get("y")
    if y is None and f.get("year_rel") and dct:
        y = dct.year + {"this": 0, "last": -1, "next": 1}[f["year_rel"]]
    if y is None:
        if dct is None:
            return Resolved("DATE", f"XXXX-H{n}", "quarter", False)
        h = 1 if dct.month <= 6 else 2
        if direction == "future":
            y = dct.year if n >= h else dct.year + 1
        else:
            y = dct.year if n <= h else dct.year - 1
    return Resolved("DATE", f"{y}-H{n}", "quarter", True)


def _year(f, dct, direction, focus, r):
    return Resolved("DATE", f"{f['y']:04d}", "year", True)


def _decade(f, dct, direction, focus, r):
    return Resolved("DATE", f"{f['d']:03d}", "decade", True)


def _century(f, dct, direction, focus, r):
    return Resolved("DATE", f"{f['c']:02d}", "century", True)


def _weekday(f, dct, direction, focus, r):
    wd, part = f["wd"], f.get("part")
    suffix = f"T{part}" if part else ""
    typ = "TIME" if part else "DATE"
    prec = "time" if part else "day"
    if dct is None:
        rel = f.get("rel")
        way = {"last": "before", "next": "after"}.get(rel)
        if f.get("week_shift"):
            way = "before" if f["week_shift"] < 0 else "after"
        if way is None:
            way = {"future": "after", "past": "before"}.get(direction)
        return Resolved(typ, f"XXXX-WXX-{wd}{suffix}", prec, False, way)
    d = _weekday_date(dct, wd, direction, f.get("rel"), f.get("week_shift", 0))
    return Resolved(typ, _ymd(d) + suffix, prec, True)


def _offset(f, dct, direction, focus, r):
    unit, n = f["unit"], f["n"]
    part = f.get("part")
    if dct is None:
        shape = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "Q": "XXXX-QX",
                 "WE": "XXXX-WXX-WE", "E": "XXX", "C": "XX"}[unit]
        letter = {"WE": "W", "E": "Y", "C": "Y"}.get(unit, unit)
        mult = {"E": 10, "C": 100}.get(unit, 1)
        if part:
            shape += f"T{part}"
        prec = _PREC[unit] if not part else "time"
        return Resolved("TIME" if part else "DATE", shape, prec, False, _signed(n * mult, letter))
    if unit == "D":
        d = dct + dt.timedelta(days=int(n))
        if part:
            return Resolved("TIME", _ymd(d) + f"T{part}", "time", True)
        return Resolved("DATE", _ymd(d), "day", True)
    if unit in ("W", "WE"):
        d = dct + dt.timedelta(weeks=n)
        return Resolved("DATE", _week(d) + ("-WE" if unit == "WE" else ""), "week", True)
    if unit == "M":
        y, m = _add_months(dct.year, dct.month, int(n))
        return Resolved("DATE", f"{y:04d}-{m:02d}", "month", True)
    if unit == "Q":
        q = _quarter_of(dct) - 1 + int(n)
        return Resolved("DATE", f"{dct.year + q // 4}-Q{q % 4 + 1}", "quarter", True)
    if unit == "Y":
        return Resolved("DATE", f"{dct.year + int(n):04d}", "year", True)
    if unit == "E":
        return Resolved("DATE", f"{(dct.year + 10 * int(n)) // 10:03d}", "decade", True)
    if unit == "C":
        return Resolved("DATE", f"{(dct.year + 100 * int(n)) // 100:02d}", "century", True)
    if unit == "H" or unit == "S":
        return Resolved("TIME", "PAST_REF" if n < 0 else "FUTURE_REF", "none", True)
    return Resolved("DATE", None, "none", False)


_PREC = {"D": "day", "W": "week", "WE": "week", "M": "month", "Q": "quarter", "Y": "year",
         "E": "decade", "C": "century"}


def _year_ago(f, dct, direction, focus, r):
    """"a year ago", "the year-earlier period", "the 1988 period": the period in focus a year
    back. Earnings copy compares like with like: after a quarter that is the same quarter
    (1988-Q3), after "the nine
    months" or "the year" it is the year."""
    quarter = focus.quarter if not focus.span else None
    if f.get("y"):
        y = f["y"]
        if quarter:
            return Resolved("DATE", f"{y}-{quarter[5:]}", "quarter", True)
        return Resolved("DATE", f"{y}", "year", True)
    if quarter:
        fy, fq = quarter.split("-Q")
        return Resolved("DATE", f"{int(fy) - 1}-Q{fq}", "quarter", True)
    if dct is None:
        return Resolved("DATE", "XXXX", "year", False, "-P1Y")
    return Resolved("DATE", f"{dct.year - 1}", "year", True)


def _ref(f, dct, direction, focus, r):
    return Resolved("DATE", f["value"], "none", dct is not None)


def _duration(f, dct, direction, focus, r):
    n = f.get("n")
    return Resolved("DURATION", duration_value(n, f["unit"], f.get("time", False)), "duration", True)


def _set(f, dct, direction, focus, r):
    return Resolved("SET", f["value"], "none", True)


def _time(f, dct, direction, focus, r):
    h, mi = f["h"], f["mi"]
    clock = f"T{h:02d}:{mi:02d}"
    date = f.get("date")
    if date is not None:
        base = resolve(date, dct, direction, focus)
        if base.value and base.precision == "day":
            return Resolved("TIME", base.value + clock, "time", base.anchored, base.rel)
        if base.value and not base.anchored:
            return Resolved("TIME", base.value + clock, "time", False, base.rel)
    ref = f.get("ref_day")
    if ref is not None:
        return Resolved("TIME", _ymd(ref) + clock, "time", True)
    if dct is None:
        return Resolved("TIME", "XXXX-XX-XX" + clock, "time", False)
    return Resolved("TIME", _ymd(dct) + clock, "time", True)


def _daypart(f, dct, direction, focus, r):
    part = f["part"]
    date = f.get("date")
    if date is not None:
        base = resolve(date, dct, direction, focus)
        if base.value and base.precision == "day":
            return Resolved("TIME", base.value + f"T{part}", "time", base.anchored, base.rel)
        if base.value:
            return Resolved("TIME", base.value + f"T{part}", "time", False, base.rel)
    ref = f.get("ref_day")
    if ref is not None:
        ref = ref + dt.timedelta(days=f.get("n", 0))
        return Resolved("TIME", _ymd(ref) + f"T{part}", "time", True)
    if dct is None:
        return Resolved("TIME", f"XXXX-XX-XXT{part}", "time", False)
    return Resolved("TIME", _ymd(dct + dt.timedelta(days=f.get("n", 0))) + f"T{part}", "time", True)


def _anaphor(f, dct, direction, focus, r):
    unit, n = f["unit"], f["n"]
    if unit == "D":
        if focus.day is not None:
            return Resolved("DATE", _ymd(focus.day + dt.timedelta(days=n)), "day", True)
        return Resolved("DATE", "XXXX-XX-XX", "day", False)
    if unit == "W":
        if focus.day is not None:
            return Resolved("DATE", _week(focus.day + dt.timedelta(weeks=n)), "week", True)
        return Resolved("DATE", "XXXX-WXX", "week", False)
    if unit == "M":
        if focus.month is not None:
            y, m = _add_months(focus.month[0], focus.month[1], n)
            return Resolved("DATE", f"{y:04d}-{m:02d}", "month", True)
        return Resolved("DATE", "XXXX-XX", "month", False)
    if unit == "Y":
        if focus.year is not None:
            return Resolved("DATE", f"{focus.year + n:04d}", "year", True)
        return Resolved("DATE", "XXXX", "year", False)
    return Resolved("DATE", None, "none", False)


def _weekend(f, dct, direction, focus, r):
    if dct is None:
        return Resolved("DATE", "XXXX-WXX-WE", "week", False)
    d = dct
    if direction == "future":
        if dct.isoweekday() == 7:
            d = dct + dt.timedelta(days=6)
    elif dct.isoweekday() < 6:
        d = dct - dt.timedelta(weeks=1)
    return Resolved("DATE", _week(d) + "-WE", "week", True)


def _nth_weekday(f, dct, direction, focus, r):
    """A holiday fixed as the nth weekday of a month (Thanksgiving: 4th Thursday of November)."""
    m, wd, nth, y = f["m"], f["wd"], f["nth"], f.get("y")
    if y is None:
        if dct is None:
            return Resolved("DATE", f"XXXX-{m:02d}-XX", "day", False)
        y = _year_for(dct, m, 25, direction if direction in ("past", "future") else None)
    first = dt.date(y, m, 1)
    d = first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
    return Resolved("DATE", _ymd(d), "day", True)


def _unresolved(f, dct, direction, focus, r):
    return Resolved("DATE", None, "none", False)


_KINDS = {
    "date": _date, "month": _month, "season": _season, "quarter": _quarter, "half": _half,
    "year": _year, "decade": _decade, "century": _century, "weekday": _weekday,
    "offset": _offset, "year_ago": _year_ago, "ref": _ref, "duration": _duration, "set": _set,
    "time": _time, "daypart": _daypart, "anaphor": _anaphor, "weekend": _weekend,
    "unresolved": _unresolved, "nth_weekday": _nth_weekday,
}


def update_focus(focus: Focus, res: Resolved, kind: str, ago: bool = False, dct: dt.date | None = None,
                 rule: str = "", direction: str | None = None) -> None:
    """Remember what a resolved expression adds to the document's focus.

    The quarter in focus is the reported one: the latest quarter mentioned that had ended by
    publication (or the current one when the text does not look ahead to it: a fiscal
    quarter may have closed). An earlier quarter named for contrast ("after a flat second
    quarter") or a forecast one ("into the fourth quarter") does not replace it. A span of six months or
    more ("the first nine months", "the year ended Sept. 30") moves the comparison to the year until the next
    quarter is named."""
    v = res.value
    if res.type == "DURATION" and v:
        m = re.fullmatch(r"P(\d+)M", v)
        if (m and 6 <= int(m.group(1)) <= 11) or (v == "P1Y" and rule in ("the_unit", "period")):
            focus.span = True
        return
    if not v or not res.anchored or res.type not in ("DATE", "TIME"):
        return
    if v[:1].isdigit() and len(v) >= 4 and v[:4].isdigit():
        y = int(v[:4])
        if kind not in ("offset",) or True:
            focus.year = y
        if len(v) >= 7 and v[4] == "-" and v[5:7].isdigit():
            focus.month = (y, int(v[5:7]))
            if len(v) >= 10 and v[8:10].isdigit():
                try:
                    focus.day = dt.date(y, int(v[5:7]), int(v[8:10]))
                except ValueError:
                    pass
        current = f"{dct.year}-Q{_quarter_of(dct)}" if dct else None
        if "-Q" in v and kind == "quarter" and not ago and v[5:7] != "QX" and (
                current is None or v[:7] < current or (v[:7] == current and direction != "future")):
            if focus.quarter is None or focus.span or focus.quarter[5:] == "QX" or v[:7] >= focus.quarter:
                focus.quarter, focus.span = v[:7], False
