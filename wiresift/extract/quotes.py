"""Quotes: who said what, with the character offsets that prove it.

A quote record ties three spans together, the way attribution corpora (PARC, PolNeAR) do:
the *content* (what was said), the *cue* (the word that attributes it: "said", "according
to", a colon, a dash) and the *source* (the words naming the speaker), plus the *speaker*,
the actor the source resolves to. ``kind`` says how much of the content is verbatim:
``direct`` (all of it, between quote marks), ``mixed`` (reported speech with a quoted
fragment: accused Putin of “bluffing”) or ``indirect`` (none: Peskov said the report was
false).

The rules run in this order, each on what the previous ones left:

1. quote marks are paired from the characters alone (``quote_marks``), so curly, straight,
   ``''`` and unbalanced marks all yield spans;
2. a quoted span that stands on its own (after a colon, a comma, a sentence end or at a line
   start) is a direct quote; its cue is found in the words right after it ("...," Putin told
   reporters) or right before it (She said: "..."), else a dash and a name follows it (press
   release), else it continues the previous quote when nothing but its attribution lies in
   between ("There can be no doubt about that."), else it follows a line that ended with a
   cue and a colon; a cue-less quote right after any attribution (direct or reported, not
   a negated one) carries it on as one more fragment;
3. every other cue word takes its content from the parse (``quote_cues``): a clause, an
   infinitive, its objects, a preposition's object, a relative word, a passive subject;
   verbs of saying, thinking and stance, nouns ("Trump's claim that", "her plan to"),
   adjectives ("afraid that", "concerned about"), verbs of seeming ("seems unlikely") and
   partial quotes after any verb whose subject can speak; quoted fragments make it mixed;
4. "according to X", "in the latest poll", block quotations after "X added:", and
   transcript/headline colons ("PENCE: ...", "Pat Caddell: ...", "Poll: ..."); the
   article's headline is known by the record's title, and its shape speaks for it
   ("..., Former White House Doctor Says");
5. only top-level attributions stay (``_drop_nested``): one whose cue lies inside another's
   content is part of what that one reports ("DuVernay said she felt ..."), unless it is a
   clause set off at the end ("..., which he said were ..."), which is split off. This is
   the convention of attribution corpora (PolNeAR, PARC) and means every word of an article
   is attributed at most once.

A source is required where a verb could as well describe an event: stance verbs ("opposed
the deal") and weak cues ("the poll shows") need a speaker-like subject (a name, an actor
the resolver found, a pronoun, a word for people or a document); hearsay passives ("is
expected to", "is said to have") have no source.

Record: ``{"content", "cue", "source"}`` (``{"start", "end", "text"}`` or null; offsets into
the article text), ``"speaker"`` (actor id or null), ``"speaker_name"``, ``"kind"``,
``"section"`` (body, caption or heading), and for auditing ``"how"`` (the rule that fired:
after, before, dash, continuation, follows, orphan, colon, block, clause, parenthetical,
intent, object, phrasal, prep, relative, passive, noun, adjective, evidential, quoted,
according, document, headline), ``"continues"`` (index of the quote this one carries on, whose cue
and speaker it shares: the next quote of a direct or mixed attribution) and, when
present, ``"quoted"`` (the verbatim fragments: the quoted words of a mixed quote, the
nested quotes of a direct one).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.parts_of_speech import ADJ, NOUN, VERB

from ..parse.docs import doc_text
from .base import ParsedDoc, extractor
from .quote_cues import (
    Lexicon,
    as_content,
    aside_subject,
    clause_content,
    cut_aside,
    cut_next_cue,
    intent_content,
    is_source,
    lexicon,
    noun_content,
    object_content,
    parenthetical_content,
    passive,
    passive_content,
    phrasal_content,
    prep_content,
    relative_content,
    resolve_relative,
    source_bounds,
    speaker_like,
    strip_openers,
    subject_of,
    trim_tokens,
)
from .quote_marks import Quoted, find_quoted

try:  # the one actor resolver; quotes run without it (speakers are then only surface names)
    from .actors import ActorIndex
except ModuleNotFoundError as exc:  # pragma: no cover - a checkout without the actors extractor
    if exc.name != f"{__package__}.actors":
        raise
    ActorIndex = None

REQUIRES = ("actors",) if ActorIndex is not None else ()
KINDS = ("direct", "mixed", "indirect")
SECTIONS = ("body", "caption", "heading")

_DASHES = {"—", "―", "–", "--", "-", "—-"}
_SENT_END = {".", "!", "?"}
_OPEN_END = (",", "?", "!", "—", "–", "-", "―", "…", ":")  # a quote ending so expects a cue after it
_PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "who", "that", "which", "him", "her", "them"}
_COLON_SPEAKER = re.compile(r"^[\s\"“”'‘’]*([A-Z][\w.'’-]*(?:[ \t]+[\w.'’-]+){0,5})[ \t]*:[ \t]+(?=\S)")


@dataclass
class Attribution:
    """One attribution as character spans into the document (before speakers are resolved)."""

    content: tuple[int, int]
    kind: str
    how: str
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    source_head: int | None = None  # token index heading the source, for the resolver
    continues: "Attribution | None" = None
    quoted: list[tuple[int, int]] = field(default_factory=list)
    end: int = 0  # where this attribution's own words end (quote, cue and source)


class _Doc:
    """Character <-> token lookups over one parsed document."""

    def __init__(self, doc, quoted: list[Quoted] | None = None, actors: list[dict] | None = None):
        self.doc = doc
        self.text = doc_text(doc)
        self.starts = doc.to_array(IDX).tolist() if len(doc) else []
        self.set_quoted(quoted or [])
        # pronouns count only as "it": "he" and "she" are speaker-like anyway, and "it" is
        # speaker-like only when the resolver found the organisation it stands for
        spans = sorted((m["start"], m["end"]) for a in actors or () for m in a.get("mentions", ())
                       if m.get("how") != "pronoun" or m.get("text", "").lower() == "it")
        self._mentions = spans
        self._m_starts = [s for s, _ in spans]

    def is_actor(self, tok) -> bool:
        """Does ``tok`` lie in a mention the actor resolver found (names, titles, organisations,
        and pronouns it resolved to one)?"""
        k = bisect.bisect_right(self._m_starts, tok.idx) - 1
        return k >= 0 and tok.idx < self._mentions[k][1]

    def set_quoted(self, quoted: list[Quoted]) -> None:
        self.quoted = quoted
        self._qstarts = [q.start for q in quoted]

    def quote_of(self, char: int) -> int | None:
        """Index of the top-level quoted span holding ``char``, if any."""
        k = bisect.bisect_right(self._qstarts, char) - 1
        return k if k >= 0 and char < self.quoted[k].end else None

    def subject(self, cue, lex: Lexicon):
        """``subject_of`` that never picks a subject inside a quote the cue is not in."""
        home = self.quote_of(cue.idx)
        return subject_of(cue, ok=lambda t: self.quote_of(t.idx) == home,
                          is_cue=lambda t: t.pos_ == "VERB" and (lex.lemma(t) in lex.speech
                                                                  or lex.lemma(t) in lex.quote_only))

    def token_at(self, char: int) -> int:
        """Index of the first token that ends after ``char``."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return 0
        t = self.doc[i]
        return i if char < t.idx + len(t) else i + 1

    def tokens_in(self, lo: int, hi: int) -> range:
        return range(bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi))

    def chars(self, lo: int, hi: int) -> tuple[int, int]:
        """Character span of tokens [lo, hi)."""
        return self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])


# -- direct quotes ------------------------------------------------------------------------------

def _is_break(tok) -> bool:
    return "\n" in tok.text


def _after_frame(d: _Doc, q: Quoted, limit: int) -> list[int]:
    """Tokens after a quote up to the end of its sentence, the line, or the next quote."""
    out = []
    i = d.token_at(q.end)
    while i < len(d.doc) and len(out) < 30:
        t = d.doc[i]
        if _is_break(t) or t.idx >= limit:
            break
        if not t.is_space:
            out.append(i)
        if t.text in _SENT_END:
            break
        i += 1
    return out


