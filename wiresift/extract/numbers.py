"""Numeric claims: deaths, injuries, casualties, displaced people, troops, money, percentages
and durations, each with the interval its wording allows, what it is about and its sentence.

Why a record of its own: outlets disagree about numbers more often than about anything else,
and "killed hundreds of thousands" against "claimed tens of thousands of lives" is only
visible once both are read as intervals (200,000-999,999 and 20,000-99,999) about the same
thing. This module reads one article; comparing claims across articles is
wiresift/link/numbers.py. Durations are kept only when they measure an event or a period
("the three-and-a-half-year-old conflict", "six months into his second term"): publication-
date inference counts them from known start dates.

Record::

    {"quantity": "deaths|injuries|casualties|displaced|troops|money|percent|duration",
     "low": float, "high": float,      # the interval the wording allows (vague counts, qualifiers)
     "value": float,                   # the number as written, scaled ("2.5 mln" -> 2500000)
     "unit": "people|USD|...|percent|year|month|week|day",
     "qualifier": str | None,          # about, nearly, more than, at least, up to ...
     "vague": bool,                    # "tens of thousands", "dozens"
     "text": {"start", "end", "text"}, # the number with its qualifier and unit
     "evidence": {"start", "end", "text"},   # the sentence
     "subject": str | None,            # the noun it is about: conflict, aid, profit ...
     "subject_class": str | None,      # war | attack | disaster | accident (people counts)
     "countries": [ISO3, ...],         # countries the sentence names (toponyms, actors)
     "section": "body|heading|caption"}

The words are in wiresift/data/numbers/lexicon.yaml.
"""
from __future__ import annotations

import functools
import re

from ..paths import DATA_DIR, read_yaml
from .base import ParsedDoc, extractor, registered

# Countries come from the places and actors a sentence names, when those extractors are on.
REQUIRES = tuple(n for n in ("toponyms", "actors") if n in registered())
NON_STATE = {"EUR", "IGO", "UNO", "NGO", "IMG", "MNC", "ISM", "PRE"}


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    return read_yaml(DATA_DIR / "numbers" / "lexicon.yaml")


