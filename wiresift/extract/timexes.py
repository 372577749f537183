"""Time expressions, normalised against the article's published date (TimeML TIMEX3 style).

Each record::

    {"start": int, "end": int,        # character offsets into the article text
     "text": str,                     # the expression as written ("last Friday")
     "type": "DATE|TIME|DURATION|SET",
     "value": str | None,             # TIMEX3 value: 2025-12-02, 2025-W49, 2025-08, 2025-SU,
                                      # 2025-Q3, 2025, 199 (the 1990s), 19 (the 20th century),
                                      # PRESENT_REF / PAST_REF / FUTURE_REF, P3D, P3Y6M, PT5H,
                                      # 2025-12-02T14:00, 2025-12-02TMO; None when the text
                                      # names no recoverable time ("day one of his presidency")
     "anchored": bool,                # False when the value waits for a date the article does
                                      # not give: XXXX-WXX-5 for "Friday" in an undated story
     "precision": "day|week|month|season|quarter|year|decade|century|time|duration|none",
     "section": str,                  # body, heading, caption ... (captions carry their own dates)
     "mod"?: "START|MID|END|APPROX|BEFORE|AFTER|ON_OR_BEFORE|ON_OR_AFTER|LESS_THAN|MORE_THAN|
              EQUAL_OR_LESS|EQUAL_OR_MORE",
     "rel"?: str}                     # only when anchored is False: the offset from the
                                      # (unknown) published date as a signed ISO duration
                                      # ("-P1D" for yesterday, "+P1W" for next week), or for a
                                      # weekday "before" / "after" (the Friday before or after
                                      # publication; absent when the tense does not say)

Half-years (2025-H1) report precision "quarter". A fraction of a unit is written in the
next smaller unit when that comes out whole, as TimeBank does ("three-and-a-half-year-old
conflict" -> P3Y6M, "5 1/2 hours" -> PT5H30M); otherwise it stays decimal (P1.5W).

How it works: timex_grammar finds the expressions and reads them; this module asks the
dependency parse for the tense that governs each one (a future "Friday" is the coming one);
timex_calendar turns the reading into a value. spaCy's DATE/TIME entities are not the source
of spans. Measured on TimeBank + AQUAINT (md model): alone they reach span F1 76.7 strict /
90.2 relaxed against the grammar's 88 / 94, missing "now", "recently", "currently", "the
future" ... and marking ages ("Putin, 73", "6-year-old") as dates; the entities the grammar
does not cover overlap a gold expression 32 times and none 128 times, so adding them would
cost precision. The entity labels are used to reject numbers the grammar would otherwise
read as years (MONEY, PERCENT, QUANTITY, a CARDINAL with no date word before it).

Results are cached on the ParsedDoc (``_timex_cache``) so the event coder's calls to
``timex_for_token`` and ``event_date`` do not run the grammar again.

The event coder calls ``timex_for_token`` (the expression that governs an event word) and
``event_date`` (the date an event gets); their rules are in their docstrings.
"""
from __future__ import annotations

import datetime as dt
import functools

from ..parse.docs import doc_text
from .base import ParsedDoc, extractor
from .timex_calendar import Focus, Resolved, resolve, update_focus
from .timex_grammar import Match, find, lexicon

# Readings whose value depends on which way the sentence points.
_DIRECTED = {"weekday", "date", "month", "season", "quarter", "half", "weekend", "time", "daypart",
             "nth_weekday"}


@extractor("timexes")
def extract_timexes(pdoc: ParsedDoc) -> list[dict]:
    return [t for t, _ in _timexes(pdoc)]