def _before_frame(d: _Doc, q: Quoted, limit: int) -> list[int]:
    """Tokens before a quote back to the start of its sentence, the line, or the last quote."""
    out = []
    i = d.token_at(q.start) - 1
    while i >= 0 and len(out) < 40:
        t = d.doc[i]
        if _is_break(t) or t.idx + len(t) <= limit or t.text in _SENT_END:
            break
        if not t.is_space:
            out.append(i)
        i -= 1
    out.reverse()
    return out


def _prev_char(text: str, pos: int) -> str:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return "\n" if i < 0 else text[i]


def _standalone(text: str, q: Quoted) -> bool:
    """A quote that is not a fragment inside a running clause."""
    return _prev_char(text, q.start) in "\n:,.!?;—–―-(…"


def _is_cue_verb(tok, lex: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and lex.quote_cue(lex.lemma(tok)) and tok.lemma_.lower() != "be"


def _according(doc, i: int) -> int:
    """Length of the prepositional cue ("according to") starting at token ``i``, else 0."""
    for seq in lexicon().according:
        if doc[i].lower_ == seq[0] and i + len(seq) <= len(doc) \
                and all(doc[i + k].lower_ == w for k, w in enumerate(seq)):
            return len(seq)
    return 0


def _source_near(d: _Doc, cue, frame: list[int], lex: Lexicon, q: Quoted):
    """The subject of ``cue``, else the nearest name or pronoun in the frame."""
    subj = d.subject(cue, lex)
    if subj is not None:
        subj = resolve_relative(subj)
        if abs(subj.i - cue.i) < 40:
            return subj
    # the parser often loses the subject next to a quote: take the nearest name or pronoun
    frame_set = set(frame)
    cands = [i for i in frame if d.doc[i].pos_ in ("PROPN", "PRON", "NOUN") and i != cue.i
             and d.doc[i].lower_ not in lex.non_sources and d.doc[i].ent_type_ not in ("DATE", "TIME")]
    if not cands:
        return None
    best = min(cands, key=lambda i: (abs(i - cue.i), i > cue.i))
    tok = d.doc[best]
    while tok.head.i != tok.i and tok.dep_ in ("compound", "amod", "det", "poss", "flat") and tok.head.i in frame_set:
        tok = tok.head
    return tok


def _clip_source(d: _Doc, tok, frame: list[int] | None, q: Quoted | None) -> tuple[int, int]:
    lo, hi = source_bounds(tok)
    if frame:
        lo, hi = max(lo, frame[0]), min(hi, frame[-1] + 1)
    if q is not None:  # never let a source run into the quote it attributes
        toks = d.tokens_in(q.start, q.end)
        if toks and lo < toks.start and hi > toks.start:
            hi = toks.start
        if toks and lo < toks.stop <= hi and tok.i >= toks.stop:
            lo = toks.stop
    lo, hi = trim_tokens(d.doc, lo, max(hi, lo + 1))
    return (lo, hi) if hi > lo else (tok.i, tok.i + 1)


def _dash_source(d: _Doc, frame: list[int]) -> tuple[int, tuple[int, int]] | None:
    """"...” ― Sonya Herridge" / "..." — Name, Title: the dash is the cue."""
    # the tokenizer may glue the dash to the closing mark ("”―")
    if len(frame) < 2 or d.doc[frame[0]].text.strip("\"“”'’‘") not in _DASHES:
        return None
    names = []
    for i in frame[1:]:
        t = d.doc[i]
        if t.text in (",", "(", ";") or t.text in _SENT_END:
            break
        names.append(i)
    if not names or len(names) > 8:
        return None
    if not (d.doc[names[0]].pos_ in ("PROPN", "PRON") or d.doc[names[0]].ent_type_ in ("PERSON", "ORG")
            or d.doc[names[0]].is_title):
        return None
    return frame[0], (names[0], names[-1] + 1)


def _direct_cue(d: _Doc, q: Quoted, before: list[int], after: list[int], lex: Lexicon):
    """("after"|"before", cue token) for a standalone quote, or None.

    A cue right before the quote and its punctuation ("saying, '...'", "said: '...'") wins;
    then a cue after a quote that ends open ('...,' he said); then weaker positions.
    """
    doc = d.doc
    inner = d.text[q.inner_start:q.inner_end].rstrip()
    open_end = inner.endswith(_OPEN_END) or (q.end > q.inner_end and d.text[q.end:q.end + 1] == ",")
    after_cue = None
    for n, i in enumerate(after):
        if _is_cue_verb(doc[i], lex) or _according(doc, i):
            after_cue = doc[i]
            break
        if doc[i].text in (",", ";") and n > 0 and doc[after[n - 1]].pos_ in ("VERB", "AUX"):
            break  # another clause has started
    before_cue = None
    for i in reversed(before):
        if _is_cue_verb(doc[i], lex):
            before_cue = doc[i]
            break
    before_punct = doc[before[-1]].text if before else ""
    if before_cue is not None:
        between = [doc[i] for i in before if i > before_cue.i]
        tight = before_punct in (",", ":") and not any(t.pos_ in ("VERB", "AUX") for t in between) and len(between) <= 6
        if (before_punct == ":" and not _reports_a_clause(before_cue, between)) or tight:
            return "before", before_cue
    if after_cue is not None and (open_end or not before):
        return "after", after_cue
    if before_cue is not None and (before_punct in (",", ":") or before[-1] == before_cue.i):
        between = [doc[i] for i in before if i > before_cue.i]
        if not any(t.pos_ in ("VERB", "AUX") or (t.dep_ == "mark" and t.lower_ == "that") for t in between):
            return "before", before_cue
    if after_cue is not None:
        return "after", after_cue
    return None


def _reports_a_clause(cue, between: list) -> bool:
    """"said she has the quality for the job: “Steadiness ...”": the cue reports a clause
    of its own before the colon, and the quote elaborates on it; it is not the quote's
    "She said: “...”" (the reported clause takes the quote on as a continuation)."""
    return any(t.dep_ == "ccomp" and t.head.i == cue.i for t in between) and \
        any(t.dep_ in ("nsubj", "nsubjpass") for t in between)


def _previous_line_cue(d: _Doc, q: Quoted, lex: Lexicon):
    """"Caddell continued:" on its own line, the quote on the next: the cue before the break."""
    text = d.text
    line_start = text.rfind("\n", 0, q.start) + 1
    if text[line_start:q.start].strip():
        return None, []
    j = line_start - 1
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j <= 0 or text[j - 1] != ":":
        return None, []
    prev_start = text.rfind("\n", 0, j - 1) + 1
    frame = [i for i in d.tokens_in(prev_start, j) if not d.doc[i].is_space]
    for i in reversed(frame):
        if _is_cue_verb(d.doc[i], lex):
            return d.doc[i], frame
    return None, frame


def _direct_quotes(d: _Doc, quoted: list[Quoted], lex: Lexicon, used: set[int]) -> tuple[list[Attribution], list[Quoted]]:
    """Attributions for standalone quoted spans; returns them and the quotes left over."""
    doc, text = d.doc, d.text
    out: list[Attribution] = []
    left: list[Quoted] = []
    prev: Attribution | None = None
    for k, q in enumerate(quoted):
        if not text[q.inner_start:q.inner_end].strip():
            continue
        if not _standalone(text, q):
            left.append(q)
            continue
        lo_limit = quoted[k - 1].end if k else 0
        hi_limit = quoted[k + 1].start if k + 1 < len(quoted) else len(text)
        before = _before_frame(d, q, lo_limit)
        after = _after_frame(d, q, hi_limit)
        content = _content_span(text, q)
        nested = [(n.inner_start, n.inner_end) for n in q.nested]
        found = _direct_cue(d, q, before, after, lex)
        att = None
        if found is not None and prev is not None and prev.how == "after" and found[0] == "before" \
                and prev.cue == d.chars(found[1].i, found[1].i + 1):
            # '"By locking in China," Mr. Obama said, "it now allowed me ...": one quote, interrupted
            att = Attribution(content, "direct", "continuation", prev.cue, prev.source, prev.source_head,
                              continues=prev, quoted=nested, end=q.end)
        elif found is not None:
            side, cue = found
            frame = after if side == "after" else before
            if (n := _according(doc, cue.i)):
                last = doc[cue.i + n - 1]
                pobj = next((g for g in last.children if g.dep_ == "pobj"), None)
                src_tok = pobj if pobj is not None else (doc[cue.i + n] if cue.i + n < len(doc) else None)
                cue_span = d.chars(cue.i, cue.i + n)
            else:
                src_tok = _source_near(d, cue, frame, lex, q)
                cue_span = d.chars(cue.i, cue.i + 1)
            src = _clip_source(d, src_tok, frame if side == "after" else None, q) if src_tok is not None else None
            used.add(cue.i)
            end = max(q.end, d.chars(frame[0], frame[-1] + 1)[1]) if side == "after" else q.end
            att = Attribution(content, "direct", side, cue_span, d.chars(*src) if src else None,
                              src_tok.i if src_tok is not None else None, quoted=nested, end=end)
        elif (dash := _dash_source(d, after)) is not None:
            dash_i, (s_lo, s_hi) = dash
            used.add(dash_i)
            att = Attribution(content, "direct", "dash", d.chars(dash_i, dash_i + 1), d.chars(s_lo, s_hi),
                              _head_of(doc, s_lo, s_hi), quoted=nested, end=d.chars(after[0], after[-1] + 1)[1])
        else:
            cue, frame = _previous_line_cue(d, q, lex)
            if cue is not None:
                src_tok = _source_near(d, cue, frame, lex, q)
                src = _clip_source(d, src_tok, frame, q) if src_tok is not None else None
                used.add(cue.i)
                att = Attribution(content, "direct", "before", d.chars(cue.i, cue.i + 1),
                                  d.chars(*src) if src else None, src_tok.i if src_tok is not None else None,
                                  quoted=nested, end=q.end)
            elif prev is not None and _adjacent(text, prev, q):
                att = Attribution(content, "direct", "continuation", prev.cue, prev.source, prev.source_head,
                                  continues=prev, quoted=nested, end=q.end)
            elif _speech_like(d, q):
                att = Attribution(content, "direct", "orphan", quoted=nested, end=q.end)
        if att is None:
            left.append(q)
            continue
        out.append(att)
        prev = att
    return out, left


def _adjacent(text: str, prev: Attribution, q: Quoted) -> bool:
    """Nothing but white space (at most one line break) between an attribution and a quote."""
    gap = text[prev.end:q.start]
    return not gap.strip() and gap.count("\n") <= 2 and prev.end <= q.start


def _speech_like(d: _Doc, q: Quoted) -> bool:
    """A cue-less standalone quote worth keeping: a whole sentence, not a title or a word."""
    toks = [d.doc[i] for i in d.tokens_in(q.inner_start, q.inner_end) if not d.doc[i].is_space]
    words = [t for t in toks if t.is_alpha]
    return len(words) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in toks)