def _alt(words) -> str:
    """A regex alternation, longest first so "more than" wins over "more"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _patterns() -> dict:
    lx = lexicon()
    words = [w for w in lx["numbers"] if " " not in w]
    unit = r"(?:[ -](?:and[ -])?(?:a[ -])?half)?"
    word_num = rf"(?:(?:{_alt(words)})(?:[ -](?:{_alt(words)}))?{unit}|a dozen)"
    digits = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    vague = rf"(?:{_alt(lx['vague'])})(?:\s+of\s+(?:thousands|millions|billions))?"
    scales = rf"(?:[ -]?(?:{_alt(lx['scales'])})\b){{0,2}}"
    quals = _alt(lx["qualifiers"])
    cur_before = _alt(lx["currency_before"])
    cur_after = _alt(lx["currency_after"])
    pct = _alt(lx["percent_words"])
    number = (rf"(?P<qual>\b(?:{quals})\s+)?(?P<cur1>(?:{cur_before})\s?)?"
              rf"(?P<num>{digits}|\b{vague}\b|\b{word_num}\b)(?P<scale>{scales})"
              rf"(?:\s*(?P<pct>{pct})(?![A-Za-z])|\s+(?P<cur2>{cur_after})\b)?")
    dur_units = r"(?P<unit>year|month|week|day|decade)s?"
    dur_nouns = _alt(lx["duration_nouns"])
    duration = [
        # "three-and-a-half-year-old conflict", "a nearly 11-year campaign", "20-year war"
        rf"(?P<qual>\b(?:{quals})\s+)?(?P<num>{digits}|\b{word_num}\b)[ -]{dur_units}(?:[ -](?:old|long))?"
        rf"\s+(?P<mid>(?:[\w’'-]+\s+){{0,2}}?)(?P<noun>(?:{dur_nouns}))\b",
        # "six months into his second term", "three years of war"
        rf"(?P<qual>\b(?:{quals})\s+)?(?P<num>{digits}|\b{word_num}\b)\s+{dur_units}\s+(?:into|of)\s+"
        rf"(?P<mid>(?:[\w’'-]+\s+){{0,3}}?)(?P<noun>(?:{dur_nouns}))\b",
    ]
    # Every duration match contains its unit word: a sentence without one is not searched with
    # the duration patterns, which may start with optional words and so try every position.
    unit_cue = re.compile(r"year|month|week|day|decade", re.I)
    return {"number": re.compile(number, re.I), "duration": [re.compile(p, re.I) for p in duration],
            "duration_cue": unit_cue}


def parse_number(num: str, scale: str = "") -> tuple[float, float, float, bool] | None:
    """(value, low, high, vague) for a number as written; None if it cannot be read."""
    lx = lexicon()
    s = num.lower().strip()
    mult = 1.0
    for sc in re.findall(r"[a-z]+", scale.lower()):
        mult *= lx["scales"].get(sc, 1)
    m = re.fullmatch(r"(\w+)(?:\s+of\s+(\w+))?", s)
    if m and m.group(1) in lx["vague"]:
        first, second = m.group(1), m.group(2)
        base2 = lx["vague"].get(second, 1) if second else 1
        if first in lx.get("vague_ranges", {}):
            lo, hi = lx["vague_ranges"][first]
            lo, hi = lo * base2 * mult, hi * base2 * mult
        else:
            base = lx["vague"][first] * base2 * mult
            lo, hi = 2 * base, 10 * base - 1
        return (lo + hi) / 2, lo, hi, True
    if re.fullmatch(r"[\d,.]+", s):
        try:
            v = float(s.replace(",", "")) * mult
        except ValueError:
            return None
        return v, v, v, False
    if s == "a dozen":
        v = 12 * mult
        return v, v, v, False
    half = bool(re.search(r"half$", s))
    s = re.sub(r"[ -](?:and[ -])?(?:a[ -])?half$", "", s)
    total = 0.0
    for part in re.split(r"[ -]+", s):
        if part not in lx["numbers"]:
            return None
        total += lx["numbers"][part]
    v = (total + (0.5 if half else 0)) * mult
    return v, v, v, False


def _interval(value: float, low: float, high: float, qual: str | None) -> tuple[float, float]:
    if not qual:
        return low, high
    f = lexicon()["qualifiers"].get(qual.lower())
    if not f:
        return low, high
    return low * f[0], high * f[1]


def _is_year(num: str, scale: str) -> bool:
    return not scale.strip() and bool(re.fullmatch(r"(?:1[89]|20)\d\d", num.strip()))


def _people_quantity(before: str, after: str) -> str | None:
    """The people count a number is, from the words around it (see lexicon `people`)."""
    lx = lexicon()
    fillers = set(lx["people_fillers"])
    after_words = re.findall(r"[\w.’'-]+", after.lower())[:6]
    content = [w for w in after_words if w not in fillers][:2]
    # Skipped fillers may be at most four words: "of lives", "Palestinian civilians were killed".
    lead = 0
    for w in after_words:
        if w in fillers:
            lead += 1
        else:
            break
    before_l = " ".join(re.findall(r"[\w.’'-]+", before.lower())[-4:])
    for quantity, cues in lx["people"].items():
        if content and lead <= 4:
            joined = " ".join(content)
            if any(joined == c or joined.startswith(c + " ") or content[0] == c for c in cues.get("after", [])):
                return quantity
        if any(before_l == c or before_l.endswith(" " + c) for c in cues.get("before", [])):
            return quantity
    return None


def _subject_noun(sent_text: str, pos: int) -> tuple[str | None, str | None]:
    """The nearest event noun in the sentence (by distance from ``pos``) and its class."""
    best = None
    for cls, nouns in lexicon()["subjects"].items():
        for m in re.finditer(rf"\b(?:{_alt(nouns)})\b", sent_text, re.I):
            d = abs(m.start() - pos)
            if best is None or d < best[0]:
                best = (d, m.group(0).lower(), cls)
    return (best[1], best[2]) if best else (None, None)


def _governing_noun(doc, start: int, end: int, skip: set[str]) -> str | None:
    """What a money or percentage figure is about, from the parse: "$100 billion in aid" ->
    aid; "profit rose 10 pct" -> profit; "69% of Ukrainians" -> Ukrainians."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    inside = {t.i for t in span}

    def noun(t):
        return t.pos_ in ("NOUN", "PROPN") and t.i not in inside and t.lemma_.lower() not in skip

    for t in (root, root.head):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "of", "for", "on"):
                for p in c.children:
                    if p.dep_ == "pobj" and noun(p):
                        return p.lemma_.lower() if p.pos_ == "NOUN" else p.text
    t = root
    for _ in range(3):
        if noun(t) and t is not root:
            return t.lemma_.lower() if t.pos_ == "NOUN" else t.text
        if t.pos_ in ("VERB", "AUX"):
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass") and noun(c):
                    return c.lemma_.lower() if c.pos_ == "NOUN" else c.text
            break
        if t.head is t:
            break
        t = t.head
    return None


