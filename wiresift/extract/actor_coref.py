"""Antecedents: what a pronoun, a title or a description refers back to.

No offline coreference model runs on spaCy 3.8 (../shared/docs/stack.md, section 3), so this
is a small rule system in the spirit of Lappin and Leass (1994): every resolved mention
before a pronoun gives its actor a salience, higher when it is recent, a subject, in the main
clause, in the same grammatical role as the pronoun, and in the narrative rather than inside
someone's quotation; the pronoun takes the most salient actor that agrees with it in gender
and number. Unlike Lappin and Leass, an actor's salience is its best mention's (plus a little
for repeats): newswire names its protagonist in every paragraph, and a plain sum makes him the
antecedent of every "he". Titles and descriptions ("the
Russian leader", "the alliance") take the nearest compatible actor instead, because a
newswire re-uses a title for the last person it introduced with it.

Captions are their own little texts: a pronoun in a caption looks only inside that caption,
and body pronouns never look into captions (a photo caption between two paragraphs is not
part of the story's thread). Inside a quotation, the quote's speaker is never a third-person
antecedent: "“He thought I was crazy,” Trump remarked" is not about Trump.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})
OBJ_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
IOBJ_DEPS = frozenset({"dative", "iobj", "pobj"})

# Salience weights (Lappin & Leass 1994, simplified): each is halved per sentence of distance.
W_RECENT = 100.0
W_SUBJ = 80.0
W_OBJ = 50.0
W_IOBJ = 40.0
W_POSS = 30.0
W_NOT_IN_PP = 50.0
W_MAIN = 20.0
W_PARALLEL = 35.0
QUOTE_FACTOR = 0.3  # a mention inside a quotation, for a pronoun outside it
REPEAT_FACTOR = 0.1  # what each further mention of the same actor adds
WINDOW = 4  # sentences back


@dataclass
class Ref:
    """One resolved mention, as the antecedent search sees it."""

    start: int  # characters
    end: int
    head: int  # token index of the phrase head
    aid: str
    stream: str  # "body" or "caption:<section index>"
    pos: int  # sentence ordinal within the stream
    gram: str  # subj | obj | iobj | poss | other
    main: bool  # the head belongs to the sentence's main clause
    in_pp: bool
    quote: int  # quotation index, -1 outside quotes
    how: str


class History:
    """Resolved mentions in text order."""

    def __init__(self) -> None:
        self.refs: list[Ref] = []
        self._starts: list[int] = []

    def add(self, ref: Ref) -> None:
        i = bisect.bisect_right(self._starts, ref.start)
        self.refs.insert(i, ref)
        self._starts.insert(i, ref.start)

    def before(self, char: int) -> Iterator[Ref]:
        """Mentions starting before ``char``, nearest first."""
        i = bisect.bisect_left(self._starts, char) - 1
        while i >= 0:
            yield self.refs[i]
            i -= 1

    def after(self, char: int) -> Iterator[Ref]:
        i = bisect.bisect_right(self._starts, char)
        while i < len(self.refs):
            yield self.refs[i]
            i += 1


def grammatical_role(sheet, i: int) -> tuple[str, bool, bool]:
    """(role, in main clause, inside a prepositional phrase) of the phrase headed by token ``i``."""
    dep, head = sheet.dep, sheet.head
    for _ in range(4):  # a conjunct or appositive takes the role of the phrase it joins
        if dep[i] in ("conj", "appos") and head[i] != i:
            i = head[i]
        else:
            break
    d = dep[i]
    if d in SUBJ_DEPS:
        gram = "subj"
    elif d in OBJ_DEPS:
        gram = "obj"
    elif d in IOBJ_DEPS:
        gram = "iobj"
    elif d == "poss":
        # the possessor of a subject is as salient as the subject ("Trump’s willingness to meet
        # Putin marks a shift. His envoy ..." is about Trump)
        gram = "subj" if dep[head[i]] in SUBJ_DEPS else "poss"
    else:
        gram = "other"
    h = head[i]
    main = dep[h] == "ROOT" or (dep[h] == "conj" and dep[head[h]] == "ROOT")
    return gram, main, d == "pobj"


def pick_pronoun(history: History, *, start: int, stream: str, pos: int, quote: int, gram: str,
                 compatible: Callable[[str], bool], excluded: set[str] = frozenset(),
                 coargs: set[int] = frozenset(), window: int = WINDOW, subj_only: bool = False) -> str | None:
    """The most salient compatible actor before a pronoun (see module doc). ``subj_only``
    keeps only subject antecedents (used for an "it" nobody asked about)."""
    scores: dict[str, list[float]] = defaultdict(list)
    for ref in history.before(start):
        if ref.stream != stream:
            continue
        dist = pos - ref.pos
        if dist > window:
            break
        if ref.aid in excluded or ref.head in coargs or ref.gram == "desc" or (subj_only and ref.gram != "subj"):
            continue
        if not compatible(ref.aid):
            continue
        w = W_RECENT
        w += {"subj": W_SUBJ, "obj": W_OBJ, "iobj": W_IOBJ, "poss": W_POSS}.get(ref.gram, 0.0)
        if not ref.in_pp:
            w += W_NOT_IN_PP
        if ref.main:
            w += W_MAIN
        if gram == ref.gram and gram in ("subj", "obj"):
            w += W_PARALLEL
        if ref.quote >= 0 and ref.quote != quote:
            w *= QUOTE_FACTOR
        scores[ref.aid].append(w * (0.5 ** max(dist, 0)))
    if not scores:
        return None
    # the best single mention decides; repeated mentions only break near-ties (summing them all,
    # as Lappin & Leass do, lets a much-named actor outweigh the subject of the last sentence)
    total = {aid: max(ws) + REPEAT_FACTOR * (sum(ws) - max(ws)) for aid, ws in scores.items()}
    return max(total.items(), key=lambda kv: kv[1])[0]


def pick_nearest(history: History, **kw) -> str | None:
    """The actor of ``nearest_ref`` (same arguments)."""
    ref = nearest_ref(history, **kw)
    return ref.aid if ref is not None else None


def nearest_ref(history: History, *, start: int, stream: str, compatible: Callable[[str], bool],
                excluded: set[str] = frozenset(), limit_pos: int | None = None, pos: int = 0,
                same_stream: bool = False, skip_desc: bool = False, number: str | None = None,
                tags: list[str] | None = None) -> Ref | None:
    """The nearest compatible actor before ``start`` ("the Russian leader", "the alliance"),
    at most ``limit_pos`` sentences back. With ``number="sg"`` and the sheet's ``tags``,
    mentions headed by a plural noun are skipped.

    A caption looks in itself first, then (unless ``same_stream``) at the body before it; the
    body never looks into captions."""
    caption = stream.startswith("caption") and not same_stream
    for ref in history.before(start):
        if ref.stream != stream and not (caption and ref.stream == "body"):
            continue
        if limit_pos is not None and ref.stream == stream and pos - ref.pos > limit_pos:
            break
        if ref.aid in excluded or (skip_desc and ref.gram == "desc"):
            continue
        if number == "sg" and tags is not None and tags[ref.head] in ("NNS", "NNPS"):
            continue  # "it" is not "allies"
        if compatible(ref.aid):
            return ref
    return None


def quote_speaker_heads(sheet, i: int, speech: frozenset[str] = frozenset()) -> list[int]:
    """Token indices of the subject(s) of the speech verb a quoted token depends on: the
    speaker of the quotation holding token ``i`` ("“...,” Trump remarked" -> Trump)."""
    quote, head = sheet.quote, sheet.head
    q = quote[i]
    if q < 0:
        return []
    out: list[int] = []
    x = root = i
    for _ in range(40):  # up to the first head outside the quotation
        h = head[x]
        if h == x:
            root = x
            break
        if quote[h] != q:
            out += _speaker_subjects(sheet, h, speech)
            break
        x = root = h
    if not out:  # the quote is the sentence: the cue hangs below its root ("..., Trump said")
        for c in sheet.kids[root]:
            if quote[c] != q and sheet.pos[c] in ("VERB", "AUX"):
                out += _speaker_subjects(sheet, c, speech)
    return out


def _speaker_subjects(sheet, verb: int, speech: frozenset[str]) -> list[int]:
    """Subjects of the cue verb, climbing conjuncts and complements to the nearest speech
    verb with a subject: in "Trump said Putin appeared unconvinced but added, “...”", the
    parse hangs "added" on "appeared", but the one who adds is the one who said."""
    v, first = verb, None
    for _ in range(5):
        subs = [c for c in sheet.kids[v] if sheet.dep[c] in ("nsubj", "nsubjpass")]
        if subs and sheet.lemma[v].lower() in speech:
            return subs
        if subs and first is None:
            first = subs
        h = sheet.head[v]
        if h == v or sheet.dep[v] not in ("conj", "ccomp", "xcomp", "advcl", "parataxis"):
            break
        v = h
    return first or []


def coarguments(sheet, i: int) -> set[int]:
    """Heads that cannot be a non-reflexive pronoun's antecedent: the other arguments of its
    own verb ("Trump warned him": him is not Trump)."""
    verb = sheet.head[i]
    if sheet.dep[i] == "pobj" and sheet.head[verb] != verb:
        verb = sheet.head[verb]
    deps = SUBJ_DEPS | OBJ_DEPS | {"dative"}
    out = {c for c in sheet.kids[verb] if c != i and sheet.dep[c] in deps}
    if not any(sheet.dep[c] in SUBJ_DEPS for c in out):
        subj = _inherited_subject(sheet, verb)
        if subj is not None and subj != i:
            out.add(subj)  # "The president ... going so far as to have a flyover for him": not him
    return out


def _inherited_subject(sheet, verb: int) -> int | None:
    """The subject an infinitive, participle or conjunct verb shares with the verb above it
    (through adverbs: "going so far as to roll out ... and have")."""
    v = verb
    for _ in range(5):
        if sheet.dep[v] not in ("xcomp", "advcl", "conj", "advmod") or sheet.head[v] == v:
            return None
        v = sheet.head[v]
        subj = next((c for c in sheet.kids[v] if sheet.dep[c] in SUBJ_DEPS), None)
        if subj is not None:
            return subj
    return None