def _content_span(text: str, q: Quoted) -> tuple[int, int]:
    lo, hi = q.inner_start, q.inner_end
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] == ","):
        hi -= 1
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo, hi


def _head_of(doc, lo: int, hi: int) -> int:
    """The token of [lo, hi) whose head lies outside it (the phrase's head)."""
    for i in range(lo, hi):
        h = doc[i].head.i
        if h < lo or h >= hi or h == i:
            return i
    return hi - 1


# -- reported speech from the parse -----------------------------------------------------------

def _cue_content(tok, lex: Lexicon, actor=None) -> tuple[tuple[int, int] | None, str]:
    """(token range, rule) of what a cue verb attributes, trying its classes in turn."""
    lemma = lex.lemma(tok)
    speech = lemma in lex.speech
    if speech or lemma in lex.cognition or lemma in lex.quote_only:
        if lemma not in lex.quote_only or speech:
            c = clause_content(tok, is_cue=lambda t: t.pos_ == "VERB" and lex.any_cue(lex.lemma(t)))
            if c is not None:
                return c, "clause"
        # "As Ms. Lee put it, ...", "as we saw in 2009, ...", "..., as one adviser pointed out, ...";
        # a verb that speaks only next to a quote does so here only as "put it" ("as
        # protests continued" is a time, not a source)
        if speech or lemma in lex.cognition or any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
            c = as_content(tok)
            if c is not None:
                return c, "parenthetical"
        if speech:
            c = parenthetical_content(tok)
            if c is not None:
                return c, "parenthetical"
    if lemma in lex.phrasal:
        c = phrasal_content(tok, lex)
        if c is not None:
            return c, "phrasal"
    if not lex.any_cue(lemma):
        return None, ""
    # every cue may take what it says, thinks or wants as an infinitive, an object, a
    # prepositional object or (in a relative clause) the relative word
    c = intent_content(tok)
    if c is not None:
        return c, "intent"
    c = object_content(tok, lex, actor)
    if c is not None:
        return c, "object"
    c = prep_content(tok, lex.content_preps)
    if c is not None:
        return c, "prep"
    c = relative_content(tok)
    if c is not None:
        return c, "relative"
    c = passive_content(tok) if lemma not in lex.framed else None  # "the case was heard": a perception, no view
    if c is not None:
        return c, "passive"
    return None, ""


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is ``pos`` inside one of ``spans`` (sorted, not overlapping)?"""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _reported(d: _Doc, lex: Lexicon, used: set[int], direct_spans: list[tuple[int, int]]) -> list[Attribution]:
    """Indirect and mixed attributions: cue words whose content the parse gives."""
    doc = d.doc
    out = []
    according, polls = [], []
    firsts = {seq[0] for seq in lex.according}
    for i in _candidates(doc, lex):
        tok = doc[i]
        if tok.lower_ in firsts:
            according.append(tok)
            continue
        pos = tok.pos_
        if pos not in ("VERB", "NOUN", "ADJ"):
            continue
        lemma = lex.lemma(tok)
        if pos == "ADJ":
            if lemma in lex.adjectives and tok.i not in used and not _inside(direct_spans, tok.idx):
                att = _adjective_attribution(d, tok, lex)
                if att is not None:
                    out.append(att)
                    used.add(tok.i)
            continue
        if pos == "NOUN":
            if lemma in lex.polls and tok.dep_ == "pobj":
                polls.append(tok)
            if lemma in lex.nouns and tok.i not in used and not _inside(direct_spans, tok.idx):
                att = _noun_attribution(d, tok, lex)
                if att is not None:
                    out.append(att)
            continue
        if lemma in lex.evidential and tok.i not in used and not _inside(direct_spans, tok.idx):
            att = _evidential_attribution(d, tok, lex)
            if att is not None:
                out.append(att)
                used.add(tok.i)
            continue
        if not (lex.any_cue(lemma) or lemma in lex.quote_only) or tok.i in used or _inside(direct_spans, tok.idx):
            continue
        att = verb_attribution(d, tok, lex)
        if att is not None:
            out.append(att)
            used.add(tok.i)
    out.extend(_according_to(d, according, used, direct_spans))
    out.extend(_in_documents(d, lex, polls, used, direct_spans))
    return out


_CANDIDATE_POS = ("VERB", "NOUN", "ADJ")
_POS_IDS = frozenset({VERB, NOUN, ADJ})  # the POS array holds these symbol ids
_HASHES: dict = {}


def _candidates(doc, lex: Lexicon) -> list[int]:
    """Indices of the tokens ``_reported`` must look at: the first words of "according to"
    and verbs, nouns and adjectives whose lemma (or word form) is in the lexicon. Found on
    the doc's arrays with sorted hash tables, so no Python object is made for the other
    nine tokens in ten."""
    strings = doc.vocab.strings
    key = (id(strings), id(lex))
    cached = _HASHES.get(key)
    hashes = cached[2] if cached is not None and cached[0] is strings and cached[1] is lex else None
    if hashes is None:
        words = set(lex.speech | lex.quote_only | lex.cognition | lex.intent | lex.object | lex.nouns
                    | lex.adjectives | lex.evidential | lex.polls | set(lex.phrasal))
        table = lambda hs: numpy.array(sorted(hs), dtype=numpy.uint64)  # noqa: E731
        lemmas = table({strings.add(v) for w in words for v in (w, w.capitalize(), w.upper())})
        forms = table({strings.add(f) for f in lex.lemma_fixes})
        firsts = table({strings.add(seq[0]) for seq in lex.according})
        hashes = (lemmas, forms, firsts, numpy.array(sorted(_POS_IDS), dtype=numpy.uint64))
        _HASHES[key] = (strings, lex, hashes)
    lemmas, forms, firsts, pos_ids = hashes
    if not len(doc):
        return []
    arr = doc.to_array([POS, LEMMA, LOWER]).astype(numpy.uint64, copy=False)
    hit = _member(arr[:, 1], lemmas) | _member(arr[:, 2], forms)
    hit &= _member(arr[:, 0], pos_ids)
    hit |= _member(arr[:, 2], firsts)
    return numpy.flatnonzero(hit).tolist()


def _member(values, table):
    """Boolean mask: which of ``values`` are in the sorted array ``table``."""
    if not len(table):
        return numpy.zeros(len(values), dtype=bool)
    k = numpy.searchsorted(table, values)
    k[k == len(table)] = 0
    return table[k] == values


def verb_attribution(d: _Doc, tok, lex: Lexicon, why: list | None = None) -> Attribution | None:
    """The attribution a cue verb makes, from the parse, or None (``why`` collects the reason)."""
    doc = d.doc
    lemma = lex.lemma(tok)

    def no(reason: str) -> None:
        if why is not None:
            why.append(reason)
        return None

    if lemma in lex.modal_passives and passive(tok):
        return no("modal passive")  # "the van was supposed to be escorted": an obligation, not a belief
    rng, how = _cue_content(tok, lex, d.is_actor)
    if rng is None:
        return no("no content")
    lo, hi = trim_tokens(doc, *rng)
    if how in ("clause", "parenthetical"):
        lo = strip_openers(doc, lo, hi)
    elif how != "relative":
        hi = cut_aside(doc, lo, hi)
    if how != "parenthetical":
        hi = cut_next_cue(doc, lo, hi, lambda t: lex.any_cue(lex.lemma(t)))
    if hi - lo < 1 or (lo <= tok.i < hi and how != "parenthetical"):
        return no(f"cue inside its {how} content")
    subj = d.subject(tok, lex)
    if how == "parenthetical" and (aside := aside_subject(tok) or aside_subject(tok, comma=True)) is not None \
            and (subj is None or not (aside[0] < subj.i < tok.i)):
        # "Hawaii, as one adviser pointed out, ...", "To understand Scott, Chief Justice
        # Roberts said, one should ...": the parser may make "Hawaii" or "Scott" the subject
        subj = aside[1]
    if subj is None and how in ("clause", "object") and lemma in lex.speech:
        subj = _adjacent_subject(d, tok, lex)
    if subj is None:
        subj = _after_saying(d, tok, lex)
    if subj is None:
        if passive(tok) and (lemma not in lex.stance or lex.quote_cue(lemma)):
            # (not "the plan was published", "the bill was opposed": a stance or a
            # publication with no one holding it is an event, not an attribution)
            # "is expected to", "it is believed that", "was labeled “Mostly True”": an
            # attribution whose source the text does not give; what it is said of is content
            lo = _passive_subject_start(tok, lo)
            return Attribution(d.chars(lo, hi), "indirect", how, d.chars(tok.i, tok.i + 1))
        return no(f"no subject ({how})")
    written = subj
    subj = resolve_relative(subj)
    if written.lower_ == "which" and how in ("object", "intent") and not speaker_like(subj, lex, d.is_actor):
        return no("which")  # "the conflict, which has claimed thousands of lives", not "Saudi Arabia, which has denied any role"
    weak = (lemma in lex.weak and how in ("clause", "parenthetical")) or (how in ("object", "intent", "phrasal", "prep", "relative")
                                                                        and subj.pos_ not in ("NOUN", "PROPN")) \
        or (lemma in lex.stance and not lex.quote_cue(lemma))
    if not is_source(subj, lex, weak, allow_it=lemma in lex.speech and how != "intent", actor=d.is_actor):
        return no(f"not a source: {subj.text} ({how}, weak={weak})")
    # the source span is the words in this clause ("who"); the resolver gets the antecedent
    s_lo, s_hi = source_bounds(written) if written.i != subj.i else source_bounds(subj)
    if written.lower_ == "that" and written.i != subj.i:
        # "nations that oppose the deal": "that" is no name; the noun it stands for is
        s_lo, s_hi = _antecedent_bounds(subj, written)
    if s_lo <= tok.i < s_hi and how != "parenthetical":
        # "a tweet attacking a former Miss Universe", "each touting their own experience":
        # the noun the cue's clause modifies speaks; the clause is no part of its name
        s_lo, s_hi = _without_clause(subj, tok, s_lo, s_hi)
    if s_lo < hi and lo < s_hi and how != "parenthetical":
        return no(f"source inside content ({how})")  # a parse where the source sits inside its own content
    return Attribution(d.chars(lo, hi), "indirect", how, d.chars(*_cue_bounds(tok, how, lex)),
                       d.chars(s_lo, s_hi), subj.i)


def _without_clause(noun, cue, lo: int, hi: int) -> tuple[int, int]:
    """[lo, hi) of ``noun``'s phrase cut before the modifier that holds ``cue``."""
    clause = cue
    while clause.head.i != noun.i and clause.head.i != clause.i:
        clause = clause.head
    if clause.head.i != noun.i or not (lo < clause.left_edge.i < hi):
        return lo, hi
    lo2, hi2 = trim_tokens(noun.doc, lo, clause.left_edge.i)
    return (lo2, hi2) if hi2 > lo2 else (lo, hi)