def _timexes(pdoc: ParsedDoc) -> list[tuple[dict, Match]]:
    """The records with the grammar matches behind them (cached on the ParsedDoc)."""
    cached = pdoc.__dict__.get("_timex_cache")
    if cached is not None:
        return cached
    doc = pdoc.doc
    text = doc_text(doc)
    focus = Focus()
    out: list[tuple[dict, Match]] = []
    matches = [m for m in find(text) if _plausible(doc, m, text)]
    for k, m in enumerate(matches):
        r = m.reading
        direction = _direction(pdoc, m.start, m.end) if r.kind in _DIRECTED or (
            r.kind in ("time", "daypart") and r.f.get("date") is not None) else None
        if r.kind in ("time", "daypart") and r.f.get("date") is None:
            nxt = matches[k + 1] if k + 1 < len(matches) else None
            if nxt is not None and nxt.start - m.end <= 20 and nxt.reading.kind in ("weekday", "date") \
                    and "." not in text[m.end:nxt.start]:
                # "at about 10:35 a.m. (0735 GMT) Friday": the day comes right after
                r.f["date"] = nxt.reading
                direction = _direction(pdoc, nxt.start, nxt.end)
            else:
                r.f["ref_day"] = _sentence_day(doc, out, m)
        res = resolve(r, pdoc.published, direction, focus)
        update_focus(focus, res, r.kind, bool(r.f.get("ago")), pdoc.published, rule=r.rule,
                     direction=direction)
        rec = {
            "start": m.start,
            "end": m.end,
            "text": pdoc.text[m.start:m.end],
            "type": res.type,
            "value": res.value,
            "anchored": bool(res.anchored),
            "precision": res.precision,
            "section": pdoc.section_kind(m.start),
        }
        if r.mod:
            rec["mod"] = r.mod
        if not res.anchored and res.rel:
            rec["rel"] = res.rel
        out.append((rec, m))
    pdoc.__dict__["_timex_cache"] = out
    return out


