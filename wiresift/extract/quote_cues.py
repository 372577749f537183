"""Cue words and the syntax around them: who speaks, and what is said.

The word lists live in ``wiresift/data/quotes/cues.yaml`` (analysts extend them without
touching code); this module only knows how each class of cue takes its content on a spaCy
dependency parse:

* clause cues take a clausal complement: "Peskov said *the report was false*";
* intent cues take an infinitive: "Trump vowed *to impose sanctions*";
* object cues take their complements: "accused *Putin of bluffing*";
* phrasal cues take the object of their preposition: "called for *a ceasefire*";
* any cue, failing those, takes a prepositional object ("commented on *the closure*"), a
  relative word ("*which* the bank detailed"), or its passive subject ("*a curfew* was
  announced");
* noun cues take a "that" clause, an infinitive or a topic phrase ("her plan *to raise
  taxes*", "criticism *of Lauer*").

Which subjects may be sources is decided here too (``is_source``, ``speaker_like``).

Every function returns token indices or character offsets, never new objects, so the
quotes extractor can stay a pure function from the parse to records.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..paths import DATA_DIR, read_yaml

CUES_FILE = DATA_DIR / "quotes" / "cues.yaml"

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_PERSONAL_PRONOUNS = {"i", "you", "he", "she", "we", "they", "me", "him", "her", "us", "them"}
_RELATIVE = {"who", "that", "which", "whom"}
# Complements of an object cue that carry its content.
_OBJECT_DEPS = {"dobj", "oprd", "ccomp", "xcomp", "attr"}
_OBJECT_PREPS = {"of", "as", "for", "about", "over", "on", "against", "with", "in"}
_TO_VERBS = {"liken", "compare", "refer", "object"}  # "likened X to Y": "to" carries content
# Sentence openers that frame a reported clause but are not part of what was said.
_OPENER_DEPS = {"cc", "advmod", "prep", "npadvmod", "advcl", "intj", "discourse"}
_CLAUSE_DEPS = {"ccomp"}
_COMPLEMENTIZERS = {"that", "whether", "if", "how", "why"}  # marks a reported clause may carry


@dataclass(frozen=True)
class Lexicon:
    """The cue word lists of cues.yaml, as sets of lower-case lemmas (see the file's comments)."""

    speech: frozenset[str]
    quote_only: frozenset[str]
    cognition: frozenset[str]
    intent: frozenset[str]
    object: frozenset[str]
    stance: frozenset[str]  # stance and exposition verbs: object content, speaker-like subject
    phrasal: dict[str, frozenset[str]]
    according: tuple[tuple[str, ...], ...]
    document_sources: frozenset[str]
    weak: frozenset[str]
    non_sources: frozenset[str]
    nouns: frozenset[str]
    noun_preps: frozenset[str]
    noun_intent: frozenset[str]
    not_speakers: frozenset[str]
    lemma_fixes: dict[str, str]
    speaker_nouns: frozenset[str]
    people_pronouns: frozenset[str]
    agent_suffixes: tuple[str, ...]
    not_agents: frozenset[str]
    content_preps: frozenset[str]
    adjectives: frozenset[str]
    document_preps: frozenset[str]
    polls: frozenset[str]
    event_objects: frozenset[str]
    addressee_verbs: frozenset[str]
    evidential: frozenset[str]
    framed: frozenset[str]
    modal_passives: frozenset[str]

    def lemma(self, tok) -> str:
        """The lower-case lemma of ``tok``, with the tagger's known slips mended ("hoping" -> "hop")."""
        return self.lemma_fixes.get(tok.lower_) or tok.lemma_.lower()

    def quote_cue(self, lemma: str) -> bool:
        """May this verb introduce or follow a direct quote?"""
        return lemma in self.speech or lemma in self.quote_only or lemma in self.cognition

    def any_cue(self, lemma: str) -> bool:
        return (lemma in self.speech or lemma in self.cognition or lemma in self.intent
                or lemma in self.object or lemma in self.phrasal)


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = read_yaml(CUES_FILE)

    def word(w, key: str) -> str:
        if not isinstance(w, str):  # YAML reads a bare on / off / yes / no as a boolean
            raise ValueError(f"{CUES_FILE.name}: entry {w!r} under {key!r} is not a word; quote it")
        return w.lower()

    def words(key: str) -> frozenset[str]:
        return frozenset(word(w, key) for w in data.get(key) or ())

    return Lexicon(
        speech=words("speech"),
        quote_only=words("quote_only"),
        cognition=words("cognition"),
        intent=words("intent"),
        object=words("object") | words("stance") | words("exposition"),
        stance=words("stance") | words("exposition"),
        phrasal={k.lower(): frozenset(word(w, k) for w in v) for k, v in (data.get("phrasal") or {}).items()},
        according=tuple(tuple(p.lower().split()) for p in data.get("according") or ()),
        document_sources=words("document_sources"),
        weak=words("weak_speech"),
        non_sources=words("non_sources"),
        nouns=words("nouns") | words("nouns_with_about") | words("nouns_of_intent"),
        noun_preps=words("nouns_with_about"),
        noun_intent=words("nouns_of_intent"),
        not_speakers=words("not_speakers"),
        lemma_fixes={str(k).lower(): str(v).lower() for k, v in (data.get("lemma_fixes") or {}).items()},
        speaker_nouns=words("speaker_nouns"),
        people_pronouns=words("people_pronouns"),
        agent_suffixes=tuple(str(w).lower() for w in data.get("agent_suffixes") or ()),
        not_agents=words("not_agents"),
        content_preps=words("content_prepositions"),
        adjectives=words("adjectives"),
        document_preps=words("document_prepositions"),
        polls=words("poll_sources"),
        event_objects=words("event_objects"),
        addressee_verbs=words("addressee_verbs"),
        evidential=words("evidential"),
        framed=words("framed_objects"),
        modal_passives=words("modal_passives"),
    )


# -- sources ----------------------------------------------------------------------------------

def _own_subject(tok, climbing: bool):
    """The subject written on ``tok`` itself (None if it has none or is a plain passive)."""
    passive = False
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
        if c.dep_ == "nsubjpass":
            passive = True
    if passive or any(c.dep_ == "auxpass" for c in tok.children):
        for c in tok.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        # "Trump can be heard saying": the passive subject speaks through the xcomp, so only
        # a climb reaches it; a plain passive cue ("it was reported") has no source.
        if climbing:
            return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    return None


_CLIMB = ("conj", "xcomp", "advcl", "relcl", "acomp")


def _infinitive(tok) -> bool:
    """"to discuss": a bare infinitive with its "to"."""
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _followed_by_comma(tok) -> bool:
    """Does a comma or dash close the phrase headed by ``tok`` ("The report was false, he
    said")? A clause before its cue without one is a misparse ("The debate is predictable:
    Trump has vowed to ...")."""
    doc = tok.doc
    i = tok.right_edge.i + 1
    while i < len(doc) and (doc[i].is_space or doc[i].is_quote):
        i += 1
    if i < len(doc) and doc[i].text in (",", "—", "–", "--", "―"):
        return True
    j = tok.right_edge.i
    return doc[j].text in (",", "—", "–", "--", "―") or (doc[j].is_quote and j > 0 and doc[j - 1].text in (",", "?", "!"))


def _set_off(tok) -> bool:
    """Is the phrase headed by ``tok`` set off by a comma or dash before it?"""
    i = tok.left_edge.i - 1
    doc = tok.doc
    while i >= 0 and (doc[i].is_space or doc[i].is_quote):
        i -= 1
    return i >= 0 and doc[i].text in (",", "—", "–", "--", ";")


def passive(tok) -> bool:
    """A passive cue: "is expected to", "was labeled", or a past participle modifying a noun
    ("the laws proposed by Nixon", "a bill known as ...")."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (tok.dep_ == "acl" and tok.tag_ == "VBN")


def subject_of(tok, ok=None, is_cue=None):
    """The token naming who performs ``tok`` (a verb), climbing through verb chains.

    "Trump can be heard saying" -> Trump (saying hangs off heard); "He replied, '...,'
    adding" -> He; "was dismissed by the Kremlin" -> Kremlin (the passive agent). ``ok``
    rejects candidates (the quotes extractor rejects subjects inside a quotation, so a cue
    the parser hung inside the quote climbs out of it). ``is_cue`` tells cue verbs: a cue
    conjoined to a reported clause ("said Putin appeared unconvinced but added ...") belongs
    to the reporting verb, not to the clause it was attached to.
    """
    ok = ok or (lambda t: True)
    is_cue = is_cue or (lambda t: False)
    cur = tok
    for depth in range(6):
        subj = _own_subject(cur, depth > 0)
        if subj is not None and ok(subj):
            return subj
        head = cur.head
        if head.i == cur.i:
            return None
        if subj is None:
            if cur.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
                # "responded by saying", "stopped short of calling", "his campaign theme of
                # questioning trade deals", "voters will have no way of knowing"
                up = head.head
                while up.pos_ not in ("VERB", "AUX") and not (up.dep_ == "ROOT" and any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in up.children)):
                    # (a root with a subject is the clause's verb, whatever its tag: "After
                    # saying ..., she was whisked off")
                    poss = next((c for c in up.children if c.dep_ == "poss"), None)
                    if poss is not None and up.pos_ == "NOUN":
                        return poss if ok(poss) else None
                    if up.head.i == up.i:
                        return None
                    up = up.head
                cur = up
                continue
            if cur.dep_ == "acl" and cur.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN", "PRON"):
                if not _set_off(cur) or head.pos_ == "PRON":
                    # "a statement calling the test a violation", "a tweet attacking her",
                    # "each touting their own experience"
                    return head if ok(head) else None
                # "admires Putin as a strong leader, comparing him to Obama": a free adjunct
                # the parser hung on the nearest noun belongs to the clause's verb
                while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
                    head = head.head
                if head.pos_ not in ("VERB", "AUX"):
                    return None
                cur = head
                continue
            if cur.dep_ not in _CLIMB:
                return None
            if cur.dep_ == "advcl" and cur.tag_ not in ("VBG", "VBN") and not _infinitive(cur) \
                    and (any(c.dep_ == "mark" for c in cur.children) or cur.tag_ not in ("VBD",)):
                # "..., because he said": a finite adverbial clause has its own subject; a
                # bare past form with neither subject nor conjunction is a participle the
                # tagger took for a past tense ("came away convinced that ...")
                return None
            if cur.dep_ == "relcl":
                return head if ok(head) else None
            if cur.dep_ == "conj" and is_cue(tok) and head.dep_ in ("ccomp", "xcomp", "oprd") \
                    and not is_cue(head) and head.head.i != head.i:
                head = head.head
        cur = head
    return None


def resolve_relative(tok):
    """A relative pronoun subject ("who cited ...") stands for the noun its clause modifies."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        return tok.head.head
    return tok


def source_bounds(tok) -> tuple[int, int]:
    """Token range [lo, hi) of the whole noun phrase headed by ``tok``.

    The source span is evidence, so it keeps everything the text says about the speaker:
    titles, appositions, ages, home towns, party tags and relative clauses ("Kenneth Baer,
    a former Obama administration official who runs Crosscut Strategies"), as attribution
    corpora mark it. Only what is not about the speaker goes: a time phrase ("Trump this
    week"), and a dateline glued to the sentence start ("WASHINGTON -- President Obama").
    """
    doc = tok.doc
    lo, hi = tok.i, tok.i + 1
    cut = None
    for c in tok.children:
        after = c.i > tok.i
        if c.ent_type_ in ("DATE", "TIME") and c.dep_ in ("npadvmod", "nmod", "compound", "appos"):
            if after and (cut is None or c.left_edge.i < cut):
                cut = c.left_edge.i
            continue
        lo = min(lo, c.left_edge.i)
        hi = max(hi, c.right_edge.i + 1)
    if cut is not None:
        hi = min(hi, cut)
    for i in range(lo, min(hi - 1, lo + 5)):
        if doc[i].text in ("--", "—", "–", "-") and i > lo and all(t.is_upper or t.is_punct for t in doc[lo:i]):
            lo = i + 1
            break
    depth = sum(1 if t.text == "(" else -1 if t.text == ")" else 0 for t in doc[lo:hi])
    j = hi
    while depth > 0 and j < len(doc) and j < hi + 8:  # close a parenthesis the span opened
        depth += 1 if doc[j].text == "(" else -1 if doc[j].text == ")" else 0
        j += 1
    if depth == 0:
        hi = j
    while hi > lo + 1 and (doc[hi - 1].is_space or (doc[hi - 1].is_punct and doc[hi - 1].text != ")")):
        hi -= 1
    while lo < hi - 1 and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return lo, hi


def _is_time_prep(prep) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)