def _antecedent_bounds(noun, relative) -> tuple[int, int]:
    """The noun phrase a relative pronoun stands for, without the relative clause."""
    lo, hi = source_bounds(noun)
    clause = relative.head
    if lo <= clause.left_edge.i < hi:
        hi = clause.left_edge.i
    lo, hi = trim_tokens(noun.doc, lo, hi)
    return (lo, hi) if hi > lo else (noun.i, noun.i + 1)


def _cue_bounds(tok, how: str, lex: Lexicon) -> tuple[int, int]:
    """The cue's tokens: the verb, plus its particle or preposition for phrasal cues
    ("called for", "pointed to", "spoke of")."""
    hi = tok.i + 1
    if how == "phrasal":
        preps = lex.phrasal.get(tok.lemma_.lower(), ())
        for c in tok.children:
            if c.i > tok.i and c.lower_ in preps and c.dep_ in ("prep", "prt"):
                if all(t.is_space or t.dep_ in ("advmod", "npadvmod") for t in tok.doc[tok.i + 1:c.i]) and c.i - tok.i <= 2:
                    hi = c.i + 1
                break
    return tok.i, hi


def _adjacent_subject(d: _Doc, tok, lex: Lexicon):
    """The name right before a verb of saying the parser left without a subject ("In a
    meeting with the board of the Post Trump said that ...", where the missing comma made
    "Trump" part of the prepositional phrase): only a name or personal pronoun that touches
    the verb (auxiliaries and adverbs aside) and is no object of it."""
    doc = d.doc
    i = tok.i - 1
    while i >= 0 and doc[i].dep_ in ("aux", "neg", "advmod") and doc[i].head.i == tok.i:
        i -= 1
    if i < 0 or doc[i].head.i == tok.i:
        return None
    t = doc[i]
    if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") or (t.pos_ == "PRON" and t.lower_ in ("he", "she", "they", "we", "i")):
        return t if d.quote_of(t.idx) == d.quote_of(tok.idx) else None
    return None


def _after_saying(d: _Doc, tok, lex: Lexicon):
    """"“...,” Tester said, referring to the excuse, “...”": a participle right after a verb
    of saying and its comma is done by that verb's subject, wherever the parser hung it
    (here inside the quote)."""
    doc = d.doc
    i = tok.i - 1
    if tok.tag_ != "VBG" or i < 1 or doc[i].text != "," or doc[i - 1].pos_ != "VERB" \
            or lex.lemma(doc[i - 1]) not in lex.speech:
        return None
    return d.subject(doc[i - 1], lex)