# -- filters that need the parse ------------------------------------------------------------------
def _token_at(doc, char: int) -> int:
    """Index of the token holding character ``char`` (or the token before it)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None and len(span):
        return span.start
    lo, hi = 0, len(doc)
    while lo < hi:  # whitespace: the last token starting at or before ``char``
        mid = (lo + hi) // 2
        if doc[mid].idx <= char:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)


def _plausible(doc, m: Match, text: str) -> bool:
    """Reject readings the parse contradicts: four-digit numbers that are prices, counts or
    labels rather than years ("1,988 shares", "Flight 1989"); "current" when it is not an
    adjective ("the current of the river"); time words inside names and titles ("This Week",
    "60 Minutes", "High Noon")."""
    r = m.reading
    i = _token_at(doc, m.start)
    tok = doc[i]
    if r.rule == "year":
        j = _token_at(doc, m.end - 1)
        while j > i and not doc[j].text[:4].isdigit():
            j -= 1  # "1990 and beyond": the year is the number, not the last word
        last = doc[j]
        if last.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
            return False
        prev = doc[last.i - 1] if last.i > 0 else None
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        y = int(last.text[:4]) if last.text[:4].isdigit() else 0
        if prev is not None and prev.lower_ in lexicon()["not_year_before"]:
            return False
        if nxt is not None and nxt.tag_ == "NNS" and nxt.lower_ not in lexicon()["units"]:
            return False
        if nxt is not None and nxt.lower_ in ("%", "percent", "per", "to", "-") and last.ent_type_ != "DATE":
            return False
        if last.ent_type_ != "DATE" and not (1900 <= y <= 2100):
            return False
        if last.ent_type_ == "CARDINAL" and not (prev is not None and prev.lower_ in lexicon()["month_cues"]):
            return False
    if r.rule == "ref_adjective":
        if tok.tag_ not in ("JJ", "JJR", "JJS") and tok.pos_ != "ADJ":
            return False
    if r.rule in ("ref", "ref_adjective") and tok.ent_type_ in ("ORG", "WORK_OF_ART", "PRODUCT", "FAC"):
        return False
    if r.rule in _WORDY_RULES and not _opens_sentence(doc, tok):
        # "This Week", "60 Minutes", "High Noon", "VOA Today": capitalised mid-sentence, a title
        words = [w for w in text[m.start:m.end].split() if w[:1].isalpha()]
        if words and all(w[0].isupper() for w in words) and (
                len(words) > 1 or tok.ent_type_ in ("ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "FAC")
                or doc[tok.i - 1].text[-1:].isalpha() and doc[tok.i - 1].text[0].isupper()):
            return False
    return True


def _opens_sentence(doc, tok) -> bool:
    """``tok`` starts its sentence, perhaps after opening quotes or a dash ("``Today, I'm
    here"): capitals there say nothing about names. spaCy does not always start a sentence
    after a quote mark, so the words before are looked at too."""
    if tok.is_sent_start:
        return True
    j = tok.i - 1
    while j >= 0 and (doc[j].is_punct or doc[j].is_quote) and doc[j].text not in ".!?:;,":
        j -= 1
    return j < 0 or doc[j].is_space or doc[j].text in ".!?" or doc[j + 1].is_sent_start


# Rules whose words are ordinary English, so that Title Case mid-sentence marks a name.
_WORDY_RULES = {"relative_unit", "relative_day", "ref", "duration", "clock", "season", "the_unit",
                "day_part", "set_word", "bare_plural"}


# -- tense -------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _ctx_words():
    lx = lexicon()
    return (set(lx["reporting_verbs"]), set(lx["future_auxiliaries"]), set(lx["future_governors"]))


@functools.lru_cache(maxsize=1)
def _nonpast_modals() -> frozenset:
    return frozenset(lexicon()["nonpast_modals"])


@functools.lru_cache(maxsize=1)
def _moving_verbs():
    lx = lexicon()
    return set(lx["scheduling_verbs"]), set(lx["deferring_verbs"])


def _direction(pdoc: ParsedDoc, start: int, end: int) -> str | None:
    """Which way the clause governing ``start:end`` points: "past", "present", "future" or None.

    The expression's governing verb is found by walking up the dependency tree (through the
    nouns an expression may hang on: "their meeting in Alaska on Friday"); its auxiliaries
    and tag give the tense. Present tense of a non-reporting verb reads as scheduled future
    ("they meet Friday"), except in headings, where the present recounts the past.
    """
    doc = pdoc.doc
    i = _token_at(doc, start)
    j = _token_at(doc, max(start, end - 1))
    span = doc[i:j + 1]
    tok = span.root
    if j + 1 < len(doc) and doc[j + 1].tag_ == "POS" or tok.tag_ == "POS" or doc[j].lower_ in ("'s", "'"):
        return "past"  # "Tuesday's ruling", "Friday's close": already happened
    prep = tok.head if tok.dep_ == "pobj" else None
    v = None
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            if tok.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children) \
                    and tok.head is not tok and tok.dep_ in ("advcl", "xcomp", "acl", "pcomp", "npadvmod"):
                tok = tok.head  # participial clause: its tense is the main verb's
                continue
            if tok.tag_ == "VB" and tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN") \
                    and any(c.lower_ == "to" for c in tok.children):
                tok = tok.head  # "celebrations to mark ... on Friday": the noun's clause decides
                continue
            v = tok
            break
        if tok.head is tok:
            break
        tok = tok.head
    if v is None:
        return None
    scheduling, deferring = _moving_verbs()
    if v.lemma_ in scheduling and _schedules(v, i):
        return "future"
    if v.lemma_ in deferring and prep is not None and prep.lower_ in ("until", "till", "to", "for"):
        return "future"
    tense = _tense(v, pdoc.section_kind(v.idx) == "heading")
    if prep is not None and prep.lower_ in ("until", "till", "through", "thru") and not (
            v.tag_ == "VBD" or any(c.lower_ == "had" for c in v.children)):
        return "future"  # "gave them until 9 a.m. Tuesday", "loans through January"
    return tense


def _schedules(v, expr_i: int) -> bool:
    """Does the scheduling verb ``v`` put the expression at ``expr_i`` in the future? Yes for
    the time of what is scheduled ("has scheduled a news conference Thursday", "planned a
    demonstration on Saturday"); no for the time of the planning itself ("On Friday, the
    government planned to pay"), for a plan already overtaken ("had ruled ... and set Friday
    as the deadline") and for a participle that only describes a noun ("a memorial service
    planned for Saturday was canceled", "as previously planned"): there the tense decides."""
    if expr_i < v.i:
        return False
    if v.tag_ == "VBN" and v.dep_ in ("acl", "advcl", "relcl") and not any(
            c.dep_ in ("aux", "auxpass") for c in v.children):
        return False
    heads = [v, v.head] if v.dep_ == "conj" else [v]
    return not any(c.lower_ == "had" for h in heads for c in h.children if c.dep_ in ("aux", "auxpass"))


def _tense(v, heading: bool = False) -> str | None:
    reporting, future_aux, future_gov = _ctx_words()
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    lows = {a.lower_ for a in auxes}
    if lows & future_aux:
        return "past" if any(a.lemma_ == "have" for a in auxes) else "future"
    if lows & _nonpast_modals() and v.tag_ in ("VB", "VBN", "VBG"):
        return "past" if any(a.lemma_ == "have" for a in auxes) else "future"
    if any(a.tag_ == "TO" or a.lower_ == "to" for a in auxes):
        # an infinitive happens after what governs it ("scheduled to close Monday"), unless
        # that is itself a finished past ("had been due to expire Friday")
        gov = v.head
        gov_aux = [c for c in gov.children if c.dep_ in ("aux", "auxpass")]
        if gov.pos_ == "ADJ" and gov.dep_ == "acomp":
            # "had been due to expire Friday": the pluperfect sits on the copula
            gov_aux += [c for c in gov.head.children if c.dep_ in ("aux", "auxpass")] + [gov.head]
        if any(a.lower_ == "had" for a in gov_aux) or (gov.lower_ == "had"):
            return "past"
        if gov is v or gov.lemma_ in future_gov or gov.lower_ == "going":
            return "future"
        if gov.pos_ == "ADJ":
            # "likely to", "due to" are in future_governors; "difficult for Sun to meet demand
            # well into the summer" takes the tense of the clause the adjective sits in
            head = gov.head
            if head is not gov and head.pos_ in ("VERB", "AUX"):
                return _tense(head, heading)
            return "future"
        return _tense(gov, heading) if gov.pos_ in ("VERB", "AUX") else "future"
    if any(a.tag_ in ("VBD",) for a in auxes):
        if v.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes) and any(
                c.lower_ == "going" for c in [v]):
            return "future"
        return "past"
    if any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "past"
    if v.tag_ == "VBD":
        return "past"
    if v.tag_ == "VBN":
        if any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "present" if v.lemma_ in reporting or heading else "future"
        return "past"
    if v.tag_ in ("VBZ", "VBP") or (v.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxes)):
        if v.lemma_ in reporting or heading:
            return "present"
        return "future"
    if v.tag_ == "VB" and any(a.lemma_ == "do" for a in auxes):
        return "past" if any(a.tag_ == "VBD" for a in auxes) else "present"
    return None