def is_source(tok, lex: Lexicon, weak: bool, allow_it: bool = False, actor=None) -> bool:
    """Can ``tok`` (a subject, relative pronouns already resolved) be a source?

    ``weak`` cues (show, find, indicate ...) need a speaker-like or document-like subject:
    "a Bloomberg poll shows" attributes, "the incident shows" does not. ``allow_it`` lets
    "it" stand for an organisation ("it said", "it attacked Trump") with verbs of saying.
    """
    low = tok.lower_
    if low == "it":  # an organisation the resolver found ("it attacked Trump"), or one a verb of saying implies
        return (actor is not None and actor(tok)) or (allow_it and not weak)
    if low in lex.non_sources and not (low in _RELATIVE and tok.head.dep_ == "relcl"):
        return False
    if tok.pos_ in ("PRON", "DET") and low in lex.people_pronouns:
        return True  # "someone asked", "some believe", "no one expected"
    if tok.pos_ == "PRON" and low not in _PERSONAL_PRONOUNS and low not in _RELATIVE:
        return False  # "nothing", "this"
    if tok.ent_type_ in ("PERCENT", "CARDINAL") or tok.lower_ in ("percent", "%"):
        return True  # "73 percent said", "Twelve percent indicated" (poll answers)
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "QUANTITY"):
        return False
    return not weak or speaker_like(tok, lex, actor)