def _passive_subject_start(tok, lo: int) -> int:
    """Where the content of a sourceless passive cue starts: at its passive subject when that
    is what the attribution is about ("Obama's veto is expected to come ...", "Pence was
    dubbed the debate winner"), not when it is an expletive ("it is believed that ...")."""
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is not None and subj.lower_ not in ("it", "there") and subj.i < lo:
        return subj.left_edge.i
    return lo


def _evidential_attribution(d: _Doc, tok, lex: Lexicon) -> Attribution | None:
    """"Melania seems to have vanished from the campaign trail", "That looks unlikely", "it
    appeared that Trump was unable to ...": a verb of seeming presents its subject and
    complement as an impression. The content runs from the subject to the end of the
    complement; the source is whoever it seems so to ("seems credible to me"), often no one.
    When the complement is itself a cue ("appeared to suggest that"), that cue attributes."""
    doc = d.doc
    comp = next((c for c in tok.children if c.i > tok.i and (
        c.dep_ in ("xcomp", "acomp", "ccomp", "oprd", "attr")
        or (c.dep_ == "prep" and c.lower_ in ("like", "as")))), None)
    if comp is None or (comp.pos_ == "VERB" and lex.any_cue(lex.lemma(comp))):
        return None
    if tok.lemma_.lower() == "look" and comp.dep_ == "xcomp":
        return None  # "looks to shore up support": an aim, not an impression
    if tok.dep_ in ("ccomp", "xcomp") and tok.head.lemma_.lower() in ("make", "let", "help"):
        return None  # "made him seem kinder": the cause, not the impression, is asserted
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
    lo = comp.left_edge.i if comp.dep_ != "prep" else next(
        (g.left_edge.i for g in comp.children if g.dep_ in ("pobj", "pcomp")), comp.i + 1)
    if subj is not None and subj.lower_ not in ("it", "there"):
        lo = subj.left_edge.i
    hi = comp.right_edge.i + 1
    lo, hi = trim_tokens(doc, lo, hi)
    if hi - lo < 2:
        return None
    experiencer = None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "to" and c is not comp:
            experiencer = next((g for g in c.children if g.dep_ == "pobj"), None)
    if experiencer is not None and speaker_like(experiencer, lex, d.is_actor):
        s_lo, s_hi = source_bounds(experiencer)
        return Attribution(d.chars(lo, hi), "indirect", "evidential", d.chars(tok.i, tok.i + 1),
                           d.chars(s_lo, s_hi), experiencer.i)
    return Attribution(d.chars(lo, hi), "indirect", "evidential", d.chars(tok.i, tok.i + 1))


def _adjective_attribution(d: _Doc, tok, lex: Lexicon) -> Attribution | None:
    """"Republicans weren't too concerned about this shift", "Many Democrats are afraid that
    ...", "it is unclear whether ...": a predicative adjective of attitude attributes its
    complement to the subject of its verb; after an expletive "it" the source is left open."""
    if tok.dep_ not in ("acomp", "ROOT", "ccomp", "conj", "advcl"):
        return None
    doc = d.doc
    rng = None
    # the complement hangs on the adjective or, after a copula, on the copula ("It is
    # unclear whether ...": the parser gives "whether ..." to "is")
    comps = list(tok.children) + ([c for c in tok.head.children if c.dep_ in ("ccomp", "xcomp")]
                                  if tok.dep_ == "acomp" else [])
    for c in comps:
        if c.i < tok.i:
            continue
        if c.dep_ in ("ccomp", "xcomp"):
            rng = (c.left_edge.i, c.right_edge.i + 1)
            break
        if c.dep_ == "prep" and c.lower_ in lex.content_preps:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                rng = (objs[0].left_edge.i, c.right_edge.i + 1)
                break
    if rng is None:
        return None
    lo, hi = trim_tokens(doc, *rng)
    lo = strip_openers(doc, lo, hi) if doc[lo].dep_ != "mark" else lo
    if hi <= lo:
        return None
    verb = tok.head if tok.dep_ == "acomp" else tok
    subj = d.subject(verb, lex) if verb.pos_ in ("VERB", "AUX") or verb is tok else None
    cue = d.chars(tok.i, tok.i + 1)
    if subj is None or subj.lower_ in ("it", "this", "that", "there"):
        return Attribution(d.chars(lo, hi), "indirect", "adjective", cue) if subj is not None else None
    subj_r = resolve_relative(subj)
    if not speaker_like(subj_r, lex, d.is_actor):
        return None
    s_lo, s_hi = source_bounds(subj) if subj.i == subj_r.i else source_bounds(subj)
    if s_lo < hi and lo < s_hi:
        return None
    return Attribution(d.chars(lo, hi), "indirect", "adjective", cue, d.chars(s_lo, s_hi), subj_r.i)


def _noun_attribution(d: _Doc, tok, lex: Lexicon) -> Attribution | None:
    """"Trump's claim that ...", "a New York Times report that ...": noun cues."""
    if tok.lemma_.lower() not in lex.nouns:
        return None
    found = noun_content(tok, lex)
    if found is None:
        return None
    (lo, hi), src = found
    lo, hi = trim_tokens(d.doc, lo, hi)
    if hi <= lo:
        return None
    if src is None:
        src = _holder(d, tok, lex)
    source = None
    if src is not None:
        s_lo, s_hi = source_bounds(src)
        if d.doc[s_hi - 1].text in ("'s", "’s", "'", "’") and s_hi - 1 > s_lo:
            s_hi -= 1
        if s_lo < hi and lo < s_hi:  # the phrase holding the noun is no source of it
            src = None
        else:
            source = d.chars(s_lo, s_hi)
    return Attribution(d.chars(lo, hi), "indirect", "noun", d.chars(tok.i, tok.i + 1), source,
                       src.i if src is not None else None)