def _sentence_day(doc, done: list, m: Match) -> dt.date | None:
    """The day a bare clock time or part of day belongs to: a dated expression earlier in the
    same sentence or the one before, else None (the published date)."""
    sent = doc[_token_at(doc, m.start)].sent
    lo = sent.start_char
    prev_sent_start = doc[sent.start - 1].sent.start_char if sent.start > 0 else lo
    for rec, mm in reversed(done):
        if rec["end"] <= prev_sent_start:
            break
        if rec["precision"] in ("day", "time") and rec["anchored"] and rec["value"] and rec["value"][:4].isdigit():
            try:
                return dt.date.fromisoformat(rec["value"][:10])
            except ValueError:
                continue
    # a dated expression later in the same sentence ("at 6 a.m. ten days before ...") is not
    # looked for: the value would depend on a reading not resolved yet
    return None


# -- helpers for the event coder -----------------------------------------------------------------
# Dependency relations through which a main clause's time reaches a subordinate event:
# participial and purpose adjuncts ("During a meeting on Tuesday, Trump expressed anger,
# saying ..."), coordinated verbs ("met Tuesday and signed ..."), open complements. Not ccomp:
# "said on Tuesday that Russia invaded" does not date the invasion.
_TIME_CARRIERS = {"advcl", "xcomp", "conj", "acl", "relcl", "pcomp"}