def speaker_like(tok, lex: Lexicon, actor=None) -> bool:
    """Does ``tok`` name someone who can hold a view, or a document that states one?

    Names and organisations (the entity tagger), personal pronouns, nouns for people
    ("voters", "officials", "critics"), agent nouns by their suffix ("regulators",
    "environmentalists", "economists") and document nouns ("a Bloomberg poll"). A weak cue
    or a verb of stance needs such a subject: "critics oppose the plan", not "rain
    supports the harvest". ``actor`` (token -> bool) says where the actor resolver found an
    actor mention: the tagger misses names it knows ("Trump" tagged as a common noun).
    """
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if actor is not None and actor(tok):  # the actor resolver found someone here
        return True
    low = tok.lower_
    if low in _PERSONAL_PRONOUNS or low in _RELATIVE or low in lex.people_pronouns:
        return True
    lemma = tok.lemma_.lower()
    if lemma in lex.document_sources or lemma in lex.speaker_nouns:
        return True
    if tok.pos_ in ("NUM", "PRON", "DET", "ADJ") or lemma in ("one", "some", "many", "most", "half"):
        # a partitive speaks for its group: "one of the president's advisers", "most of the senators"
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is not None and obj.pos_ != "PRON":
            return speaker_like(obj, lex, actor)
    return tok.pos_ == "NOUN" and len(lemma) > 5 and lemma.endswith(lex.agent_suffixes) \
        and lemma not in lex.not_agents