def _holder(d: _Doc, noun, lex: Lexicon):
    """Who has a noun cue that names no one itself: the subject of the verb it is the
    object of ("the Obama administration made the case that ...", "the two countries signed
    an agreement to ...", "They went with hopes of coming back"), when that is speaker-like."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = d.subject(verb, lex)
    if subj is None:
        return None
    subj = resolve_relative(subj)
    return subj if speaker_like(subj, lex, d.is_actor) else None


def _according_to(d: _Doc, candidates: list, used: set[int], direct_spans: list[tuple[int, int]]) -> list[Attribution]:
    """"According to X, <content>" / "<content>, according to X"."""
    doc = d.doc
    out = []
    for tok in candidates:
        n = _according(doc, tok.i)
        if not n or tok.i in used or _inside(direct_spans, tok.idx):
            continue
        to = doc[tok.i + n - 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        att = _prep_source(d, tok, to, pobj, "according", verbs_only=True) or _according_by_commas(d, tok, to, pobj)
        if att is not None:
            used.add(tok.i)
            out.append(att)
    return out


def _according_by_commas(d: _Doc, tok, to, pobj) -> Attribution | None:
    """"According to X, <content>." when the parser lost the clause the phrase belongs to
    (it made "According" the root): the content is the rest of the sentence past the comma
    that closes the source, or, for "<content>, according to X.", the part before it."""
    doc = d.doc
    sent = tok.sent
    s_lo, s_hi = source_bounds(pobj)
    s_hi = min(s_hi, next((i for i in range(to.i + 1, sent.end) if doc[i].text in (",", "—", "–", ";")), s_hi))
    s_lo, s_hi = trim_tokens(doc, max(s_lo, to.i + 1), s_hi)
    if s_hi <= s_lo:
        return None
    before = trim_tokens(doc, sent.start, tok.i)
    after = trim_tokens(doc, s_hi, sent.end)
    lo, hi = after if before[1] - before[0] < 2 else before
    if hi - lo < 2:
        return None
    return Attribution(d.chars(lo, hi), "indirect", "according", d.chars(tok.i, to.i + 1), d.chars(s_lo, s_hi), pobj.i)


def _in_documents(d: _Doc, lex: Lexicon, polls: list, used: set[int],
                  direct_spans: list[tuple[int, int]]) -> list[Attribution]:
    """"In the latest Post poll, Clinton led by five points", "300,000 acres were damaged, by
    one estimate": a poll, survey or estimate (``polls``: such nouns as objects of a
    preposition) named by "in" or "by" is the source of the clause (or noun phrase: "Trump's
    recent gains in some polls") it qualifies."""
    out = []
    for pobj in polls:
        tok = pobj.head
        if tok.dep_ != "prep" or tok.lower_ not in lex.document_preps or tok.i in used \
                or _inside(direct_spans, tok.idx):
            continue
        head = tok.head
        if head.pos_ == "VERB" and lex.any_cue(lex.lemma(head)):
            continue  # "said in a statement": the verb is the cue
        att = _prep_source(d, tok, tok, pobj, "document", verbs_only=False)
        if att is not None:
            used.add(tok.i)
            out.append(att)
    return out


def _prep_source(d: _Doc, tok, last, pobj, how: str, verbs_only: bool) -> Attribution | None:
    """The attribution of a prepositional source cue ``tok`` .. ``last`` whose object is
    ``pobj``: the content is the rest of the phrase the cue attaches to."""
    doc = d.doc
    head = tok.head if tok.head.i != tok.i else None
    if head is None or (head.pos_ not in ("VERB", "AUX") and (verbs_only or head.pos_ not in ("NOUN", "PROPN"))):
        return None
    a_lo, a_hi = tok.left_edge.i, max(tok.right_edge.i, last.right_edge.i) + 1
    h_lo, h_hi = head.left_edge.i, head.right_edge.i + 1
    parts = [trim_tokens(doc, a, b) for a, b in ((h_lo, a_lo), (a_hi, h_hi))]
    parts = [(a, b) for a, b in parts if b > a]
    if not parts:
        return None
    lo, hi = max(parts, key=lambda p: p[1] - p[0])
    lo = strip_openers(doc, lo, hi)
    s_lo, s_hi = source_bounds(pobj)
    return Attribution(d.chars(lo, hi), "indirect", how, d.chars(tok.i, last.i + 1), d.chars(s_lo, s_hi), pobj.i)


def _title_start(pdoc: ParsedDoc | None) -> int | None:
    """Where the article's headline stands when the text opens with it (the record's title,
    give or take a full stop), else None: a headline is written in headline style ("Pence:
    Flowers Won't Be at Debate") whatever the segmenter made of its last character."""
    if pdoc is None or not pdoc.title:
        return None
    text = pdoc.text
    lo = len(text) - len(text.lstrip())
    end = text.find("\n", lo)
    line = text[lo:end if end >= 0 else len(text)]
    norm = lambda s: " ".join(s.split()).rstrip(" .").lower()  # noqa: E731
    return lo if norm(line) == norm(pdoc.title) and line.strip() else None


def _headline_says(d: _Doc, pdoc: ParsedDoc | None, lex: Lexicon, used: set[int],
                   direct_spans: list[tuple[int, int]]) -> list[Attribution]:
    """"Clinton Hid Health Problems From Public, Former White House Doctor Says": a headline
    that ends with ", <source> <verb of saying>" attributes what stands before the comma.
    The tagger reads Title Case badly ("Says" as a name), so the headline's shape decides:
    the last word is a verb of saying in the present ("Says", "Warn") and the source, between
    the last comma and it, is short."""
    title = _title_start(pdoc)
    if title is None:
        return []
    doc, text = d.doc, d.text
    end = text.find("\n", title)
    toks = [i for i in d.tokens_in(title, end if end >= 0 else len(text)) if not doc[i].is_space]
    while toks and doc[toks[-1]].is_punct and not doc[toks[-1]].is_quote:
        toks.pop()
    if len(toks) < 5:
        return []
    verb = doc[toks[-1]]
    low = verb.lower_
    if verb.i in used or _inside(direct_spans, verb.idx) or not any(
            w in lex.speech for w in (low, low[:-1] if low.endswith("s") else "", low[:-2] if low.endswith("es") else "")):
        return []
    comma = next((k for k in range(len(toks) - 2, 0, -1) if doc[toks[k]].text == ","), None)
    if comma is None or not 1 <= len(toks) - 1 - (comma + 1) <= 6:
        return []
    s_lo, s_hi = toks[comma + 1], toks[-1]
    lo, hi = trim_tokens(doc, toks[0], toks[comma])
    if hi - lo < 2:
        return []
    used.add(verb.i)
    return [Attribution(d.chars(lo, hi), "indirect", "headline", d.chars(verb.i, verb.i + 1), d.chars(s_lo, s_hi),
                        _head_of(doc, s_lo, s_hi))]


def _named_in_body(d: _Doc, name: str, after: int) -> bool:
    """Does ``name`` occur after ``after`` tagged as a proper name or a person/organisation?"""
    text = d.text
    pos = text.find(name, after)
    for _ in range(5):
        if pos < 0:
            return False
        edge_ok = (pos == 0 or not text[pos - 1].isalnum()) and not text[pos + len(name):pos + len(name) + 1].isalnum()
        if edge_ok:
            tok = d.doc[d.token_at(pos)]
            if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG") or d.is_actor(tok):
                return True
        pos = text.find(name, pos + 1)
    return False


def _colon_speakers(d: _Doc, pdoc: ParsedDoc | None, lex: Lexicon) -> list[Attribution]:
    """Transcripts and headlines: "PENCE: Well, look ..." / "Pat Caddell: Voters Worried ..."."""
    doc, text = d.doc, d.text
    out = []
    pos = 0
    title = _title_start(pdoc)
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        m = _COLON_SPEAKER.match(line)
        if not m:
            continue
        kind = pdoc.section_kind(start + m.start(1)) if pdoc is not None else "body"
        name = m.group(1)
        label = name.lower().strip(" .")
        headline = start == title
        poll = headline and label in lex.polls  # "Poll: Clinton and Trump in dead heat"
        if label in lex.not_speakers and not poll:
            continue
        toks = [doc[i] for i in d.tokens_in(start + m.start(1), start + m.end(1))]
        if not toks or any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "FAC") for t in toks):
            continue
        words = [t for t in toks if t.is_alpha]
        shouting = name.isupper() and len(words) <= 3
        title_case = all(t.is_title or t.is_upper or not t.is_alpha for t in toks) and len(words) <= 4
        if headline:
            # the tagger reads a Title Case headline badly ("Pence" as a common noun,
            # "Stealth Over Health" as an organisation): the label must be a poll or a
            # name the article's body uses as one
            titled = title_case and (poll or _named_in_body(d, name.strip(), start + len(line)))
        else:
            titled = kind == "heading" and title_case and any(t.pos_ == "PROPN" for t in toks)
        if not (shouting or titled):
            continue
        colon = start + m.end() - 1
        while text[colon] != ":":
            colon -= 1
        c_lo, c_hi = start + m.end(), start + len(line)
        while c_hi > c_lo and text[c_hi - 1] in " \t\"”'’":
            c_hi -= 1
        if c_hi - c_lo < 3:
            continue
        s_lo, s_hi = start + m.start(1), start + m.end(1)
        out.append(Attribution((c_lo, c_hi), "direct" if shouting else "indirect", "colon", (colon, colon + 1),
                               (s_lo, s_hi), _head_of(doc, toks[0].i, toks[-1].i + 1), end=c_hi))
    return out


# -- assembly ------------------------------------------------------------------------------------

def find_attributions(doc, pdoc: ParsedDoc | None = None, lex: Lexicon | None = None) -> list[Attribution]:
    """All attributions in a parsed document, in text order (pure: the parse in, spans out)."""
    lex = lex or lexicon()
    d = _Doc(doc, actors=pdoc.results.get("actors") if pdoc is not None else None)
    text = d.text
    quoted = find_quoted(text)
    colon = _colon_speakers(d, pdoc, lex)
    if colon:
        colon_lines = [(a.source[0], a.content[1]) for a in colon]
        quoted = [q for q in quoted if not any(a <= q.inner_start < b for a, b in colon_lines)]
    d.set_quoted(quoted)
    used: set[int] = set()
    direct, left = _direct_quotes(d, quoted, lex, used)
    left_ids = {id(q) for q in left}
    direct_spans = [(q.start, q.end) for q in quoted if id(q) not in left_ids]
    reported = _headline_says(d, pdoc, lex, used, direct_spans)
    reported += _reported(d, lex, used, direct_spans)
    reported += _quoting_verbs(d, lex, used, left, reported)
    direct += _block_quotes(d, pdoc, lex, used, quoted)
    for a in reported:
        _mark_quoted(d, a, quoted)
    atts = _drop_nested(d, _attach_orphans(direct + reported + colon, text, d))
    atts.sort(key=lambda a: (a.content[0], a.content[1]))
    return atts


