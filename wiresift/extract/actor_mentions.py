"""Where an article may name an actor: proper-name runs, noun-phrase extents, quotes, dates.

This module only looks at the text and the spaCy parse; it never decides who a phrase is
(that is ``actor_resolve``) or what it refers back to (``actor_coref``). It exists because
spaCy's entity labels are not enough to find actors in news prose: the stack check found
"Trump" tagged ORG or not tagged at all ("Trump, 79, promised" parses Trump as a verb),
"Witkoff" tagged GPE, ages tagged DATE. So names are found as runs of capitalised tokens and
looked up in the knowledge base; NER is one more signal, used for people the knowledge base
does not know.

Everything is read from the parse once per document into a ``Sheet`` of plain per-token
lists (text, tags, heads, children, section, sentence, quotation, entity label). The rules
then index lists instead of creating spaCy ``Token`` objects, which is what keeps the actor
pass at a few percent of the parse time.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

import numpy

from .quote_marks import find_quoted

ALLOWED_SECTIONS = frozenset({"body", "heading", "caption"})
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "von", "van", "der", "den", "de", "du",
                            "da", "di", "del", "della", "la", "le", "ul", "ur", "e"})
# Dependency labels that keep a token inside the noun phrase of the head it modifies.
NP_LEFT_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "det", "nummod", "advmod",
                          "npadvmod", "prep", "pobj", "punct", "quantmod", "flat", "dep"})
NP_STOP_DEPS = frozenset({"cc", "conj", "relcl", "acl", "advcl", "mark", "aux", "auxpass", "neg"})
NP_BREAK_TEXT = frozenset({",", ";", ":", "(", ")", "“", "”", '"', "‘", "'", "—", "–", "and", "or", "&"})
POSSESSIVE_DETS = frozenset({"his", "her", "their", "its", "my", "our", "your"})
POSSESSIVE_CLITICS = frozenset({"'s", "’s", "'", "’"})
HYPHENS = frozenset({"-", "‐"})

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MON = _MONTHS + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_DATE_RES = (
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MON})\.?,?\s+((?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b({_MON})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I),
    re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"),
)


@dataclass
class Sheet:
    """Per-token facts about one parsed document, read from the parse once."""

    pdoc: object
    doc: object
    text: str  # the document text: every token offset points here
    n: int
    tok: list[str]  # token text
    low: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    idx: list[int]
    ws: list[str]  # trailing whitespace
    punct: list[bool]
    kids: list[list[int]]
    ok: list[bool]  # token lies in a section actors may be mentioned in
    section: list[int]  # index of the token's section (-1 outside any)
    kind: list[str]  # section kind
    sent: list[int]  # sentence number
    sent_bounds: list[tuple[int, int]]  # token range of each sentence
    quote: list[int]  # index into quotes, -1 when outside quotation marks
    quotes: list[tuple[int, int]]  # (inner_start, inner_end) characters of each quotation
    ent: list[str]  # NER label, "" outside entities
    ents: list[tuple[int, int, str]]  # (start, end, label) of every entity
    dates: dict[int, dt.date] = field(default_factory=dict)  # sentence -> date it states
    caps: list[bool] = field(default_factory=list)  # capitalised word (not punctuation)

    def end_char(self, i: int) -> int:
        return self.idx[i] + len(self.tok[i])

    def is_sent_start(self, i: int) -> bool:
        s = self.sent_bounds[self.sent[i]][0]
        while s < i and (self.punct[s] or not self.tok[s].strip()):
            s += 1
        return s == i

    def capitalised(self, i: int) -> bool:
        return self.caps[i]

    def governs(self, h: int, t: int, steps: int = 6) -> bool:
        """True when ``h`` is an ancestor of ``t`` within a few steps (the phrase, not the clause)."""
        head = self.head
        x = t
        for _ in range(steps):
            y = head[x]
            if y == x:
                return False
            x = y
            if x == h:
                return True
        return False

    def children(self, i: int, dep: str | None = None) -> list[int]:
        return [k for k in self.kids[i] if dep is None or self.dep[k] == dep]


_STRINGS: dict[int, str] = {}  # spaCy string hashes seen so far (tags, labels, words)


def _strings(doc, hashes: list[int]) -> list[str]:
    table = _STRINGS
    missing = set(hashes).difference(table)
    if missing:
        store = doc.vocab.strings
        for h in missing:
            table[h] = store[h] if h else ""
    return list(map(table.__getitem__, hashes))


def build_sheet(pdoc) -> Sheet:
    from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, POS, SENT_START, SPACY, TAG

    doc = pdoc.doc
    n = len(doc)
    arr = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, HEAD, IDX, LENGTH, IS_PUNCT, SPACY, SENT_START,
                        IS_SPACE]).reshape(n, 12)
    # one list per column, straight from the array (no per-token rows to transpose)
    cols = arr.T.tolist()
    low, lemma, pos, tag, dep = (_strings(doc, c) for c in cols[:5])
    # HEAD is the offset to the head, stored as unsigned: read it signed, add the position
    head = (arr[:, 5].view(numpy.int64) + numpy.arange(n, dtype=numpy.int64)).tolist()
    idx, length = cols[6], cols[7]
    punct = [bool(x) for x in cols[8]]
    ws = [" " if x else "" for x in cols[9]]
    text = pdoc.text
    # the parse ran on the cleaned text, which differs from the original only where noise was
    # blanked to spaces: read tokens from the original, blanks stay blanks
    tok = [" " * b if sp else text[a:a + b] for a, b, sp in zip(idx, length, cols[11])]
    kids: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h != i:
            kids[h].append(i)
    # sections, sentences and quotations of every token by binary search over the offsets
    at = arr[:, 6].astype(numpy.int64)
    sections = pdoc.sections
    if sections:
        j = numpy.searchsorted(numpy.array([s.start for s in sections]), at, side="right") - 1
        inside = (j >= 0) & (at < numpy.array([s.end for s in sections])[j.clip(0)])
        sec_idx = numpy.where(inside, j, -1).tolist()
        kind_of = [s.kind for s in sections]
        kinds = [kind_of[k] if k >= 0 else "" for k in sec_idx]
    else:
        sec_idx, kinds = [-1] * n, [""] * n
    ok = [k in ALLOWED_SECTIONS and bool(t.strip()) for k, t in zip(kinds, tok)]
    if n:
        first = arr[:, 10] == 1
        first[0] = True
        sent = (numpy.cumsum(first) - 1).tolist()
        firsts = numpy.flatnonzero(first).tolist()
        bounds: list[tuple[int, int]] = list(zip(firsts, firsts[1:] + [n]))
    else:
        sent, bounds = [], []
    ent = [""] * n
    ents = []
    for e in doc.ents:
        ents.append((e.start, e.end, e.label_))
        for i in range(e.start, e.end):
            ent[i] = e.label_
    quotes = _quotes(text)
    quote = [-1] * n
    if quotes:
        q = numpy.searchsorted(numpy.array([q[0] for q in quotes]), at, side="right") - 1
        held = (q >= 0) & (at < numpy.array([q[1] for q in quotes])[q.clip(0)])
        quote = numpy.where(held, q, -1).tolist()
    sheet = Sheet(pdoc, doc, text, n, tok, low, lemma, pos, tag, dep, head, idx, ws, punct, kids, ok,
                  sec_idx, kinds, sent, bounds, quote, quotes, ent, ents)
    sheet.caps = [bool(t) and not p and (t[0].isupper() or (t[0].isdigit() and any(c.isupper() for c in t)))
                  for t, p in zip(tok, punct)]
    sheet.dates = _sentence_dates(sheet)
    return sheet


def _quotes(text: str) -> list[tuple[int, int]]:
    out = sorted((q.inner_start, q.inner_end) for q in find_quoted(text))
    merged: list[tuple[int, int]] = []  # keep the outermost quotation where spans nest
    for s, e in out:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


# --------------------------------------------------------------------------- dates

def parse_date(text: str) -> dt.date | None:
    """The first full calendar date written in ``text`` ("08 February 2023", "August 13,
    2025", "2025-08-13"), or None. Months and years alone are not enough to date a role."""
    for k, rx in enumerate(_DATE_RES):
        m = rx.search(text)
        if m:
            d = _match_date(k, m)
            if d is not None:
                return d
    return None


def _sentence_dates(sheet: Sheet) -> dict[int, dt.date]:
    """Sentences that state their own date. A caption states it for the whole caption (the
    "..., 08 February 2023" at its end dates every name in it); a body sentence only for itself."""
    text = sheet.text
    found: list[tuple[int, dt.date]] = []
    for k, rx in enumerate(_DATE_RES):  # one pass over the text per pattern
        for m in rx.finditer(text):
            d = _match_date(k, m)
            if d is not None:
                found.append((m.start(), d))
    if not found:
        return {}
    found.sort()
    out: dict[int, dt.date] = {}
    idx = sheet.idx
    for pos, d in found:
        i = bisect.bisect_right(idx, pos) - 1
        if i < 0 or not sheet.ok[i]:
            continue
        k = sheet.sent[i]
        out.setdefault(k, d)
        j = sheet.section[i]
        if j >= 0 and sheet.pdoc.sections[j].kind == "caption":
            for kk, (a, b) in enumerate(sheet.sent_bounds):
                if a < b and sheet.section[a] == j:
                    out.setdefault(kk, d)
    return out


def _match_date(k: int, m) -> dt.date | None:
    try:
        if k == 0:
            return dt.datetime.strptime(f"{m.group(1)} {m.group(2)[:3]} {m.group(3)}", "%d %b %Y").date()
        if k == 1:
            return dt.datetime.strptime(f"{m.group(2)} {m.group(1)[:3]} {m.group(3)}", "%d %b %Y").date()
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# --------------------------------------------------------------------------- names

def name_runs(sheet: Sheet) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens inside one sentence and one allowed section, joined
    across name particles and hyphens ("Bashar al-Assad", "Ben-Gvir", "Jaish-e-Mohammed",
    "Hayat Tahrir al-Sham")."""
    ok, sent, cap = sheet.ok, sheet.sent, sheet.capitalised
    runs: list[tuple[int, int]] = []
    n = sheet.n
    i = 0
    while i < n:
        if not (ok[i] and cap(i)):
            i += 1
            continue
        j = i + 1
        while j < n and ok[j] and sent[j] == sent[i]:
            if cap(j):
                j += 1
                continue
            nxt = _connector_end(sheet, j)
            if nxt is None or sent[nxt - 1] != sent[i]:
                break
            j = nxt
        runs.append((i, j))
        i = j
    return runs


def _connector_end(sheet: Sheet, j: int) -> int | None:
    """When tokens from ``j`` are name connectors (glued hyphens, particles such as "al",
    "bin", "e") followed by a capitalised token, the index after that token."""
    k = j
    for _ in range(4):
        if k >= sheet.n or not sheet.ok[k]:
            return None
        if sheet.capitalised(k):
            return k + 1 if k > j else None
        glued = not sheet.ws[k - 1] and (not sheet.ws[k] or sheet.low[k] in NAME_PARTICLES)
        if sheet.tok[k] in HYPHENS and glued:
            k += 1
            continue
        if sheet.low[k] in NAME_PARTICLES:
            k += 1
            continue
        return None
    return None


def trim_possessive(sheet: Sheet, start: int, end: int) -> int:
    while end > start and sheet.low[end - 1] in POSSESSIVE_CLITICS:
        end -= 1
    return end


def span_text(sheet: Sheet, start: int, end: int) -> str:
    """Text of tokens [start, end) without a trailing possessive ("Trump’s" -> "Trump")."""
    end = trim_possessive(sheet, start, end)
    if end <= start:
        return ""
    return sheet.text[sheet.idx[start]:sheet.end_char(end - 1)]


# --------------------------------------------------------------------------- noun phrases

def hyphen_end(sheet: Sheet, i: int) -> int:
    """Index after the last token glued to token ``i`` by hyphens ("son-in-law")."""
    j = i + 1
    while j + 1 < sheet.n and sheet.tok[j] in HYPHENS and not sheet.ws[j - 1] and not sheet.ws[j]:
        j += 2
    return j


def head_phrase(sheet: Sheet, i: int) -> str:
    """The head word with the words glued to it by hyphens ("son-in-law", "Iran-aligned")."""
    end = hyphen_end(sheet, i)
    return "".join(sheet.low[i:end])


def left_extent(sheet: Sheet, head: int, core_start: int, keep_det: bool = True) -> int:
    """First token of the noun phrase whose head is ``head`` and whose core (name or head
    noun) starts at ``core_start``: the contiguous pre-modifiers that depend on the head
    ("Russian President", "Russia’s", "U.S. Secretary of State", "the now US").

    Stops at commas, conjunctions, quotes, possessive pronouns ("his envoy": "his" is a
    mention of its own) and at anything the head does not govern."""
    k = core_start - 1
    first = core_start
    sent_start = sheet.sent_bounds[sheet.sent[head]][0]
    low, dep, pos = sheet.low, sheet.dep, sheet.pos
    while k >= sent_start:
        if not sheet.ok[k] or sheet.tok[k] in NP_BREAK_TEXT or low[k] in NP_BREAK_TEXT or low[k] in POSSESSIVE_DETS:
            break
        if dep[k] in NP_STOP_DEPS or dep[k] not in NP_LEFT_DEPS or not sheet.governs(head, k):
            break
        if pos[k] == "DET" and dep[k] == "det":
            if keep_det and low[k] == "the":
                first = k
            break
        if pos[k] in ("VERB", "AUX") and (dep[k] not in ("amod", "compound") or sheet.tag[k] == "VBD"):
            break  # a past tense is a verb the parser misattached ("Saturday hosted Japanese ...")
        first = k
        k -= 1
    while first < core_start and (sheet.punct[first] or pos[first] == "ADP" or low[first] in POSSESSIVE_CLITICS):
        first += 1  # never start on punctuation, a dangling preposition or a stray "’s"
    return first


def np_bounds(sheet: Sheet, head: int) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``head``: its pre-modifiers, the head with
    its hyphen-glued words, and a following "of"-phrase when the head is capitalised
    ("the Secretary of Defense")."""
    start = left_extent(sheet, head, head)
    end = hyphen_end(sheet, head)
    if end < sheet.n - 1 and sheet.low[end] == "of" and sheet.head[end] == head and sheet.capitalised(head):
        objs = sheet.children(end, "pobj")
        if objs and sheet.capitalised(objs[0]):
            end = objs[0] + 1
    return start, end


def is_pleonastic(sheet: Sheet, i: int, verbs: frozenset[str], passive: frozenset[str] = frozenset()) -> bool:
    """ "It seems that ...", "it was clear that ...", "it is reported that ...": an "it" with
    no referent. Reporting verbs count only in the passive ("it said" is someone speaking)."""
    if sheet.low[i] != "it":
        return False
    if sheet.dep[i] not in ("nsubj", "nsubjpass"):
        return sheet.dep[i] == "expl"
    h = sheet.head[i]
    lemma = sheet.lemma[h].lower()
    deps = {sheet.dep[k] for k in sheet.kids[h]}
    if lemma in verbs and deps & {"ccomp", "xcomp", "csubj", "acomp", "attr", "advcl"}:
        return True
    if lemma in passive and (sheet.dep[i] == "nsubjpass" or "auxpass" in deps):
        return True
    return i + 1 < sheet.n and sheet.low[i + 1] in ("'s", "’s")