# -- contents ---------------------------------------------------------------------------------

def _span(tok) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def clause_content(cue, is_cue=None) -> tuple[int, int] | None:
    """The clausal complement of a verb of saying or thinking, as a token range.

    A cue verb the parser conjoined into the clause ("said Putin appeared unconvinced but
    added, ...") is cut off: it is a second attribution by the same speaker. A clause with
    its own subject that the parser conjoined to the cue instead ("said X, and the answers
    weren't researched") is part of what was said. A participle set off at the end of the
    clause ("Video shows that he had his hands up, contradicting the police") is the
    writer's comment on it, not part of it.
    """
    clauses = [c for c in cue.children if c.dep_ in _CLAUSE_DEPS and not any(
        g.dep_ == "mark" and g.lower_ not in _COMPLEMENTIZERS for g in c.children)
        and (c.i > cue.i or _followed_by_comma(c))]
    if not clauses:
        return None
    # the complement after the cue first: one before it is a misparsed adverbial ("While he
    # acknowledged X, Ham noted Y") unless the cue comes after its content ("X, he noted")
    c = min(clauses, key=lambda c: (c.i < cue.i, abs(c.i - cue.i)))
    lo, hi = _span(c)
    if lo < cue.i < c.i:
        lo = cue.i + 1  # "which he said came with favours": the relative word was moved out
    for g in c.children:
        if g.i > c.i and g.tag_ == "VBG" and g.dep_ in ("advcl", "xcomp") \
                and _set_off(g) and g.right_edge.i + 1 >= hi and c.i > cue.i:
            hi = min(hi, g.left_edge.i)
        if is_cue is not None and g.dep_ == "conj" and g.i > c.i and is_cue(g) and not _second_complement(g):
            # "said X and added ...", "emphasized that X, and rights groups warned that Y",
            # "said 20 people have shown interest, but he refuses to discuss them"
            cc = [x.i for x in c.children if x.dep_ in ("cc", "punct") and c.i < x.i < g.i]
            hi = min(hi, min(cc) if cc else g.left_edge.i)
    # a semicolon ends what was said when a new clause follows it ("said the timing was not
    # intentional; they only learned on Friday of the arrangements")
    for j in range(lo, hi):
        if cue.doc[j].text == ";" and j > lo:
            hi = j
            break
    if c.i > cue.i:
        for g in cue.children:
            if g.dep_ == "conj" and g.left_edge.i >= hi and (is_cue is None or not is_cue(g)) \
                    and any(x.dep_ in SUBJECT_DEPS for x in g.children) \
                    and all(t.dep_ in ("cc", "punct") or t.is_space for t in cue.doc[hi:g.left_edge.i]):
                hi = g.right_edge.i + 1
    return lo, hi


