"""Flags on an event: negated, hypothetical, future, reported, historical, disputed.

PLOVER lists these as "auxiliary modes" no coder implements yet; we set them because an
analyst counting threats must not count "would not threaten", "if provoked" or a threat from
2022 recounted in a 2025 story as today's threats. Each function reads one clause of the
parse (the trigger and the verbs it hangs from) and the cue lists in cues.yaml; none guesses
from the whole document except ``disputed``, which looks for a denial of the report in the
sentences that follow.
"""
from __future__ import annotations

import bisect

from ..parse.docs import doc_text
from .event_lexicon import Lexicon

CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "conj", "pcomp", "parataxis", "ROOT"})

# Per-document memo: the coder asks the same questions of the same verbs for every event
# below them (walking a spaCy tree creates a Python object per step, which dominates the
# cost). events.py calls reset() once per document.
_MEMO: dict = {}
_SENT_CACHE: dict = {}


def reset() -> None:
    _MEMO.clear()
    _SENT_CACHE.clear()


_MEMO_DOC: list = [None]
_SENTS: dict = {"doc": None, "starts": [], "info": []}


def sent_info(tok) -> tuple[int, int, str]:
    """(first token, end token, lower-cased text) of ``tok``'s sentence, from a per-document
    table (``Token.sent`` walks the sentence each time it is asked)."""
    doc = tok.doc
    if _SENTS["doc"] is not doc:
        text = doc_text(doc)
        info = [(s.start, s.end, text[s.start_char:s.end_char].lower()) for s in doc.sents]
        _SENTS.update(doc=doc, starts=[x[0] for x in info], info=info)
    i = bisect.bisect_right(_SENTS["starts"], tok.i) - 1
    return _SENTS["info"][i]


def memo(fn):
    name = fn.__name__

    def wrapped(tok, *args):
        if tok.doc is not _MEMO_DOC[0]:  # a new document: forget the old one
            _MEMO.clear()
            _MEMO_DOC[0] = tok.doc
        key = (name, tok.i)
        hit = _MEMO.get(key)
        if hit is None:
            hit = fn(tok, *args)
            _MEMO[key] = hit
        return hit

    wrapped.__name__ = name
    wrapped.__doc__ = fn.__doc__
    return wrapped


@memo
def clause_head(tok):
    """The verb (or noun) heading the clause ``tok`` belongs to."""
    t = tok
    while t.dep_ not in CLAUSE_DEPS and t.head.i != t.i:
        t = t.head
    return t


def aux_words(tok) -> set[str]:
    """Lower-cased auxiliaries and particles of ``tok`` and of the verbs it is chained to by
    conj (a conjunct shares its head's auxiliaries: "will visit X and meet Y")."""
    out = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass", "neg")}
    if tok.dep_ == "conj" and tok.tag_ == tok.head.tag_ and not any(c.dep_ in ("aux", "nsubj") for c in tok.children):
        out |= {c.lower_ for c in tok.head.children if c.dep_ in ("aux", "auxpass", "neg")}
    return out


@memo
def negated(tok, lex: Lexicon) -> bool:
    """"did not attack", "never met", "offered no insight", "without consulting", "has shown
    no signs of backing down"."""
    words = lex.cue("negation_words")
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in ("never", "no")):
            return True
        if c.dep_ in ("dobj", "attr") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            return True
    if tok.dep_ == "conj" and tok.tag_ == tok.head.tag_ and not any(c.dep_ == "nsubj" for c in tok.children):
        if any(c.dep_ == "neg" for c in tok.head.children):
            return True
    if tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return True
    # "without consulting", "no signs of backing down", "no plans to visit"
    t = tok
    for _ in range(4):
        h = t.head
        if h.i == t.i:
            break
        if t.dep_ in ("pcomp", "pobj") and h.lower_ == "without":
            return True
        if t.dep_ in ("pcomp", "pobj", "prep", "acl") and h.pos_ == "NOUN" and any(
                d.dep_ == "det" and d.lower_ == "no" for d in h.children):
            return True
        if t.dep_ not in ("pcomp", "pobj", "prep", "acl"):
            break
        t = h
    return any(c.lower_ in words and c.dep_ in ("neg", "preconj") for c in tok.children)


@memo
def future(tok, lex: Lexicon) -> bool:
    aux = aux_words(tok)
    if aux & lex.cue("future_aux"):
        return True
    # "is going to bomb", "are set to meet", "was due to visit"
    if tok.dep_ == "xcomp" and tok.head.lemma_ in ("go", "set", "due", "expect", "schedule"):
        if tok.head.lemma_ != "go" or tok.head.tag_ == "VBG":
            return True
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ in ("amod", "compound") and c.lower_ in lex.cue("future_modifiers"):
                return True
        # "ahead of the summit"
        h = tok.head
        if tok.dep_ == "pobj" and h.lower_ == "of" and h.head.lower_ in lex.cue("future_preps"):
            return True
    return False