_QUOTED_DEPS = frozenset({"dobj", "prep", "xcomp", "ccomp", "oprd", "attr"})


def _block_quotes(d: _Doc, pdoc: ParsedDoc | None, lex: Lexicon, used: set[int],
                  quoted: list[Quoted]) -> list[Attribution]:
    """"Limbaugh added:" on its own line, then a paragraph without quote marks: a block
    quotation (the layout, not the marks, sets it off). The paragraph is the content; the
    cue and source come from the line above, as for "Caddell continued:" before a quote."""
    text, doc = d.text, d.doc
    out = []
    starts = {q.start for q in quoted}
    pos = 0
    lines = text.split("\n")
    offsets = []
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    for k, line in enumerate(lines):
        if not line.rstrip().endswith(":") or k + 1 >= len(lines):
            continue
        j = k + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j >= len(lines) or j - k > 3:
            continue
        para = lines[j]
        lo = offsets[j] + len(para) - len(para.lstrip())
        hi = offsets[j] + len(para.rstrip())
        if text[lo] in "\"“”'‘’«" or lo in starts or len(para.split()) < 6:
            continue
        if pdoc is not None and pdoc.section_kind(lo) != "body":
            continue
        frame = [i for i in d.tokens_in(offsets[k], offsets[k] + len(line)) if not doc[i].is_space]
        cue = next((doc[i] for i in reversed(frame) if _is_cue_verb(doc[i], lex) and doc[i].i not in used), None)
        if cue is None or frame[-1] - cue.i > 3:
            continue  # the cue must end its line: "The governor added:", not "Here is the list:"
        subj = d.subject(cue, lex)
        if subj is None or not is_source(resolve_relative(subj), lex, False, allow_it=True, actor=d.is_actor):
            continue
        s_lo, s_hi = source_bounds(subj)
        used.add(cue.i)
        out.append(Attribution((lo, hi), "direct", "block", d.chars(cue.i, cue.i + 1), d.chars(s_lo, s_hi),
                               resolve_relative(subj).i, end=hi))
    return out


def _quoting_verbs(d: _Doc, lex: Lexicon, used: set[int], left: list[Quoted],
                   reported: list[Attribution]) -> list[Attribution]:
    """Partial quotes in the complement of a verb outside the cue lists: "Reid has gone after
    Trump as a “human leech”", "Cruz exhorted Republicans to “vote your conscience”". The
    quote marks show the words are the subject's, so the verb attributes its complement to
    its subject, as "accused Putin of “bluffing”" does (kind mixed). A quote already inside
    reported content, or whose verb has no speaker-like subject, is left alone (scare
    quotes: "the so-called “peace plan” was published")."""
    doc = d.doc
    out = []
    spans = sorted(a.content for a in reported)
    for q in left:
        if not d.text[q.inner_start:q.inner_end].strip() or _inside(spans, q.inner_start):
            continue
        tok = doc[d.token_at(q.inner_start)]
        verb = tok
        for _ in range(6):
            if verb.head.i == verb.i:
                break
            verb = verb.head
            if verb.pos_ == "VERB":
                break
        if verb.pos_ != "VERB" or verb.i in used or verb.idx > q.start or verb.lemma_.lower() in ("be", "have"):
            continue
        # the content: the verb's complements from the first up to the one holding the quote
        # ("gone after the governor as a “reckless gambler”")
        comps = [c for c in verb.children if c.i > verb.i and c.dep_ in _QUOTED_DEPS]
        holder = next((c for c in comps if c.left_edge.idx <= q.inner_start < c.right_edge.idx + len(c.right_edge)), None)
        if holder is None or (holder.dep_ == "prep" and holder.lower_ not in lex.content_preps | {"like"}):
            continue
        first = min((c for c in comps if c.i <= holder.i), key=lambda c: c.left_edge.i)
        if first.dep_ == "prep":  # "gone after the governor": the content starts at its object
            first = next((g for g in first.children if g.dep_ in ("pobj", "pcomp")), first)
        rng = (first.left_edge.i, holder.right_edge.i + 1)
        how = "quoted"
        subj = d.subject(verb, lex)
        if subj is None or not speaker_like(resolve_relative(subj), lex, d.is_actor):
            continue
        lo, hi = trim_tokens(doc, *rng)
        s_lo, s_hi = source_bounds(subj)
        if s_lo < hi and lo < s_hi:
            continue
        used.add(verb.i)
        att = Attribution(d.chars(lo, hi), "mixed", how, d.chars(verb.i, verb.i + 1), d.chars(s_lo, s_hi),
                          resolve_relative(subj).i)
        out.append(att)
        spans = sorted(spans + [att.content])
    return out


def _drop_nested(d: _Doc, atts: list[Attribution]) -> list[Attribution]:
    """Keep only top-level attributions: one whose cue lies inside another's content goes.

    "DuVernay said she felt the amendment was worth examining": what she felt is part of
    what she said, and the record of the saying already carries those words. Attribution
    corpora (PolNeAR, PARC) mark the outer attribution only, and so do we, so that every
    word of an article is attributed at most once. Longer contents are kept first. An
    attribution the parser hung on the end of another's content as a clause set off by a
    comma ("attacked other candidates for accepting his donations, which he said were
    accompanied by favors"; "..., while 73 percent said the same of Trump") is the writer's
    addition, not part of what was said: the outer content ends before it and both stay.
    """
    kept: list[Attribution] = []
    # quotes with their own cue first: "Trump can be heard saying, “...”" is the quote said,
    # not a content of "heard"
    # and attributions with a source before sourceless ones: in "Trump is said to have told
    # Putin he would bomb Moscow" the telling has a speaker, the hearsay around it none
    for a in sorted(atts, key=lambda a: (a.how not in _QUOTE_RULES, a.source is None, a.content[0] - a.content[1])):
        if a.how not in _QUOTE_RULES and any(
                (k.how in _QUOTE_RULES or (a.source is None and k.source is not None)) and k.cue is not None
                and a.content[0] <= k.cue[0] < a.content[1] for k in kept):
            continue
        host = None if a.cue is None else next(
            (k for k in kept if k.content[0] <= a.cue[0] < k.content[1]), None)
        if host is not None:
            cut = _trailing_clause(d, host, a)
            if cut is None:
                continue
            host.content = (host.content[0], cut)
        kept.append(a)
    return kept


_TRAILING_DEPS = ("relcl", "advcl", "conj", "acl", "parataxis")
_QUOTE_RULES = frozenset({"after", "before", "dash", "continuation", "follows", "orphan", "colon", "block"})


def _trailing_clause(d: _Doc, host: Attribution, a: Attribution) -> int | None:
    """Where ``host``'s content should end so that ``a`` (inside it) stands on its own, or None.

    ``a`` qualifies when its cue heads, or sits in, a clause that runs to the end of the
    host's content, leaves some of it before, and is set off from it: by a comma when ``a``
    reports a clause ("..., while 73 percent said the same"), or, for any ``a``, as a
    relative or free relative clause ("..., which he said were accompanied by favors",
    "in what is being criticized as a use-it-or-lose-it approach").
    """
    doc = d.doc
    lo_t, hi_t = d.token_at(host.content[0]), d.token_at(host.content[1])
    tok = doc[d.token_at(a.cue[0])]
    clause = None
    cur = tok
    for _ in range(8):
        if cur.dep_ in _TRAILING_DEPS and lo_t < cur.left_edge.i and (
                (a.how == "clause" and _set_off_by_comma(cur)) or doc[cur.left_edge.i].lower_ in _WH):
            clause = cur
        if cur.head.i == cur.i or not (lo_t <= cur.head.i < hi_t):
            break
        cur = cur.head
    if clause is None or clause.right_edge.i + 1 < hi_t - 1:
        return None
    end = clause.left_edge.i
    while end > lo_t and (doc[end - 1].is_space or doc[end - 1].is_punct) and not doc[end - 1].is_quote:
        end -= 1
    while end > lo_t and doc[end - 1].pos_ in ("ADP", "CCONJ", "SCONJ"):  # "amounting to | what ..."
        end -= 1
    while end > lo_t and (doc[end - 1].is_space or doc[end - 1].is_punct) and not doc[end - 1].is_quote:
        end -= 1
    if not any(t.is_alpha for t in doc[lo_t:end]):
        return None
    return doc[end - 1].idx + len(doc[end - 1])