def timex_for_token(pdoc: ParsedDoc, token) -> dict | None:
    """The time expression that governs an event word (verb or event noun), or None.

    Rules, in the dependency parse of the event's sentence:

    - attached: the path from the expression's head up the tree reaches the event word
      without passing through another verb ("met on Tuesday", "the meeting on Friday",
      "Tuesday's meeting", "their meeting in Alaska on Friday");
    - clause adverbial: the path reaches the verb of the clause the event word sits in
      ("On November 9, 2024, a drone attack in Odesa left ..." dates "attack");
    - inherited: the path reaches a verb that governs the event's clause through adjunct,
      coordination or open-complement relations, never through a reported-speech
      complement ("During a cabinet meeting on Tuesday, Trump expressed anger, saying ...").

    Durations and sets never date an event; PRESENT_REF and the like are returned. Of several
    candidates the closest in the tree wins, then the nearest in the text.
    """
    doc = pdoc.doc
    if token.doc is not doc:
        token = doc[token.i]
    sent = token.sent
    best = None
    carriers = _carrier_chain(token)
    for rec, m in _timexes(pdoc):
        if rec["type"] in ("DURATION", "SET"):
            continue
        if rec["start"] < sent.start_char or rec["end"] > sent.end_char:
            continue
        i = _token_at(doc, rec["start"])
        j = _token_at(doc, max(rec["start"], rec["end"] - 1))
        if i <= token.i <= j:
            continue  # the event word is inside the expression
        root = doc[i:j + 1].root
        dist = _attach_distance(root, token, carriers)
        if dist is None:
            continue
        key = (dist, abs(root.i - token.i))
        if best is None or key < best[0]:
            best = (key, rec)
    return best[1] if best else None


def _carrier_chain(event) -> dict[int, int]:
    """Verbs whose time reaches ``event``: its clause verb and the verbs above it through
    carrier relations, each with how many clause levels up it is."""
    out: dict[int, int] = {}
    v = _clause_verb(event)
    level = 0
    while v is not None and level < 4:
        out.setdefault(v.i, level)
        if v.dep_ not in _TIME_CARRIERS or v.head is v:
            break
        v = _clause_verb(v.head)
        level += 1
    return out


def _attach_distance(root, event, carriers: dict[int, int]) -> int | None:
    tok, steps = root, 0
    while steps < 10:
        if tok.head is tok:
            return None
        tok = tok.head
        steps += 1
        if tok.i == event.i:
            return steps
        if tok.i in carriers:
            return steps + 2 + 3 * carriers[tok.i]
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
            return None
    return None


def _clause_verb(tok):
    """The verb whose clause ``tok`` belongs to (itself for a verb)."""
    cur = tok
    for _ in range(10):
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head is cur:
            return None
        cur = cur.head
    return None


_CALENDAR_PRECISIONS = ("day", "week", "month", "season", "quarter", "year", "decade", "century", "time")
_NARRATIVE_SENTENCES = 4  # how far back a story's last dated report still carries its date
_NARRATIVE_DAYS = 7       # and how old that date may be