def conditional(tok, lex: Lexicon) -> bool:
    return bool(aux_words(tok) & lex.cue("conditional_aux"))


def possible(tok, lex: Lexicon) -> bool:
    return bool(aux_words(tok) & lex.cue("possibility_aux"))


@memo
def condition_clause(tok, lex: Lexicon):
    """The if/unless/should clause attached to ``tok``'s clause, or None."""
    marks = lex.cue("condition_marks")
    for c in tok.children:
        if c.dep_ in ("advcl", "ccomp"):
            if c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in marks for m in c.children):
                return c
            # "should Russia invade": subject-auxiliary inversion
            first = c.doc[c.left_edge.i]
            if first.lower_ in ("should", "had", "were") and first.head.i == c.i:
                return c
    return None


@memo
def in_condition(tok, lex: Lexicon) -> bool:
    """``tok`` sits inside an if/unless clause (or is the condition itself)."""
    marks = lex.cue("condition_marks")
    t = tok
    for _ in range(8):
        if t.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in marks
                                      for m in t.children):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


@memo
def question(tok, lex: Lexicon) -> bool:
    """Content of a question: "asked whether he would impose a tariff", "whether there was
    anything Russia could do to avoid sanctions"."""
    low = sent_info(tok)[2]
    if "whether" not in low and not any(w in low for w in ("ask", "wonder", "question", "inquir", "enquir")):
        return False
    t = tok
    qverbs = lex.cue("question_verbs")
    for _ in range(10):
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ == "whether":
                return True
            if c.dep_ == "mark" and c.lower_ == "if" and t.head.lemma_ in qverbs:
                return True
        if t.head.i == t.i:
            break
        if t.head.lemma_ in qverbs and t.dep_ in ("ccomp", "xcomp") and any(
                c.tag_ in ("WDT", "WP", "WRB") for c in t.subtree if c.i < t.i):
            return True
        t = t.head
    return False


_SKIP = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "xcomp", "csubj"})


def own_clause(head) -> list:
    """The tokens of ``head``'s own clause, without the clauses embedded in it."""
    out = [head]
    stack = list(head.children)
    while stack:
        t = stack.pop()
        if t.dep_ in _SKIP:
            continue
        out.append(t)
        stack.extend(t.children)
    return out


@memo
def reported_marker(tok, lex: Lexicon) -> bool:
    """An adverb or phrase of hearsay in the clause: "reportedly", "according to", "is said to"."""
    head = clause_head(tok)
    advs = lex.cue("report_adverbs")
    for c in list(head.children) + list(tok.children):
        if c.lower_ in advs:
            return True
    return _sent_has(tok, lex, "report_phrases")


def _sent_has(tok, lex: Lexicon, cue: str) -> bool:
    """Does the sentence's text hold one of the phrases of ``cue`` (cached per sentence)?"""
    start, _, low = sent_info(tok)
    key = (id(tok.doc), start, cue)
    hit = _SENT_CACHE.get(key)
    if hit is None:
        if len(_SENT_CACHE) > 4096:
            _SENT_CACHE.clear()
        hit = any(p in low for p in lex.cue(cue))
        _SENT_CACHE[key] = hit
    return hit


@memo
def historical_marker(tok, lex: Lexicon) -> bool:
    """An adverb or phrase that puts the act in the past of the story ("once warned",
    "has met with Putin several times before", "during his election campaign")."""
    head = clause_head(tok)
    if _presupposed(head, lex):
        return True
    advs = lex.cue("historical_adverbs")
    for t in (tok, head):
        for c in t.children:
            if c.dep_ in ("advmod", "npadvmod") and c.lower_ in advs:
                # "already" and "earlier" alone are weak: "earlier this week" is today's news
                if c.lower_ in ("earlier", "already") and any(cc.lower_ in ("this", "today") for cc in c.subtree):
                    continue
                return True
    # phrases: only in the trigger's own clause ("which Russia annexed in 2014" is not the
    # demand's time)
    if not _sent_has(tok, lex, "historical_phrases"):
        return False
    own = sorted(own_clause(head), key=lambda t: t.i)
    span = " ".join(t.lower_ for t in own)
    return any(p in span for p in lex.cue("historical_phrases"))


def _presupposed(head, lex: Lexicon) -> bool:
    """A past or perfect clause that is the content of a noun like "reason" or "fact" ("ignores
    the reason that Moscow has been ostracized by much of the West"), or a because-clause giving
    the cause of a present state: background the writer takes as known, not news of the day."""
    past = head.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)
    if head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "because" for c in head.children):
        return past  # "relations are strained because capitals have cut off contact": the cause
    if head.dep_ not in ("relcl", "acl", "ccomp") or head.head.lemma_.lower() not in lex.cue("presupposition_nouns"):
        return False
    return past


def habitual(tok) -> bool:
    return any(c.lower_ in ("repeatedly", "often", "frequently", "regularly", "routinely")
               for c in tok.children)


def event_passive(tok) -> bool:
    """A passive clause: "was arrested", "has been accused of"."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