def _second_complement(conj) -> bool:
    """"said the videos were inconclusive *and that the footage did not show* ...": a
    conjoined clause with its own "that" is a second complement of the same cue, whatever
    its verb."""
    return conj.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" and c.i < conj.i for c in conj.children)


def strip_openers(doc, lo: int, hi: int) -> int:
    """Skip framing words at the start of a reported clause: "However, ...", "And ...",
    "During his years in office, ...", "Details aside, ...". Returns the new start."""
    i = lo
    for _ in range(4):
        if i >= hi:
            return lo
        t = doc[i]
        if t.dep_ == "cc" and t.head.i >= i:
            i += 1
            continue
        # an opener that ends with a comma before the clause's subject
        head = t.head
        top = t
        while top.head.i < hi and top.head.i >= i and top.head.i != top.i and top.dep_ not in _OPENER_DEPS:
            top = top.head
        if top.dep_ in _OPENER_DEPS and top.left_edge.i == i and top.head.i > top.right_edge.i:
            j = top.right_edge.i + 1
            if j < hi and doc[j].text == "," and not (head.dep_ == "mark"):
                i = j + 1
                continue
        break
    while i < hi and (doc[i].is_space or (doc[i].is_punct and not doc[i].is_quote)):
        i += 1
    return i if i < hi else lo


def intent_content(cue) -> tuple[int, int] | None:
    """"vowed to retaliate" -> "to retaliate"; "urged Congress to act" -> "Congress to act"."""
    xcomp = next((c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i), None)
    if xcomp is None:
        return None
    lo, hi = _span(xcomp)
    obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative") and cue.i < c.i < xcomp.i), None)
    if obj is not None:
        lo = min(lo, obj.left_edge.i)
    return lo, hi


def phrasal_content(cue, lex: Lexicon) -> tuple[int, int] | None:
    """"called for a ceasefire" -> "a ceasefire"; "pointed out that X" -> "that X"."""
    preps = lex.phrasal.get(cue.lemma_.lower())
    if not preps:
        return None
    for c in cue.children:
        if c.i > cue.i and c.lower_ in preps:
            if c.dep_ == "prep":
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    hi = c.right_edge.i + 1
                    # "called on Republicans to reject him": who is called on, and to do what
                    for g in cue.children:
                        if g.dep_ in ("xcomp", "advcl") and g.i > c.i and _infinitive(g):
                            hi = max(hi, g.right_edge.i + 1)
                    return objs[0].left_edge.i, hi
            elif c.dep_ == "prt":
                rest = [g for g in cue.children if g.i > c.i and g.dep_ in ("ccomp", "dobj", "prep")]
                if rest:
                    lo = rest[0].left_edge.i
                    if rest[0].dep_ == "prep":  # "spoke out about X": the content is X
                        objs = [g for g in rest[0].children if g.dep_ in ("pobj", "pcomp")]
                        lo = objs[0].left_edge.i if objs else lo
                    return lo, max(g.right_edge.i for g in rest) + 1
    return None


