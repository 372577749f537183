"""Where time expressions are in a text, and what each one says (before any calendar maths).

The grammar is a list of regular expressions built once from the word lists in
wiresift/data/time/. Each rule finds spans and turns the matched words into a small
*reading* (a ``Reading``: "a weekday, Friday, the one before", "three and a half years",
"the third quarter of 1984") without looking at any date: resolving a reading against the
article's published date is timex_calendar.py's job, and choosing between readings by the
sentence's tense is timexes.py's. Keeping the three apart means the grammar can be tested
on strings, and the calendar on dates, with no model loaded.

Rules are plain regexes over the text, not spaCy matchers, because dates are written in
shapes ("Sept. 30, 1989", "10:35 a.m. EST", "the mid-1990s") that cut across spaCy's
tokens. Each rule runs only in windows around its trigger words (see ``find``), which keeps
the whole grammar at a few milliseconds per article. Overlaps are settled leftmost-longest,
as HeidelTime and SUTime do.

Span conventions follow TimeML/TimeBank, which our evaluation scores against: determiners
and "last/next/this/past" are inside ("the past two months", "last Friday"); prepositions
are outside ("on Friday"); "more than", "at least", "nearly" are inside while "about",
"almost", "just" are left out (wiresift/data/time/lexical.yaml says which).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..paths import read_yaml


DATA = Path(__file__).resolve().parent.parent / "data" / "time"


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """All word lists, merged (calendar, quantities, lexical, context)."""
    out: dict[str, Any] = {}
    for name in ("calendar", "quantities", "lexical", "context"):
        out.update(read_yaml(DATA / f"{name}.yaml"))
    return out


@dataclass
class Reading:
    """What a time expression says, before it is placed on the calendar.

    ``kind`` names the shape (see ``timex_calendar.resolve`` for each one's fields, kept in
    ``f``); ``mod`` is the TIMEX3 modifier; ``rule`` names the grammar rule, for audits.
    """

    kind: str
    f: dict[str, Any] = field(default_factory=dict)
    mod: str | None = None
    rule: str = ""


@dataclass
class Match:
    start: int
    end: int
    reading: Reading
    priority: int = 0  # lower wins a tie on start and length


# -- building blocks --------------------------------------------------------------------------
def _alt(words) -> str:
    """A non-capturing alternation of ``words``, longest first, spaces matching any run."""
    ws = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ws)
    return f"(?:{body})"


def _caps(words) -> str:
    """Title-case or upper-case variants only (month and weekday names)."""
    forms = set()
    for w in words:
        forms.add(w.title())
        forms.add(w.upper())
    return _alt(forms)


@functools.lru_cache(maxsize=1)
def _parts() -> dict[str, str]:
    lx = lexicon()
    months = lx["months"]
    full = [m for m in months if len(m) > 4 or m in ("may", "june", "july")]
    abbr = [m for m in months if m not in full]
    month = f"(?:{_caps(full)}|{_caps(abbr)}\\.?)(?![a-z])"
    wd_full = [w for w in lx["weekdays"] if w.endswith("day")]
    wd_abbr = [w for w in lx["weekdays"] if not w.endswith("day")]
    wd = f"(?:{_caps(wd_full)}|{_caps(wd_abbr)}\\.)(?![a-z])"
    num_words = [w for w in lx["numbers"] if w not in ("a", "an", "single", "couple", "dozen")]
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    ones = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    numw = (f"(?:(?:{_alt(tens)})(?:[-\\s]+{_alt(ones)})?|{_alt(num_words)})"
            f"(?:[-\\s]+(?:hundred|thousand))?")
    digits = r"(?<![\d.,$#])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2|\s*½)?(?![\d,])"
    half = r"(?:[-\s]+and[-\s]+a[-\s]+half)"
    vague = _alt(lx["vague_numbers"])
    qnum = (f"(?:{digits}|(?:{numw}|an?|a\\s+dozen|(?:a\\s+)?couple\\s+of){half}?|{vague}|"
            f"(?:another|an\\s+additional|an\\s+extra|a\\s+further)|half\\s+an?)")
    unit = _alt(lx["units"])
    return {
        "MONTH": month,
        "WD": wd,
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)",
        "YEAR": (r"(?:(?<![\d.,$#£€/-])(?:1[0-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)|(?i:nineteen[-\s]+"
                 r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s]+(?:one|two|three|four|five|six|seven|eight|nine))?"
                 r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)))"),
        "YEAR2": r"'\d\d(?!\d)",
        "NUMW": numw,
        "QNUM": qnum,
        "UNIT": unit,
        "SEASON": _alt(lx["seasons"]),
        "PART": _alt([p for p in lx["day_parts"] if p != "overnight"]),
        "ORD": _alt(lx["ordinals"]),
        "ORDN": r"(?:\d{1,2}(?:st|nd|rd|th))",
        "TZ": _alt(lx["time_zones"]),
        "CLOCKW": _alt(lx["clock_words"]),
    }


def _num(text: str) -> float | None:
    """A number from digits or words ("twenty four", "3 1/2", "three-and-a-half"); None for
    vague quantities ("several")."""
    lx = lexicon()
    t = text.lower().replace(",", "").strip()
    half = 0.0
    if re.search(r"(?:and[-\s]+a[-\s]+half|1/2|½)$", t):
        half = 0.5
        t = re.sub(r"[-\s]*(?:and[-\s]+a[-\s]+half|1/2|½)$", "", t).strip()
    if re.fullmatch(r"half\s+an?", t):
        return 0.5
    if t in ("another", "an additional", "an extra", "a further"):
        return 1.0
    t = re.sub(r"^(?:a\s+)?(couple|dozen)(?:\s+of)?$", r"\1", t)
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    if t in lx["vague_numbers"] or t.replace("-", " ") in lx["vague_numbers"]:
        return None
    total, cur = 0.0, 0.0
    words = [w for w in re.split(r"[-\s]+", t) if w and w != "of"]
    if not words:
        return None
    for w in words:
        v = lx["numbers"].get(w)
        if v is None:
            return None
        if v in (100, 1000):
            cur = (cur or 1) * v
            if v == 1000:
                total, cur = total + cur, 0
        else:
            cur += v
    return total + cur + half


def _unit(word: str) -> tuple[str, float, bool]:
    letter, mult, is_time = lexicon()["units"][word.lower()]
    return letter, mult, is_time


# -- rules ------------------------------------------------------------------------------------
Handler = Callable[[re.Match, str], Reading | None]
_RULES: list[tuple[str, re.Pattern, Handler]] = []


def rule(name: str, pattern: str):
    def deco(fn: Handler) -> Handler:
        _RULES.append((name, pattern, fn))
        return fn
    return deco


def _month_of(text: str) -> int | None:
    months = lexicon()["months"]
    for w in re.findall(r"[A-Za-z]+", text):
        if w[0].isupper() and w.lower() in months:
            return months[w.lower()]
    return None


def _weekday_of(text: str) -> int | None:
    wds = lexicon()["weekdays"]
    for w in re.findall(r"[A-Za-z]+", text):
        if w[0].isupper() and w.lower() in wds:
            return wds[w.lower()]
    return None


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}


def _spelled_year(text: str) -> int | None:
    m = re.search(r"nineteen[-\s]+([a-z]+)(?:[-\s]+([a-z]+))?", text.lower())
    if not m:
        return None
    nums = lexicon()["numbers"]
    a = _TENS.get(m.group(1), nums.get(m.group(1)))
    if a is None:
        return None
    b = nums.get(m.group(2) or "", 0) if m.group(1) in _TENS else 0
    return 1900 + a + (b if b < 10 else 0)


def _year_of(text: str) -> int | None:
    sy = _spelled_year(text)
    if sy:
        return sy
    m = re.search(r"(?<!\d)(1[0-9]\d\d|20\d\d)(?!\d)", text)
    if m:
        return int(m.group(1))
    m = re.search(r"'(\d\d)(?!\d)", text)
    if m:
        y = int(m.group(1))
        return 1900 + y if y > 30 else 2000 + y
    return None


def _part_of(text: str) -> str | None:
    parts = lexicon()["day_parts"]
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in parts:
            return parts[w]
    return None


def _position(text: str) -> str | None:
    """START / MID / END from "early", "the end of", "mid-" ... in ``text``."""
    words = lexicon()["position_words"]
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in words:
            return words[w]
    return None


def _rel(text: str) -> str | None:
    t = text.lower()
    if re.search(r"\b(?:last|past|previous|preceding)\b", t):
        return "last"
    if re.search(r"\b(?:next|coming|following|upcoming)\b", t):
        return "next"
    if re.search(r"\b(?:this|current|present)\b", t):
        return "this"
    return None


POS = r"(?:(?i:early|late|mid)[-\s]+|(?i:the\s+)?(?i:beginning|start|end|middle|close|early\s+part|late\s+part)\s+of\s+)"

# Dates with a day ------------------------------------------------------------------------------


@rule("iso_date", r"(?<![\d-])(\d{4})-(\d\d)-(\d\d)(?![\d-])")
def _iso(m, text):
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return Reading("date", {"y": y, "m": mo, "d": d})


@rule("numeric_date", r"(?<![\d/.])(\d{1,2})/(\d{1,2})/(\d{4}|\d\d)(?![\d/])")
def _numeric(m, text):
    mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if y < 100:
        y += 1900 if y > 30 else 2000
    if mo > 12 and d <= 12:  # day first (08/02 in a European text stays ambiguous: US order)
        mo, d = d, mo
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return Reading("date", {"y": y, "m": mo, "d": d})


@rule("month_day", r"(?:{WD},?\s+(?:the\s+)?)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?(?![\d,]*\s*(?:%|percent))")
def _month_day(m, text):
    s = m.group(0)
    mo = _month_of(re.sub(r"^\s*(?:[A-Z][a-z]+day),?\s+(?:the\s+)?", "", s))
    dm = re.search(r"(?:[A-Za-z.]\s+)(\d{1,2})", s)
    if not mo or not dm:
        return None
    return Reading("date", {"y": _year_of(s[dm.end():]), "m": mo, "d": int(dm.group(1)),
                            "wd": _weekday_of(s.split()[0])})


@rule("day_month", r"(?:{WD},?\s+)?(?:the\s+)?(?<![\d.])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?")
def _day_month(m, text):
    s = m.group(0)
    dm = re.search(r"(?<![\d])(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z]", s)
    mo = _month_of(s[dm.end() - 1:]) if dm else None
    if not dm or not mo:
        return None
    return Reading("date", {"y": _year_of(s[dm.end():]), "m": mo, "d": int(dm.group(1)),
                            "wd": _weekday_of(s.split()[0])})


@rule("holiday", r"(?:{YEAR}\s+)?(?i:{HOLIDAY})(?:,?\s+{YEAR})?")
def _holiday(m, text):
    s = m.group(0)
    name = re.sub(r"\s+", " ", re.sub(r"(?:1[0-9]\d\d|20\d\d|,)", "", s)).strip().lower()
    md = lexicon()["holidays"].get(name)
    if not md:
        return None
    if name in ("christmas", "halloween") and not s[0].isupper():
        return None
    mo, d = (int(x) for x in md.split("-"))
    return Reading("date", {"y": _year_of(s), "m": mo, "d": d})


# Months, seasons, quarters, years ---------------------------------------------------------------


@rule("month_year", r"(?:" + POS + r")?{MONTH}(?:\s+of|,)?\s+(?:{YEAR}|{YEAR2}(?!s))")
def _month_year(m, text):
    s = m.group(0)
    mo = _month_of(s)
    if mo is None:
        return None
    head = re.search(r"[A-Z][A-Za-z]+\.?", s)
    return Reading("month", {"y": _year_of(s[head.end():]), "m": mo}, mod=_position(s[:head.start()]))


@rule("month", r"(?:(?i:(?:last|next|this|that|the|past|each|every)\s+))?(?:" + POS + r")?{MONTH}(?!\.?\s*\d)(?:,?\s+(?i:this|last|next)\s+(?i:year))?")
def _month(m, text):
    s = m.group(0)
    low = s.lower()
    yr = re.search(r"(this|last|next)\s+year$", low)
    if yr:
        low = low[:yr.start()].rstrip(" ,")
    words = low.split()
    mo = _month_of(s)
    if mo is None:
        return None
    if words[0] in ("each", "every"):
        return Reading("set", {"value": f"XXXX-{mo:02d}"})
    head = re.findall(r"[A-Za-z]+", s[:len(low)])[-1]
    if len(head) <= 4 and head.lower() not in ("may", "june", "july"):
        return None  # an abbreviation alone ("Jan Kavan", "Mar") is not a month
    ambiguous = head.lower() in lexicon()["ambiguous_months"]
    pre = text[max(0, m.start() - 20):m.start()].lower().split()
    cue = len(words) > 1 or bool(yr) or (pre and pre[-1].strip("-") in lexicon()["month_cues"])
    if ambiguous and not cue:
        return None
    prefix = low[:low.rfind(head.lower())]
    r = Reading("month", {"m": mo, "rel": _rel(prefix)}, mod=_position(prefix))
    if yr:
        r.f["year_rel"] = yr.group(1)
    return r


@rule("season", r"(?:(?i:(?:this|last|next|the|that|this\s+past|each|every)\s+))?(?:" + POS + r")?(?i:{SEASON})(?:\s+(?:of\s+)?{YEAR}|(?:\s+of)?\s+(?i:this|last|next)\s+(?i:year))?")
def _season(m, text):
    s = m.group(0)
    low = s.lower()
    words = re.findall(r"[a-z]+", low)
    code = next(lexicon()["seasons"][w] for w in words if w in lexicon()["seasons"])
    if "fall" in words and not re.search(r"\b(?:this|last|next|the|early|late|mid|of|each|every)\b", low) \
            and not _year_of(s):
        return None  # "fall" the verb
    if words[0] in ("each", "every"):
        return Reading("set", {"value": f"XXXX-{code}"})
    yr_rel = None
    if re.search(r"(?:this|last|next)\s+year$", low):
        yr_rel = re.search(r"(this|last|next)\s+year$", low).group(1)
        low = low[:low.rfind(re.search(r"(this|last|next)\s+year$", low).group(0))]
    rel = _rel(low)
    if "this past" in low:
        rel = "last"
    return Reading("season", {"s": code, "y": _year_of(s), "rel": rel, "year_rel": yr_rel},
                   mod=_position(low))


@rule("quarter", r"(?:(?i:the|its|their|a|this|last|next|that)\s+)?(?:(?i:this|last|next)\s+(?i:year's)\s+)?(?:(?i:(?:fiscal|calendar|year-earlier|year-ago|comparable|same|latest|current|past|previous|recent|most\s+recent|{YEAR}|{YEAR2})[-\s]+))*(?:(?:(?i:{ORD})|{ORDN})[-\s]+)?(?i:quarter|quarters|half)(?![-\w])(?:\s+of\s+(?:{YEAR}|(?i:this|last|next|the)\s+(?i:year|fiscal\s+year)))?")
def _quarter(m, text):
    s = m.group(0)
    low = s.lower()
    words = re.findall(r"[a-z0-9'-]+", low)
    is_half = re.search(r"\bhalf\b", low) is not None
    ordm = re.search(r"\b(" + "|".join(lexicon()["ordinals"]) + r"|\d{1,2}(?:st|nd|rd|th))[-\s]+(?:quarter|quarters|half)", low)
    n = None
    if ordm:
        o = ordm.group(1)
        n = int(re.match(r"\d+", o).group(0)) if o[0].isdigit() else lexicon()["ordinals"][o]
        if o in ("last", "final"):
            n = 2 if is_half else 4
    if is_half and not n:
        return None  # "half" alone is not a period
    if n is not None and n > (2 if is_half else 4):
        return None
    y = _year_of(s)
    plural = "quarters" in words
    ago = bool(re.search(r"year-(?:ago|earlier)|year earlier|comparable|same", low))
    if n is None and not re.search(r"\b(?:the|this|last|next|its|latest|current|past|previous|recent|that|fiscal|year-ago|year-earlier)\b", low) \
            and not y:
        return None  # a bare "quarter" ("a quarter of the vote")
    if re.match(r"a\s", low) and n is None:
        return None
    rel = None
    if re.search(r"\b(?:last|past|previous)\s+quarter", low) and n is None:
        rel = "last"
    elif re.search(r"\bnext\s+quarter", low) and n is None:
        rel = "next"
    elif re.search(r"\b(?:this|current)\s+quarter", low):
        rel = "this"
    elif re.search(r"\b(?:latest|most recent)\b", low):
        rel = "latest"
    yrel = None
    ys = re.match(r"(?:the\s+)?(this|last|next)\s+year's\s", low)
    if ys:
        yrel = ys.group(1)
    elif re.search(r"of\s+(?:this|the)\s+(?:fiscal\s+)?year$", low):
        yrel = "this"
    elif re.search(r"of\s+last\s+year$", low):
        yrel = "last"
    elif re.search(r"of\s+next\s+year$", low):
        yrel = "next"
    if plural:
        return None
    r = Reading("half" if is_half else "quarter",
                {"n": n, "y": y, "rel": rel, "year_rel": yrel, "ago": ago,
                 "that": bool(re.match(r"that\s", low))})
    # TimeBank leaves possessives out ("its [fourth quarter]") and determiners of the
    # compound modifier ("a [third-quarter] loss"), but keeps "the" of "the third quarter"
    det = re.match(r"(?:its|their|his|her)\s+|(?:a|the|that)\s+(?=\S*-quarter)", low)
    if det:
        r.f["start_skip"] = det.end()
    return r


@rule("decade", r"(?:(?i:the)\s+)?(?:(?i:early|late|mid)[-\s]+|(?i:the\s+)?(?i:beginning|start|end|middle|close|first\s+half|last\s+half|second\s+half)\s+of\s+(?i:the)\s+)?(?:(\d{3})0'?s|'(\d)0s|(?i:(?:nineteen[-\s]+)?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))(?![\w])")
def _decade(m, text):
    s = m.group(0)
    low = s.lower()
    words_tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                  "seventies": 7, "eighties": 8, "nineties": 9}
    if m.group(1):
        dec = int(m.group(1))  # "1990s" -> 199
        if not 100 <= dec <= 209:
            return None
    elif m.group(2):
        dec = 190 + int(m.group(2))
    else:
        w = m.group(3).lower()
        dec = 190 + words_tens[w]
    mod = _position(low)
    if "last half" in low or "second half" in low:
        mod = "END"
    elif "first half" in low:
        mod = "START"
    return Reading("decade", {"d": dec}, mod=mod)


@rule("century", r"(?:(?i:the|this|last|next|a|an)\s+)?(?:(?i:early|late|mid)[-\s]+)?(?:{ORDN}|(?i:{ORD}|twenty[-\s]first))[-\s]+(?i:century)|(?i:this|last|next|the\s+past|the\s+last)\s+(?i:century)")
def _century(m, text):
    s = m.group(0)
    low = s.lower()
    o = re.search(r"(\d{1,2})(?:st|nd|rd|th)", low)
    if o:
        n = int(o.group(1))
    else:
        ords = lexicon()["ordinals"]
        w = re.search(r"(twenty[-\s]first|" + "|".join(k for k in ords if k not in ("last", "final")) + r")", low)
        if w:
            n = 21 if w.group(1).startswith("twenty") else ords[w.group(1)]
        else:
            rel = _rel(low)
            if "past" in low or ("last" in low and "the" in low):
                return Reading("duration", {"n": 100, "unit": "Y", "time": False})
            return Reading("offset", {"unit": "C", "n": {"last": -1, "next": 1}.get(rel, 0)})
    return Reading("century", {"c": n - 1}, mod=_position(low))


@rule("fiscal_year", r"(?i:fiscal(?:\s+year)?)[-\s]+(?:{YEAR}|{YEAR2})|(?i:FY)\s?'?(?:\d{4}|\d\d)(?!\d)")
def _fiscal(m, text):
    y = _year_of(m.group(0))
    if y is None:
        d = re.search(r"(\d{2,4})$", m.group(0))
        if not d:
            return None
        y = int(d.group(1))
        if y < 100:
            y += 1900 if y > 30 else 2000
    return Reading("year", {"y": y})


@rule("spelled_year", r"(?i:the\s+year\s+two\s+thousand(?:\s+and)?(?:[-\s]+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[-\s]+(?:one|two|three|four|five|six|seven|eight|nine))?|thirty))?)(?![-\w])")
def _spelled_year_2000s(m, text):
    low = re.sub(r"\s+", " ", m.group(0).lower())
    rest = re.sub(r"^the year two thousand(?: and)?", "", low).strip(" -")
    n = _num(rest) if rest else 0
    if n is None:
        return None
    return Reading("year", {"y": 2000 + int(n)})


@rule("year", r"(?:(?i:the\s+))?(?:" + POS + r")?{YEAR}(?:\s+(?i:and\s+beyond|or\s+later|or\s+earlier))?")
def _year(m, text):
    s = m.group(0)
    low = s.lower()
    y = _year_of(s)
    mod = _position(low)
    if "beyond" in low or "or later" in low:
        mod = "ON_OR_AFTER"
    elif "or earlier" in low:
        mod = "ON_OR_BEFORE"
    if low.startswith("the ") and mod is None:
        # "the 1988 period" is handled by the period rule; a bare "the 1987" keeps the year only
        return Reading("year", {"y": y, "drop_the": True}, mod=mod)
    return Reading("year", {"y": y}, mod=mod)


@rule("year_period", r"(?i:the\s+)(?:(?i:comparable|corresponding|same)\s+)?{YEAR}\s+(?i:period|quarter|fiscal\s+quarter)")
def _year_period(m, text):
    return Reading("year_ago", {"y": _year_of(m.group(0))})


@rule("year_ago_period", r"(?:(?i:the|a|its|their)\s+)?(?:(?i:comparable|corresponding|same|latest|prior|previous)\s+)?(?i:year-ago|year-earlier|year\s+earlier|prior-year|previous-year|year\s+ago)(?:\s+(?i:nine\s+months|six\s+months|period|quarter|third\s+quarter|second\s+quarter|fourth\s+quarter|first\s+quarter|results|levels?))?|(?i:the\s+(?:corresponding|comparable|same)\s+(?:period|quarter)(?:\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier)))?)|(?i:the\s+quarter\s+a\s+year\s+(?:ago|earlier))|(?i:last\s+year's\s+(?:quarter|period|third\s+quarter|second\s+quarter|fourth\s+quarter|first\s+quarter))")
def _year_ago_period(m, text):
    s = m.group(0)
    low = s.lower()
    if re.search(r"nine months|six months", low):
        n = 9 if "nine" in low else 6
        return Reading("duration", {"n": n, "unit": "M", "time": False})
    trimmed_end = m.end()
    if re.search(r"(?:results|levels?)$", low):
        word = re.search(r"\s+(?:results|levels?)$", s)
        trimmed_end = m.start() + word.start()
    r = Reading("year_ago", {"y": None})
    r.f["end"] = trimmed_end
    return r


# Weekdays, relative days ------------------------------------------------------------------------

@rule("weekday", r"(?:(?i:(?:last|next|this|this\s+past|this\s+coming|the\s+following|the\s+previous|the\s+next|the\s+last|early|late|each|every|on)\s+))?{WD}(?:\s+(?i:{PART}))?(?:,?\s+(?i:the\s+week\s+(?:before|after|earlier|later)|of\s+(?:last|next|this)\s+week|a\s+week\s+(?:ago|earlier|later)))?(?:\s+(?i:and|or)\s+{WD}\s+(?i:nights|mornings|evenings|afternoons))?")
def _weekday(m, text):
    s = m.group(0)
    low = s.lower()
    wd = _weekday_of(s)
    if wd is None:
        return None
    first = low.split()[0]
    if first in ("each", "every") or re.search(r"(?:nights|mornings|evenings|afternoons)$", low):
        part = _part_of(low.rstrip("s"))
        return Reading("set", {"value": f"XXXX-WXX-{wd}" + (f"T{part}" if part else "")})
    rel = None
    if re.match(r"the\s+previous\s", low):
        rel = "previous"
    elif re.match(r"(?:last|the\s+last|this\s+past)\s", low):
        rel = "last"
    elif re.match(r"(?:next|this\s+coming|the\s+following|the\s+next)\s", low):
        rel = "next"
    elif re.match(r"this\s", low):
        rel = "this"
    shift = 0
    if re.search(r"week\s+(?:before|earlier)|of\s+last\s+week|a\s+week\s+ago", low):
        shift = -1
    elif re.search(r"week\s+(?:after|later)|of\s+next\s+week", low):
        shift = 1
    part = _part_of(re.sub(r"^(?:early|late)\s", "", low))
    mod = None
    if first in ("early", "late"):
        mod = "START" if first == "early" else "END"
    r = Reading("weekday", {"wd": wd, "rel": rel, "week_shift": shift, "part": part}, mod=mod)
    if first == "on":
        r.f["start_skip"] = len(re.match(r"on\s+", s, re.I).group(0))
    return r


@rule("relative_day", r"(?:(?i:early|late|mid|mid-)[-\s]?)?(?:(?i:the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow))|(?i:today|tonight|yesterday|tomorrow|overnight|last\s+night|this\s+(?:{PART}))(?:\s+(?i:{PART}))?)(?![-\w]|'(?!s\b))")
def _relative_day(m, text):
    low = m.group(0).lower()
    if low == "today" and text[m.end():m.end() + 2] == "'s":
        return None  # "today's world": generic; "tomorrow's vote" is a day
    base = re.sub(r"^(?:early|late|mid)[-\s]?", "", low)
    n = 0
    if "day before yesterday" in base:
        n = -2
    elif "day after tomorrow" in base:
        n = 2
    elif base.startswith("yesterday") or base.startswith("last night"):
        n = -1
    elif base.startswith("tomorrow"):
        n = 1
    part = None
    if base.startswith(("tonight", "last night", "overnight")):
        part = "NI"
    rest = re.sub(r"^(?:today|tonight|yesterday|tomorrow|this|last)\s*", "", base)
    if rest and _part_of(rest):
        part = _part_of(rest)
    mod = _position(low.split()[0]) if low.split()[0].startswith(("early", "late", "mid")) else None
    return Reading("offset", {"unit": "D", "n": n, "part": part}, mod=mod)


@rule("relative_unit", r"(?:(?i:(?:early|late|mid)[-\s]?|earlier|later|the\s+(?:beginning|start|end|middle|rest)\s+of\s+)\s*)?(?i:this|last|next|the\s+past|the\s+last|the\s+current|the\s+previous|the\s+coming|the\s+next|the\s+latest|this\s+past|this\s+coming|past|coming)\s+(?i:week|month|year|weekend|fiscal\s+year|decade|fortnight)(?![-\w])")
def _relative_unit(m, text):
    low = m.group(0).lower()
    unit_word = re.search(r"(week|month|year|weekend|decade|fortnight)$", low).group(1)
    rel = _rel(re.sub(r"(?:week|month|year|weekend|decade|fortnight)$", "", low))
    n = {"last": -1, "next": 1, "this": 0}.get(rel, 0)
    if re.search(r"\blatest\s", low):
        n = -1  # "the latest fiscal year": the last one completed
    unit = {"week": "W", "month": "M", "year": "Y", "weekend": "WE", "decade": "E", "fortnight": "W"}[unit_word]
    mod = None
    if re.match(r"(?:early|late|mid|the\s+(?:beginning|start|end|middle)\s+of)", low):
        mod = _position(low.split(" of ")[0] if " of " in low else low.split()[0])
    if re.match(r"earlier\s", low):
        mod = "START"
    elif re.match(r"later\s", low):
        mod = "END"
    return Reading("offset", {"unit": unit, "n": n}, mod=mod)


@rule("the_unit", r"(?i:the)\s+(?:(?i:full|whole|entire|same)\s+)?(?i:week|month|year|weekend|day)(?![-\w])(?:'s)?")
def _the_unit(m, text):
    low = m.group(0).lower().removesuffix("'s")
    unit = re.search(r"(week|month|year|weekend|day)$", low).group(1)
    after = text[m.end():m.end() + 30].lower()
    if unit == "year" and re.match(r"\s+(?:ended|ending|to)\b", after):
        return Reading("duration", {"n": 1, "unit": "Y", "time": False})
    if unit == "weekend":
        return Reading("weekend", {})
    if re.match(r"\s+(?:before|after|earlier|later|following)\b", after):
        return None
    if unit == "day" and "same" not in low:
        return None  # "the day" is too rarely a date of its own
    if "same" in low:
        return Reading("anaphor", {"unit": {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit], "n": 0})
    r = Reading("offset", {"unit": {"week": "W", "month": "M", "year": "Y"}[unit], "n": 0})
    r.f["end"] = m.start() + len(low)
    return r


@rule("anaphor", r"(?i:(?:that|the\s+same|the\s+previous|the\s+preceding|the\s+following|the\s+next|the\s+prior|the\s+day|the\s+week|the\s+month|the\s+year)\s+(?:day|week|month|year|morning|afternoon|evening|night|before|after|earlier|later))(?![-\w])")
def _anaphor(m, text):
    low = m.group(0).lower()
    words = low.split()
    if words[-1] in ("before", "after", "earlier", "later"):
        unit_word = words[-2]
        n = -1 if words[-1] in ("before", "earlier") else 1
    else:
        unit_word = words[-1]
        n = 0
        if re.search(r"\b(?:previous|preceding|prior)\b", low):
            n = -1
        elif re.search(r"\b(?:following|next)\b", low):
            n = 1
    if unit_word in lexicon()["day_parts"]:
        return Reading("daypart", {"part": lexicon()["day_parts"][unit_word], "date": None, "n": n})
    unit = {"day": "D", "week": "W", "month": "M", "year": "Y"}.get(unit_word)
    if not unit:
        return None
    return Reading("anaphor", {"unit": unit, "n": n})


@rule("ago", r"(?:(?i:{PREMOD})\s+)?(?:{QNUM})[-\s]+(?:{UNIT})(?:\s+(?i:or\s+so))?\s+(?i:ago|earlier|before|back)(?![-\w])")
def _ago(m, text):
    s = m.group(0)
    low = s.lower()
    mod, keep = _premod(low)
    core = low[keep:] if keep else low
    um = re.search(r"(" + _parts()["UNIT"][3:-1] + r")(?:\s+or\s+so)?\s+(?:ago|earlier|before|back)$", core)
    if um and "or so" in um.group(0):
        mod = "APPROX"
    if not um:
        return None
    unit_word = um.group(1)
    qty = core[:um.start()].strip(" -")
    n = _num(qty)
    letter, mult, is_time = _unit(unit_word)
    word = re.search(r"(ago|earlier|before|back)$", low).group(1)
    if word in ("before", "earlier") and not (letter == "Y" and n == 1 and mult == 1):
        # "three days earlier" is relative to a time we do not know: a duration
        r = Reading("duration", {"n": None if n is None else n * mult, "unit": letter, "time": is_time})
        r.f["end"] = m.start() + len(s) - len(word) - 1
        r.mod = mod
        return r
    if letter == "Y" and n == 1 and mult == 1:
        r = Reading("year_ago", {"y": None, "words": True})
        r.mod = mod if mod != "APPROX" else None
        return r
    if n is None:
        return Reading("ref", {"value": "PAST_REF"}, mod=mod)
    return Reading("offset", {"unit": "E" if mult == 10 else ("C" if mult == 100 else letter),
                              "n": -int(n) if n == int(n) else -n, "ago": True, "time": is_time}, mod=mod)


@functools.lru_cache(maxsize=1)
def _premod_re() -> re.Pattern:
    words = sorted(lexicon()["pre_modifiers"], key=len, reverse=True)
    return re.compile(r"(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\s+")


def _premod_word(low: str) -> str:
    """The modifier word(s) ``low`` starts with ("more than", "about"), or ""."""
    m = _premod_re().match(low)
    return re.sub(r"\s+", " ", m.group(1)) if m else ""


def _premod(low: str) -> tuple[str | None, int]:
    """(TIMEX3 mod, length of the modifier with its space) for a leading modifier."""
    m = _premod_re().match(low)
    if not m:
        return None, 0
    mod, _inside = lexicon()["pre_modifiers"][re.sub(r"\s+", " ", m.group(1))]
    return mod, m.end()


@rule("duration", r"(?:(?i:{PREMOD})\s+)?(?:(?i:the|a|an|this|that|its|their|his|her)\s+)?(?:(?i:{LEADS})\s+)?(?:(?i:{QNUM})(?:\s+(?:(?i:to|or|and))\s+(?i:{QNUM}))?(?:[-\s]+(?i:{COUNTW}))?[-\s]+(?i:{UNIT})|(?i:recent|coming|past|several|many|few|the\s+early|the\s+next\s+few|the\s+past\s+few)\s+(?i:{UNIT}))(?:\s+(?i:and\s+a\s+half))?(?:[-\s]+(?i:old|long))?(?:\s+(?i:or\s+so|or\s+more|or\s+longer))?(?![-\w])")
def _duration(m, text):
    s = m.group(0)
    low = re.sub(r"\s+", " ", s.lower())
    mod, keep = _premod(low)
    core = low[keep:] if keep is not None else low
    um = list(re.finditer(r"\b" + _parts()["UNIT"] + r"\b", core))
    if not um:
        return None
    u = um[-1]
    unit_word = u.group(0).lower()
    letter, mult, is_time = _unit(unit_word)
    before = core[:u.start()].strip(" -")
    after = core[u.end():].strip(" -")
    plus_half = 0.0
    if after.startswith("and a half"):
        plus_half = 0.5
        after = after[len("and a half"):].strip(" -")
    # ages: "a 6-year-old boy", "the 6-year-old", "a 44-year-old former Army officer",
    # "52 years old"; not "an 8-month-old truce"
    if after.startswith("old"):
        if "-" not in s[-6:]:
            return None
        nxt = re.match(r"((?:\s+[A-Za-z'-]+){1,3})", text[m.end():m.end() + 40])
        words = nxt.group(1).split() if nxt else []
        if not words or words[0].lower() in ("and", "or", "who", "was", "is", "had", "has", "in", "from",
                                              "of", "at", "said", "to", "with", "whose", "when"):
            return None
        heads = [re.sub(r"(?:'s|[^a-z-])+$", "", w.lower()) for w in words]
        if any(w[0].isupper() or h in lexicon()["human_nouns"] for w, h in zip(words, heads)):
            return None
        if re.search(r"\d", core[:u.start()]) and unit_word == "year" \
                and not any(h in lexicon()["aged_things"] for h in heads):
            return None  # "a 44-year-old anti-abortion protester": with digits, an age
    if "quarter" in unit_word and re.search(r"-quarters?$", core[:u.end()]):
        return None  # "three-quarters of": a fraction
    tokens = before.split()
    det_words = {"the", "a", "an", "this", "that", "its", "their", "his", "her"}
    ref_words = set(lexicon()["duration_leads"])
    extra = set(lexicon()["count_words"])
    while len(tokens) > 1 and tokens[0] in det_words:
        tokens = tokens[1:]
    lead_ref = []
    while tokens and tokens[0] in ref_words:
        lead_ref.append(tokens[0])
        tokens = tokens[1:]
    while tokens and tokens[-1] in extra:
        tokens = tokens[:-1]
    if not lead_ref and tokens and tokens[0] in det_words - {"a", "an"}:
        return None  # "the week", "this year": other rules
    qty = " ".join(tokens)
    if qty in ("a", "an") and unit_word.endswith("s"):
        qty = "several"  # "a years-long conflict"
    if not qty:
        # "recent weeks", "the coming years"; a singular ("the past year") is relative_unit's
        if not lead_ref or not (unit_word.endswith("s") or unit_word == "millennia"):
            return None
        n = None
    elif re.search(r"\s(?:to|or)\s", f" {qty} "):
        n = None  # a range: "two to three weeks"
    else:
        n = _num(qty)
        if n is None and qty.replace("-", " ") not in lexicon()["vague_numbers"]:
            return None
    if n is not None:
        n = (n + plus_half) * mult
    vague_letter = lexicon()["vague_unit_letters"].get(unit_word, letter) if n is None else letter
    if n is None and letter == "Y" and mult > 1:
        letter = vague_letter
    # "a year" after an amount is a rate: "$1 billion a year"
    prev = text[max(0, m.start() - 25):m.start()]
    if qty in ("a", "an", "per") and not lead_ref:
        if re.search(r"(?:\d|\b(?:million|billion|thousand|hundred|percent|times|dollars?|cents?|\w+s))\s*$", prev) \
                and not re.search(r"\b(?:for|in|of|within|after|than|about|over|nearly|almost|once|twice)\s*$", prev.lower()):
            if not re.search(r"(?:ago|earlier|later|before|after)", text[m.end():m.end() + 8]):
                # a rate ("$500 million a year", "24 hours a day"): part of a quantity, and
                # TimeBank mostly leaves it unannotated
                return None
        if unit_word == "second" and re.match(r"\s+(?!later|ago|earlier|before|after|or|and)[a-z]", text[m.end():m.end() + 12]):
            return None  # "a second betrayal", "for a second round"
    r = Reading("duration", {"n": n, "unit": letter, "time": is_time}, mod=mod)
    pm = _premod_word(low)
    if pm == "over" and not re.match(r"over\s+(?:an?|one)\s", low):
        r.mod = None  # "over the past 20 years": a preposition, left outside
        keep = len(re.match(r"over\s+", low).group(0))
        r.f["start_skip"] = keep
    elif keep and not lexicon()["pre_modifiers"][pm][1]:
        r.f["start_skip"] = keep
    # a duration used as a modifier ("a two-year strategy", "a five year low", "the 30-day
    # period") is annotated without its determiner
    count = None if n is None else n / mult
    adjectival = "-" in core[max(0, u.start() - 1):u.end() + 1] or (
        not unit_word.endswith("s") and count is not None and count >= 2 and count == int(count)
        and not plus_half and unit_word != "quarter")
    if adjectival and not lead_ref:
        det = re.match(r"(?:the|a|an|its|their|his|her|this|that)\s+", core)
        if det:
            r.f["start_skip"] = (keep or 0) + det.end()
    if after.startswith("or so"):
        r.mod = "APPROX"
    elif after.startswith("or more") or after.startswith("or longer"):
        r.mod = "EQUAL_OR_MORE"
    if lead_ref in (["recent"], ["past"]) and n is None and unit_word == "years" and not qty:
        # "in recent years" names no measurable stretch: TimeBank writes it PAST_REF
        return Reading("ref", {"value": "PAST_REF", "word": "recent years"})
    return r


# A fraction of a unit written in the next smaller one when it comes out whole: 2.5 years
# is P2Y6M, 5.5 hours PT5H30M, as TimeBank writes them (ISO 8601 allows both forms; the
# whole-unit one is what TimeML annotators and most readers of the values use).
_SMALLER = {("Y", False): ("M", 12, False), ("D", False): ("H", 24, True),
            ("H", True): ("M", 60, True), ("M", True): ("S", 60, True)}


def duration_value(n: float | None, letter: str, is_time: bool) -> str:
    """ISO 8601 duration: (3, "D") -> P3D, (5.5, "H", time) -> PT5H30M, (2.5, "Y") -> P2Y6M,
    (None, "Y") -> PXY. A fraction no smaller unit writes whole stays decimal (P1.5W)."""
    if n is None:
        return f"P{'T' if is_time else ''}X{letter}"
    if n == int(n):
        return f"P{'T' if is_time else ''}{int(n)}{letter}"
    whole, frac = int(n), n - int(n)
    small = _SMALLER.get((letter, is_time))
    if small is not None and abs(frac * small[1] - round(frac * small[1])) < 1e-9:
        s_letter, per, s_time = small
        head = f"{whole}{letter}" if whole else ""
        tail = f"{int(round(frac * per))}{s_letter}"
        if s_time and not is_time:
            return f"P{head}T{tail}"  # P1DT12H
        return f"P{'T' if is_time else ''}{head}{tail}"
    return f"P{'T' if is_time else ''}{n:g}{letter}"


# Clock times ------------------------------------------------------------------------------------
_AMPM = r"(?:[ap]\.\s?m\.?|[AP]\.\s?M\.?|[ap]m\b|[AP]M\b)"
_DATE_AFTER = r"(?:,?\s+(?:(?i:on)\s+)?(?:{WD}(?:,?\s+{MONTH}\s+{DAY})?|{MONTH}\s+{DAY}(?:,?\s+{YEAR})?|(?i:today|yesterday|tomorrow|tonight)))?"


@rule("clock", r"(?:(?i:around|about|approximately|roughly|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?:(?<![\d.:$])(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?" + _AMPM + r"|(?<![\d.:$])(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)(?:\s+(?i:{PART}|in\s+the\s+(?:morning|afternoon|evening)|at\s+night))?|(?i:{CLOCKW})|(?<![\d.:$])(?:[1-9]|1[0-2])\s+(?i:o'clock|in\s+the\s+(?:morning|afternoon|evening)|at\s+night))(?:\s+(?:{TZ}))?" + _DATE_AFTER)
def _clock(m, text):
    s = m.group(0)
    low = s.lower()
    mod = None
    lead = re.match(r"(around|about|approximately|roughly)\s+", low)
    skip = 0
    if lead:
        mod = "APPROX"
        if lead.group(1) == "about":
            skip = lead.end()
    elif re.match(r"(?:shortly|just)\s+(?:before|after)\s+", low):
        skip = re.match(r"(?:shortly|just)\s+(?:before|after)\s+", low).end()
    core = low[skip if not lead else lead.end():]
    cw = lexicon()["clock_words"]
    h = mi = None
    wm = re.match(r"(noon|midday|midnight)", core)
    if wm:
        h, mi = (int(x) for x in cw[wm.group(1)].split(":"))
    else:
        tm = re.match(r"(\d{1,2})(?::(\d\d))?", core)
        if not tm:
            return None
        h = int(tm.group(1))
        mi = int(tm.group(2) or 0)
        rest = core[tm.end():]
        pm = re.match(r"\s?p\.?\s?m|\s+in\s+the\s+(?:afternoon|evening)|\s+at\s+night|\s+(?:afternoon|evening|night)", rest)
        am = re.match(r"\s?a\.?\s?m|\s+in\s+the\s+morning|\s+morning", rest)
        if pm and h < 12:
            h += 12
        elif am and h == 12:
            h = 0
        if not (pm or am) and ":" not in core[:tm.end()] and "o'clock" not in rest:
            return None
    date = None
    dm = re.search(r"(?:,?\s+(?:on\s+)?)((?:[A-Z][a-z]+day)(?:,?\s+[A-Z][a-z]+\.?\s+\d{1,2})?|[A-Z][a-z]+\.?\s+\d{1,2}(?:,?\s+\d{4})?|today|yesterday|tomorrow|tonight)$", s, flags=0)
    if dm:
        date = _inner_date(dm.group(1))
    r = Reading("time", {"h": h, "mi": mi, "date": date}, mod=mod)
    if skip:
        r.f["start_skip"] = skip
    return r


def _inner_date(s: str) -> Reading | None:
    low = s.lower()
    if low in ("today", "tonight", "yesterday", "tomorrow"):
        return Reading("offset", {"unit": "D", "n": {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[low]})
    mo = _month_of(s)
    dm = re.search(r"\s(\d{1,2})(?!\d)", s)
    if mo and dm:
        return Reading("date", {"y": _year_of(s), "m": mo, "d": int(dm.group(1))})
    wd = _weekday_of(s)
    if wd:
        return Reading("weekday", {"wd": wd, "rel": None, "week_shift": 0, "part": None})
    return None


@rule("day_part", r"(?:(?i:early|late|mid)[-\s]?)?(?i:the\s+)?(?:(?i:early|late|mid)[-\s]?)?(?i:{PART})(?:\s+(?i:of\s+)?(?:{WD}(?:,?\s+{MONTH}\s+{DAY}(?:,?\s+{YEAR})?)?|(?i:yesterday|today|tomorrow)))?")
def _day_part(m, text):
    s = m.group(0)
    low = s.lower()
    part = _part_of(re.sub(r"\b(?:of|the|yesterday|today|tomorrow)\b", "", low))
    date = None
    # "the night of Friday, Oct. 23": the month and day decide, not the weekday
    tail = re.search(r"(yesterday|today|tomorrow|[A-Z][a-z]+day(?:,?\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:,?\s+\d{4})?)?)$", s)
    if tail:
        date = _inner_date(tail.group(1))
    elif not low.startswith(("the", "early the", "late the", "mid")) and not re.match(r"(?:early|late|mid)[-\s]?the", low):
        if not re.match(r"(?:early|late|mid)", low):
            return None  # a bare "morning" / "night" is too often not a time
    if not tail and not low.startswith(("the", "mid")) and not re.match(r"(?:early|late)[-\s]?the", low):
        if re.match(r"(?:early|late)\s", low):
            return None
    mod = _position(re.sub(r"(?:yesterday|today|tomorrow)", "", low))
    if date is None and not re.match(r"(?:(?:early|late|mid)[-\s]?)?the\s", low) and not low.startswith("mid"):
        return None
    return Reading("daypart", {"part": part, "date": date}, mod=mod)


# References, sets, special words ----------------------------------------------------------------

@rule("ref", r"(?<![-\w'])(?i:{REFS})(?![-\w])(?!\s+(?i:{QNUM}|{UNIT}|{SEASON}|few|several)\b)")
def _ref(m, text):
    low = re.sub(r"\s+", " ", m.group(0).lower())
    refs = lexicon()["refs"]
    for value, words in refs.items():
        if low in words:
            if low in ("one day",) and not re.match(r"\s*(?:,|\.|soon|he|she|they|we|i|you|it)", text[m.end():m.end() + 6].lower()):
                return None
            if low == "today's":
                return None
            r = Reading("ref", {"value": value, "word": low})
            # "in the future", "in the past": the preposition stays outside the span
            if low.startswith("in "):
                r.f["start_skip"] = 3
            return r
    return None


@rule("ref_adjective", r"(?<![-\w])(?i:current|future|recent)(?![-\w])")
def _ref_adj(m, text):
    low = m.group(0).lower()
    value = lexicon()["ref_adjectives"].get(low)
    if not value:
        return None
    nxt = re.match(r"\s+([A-Za-z-]+)", text[m.end():m.end() + 30])
    if not nxt:
        return None
    w = nxt.group(1).lower()
    if w in lexicon()["units"] or w in ("quarter", "fiscal", "and", "or", "events", "affairs", "account",
                                        "accounts", "date", "dates", "past", "is", "was", "of"):
        return None
    return Reading("ref", {"value": value, "word": low, "adjective": True})


@rule("set_word", r"(?<![-\w])(?i:{SETS})(?![-\w])")
def _set_word(m, text):
    low = m.group(0).lower()
    return Reading("set", {"value": lexicon()["sets"][low]})


@rule("set_every", r"(?i:(?:every|each|per)\s+(?:other\s+|single\s+)?(?:day|week|month|year|quarter|hour|minute|night|morning|evening|afternoon|weekend|decade))(?![-\w])|(?i:(?:once|twice|three\s+times|several\s+times)\s+(?:a|per)\s+(?:day|week|month|year|quarter))")
def _set_every(m, text):
    low = m.group(0).lower()
    w = low.split()[-1]
    if w in lexicon()["day_parts"]:
        return Reading("set", {"value": f"XXXX-XX-XXT{lexicon()['day_parts'][w]}"})
    if w == "weekend":
        return Reading("set", {"value": "XXXX-WXX-WE"})
    letter, mult, is_time = _unit(w)
    n = 2 if "other" in low else 1
    if low.startswith(("once", "twice", "three", "several")):
        r = Reading("set", {"value": duration_value(1, letter, is_time)})
        r.f["start_skip"] = len(re.match(r"(?:once|twice|three\s+times|several\s+times)\s+", low).group(0))
        return r
    return Reading("set", {"value": duration_value(n * mult, letter, is_time)})


@rule("bare_plural", r"(?:(?i:the)\s+)?(?i:days|weeks|months|years|decades|centuries)(?![-\w'])")
def _bare_plural(m, text):
    low = m.group(0).lower()
    prev = text[max(0, m.start() - 12):m.start()].lower().split()
    if not prev or prev[-1] not in lexicon()["plural_cues"]:
        return None
    w = low.split()[-1]
    if re.match(r"\s+(?:of\s+(?:the|his|her|their|its|a|an)\b|old|ago|later|earlier|before|after)", text[m.end():m.end() + 14].lower()):
        if not re.match(r"\s+of\s", text[m.end():m.end() + 6].lower()):
            return None
    letter, mult, is_time = _unit(w)
    letter = lexicon()["vague_unit_letters"].get(w, letter)
    return Reading("duration", {"n": None, "unit": letter, "time": is_time})


@rule("period", r"(?i:the\s+(?:latest|current|same|most\s+recent|reporting)\s+(?:period|quarter))|(?i:the\s+(?:current\s+|latest\s+|last\s+|previous\s+|past\s+|new\s+)?fiscal\s+year)")
def _period(m, text):
    low = re.sub(r"\s+", " ", m.group(0).lower())
    if "fiscal year" in low:
        if re.match(r"\s+(?:ended|ending|to)\b", text[m.end():m.end() + 10].lower()):
            return Reading("duration", {"n": 1, "unit": "Y", "time": False})
        rel = _rel(low.replace("fiscal year", ""))
        n = {"last": -1, "next": 1}.get(rel, 0)
        if "latest" in low:
            n = -1
        return Reading("offset", {"unit": "Y", "n": n})
    return Reading("quarter", {"n": None, "y": None, "rel": "this" if "current" in low else "latest" if "latest" in low or "most recent" in low else None,
                               "year_rel": None, "ago": False, "that": "same" in low})


@rule("year_end", r"(?:(?i:around|by|at|before|until|since)\s+)?(?i:year[-\s]end|year's\s+end|the\s+end\s+of\s+(?:the|this)\s+year)(?![-\w])")
def _year_end(m, text):
    low = m.group(0).lower()
    r = Reading("offset", {"unit": "Y", "n": 0}, mod="END")
    lead = re.match(r"(?:by|at|before|until|since)\s+", low)
    if lead:
        r.f["start_skip"] = lead.end()
    if low.startswith("around"):
        r.mod = "APPROX"
    return r


@rule("thanksgiving", r"(?i:thanksgiving(?:\s+day)?)(?![-\w])")
def _thanksgiving(m, text):
    if not m.group(0)[0].isupper():
        return None
    return Reading("nth_weekday", {"m": 11, "wd": 4, "nth": 4, "y": None})


@rule("day_one", r"(?i:day\s+one|day\s+1)(?![-\w])")
def _day_one(m, text):
    return Reading("unresolved", {})


# -- compile and run ----------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern, Handler]]:
    lx = lexicon()
    parts = dict(_parts())
    parts["PREMOD"] = _alt([w for w in lx["pre_modifiers"]])
    refs = [w for ws in lx["refs"].values() for w in ws]
    parts["REFS"] = _alt(refs)
    parts["SETS"] = _alt(lx["sets"])
    parts["HOLIDAY"] = _alt(lx["holidays"])
    parts["LEADS"] = _alt(lx["duration_leads"])
    parts["COUNTW"] = _alt(lx["count_words"])
    out = []
    for name, pattern, fn in _RULES:
        pat = pattern
        for _ in range(3):
            pat = re.sub(r"\{([A-Z_0-9]+)\}", lambda mm: parts.get(mm.group(1), mm.group(0)), pat)
        out.append((name, re.compile(r"(?<![\w])" + pat if not pat.startswith("(?<") else pat), fn))
    return out


# Words that must occur in (or near) a match of each rule. Running a rule's regex only in
# windows around its trigger words is what keeps the grammar cheap (a regex that may start
# with optional words cannot use the regex engine's own prefix scan): a few milliseconds for
# a 500-word article instead of fifteen. Each rule: trigger words (or a test on the word and
# the character after it), then how many characters before and after a trigger to search.
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=1)
def _triggers() -> tuple[dict[str, list[int]], list[tuple[int, Callable[[str, str], bool]]], list[tuple[int, int]]]:
    lx = lexicon()
    units = set(lx["units"])
    plural_units = {u for u in units if u.endswith("s") or u in ("centuries", "millennia")}
    parts = set(lx["day_parts"])
    stop = {"the", "in", "at", "of", "a", "an", "for", "as", "to", "long", "not", "some", "until",
            "more", "this", "these", "near", "short", "longer", "distant", "later", "just", "right"}
    refs = {w for ws in lx["refs"].values() for p in ws for w in re.findall(r"\w+", p)} - stop
    tens = {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"}
    holiday_words = {re.findall(r"\w+", h)[0] for h in lx["holidays"]} - {"new"} | {"eve"}

    def year4(w, nxt):
        return len(w) == 4 and w.isdigit()

    # rule name -> (trigger words or test, chars searched before, chars after)
    spec: dict[str, tuple[Any, int, int]] = {
        "iso_date": (lambda w, nxt: year4(w, nxt) and nxt == "-", 2, 12),
        "numeric_date": (lambda w, nxt: w.isdigit() and len(w) <= 2 and nxt == "/", 2, 12),
        "month_day": (set(lx["months"]), 30, 30),
        "day_month": (set(lx["months"]), 30, 30),
        "month_year": (set(lx["months"]), 45, 30),
        "month": (set(lx["months"]), 45, 30),
        "holiday": (holiday_words, 20, 40),
        "season": (set(lx["seasons"]), 45, 30),
        "quarter": ({"quarter", "quarters", "half"}, 60, 40),
        "decade": (lambda w, nxt: w.endswith("0s") or (w.isdigit() and len(w) in (2, 3, 4) and nxt == "'"), 50, 15),
        "decade_words": (tens, 50, 15),
        "century": ({"century"}, 40, 5),
        "fiscal_year": ({"fiscal", "fy"}, 5, 20),
        "year": (year4, 45, 30),
        "year_words": ({"nineteen"}, 45, 30),
        "spelled_year": ({"thousand"}, 30, 40),
        "year_period": ({"period", "quarter"}, 45, 5),
        "year_ago_period": ({"ago", "earlier", "year", "period", "quarter"}, 45, 45),
        "weekday": (set(lx["weekdays"]), 40, 45),
        "relative_day": ({"today", "tonight", "yesterday", "tomorrow", "overnight", "night"} | parts, 30, 20),
        "relative_unit": ({"week", "month", "year", "weekend", "decade", "fortnight"}, 50, 5),
        "the_unit": ({"week", "month", "year", "weekend", "day"}, 20, 10),
        "anaphor": ({"day", "week", "month", "year"} | parts, 30, 20),
        "ago": ({"ago", "earlier", "before", "back"}, 60, 5),
        "duration": (units, 60, 30),
        "clock": (lambda w, nxt: w.isdigit() and nxt in (":", " "), 40, 50),
        "clock_words": ({"noon", "midday", "midnight", "clock"}, 40, 50),
        "day_part": (parts, 30, 30),
        "ref": (refs, 15, 15),
        "ref_adjective": ({"current", "future", "recent"}, 2, 30),
        "set_word": (set(lx["sets"]), 2, 12),
        "set_every": ({"every", "each", "per", "once", "twice", "times"}, 20, 30),
        "bare_plural": (plural_units, 10, 5),
        "period": ({"period", "quarter", "fiscal"}, 40, 20),
        "year_end": ({"end"}, 30, 10),
        "thanksgiving": ({"thanksgiving"}, 5, 10),
        "day_one": ({"day"}, 2, 6),
    }
    by_word: dict[str, list[int]] = {}
    tests: list[tuple[int, Callable[[str, str], bool]]] = []
    reach: list[tuple[int, int]] = []
    for i, (name, _pat, _fn) in enumerate(_RULES):
        trig, back, fwd = spec[name]
        reach.append((back, fwd))
        if callable(trig):
            tests.append((i, trig))
            trig, back2, fwd2 = spec.get(name + "_words", (set(), 0, 0))
        for w in trig:
            by_word.setdefault(w, []).append(i)
    return by_word, tests, reach


def find(text: str) -> list[Match]:
    """Every time expression in ``text``: non-overlapping, leftmost-longest, in text order."""
    by_word, tests, reach = _triggers()
    rules = _compiled()
    n = len(text)
    windows: list[list[tuple[int, int]]] = [[] for _ in rules]

    def add(i: int, s: int, e: int) -> None:
        back, fwd = reach[i]
        lo, hi = max(0, s - back), min(n, e + fwd)
        win = windows[i]
        if win and lo <= win[-1][1]:
            win[-1] = (win[-1][0], max(win[-1][1], hi))
        else:
            win.append((lo, hi))

    for m in _WORD.finditer(text):
        w = m.group(0).lower()
        s, e = m.span()
        for i in by_word.get(w, ()):
            add(i, s, e)
        if w[0].isdigit() or w[-2:] == "0s":
            nxt = text[e:e + 1]
            for i, test in tests:
                if test(w, nxt):
                    add(i, s, e)
    cands: list[Match] = []
    for prio, (name, pat, fn) in enumerate(rules):
        for lo, hi in windows[prio]:
            for m in pat.finditer(text, lo, hi):
                _candidate(m, text, fn, name, prio, cands)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), c.priority))
    out: list[Match] = []
    taken_end = -1
    for c in cands:
        if c.start >= taken_end:
            out.append(c)
            taken_end = c.end
        else:
            # a longer candidate that starts inside the previous one and extends past it
            # replaces it when it is strictly longer ("Tuesday | Tuesday morning" cases)
            prev = out[-1]
            if c.start >= prev.start and (c.end - c.start) > (prev.end - prev.start) and c.end > prev.end:
                out[-1] = c
                taken_end = c.end
    return out


def _candidate(m: re.Match, text: str, fn: Handler, name: str, prio: int, cands: list[Match]) -> None:
    if m.end() == m.start():
        return
    if m.end() < len(text) and text[m.end()].isalnum() and text[m.end() - 1].isalnum():
        return  # a match must end on a word boundary ("Mayor" is not "May")
    r = fn(m, text)
    if r is None:
        return
    r.rule = name
    start = m.start() + int(r.f.pop("start_skip", 0))
    end = int(r.f.pop("end", m.end()))
    if r.f.pop("drop_the", False) and text[start:start + 4].lower() == "the ":
        start += 4
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    if end > start:
        cands.append(Match(start, end, r, prio))