def event_date(pdoc: ParsedDoc, token, historical: bool = False) -> tuple[str | None, str | None, str | None]:
    """The date an event gets: ``(value, precision, text)`` or ``(None, None, None)``.

    ``text`` is the time expression the date comes from, or None when it is the article's.

    1. Own expression: the event's time expression (``timex_for_token``) when it has a
       calendar value ("met on Tuesday" -> that Tuesday; "at 2 p.m." keeps the time). In an
       undated article that value is the underspecified one (XXXX-WXX-5): "a Friday", never
       a guessed date. ``historical`` does not stop this step: a recounted event with its own
       date ("the 2022 invasion") keeps it.
    2. Reported now: in a dated article, for an event that is not ``historical`` and not in a
       caption, the published date when the clause is present tense, present perfect
       ("has threatened"), or a reporting verb in the past tense ("told reporters", "said"):
       news reports what was said and done on its day. Not for a present-tense clause that
       describes a noun ("the reason that Moscow has been ostracized", "a war that has
       killed thousands"): that is background, and gets no date.
    3. Story so far: a past-tense event with no time of its own takes the date of the last
       dated report before it, when that date is at most a week before publication and lies
       within the previous few body sentences with no other time expression in between
       ("Putin told reporters Tuesday ... Those remarks came just before Putin sat down with
       Witkoff"). Captions neither give nor take this date.
    4. Otherwise nothing: a past event with no time given ("it invaded a sovereign nation")
       is not dated.
    """
    doc = pdoc.doc
    if token.doc is not doc:
        token = doc[token.i]
    rec = timex_for_token(pdoc, token)
    if rec is not None and rec["value"] and rec["precision"] in _CALENDAR_PRECISIONS:
        return rec["value"], rec["precision"], rec["text"]
    if historical or pdoc.published is None or pdoc.section_kind(token.idx) == "caption":
        return None, None, None
    verb = _clause_verb(token)
    if verb is None:
        return None, None, None
    reporting, _, _ = _ctx_words()
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    present = (verb.tag_ in ("VBZ", "VBP") and not any(a.lower_ in ("will", "'ll", "shall") for a in auxes)) \
        or (verb.tag_ in ("VBG", "VBN") and any(a.tag_ in ("VBZ", "VBP") for a in auxes)
            and not any(a.lower_ in ("will", "'ll", "shall") for a in auxes))
    reported = verb.lemma_ in reporting and verb.tag_ in ("VBD", "VBN") and not any(
        a.lower_ == "had" for a in auxes)
    if present and verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        # a clause that describes a noun is background, not the day's news: "the reason
        # that Moscow has been ostracized", "a conflict that has killed hundreds of thousands"
        return None, None, None
    if present or reported:
        return pdoc.published.isoformat(), "day", None
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and auxes):
        return _story_date(pdoc, token)
    return None, None, None


def _story_date(pdoc: ParsedDoc, token) -> tuple[str | None, str | None, str | None]:
    doc = pdoc.doc
    sent = token.sent
    kind = pdoc.section_kind(token.idx)
    if kind == "caption":
        return None, None, None
    body_sents = 0
    last = None
    cur = sent
    # walk back sentence by sentence through the same kind of section
    while cur.start > 0 and body_sents <= _NARRATIVE_SENTENCES:
        cur = doc[cur.start - 1].sent
        if pdoc.section_kind(cur.start_char) != kind:
            continue
        body_sents += 1
        found = [r for r, _ in _timexes(pdoc) if cur.start_char <= r["start"] < cur.end_char
                 and r["type"] in ("DATE", "TIME")]
        if found:
            last = found[-1]
            break
    if last is None or not last["anchored"] or last["precision"] not in ("day", "time") or not last["value"]:
        return None, None, None
    try:
        day = dt.date.fromisoformat(last["value"][:10])
    except ValueError:
        return None, None, None
    if not 0 <= (pdoc.published - day).days <= _NARRATIVE_DAYS:
        return None, None, None
    return last["value"][:10], "day", last["text"]