def object_content(cue, lex: "Lexicon | None" = None, actor=None) -> tuple[int, int] | None:
    """The complements right of an object cue: "accused Putin of bluffing".

    The addressee is not content ("gave them mining permits", "the devil to me", "told The
    Huffington Post", "addressed the symposium"), nor is anything set off by a comma
    ("endorsed Clinton on Thursday, another example of ..."). A bare object that is an
    amount ("raised $1 million") or an event ("held rallies", "called an emergency
    meeting") is what the verb does, not what it says or thinks.
    """
    doc = cue.doc
    parts = []
    for c in cue.children:
        if c.i < cue.i or c.dep_ == "dative":
            continue
        if c.left_edge.i > cue.i + 1 and doc[c.left_edge.i - 1].text == "," and parts:
            break
        if c.dep_ in _OBJECT_DEPS or (c.dep_ == "prep" and not _is_time_prep(c) and (
                c.lower_ in _OBJECT_PREPS or (c.lower_ == "to" and cue.lemma_.lower() in _TO_VERBS))):
            parts.append(c)
    if not parts or not any(p.dep_ in ("dobj", "ccomp", "xcomp", "oprd") or p.lower_ in ("of", "as", "for") for p in parts):
        return None
    if lex is not None and lex.lemma(cue) in lex.framed and not any(
            p.dep_ in ("oprd", "ccomp", "xcomp") or p.lower_ == "as" for p in parts):
        return None  # "saw a surge", "heard the case": perception, not a view
    obj = next((p for p in parts if p.dep_ == "dobj"), None)
    if lex is not None and obj is not None and not any(p.dep_ in ("oprd", "ccomp", "xcomp") for p in parts):
        if obj.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL") or obj.lemma_.lower() in lex.event_objects:
            return None
        if len(parts) == 1 and lex.lemma(cue) in lex.addressee_verbs and (
                obj.pos_ == "PRON" or speaker_like(obj, lex, actor)):
            return None
    return min(p.left_edge.i for p in parts), max(p.right_edge.i for p in parts) + 1


def parenthetical_content(cue) -> tuple[int, int] | None:
    """A cue set off by commas after or inside its content, whatever the parse made of it.

    "The report was false, Peskov said." / "The museum, Mr. Bush said, celebrated his
    heroes." / "..., Sen. Lindsey Graham (R-S.C.) told The Huffington Post." The content is
    the rest of the sentence: the part before the cue's phrase, and the part after it when
    the cue interrupts the sentence (the span then runs over the interruption).
    """
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > cue.i for c in cue.children):
        return None
    doc = cue.doc
    sent = cue.sent
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i), None)
    lo = subj.left_edge.i if subj is not None else cue.i
    aux = [c.i for c in cue.children if c.dep_ in ("aux", "advmod", "neg") and (lo if subj is not None else cue.i - 3) < c.i < cue.i]
    lo = min([lo] + aux)
    if lo - 1 <= sent.start or doc[lo - 1].text not in (",", "—", "–", "--"):
        # the parser lost the subject ("To understand X, Chief Justice Roberts said, one
        # should ...": "Scott" made the subject): the commas decide
        return _as_aside(cue, comma=True)
    start = sent.start
    while start < lo - 1 and (doc[start].is_space or (doc[start].is_punct and not doc[start].is_quote)):
        start += 1
    left = [t for t in doc[start:lo - 1]]
    end = lo - 1
    rest: list = []
    # the cue interrupts the sentence: "..., he said, local officials should be vigilant."
    for j in range(cue.i + 1, min(cue.i + 8, sent.end)):
        if doc[j].text in (",", "—", "–"):
            rest = [t for t in doc[j + 1:sent.end] if not t.is_punct]
            if len(rest) >= 3:
                end = sent.end
            else:
                rest = []
            break
        if doc[j].pos_ in ("VERB", "AUX"):
            break
    words = left + rest
    if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    return start, end