def _countries(pdoc: ParsedDoc, start: int, end: int) -> list[str]:
    out: list[str] = []
    for t in pdoc.results.get("toponyms", []) or []:
        c = t.get("country")
        if c and start <= (t.get("start") or -1) < end:
            out.append(c)
    for a in pdoc.results.get("actors", []) or []:
        c = a.get("country")
        if c and any(start <= m.get("start", -1) < end for m in a.get("mentions", []) or []):
            out.append(c)
    seen: list[str] = []
    for c in out:
        if c not in seen and len(c) == 3 and c.isalpha() and c.upper() == c and c not in NON_STATE:
            seen.append(c)
    return seen


def _span(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}


def claims_in_sentence(pdoc: ParsedDoc, s_start: int, s_end: int) -> list[dict]:
    text = pdoc.text
    # read the cleaned text: a credit blanked inside the sentence's range holds no claim
    seen = pdoc.nlp_text
    sent = seen[s_start:s_end]
    pats = _patterns()
    lx = lexicon()
    out: list[dict] = []
    taken: list[tuple[int, int]] = []
    section = pdoc.section_kind(s_start)

    def base(quantity, m_start, m_end, value, low, high, unit, qual, vague, subject, subject_class):
        return {"quantity": quantity, "low": low, "high": high, "value": value, "unit": unit,
                "qualifier": qual.lower() if qual else None, "vague": vague,
                "text": _span(text, s_start + m_start, s_start + m_end),
                "evidence": pdoc.span(s_start, s_end),
                "subject": subject, "subject_class": subject_class,
                "countries": _countries(pdoc, s_start, s_end), "section": section}

    for pat in pats["duration"] if pats["duration_cue"].search(sent) else ():
        for m in pat.finditer(sent):
            parsed = parse_number(m.group("num"))
            if not parsed:
                continue
            value, low, high, vague = parsed
            qual = (m.group("qual") or "").strip() or None
            low, high = _interval(value, low, high, qual)
            if not qual and value != int(value):
                pass  # "three-and-a-half" is as precise as it says
            unit = m.group("unit").lower()
            noun = m.group("noun").lower()
            out.append(base("duration", m.start(), m.end(), value, low, high, unit, qual, vague, noun, None))
            taken.append((m.start(), m.end()))

    for m in pats["number"].finditer(sent):
        if any(a <= m.start("num") < b for a, b in taken):
            continue
        num, scale = m.group("num"), m.group("scale") or ""
        qual = (m.group("qual") or "").strip() or None
        parsed = parse_number(num, scale)
        if not parsed:
            continue
        value, low, high, vague = parsed
        cur = m.group("cur1") or m.group("cur2")
        if m.group("pct"):
            quantity, unit = "percent", "percent"
        elif cur:
            quantity = "money"
            key = cur.strip()
            unit = lx["currency_before"].get(key) or lx["currency_after"].get(key.lower()) or key
        else:
            if _is_year(num, scale) or (re.fullmatch(r"\d+", num) and m.end() < len(sent) and sent[m.end():m.end() + 1] == ":"):
                continue
            quantity = _people_quantity(sent[max(0, m.start() - 40):m.start()], sent[m.end():m.end() + 60])
            unit = "people"
            if quantity is None:
                continue
        low, high = _interval(value, low, high, qual)
        if quantity in ("money", "percent"):
            subject = _governing_noun(pdoc.doc, s_start + m.start("num"), s_start + m.end(), skip={
                "percent", "pct", "dlr", "dollar", "mln", "billion", "million", "point"})
            subject_class = None
        else:
            subject, subject_class = _subject_noun(sent, m.start())
        out.append(base(quantity, m.start(), m.end(), value, low, high, unit, qual, vague, subject, subject_class))
    out.sort(key=lambda r: r["text"]["start"])
    return out


@extractor("numbers", requires=REQUIRES)
def extract_numbers(pdoc: ParsedDoc) -> list[dict]:
    """Numeric claims in the article's heading, body and caption sentences, in text order.

    Reads the toponyms and actors when those extractors ran first (for the countries a
    sentence names) and works without them."""
    out: list[dict] = []
    for sent in pdoc.doc.sents:
        a, b = sent.start_char, sent.end_char
        chunk = pdoc.text[a:b]
        if not chunk.strip() or not re.search(r"\d|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                                              r"twenty|thirty|forty|fifty|hundred|thousand|tens|hundreds|"
                                              r"thousands|millions|dozens?|scores)\b)", chunk):
            continue
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        out.extend(claims_in_sentence(pdoc, a + lead, a + trail))
    return out