_WH = frozenset({"which", "what", "who", "whom", "whose"})


def _set_off_by_comma(tok) -> bool:
    i = tok.left_edge.i - 1
    doc = tok.doc
    while i >= 0 and (doc[i].is_space or doc[i].is_quote):
        i -= 1
    return i >= 0 and doc[i].text in (",", ";", "—", "–", "--")


def _mark_quoted(d: _Doc, a: Attribution, quoted: list[Quoted]) -> None:
    """Quoted fragments inside reported speech make it mixed (or direct, if they are all of it).

    Content edges that cut a quote between its last word and its closing mark are moved out
    to the mark, so the record shows the verbatim part whole.
    """
    lo, hi = a.content
    frags = []
    for q in quoted:
        if q.inner_end <= lo or q.inner_start >= hi:
            continue
        if q.start < lo <= q.inner_start or not d.text[q.inner_start:lo].strip(" \t\"“”'‘’"):
            lo = min(lo, q.start)
        if q.inner_end - 1 <= hi < q.end or not d.text[hi:q.inner_end].strip(" \t.,;:!?…\"“”'‘’"):
            hi = max(hi, q.end)
        elif lo <= q.start and q.closed and hi < q.inner_end:
            # a quote opened inside what was said runs on past where the parse ended it
            # ("... a problem because, “In the end, we don't vote against somebody. We
            # vote for somebody.”"): the quoted words are the same speaker's
            hi = q.end
        frags.append((max(q.inner_start, lo), min(q.inner_end, hi), q))
    if not frags:
        return
    a.content = (lo, hi)
    a.quoted = [(x, y) for x, y, _ in frags]
    covered = sum(y - x for x, y, _ in frags)
    whole = covered >= 0.85 * (hi - lo) and any(_speech_like(d, q) for _, _, q in frags)
    a.kind = "direct" if whole else "mixed"


def _attach_orphans(atts: list[Attribution], text: str, d: _Doc | None = None) -> list[Attribution]:
    """Cue-less quotes: dropped when reported speech already holds them, else given to the
    attribution that ends right before them (a quote after "Trump made his case:" or after
    "“...,” he said." on the line above continues that speaker). The quote becomes one more
    fragment of that attribution, reported speech included ("Sanders identified X as a
    reason. “The younger people are ...”"): attribution corpora mark it so. A negated cue
    ("He didn't suggest retaliation.") takes no quote: what follows is not what he said."""
    orphans = [a for a in atts if a.how == "orphan"]
    if not orphans:
        return atts
    others = [a for a in atts if a.how != "orphan"]
    keep = []
    for o in orphans:
        if any(a.content[0] <= o.content[0] and o.content[1] <= a.content[1] for a in others):
            continue
        keep.append(o)
    pool = sorted((a for a in others if a.source), key=lambda a: _end_of(a, d))
    ends = [_end_of(a, d) for a in pool]
    for o in sorted(keep, key=lambda a: a.content[0]):
        i = bisect.bisect_right(ends, o.content[0]) - 1
        if i < 0:
            continue
        a = pool[i]
        gap = text[ends[i]:o.content[0]]
        if gap.strip(" \t\n.:\"“”'‘’") or gap.count("\n") > 2:
            continue
        if _negated(d, a):
            continue  # "He didn't suggest retaliation. “Our goal is ...”": not what he said
        o.source, o.source_head, o.cue = a.source, a.source_head, a.cue
        o.how = "follows"
        o.continues = a  # the same act of saying, partly quoted then quoted: "“too little,” he added. “...”"
        o.end = max(o.end, o.content[1])
        j = bisect.bisect_right(ends, _end_of(o, d))
        pool.insert(j, o)
        ends.insert(j, _end_of(o, d))
    return others + keep


def _negated(d: _Doc | None, a: Attribution) -> bool:
    """Is the attribution's cue verb negated ("didn't say", "never suggested")?"""
    if d is None or a.cue is None:
        return False
    cue = d.doc[d.token_at(a.cue[0])]
    return any(c.dep_ == "neg" for c in cue.children)


def _end_of(a: Attribution, d: _Doc | None = None) -> int:
    """Where an attribution's own words end: its content, cue and source, and the rest of the
    sentence its cue closes ("..., he added on Twitter.", "said Douglas Holtz-Eakin, an
    economist who ... group.")."""
    end = max(a.end, a.content[1], a.cue[1] if a.cue else 0, a.source[1] if a.source else 0)
    if d is not None and a.cue is not None and a.cue[0] >= a.content[1]:
        sent = d.doc[d.token_at(a.cue[0])].sent
        end = max(end, sent.end_char)
    return end


# -- speakers and records ----------------------------------------------------------------------

def resolve_speaker(pdoc: ParsedDoc, index, att: Attribution) -> tuple[str | None, str | None]:
    """(actor id, name) for an attribution's source: the single bridge to the actor resolver.

    With the resolver present it decides (pronouns, titles, organisations). A relative
    pronoun source ("who cited ...") is handed over as the noun it stands for. Without the
    resolver, a source that is itself a name is reported by its text and a pronoun stays
    None: we never guess antecedents here, so there is only ever one resolver to fix.
    """
    if att.source is None:
        return None, None
    s, e = att.source
    head = pdoc.doc[att.source_head] if att.source_head is not None else None
    outside = head is not None and not (s <= head.idx < e)  # a relative pronoun's antecedent
    if index is not None:
        actor = None if outside else index.at(s, e)
        if actor is None and head is not None:
            actor = index.for_token(head)
        if actor is not None:
            return actor.get("id"), actor.get("name")
    if outside:
        lo, hi = source_bounds(head)
        s, e = pdoc.doc[lo].idx, pdoc.doc[hi - 1].idx + len(pdoc.doc[hi - 1])
    text = pdoc.text[s:e].strip()
    if head is not None and (head.lower_ in _PRONOUNS or head.pos_ == "PRON"):
        return None, None
    return None, text or None


def _span_dict(pdoc: ParsedDoc, span: tuple[int, int] | None) -> dict | None:
    if span is None:
        return None
    s, e = span
    return {"start": s, "end": e, "text": pdoc.text[s:e]}


def _section(pdoc: ParsedDoc, char: int) -> str:
    kind = pdoc.section_kind(char)
    return kind if kind in SECTIONS else "body"


def to_records(pdoc: ParsedDoc, atts: list[Attribution], index=None) -> list[dict]:
    pos = {id(a): i for i, a in enumerate(atts)}
    out = []
    speakers: dict[int, tuple[str | None, str | None]] = {}
    for i, a in enumerate(atts):
        if a.continues is not None and id(a.continues) in pos:
            spk = speakers.get(pos[id(a.continues)]) or resolve_speaker(pdoc, index, a.continues)
        else:
            spk = resolve_speaker(pdoc, index, a)
        speakers[i] = spk
        rec = {
            "content": _span_dict(pdoc, a.content),
            "cue": _span_dict(pdoc, a.cue),
            "source": _span_dict(pdoc, a.source),
            "speaker": spk[0],
            "speaker_name": spk[1],
            "kind": a.kind,
            "section": _section(pdoc, a.content[0]),
            "how": a.how,
            "continues": pos.get(id(a.continues)) if a.continues is not None else None,
        }
        if a.quoted:
            rec["quoted"] = [_span_dict(pdoc, q) for q in a.quoted]
        out.append(rec)
    return out


@extractor("quotes", requires=REQUIRES)
def extract_quotes(pdoc: ParsedDoc) -> list[dict]:
    """Direct, mixed and indirect quotes with cue, source and speaker (see module doc)."""
    index = ActorIndex(pdoc) if ActorIndex is not None else None
    return to_records(pdoc, find_attributions(pdoc.doc, pdoc), index)