def as_content(cue) -> tuple[int, int] | None:
    """"As Ms. Simonyan put it, RT is providing a perspective ...": the clause the "as"
    aside attaches to, without the aside.

    The parser often makes the aside's verb the root when it interrupts the clause
    ("Hawaii, as one of the advisers pointed out, normally does not get ..."); the words
    then decide: "as", the cue's subject and the cue, closed by a comma or the sentence end.
    """
    if cue.dep_ not in ("advcl", "parataxis") or cue.head.i == cue.i or not any(
            c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return _as_aside(cue)
    head = cue.head
    a_lo, a_hi = cue.left_edge.i, cue.right_edge.i + 1
    h_lo, h_hi = head.left_edge.i, head.right_edge.i + 1
    doc = cue.doc
    parts = [trim_tokens(doc, x, y) for x, y in ((h_lo, a_lo), (a_hi, h_hi))]
    parts = [(x, y) for x, y in parts if y - x >= 3]
    if not parts:
        return None
    return parts[0][0], parts[-1][1]


_ASIDE_OPENERS = (",", "—", "–", "--")


def aside_subject(cue, comma: bool = False):
    """(index of the opener, subject head) of a surface aside "as <subject> <cue>" (or, with
    ``comma``, ", <subject> <cue>,"), or None: the subject is the noun phrase between the
    opener and the cue (auxiliaries and adverbs before the cue aside)."""
    doc = cue.doc
    j = cue.i - 1
    while j > 0 and doc[j].dep_ in ("aux", "neg", "advmod") and doc[j].head.i == cue.i:
        j -= 1

    def opener(t) -> bool:
        return t.text in _ASIDE_OPENERS if comma else t.lower_ == "as"

    k = j
    while k > cue.sent.start and k > cue.i - 10 and not opener(doc[k]):
        if doc[k].pos_ in ("VERB", "AUX", "PUNCT", "SCONJ") and not doc[k].is_quote \
                and doc[k].text not in ("'s", "’s", "(", ")"):
            return None
        k -= 1
    if not opener(doc[k]) or k == j or cue.dep_ == "relcl" or (k > 0 and doc[k - 1].lower_ == "well"):
        return None
    words = doc[k + 1:j + 1]
    if any(t.tag_ in ("WP", "WDT") for t in words) or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words):
        return None  # "..., as well as Democrats who have long held ...": a relative clause
    heads = [t for t in words if not (k < t.head.i <= j) or t.head.i == t.i]
    return k, (heads[-1] if heads else words[-1])


def _as_aside(cue, comma: bool = False) -> tuple[int, int] | None:
    """The sentence around a surface "as <subject> <cue>" aside (or ", <subject> <cue>,"
    with ``comma``), without it."""
    doc = cue.doc
    found = aside_subject(cue, comma)
    if found is None:
        return None
    start = found[0]
    sent = cue.sent
    end = cue.i + 1
    while end < sent.end and doc[end].text not in (",", ";", "—", "–", "--") and not doc[end].is_sent_end \
            and end - cue.i <= 8 and doc[end].pos_ not in ("VERB", "AUX"):
        end += 1
    if end < sent.end and doc[end].pos_ in ("VERB", "AUX"):
        return None  # the aside does not close before another verb: not an aside
    closed = end < sent.end and not doc[end].is_sent_end
    if not closed and any(c.dep_ in ("ccomp", "xcomp") and c.i > cue.i for c in cue.children):
        return None  # "as he said he would": the verb has its own complement
    if comma and not closed:
        return None  # ", Roberts said." at the end is the ordinary parenthetical's
    parts = [trim_tokens(doc, *r) for r in ((sent.start, start), (end, sent.end))]
    parts = [(x, y) for x, y in parts if y - x >= 2 or (y - x == 1 and doc[x].pos_ in ("PROPN", "NOUN", "PRON"))]
    if not parts or not any(t.pos_ in ("VERB", "AUX") for x, y in parts for t in doc[x:y]):
        return None
    return parts[0][0], parts[-1][1]


def passive_content(cue) -> tuple[int, int] | None:
    """"The registration issue was first reported by The Washington Post", "a curfew was
    announced": the passive subject is what is reported."""
    subj = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lower_ in ("it", "there"):
        return None
    return _span(subj)


def prep_content(cue, preps: frozenset[str]) -> tuple[int, int] | None:
    """"commented on Crutcher's death", "agreed with Matthews", "voted against the bill",
    "responded by using the example of Chicago": the object of the first preposition that
    can carry what a cue is about (``preps``), unless it only places the act in time."""
    for c in cue.children:
        if c.i > cue.i and c.dep_ == "prep" and c.lower_ in preps and not _is_time_prep(c):
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return objs[0].left_edge.i, c.right_edge.i + 1
    return None


def relative_content(cue) -> tuple[int, int] | None:
    """"which the bank detailed in its filings", "what Liz Wahl said", "the worst way forward
    I can imagine": a cue in a relative clause whose object is the relative word (or the
    noun the clause modifies) has that as its content."""
    for c in cue.children:
        if c.dep_ == "dobj" and c.i < cue.i and c.lower_ in ("which", "what", "that", "whom"):
            return c.i, c.i + 1
    if cue.dep_ == "relcl" and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep") and c.i > cue.i
                                       for c in cue.children):
        head = cue.head
        if head.pos_ in ("NOUN", "PROPN") and head.i < cue.i:
            lo = head.left_edge.i
            return (lo, cue.left_edge.i) if cue.left_edge.i > lo else None
    return None


def noun_content(noun, lex: "Lexicon") -> tuple[tuple[int, int], object] | None:
    """"Trump's claim that there were thousands of shootings": (content range, source token).

    Complement clauses count (a "that" clause with its own subject), infinitives of nouns of
    intent ("his promises to stick it to the rich", "its own plan to achieve that goal") and,
    for nouns that take their topic so, "about" / "of" / "over" / "for" / "on" phrases
    ("the intense criticism of Matt Lauer", "initial reports of the explosion"): "the claim
    that he made" is a relative clause and says nothing. The source is the possessor, a name
    before the noun ("a New York Times report") or a "from" / "by" phrase.
    """
    content = None
    for c in noun.children:
        if c.i < noun.i:
            continue
        if c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children) \
                and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children):
            content = _span(c)
            break
        if c.dep_ == "acl" and _infinitive(c) and noun.lemma_.lower() in lex.noun_intent:
            content = _span(c)
            break
        if c.dep_ == "prep" and c.lower_ in _NOUN_PREPS and noun.lemma_.lower() in lex.noun_preps \
                and not _is_time_prep(c):
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                content = (objs[0].left_edge.i, c.right_edge.i + 1)
                break
    if content is None:
        return None
    source = None
    for c in noun.children:
        if c.dep_ == "poss":
            source = c
        elif c.dep_ in ("compound", "nmod") and c.i < noun.i and (c.pos_ == "PROPN" or c.ent_type_) and source is None:
            source = c
        elif c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > noun.i:
            source = next((g for g in c.children if g.dep_ == "pobj"), source)
    return content, source


_NOUN_PREPS = frozenset({"about", "of", "over", "for", "on", "against"})


_CONTRAST_MARKS = frozenset({"although", "though", "while", "whereas"})


def cut_next_cue(doc, lo: int, hi: int, is_cue) -> int:
    """End of a content range before a second cue verb coordinated into it: "refuses to
    release his records or explain how his wife became a citizen", "claimed that X,
    although he again refused to pledge ...": the second verb makes its own attribution."""
    for j in range(lo + 1, hi):
        t = doc[j]
        if t.pos_ != "VERB" or not is_cue(t) or not (lo <= t.head.i < hi) or _second_complement(t):
            continue
        if t.dep_ == "conj":
            start = t.left_edge.i
            k = start - 1
            while k > lo and (doc[k].dep_ == "cc" or doc[k].is_punct or doc[k].is_space):
                k -= 1
            if k + 1 < start or doc[start - 1].dep_ == "cc":
                return trim_tokens(doc, lo, k + 1)[1]
        elif t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in t.children):
            return trim_tokens(doc, lo, t.left_edge.i)[1]
    return hi


def cut_aside(doc, lo: int, hi: int) -> int:
    """End of a content range without a non-restrictive relative clause that closes it:
    "denounced the annexation, which RT pointed to as an example of its openness" - the
    writer's aside about the object, not part of what the source said of it."""
    for j in range(lo + 1, hi - 1):
        if doc[j].text == "," and doc[j + 1].lower_ in ("which", "who", "whom", "whose"):
            rel = doc[j + 1]
            while rel.dep_ != "relcl" and rel.head.i != rel.i and lo <= rel.head.i < hi:
                rel = rel.head
            if rel.dep_ == "relcl" and rel.right_edge.i + 1 >= hi - 1:
                return trim_tokens(doc, lo, j)[1]
    return hi


def trim_tokens(doc, lo: int, hi: int) -> tuple[int, int]:
    """Drop punctuation, spaces and dangling conjunctions at the edges of a token range
    (quote marks excepted)."""
    while hi > lo and (doc[hi - 1].is_space or (doc[hi - 1].is_punct and not doc[hi - 1].is_quote)
                       or (doc[hi - 1].dep_ == "cc" and hi - 1 > lo)):
        hi -= 1
    while lo < hi and (doc[lo].is_space or (doc[lo].is_punct and not doc[lo].is_quote)):
        lo += 1
    return lo, hi
