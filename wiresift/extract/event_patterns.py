"""Event candidates from one sentence of the parse: triggers, the frames they sit in, their sides.

The coder works on the dependency parse, one sentence at a time, in three steps:

1. **Triggers.** Every verb and noun is looked up in the lexicon (event_lexicon.py). A verb
   comes back as a PLOVER event ("rejected" REJECT), as a function verb ("said" @speech,
   "plans" @intent, "held" @light, "lifted" @stop) or as nothing.
2. **Frames.** Walking up the tree from each event trigger (through xcomp, ccomp, objects
   and prepositions, never into an if-clause or a coordinate clause), the first event
   trigger met *absorbs* it: in "threatened to impose sanctions" the sanctions are the
   content of the threat, not a second event, and give it its mode. Function verbs on the
   way set flags and convert the type, following the PLOVER manual: a future or intended act
   of cooperation is AGREE ("will visit"), an announced or intended act of force a THREATEN
   ("plans to impose restrictions"); ending cooperation is a SANCTION ("suspended aid"),
   ending a restriction a CONCEDE; a refused or failed concession is a REJECT ("would not
   meet demands"). An event noun with its own possessor ("the Russian president's refusal")
   is an act of that possessor and stays an event of its own.
3. **Sides.** The actor and the recipient are returned as *ordered lists of candidate noun
   phrases* (token groups), not as actors: the subject, the by-agent, the possessor of an
   event noun, the controller of an infinitive for the actor; the object, the dative, the
   preposition PLOVER expects for the event type, then the owners inside the object
   ("rejected a U.S. request") for the recipient. events.py maps them to actors through one
   function, so the actor resolver can change without touching this module.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import POS
from spacy.symbols import AUX, NOUN, PROPN, VERB

from . import event_flags as F
from .event_lexicon import Lexicon, Sense

# dependencies along which a trigger hands its content up to the trigger above it
PASS_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "acl", "attr", "oprd",
                       "dative", "agent", "appos", "npadvmod", "nmod", "acomp", "compound"})
STOP_MARKS = frozenset({"if", "when", "because", "after", "before", "as", "while", "although",
                        "though", "since", "unless", "until", "once", "whereas", "despite", "so"})
LINKING_VERBS = frozenset({"include", "be", "remain", "involve", "require", "mean"})
OBJECT_CONTROL = frozenset({"urge", "ask", "order", "force", "persuade", "tell", "call", "press",
                            "push", "pressure", "encourage", "invite", "warn", "allow", "permit",
                            "help", "compel", "instruct", "demand", "convince", "prod"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
SECOND_PERSON = frozenset({"you", "your", "yourself"})
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"}) | FIRST_PERSON
RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
FINITE = frozenset({"VBD", "VBZ", "VBP"})
# future or intended cooperation is AGREE (PLOVER manual, AGREE and CONSULT definitions)
COOP_TO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
# an announced, intended or conditional act of force is a THREATEN (PLOVER THREATEN, CAMEO 13)
FORCE_TO_THREATEN = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})
# the THREATEN mode a threatened act gives
THREAT_MODE = {"ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": "restrict",
               "SANCTION": "restrict", "PROTEST": "restrict"}
THREAT_CAMEO = {"ASSAULT": "138", "MOBILIZE": "138", "COERCE": "137", "SANCTION": "1312",
                "PROTEST": "133"}
REQUEST_MODE = {"AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "AGREE": "assist",
                "RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet"}
REJECT_MODE = {"AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "RETREAT": "yield",
               "CONCEDE": "yield", "CONSULT": "meet", "AGREE": "yield", "REQUEST": "yield"}
AGREE_CAMEO = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033",
               "RETREAT": "035", "CONCEDE": "035"}
REALISING = ("@light", "@stop", "@restore")
# "between the two leaders": plural references to the last two actors named
PAIR_WORDS = frozenset({"leaders", "men", "presidents", "sides", "countries", "nations", "women",
                        "heads", "ministers", "parties", "governments"})
PEOPLE_WORDS = frozenset({"leaders", "men", "presidents", "women", "heads", "ministers"})
FLAG_NAMES = ("negated", "hypothetical", "future", "reported", "historical", "disputed")


@dataclass
class Trigger:
    tok: object  # spacy Token: the head word
    sense: Sense
    noun: bool
    start: int  # token span of the trigger words (multi-word nouns: "drone attack")
    end: int

    @property
    def event(self) -> str:
        return self.sense.event


@dataclass
class Candidate:
    """An event found in the parse, with its sides still as token groups."""

    type: str
    mode: str
    cameo: str
    weight: float
    trigger: Trigger
    content: Trigger | None = None
    actors: list[list] = field(default_factory=list)  # candidate NP groups, best first
    recipients: list[list] = field(default_factory=list)
    speech: list = field(default_factory=list)  # speech verbs above, innermost first
    flags: dict = field(default_factory=dict)
    depth: int = 0  # clause depth below the sentence root
    accuse_if_other: bool = False  # "X claimed Y sabotaged ...": ACCUSE if Y is not X
    threat_if_self: bool = False  # "X said it would attack": THREATEN only if "it" is X
    host: bool = False  # the subject hosts: visitor = actor, host = recipient
    pair_participants: int = 0  # "their meeting", "the two leaders": the last n actors
    target_only: bool = False  # "(Russia) face sanctions": the threatener is not named here
    realised: bool = False  # an event noun realised by a verb ("held talks")
    background: str = ""  # relcl | subordinate | "": the clause only sets the scene
    notes: list[str] = field(default_factory=list)

    @property
    def tok(self):
        return self.trigger.tok


def _flags() -> dict:
    return {k: False for k in FLAG_NAMES}


# -- step 1: triggers ----------------------------------------------------------------------
_TRIGGER_POS = frozenset({VERB, AUX, NOUN, PROPN})


def find_triggers(sent, lex: Lexicon) -> dict[int, Trigger]:
    out: dict[int, Trigger] = {}
    hearsay = lex.cue("hearsay_passives")
    reject_verbs = lex.cue("reject_verbs")
    rejecting = []
    doc, first = sent.doc, sent.start
    # only verbs, auxiliaries and nouns can trigger: the others are skipped on the POS array,
    # without making their Token objects
    for k, p in enumerate(sent.to_array([POS]).ravel().tolist()):
        if p not in _TRIGGER_POS:
            continue
        tok = doc[first + k]
        if tok.is_space or tok.is_punct:
            continue
        pos = tok.pos_
        if pos == "VERB" and tok.lemma_ in reject_verbs:
            rejecting.append(tok)
        if pos == "VERB" or (pos == "AUX" and tok.dep_ not in ("aux", "auxpass")
                             and tok.lemma_ in ("have",)):
            if tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBG"):  # "occupied regions"
                continue
            if tok.lemma_ == "go" and any(c.dep_ == "xcomp" for c in tok.children) and tok.tag_ == "VBG":
                out[tok.i] = Trigger(tok, Sense("@intent", source="curated"), False, tok.i, tok.i + 1)
                continue  # "I'm going to bomb": a future, not a trip
            if tok.lemma_.lower() in hearsay and _passive(tok) and _agent(tok) is None:
                # "is alleged to have revealed", "is said to have told": hearsay, not an act
                out[tok.i] = Trigger(tok, Sense("@speech", source="curated"), False, tok.i, tok.i + 1)
                continue
            if tok.lemma_ == "make" and any(c.dep_ in ("ccomp", "xcomp") and c.lemma_ in lex.cue("punishing_causatives")
                                            for c in tok.children):
                out[tok.i] = Trigger(tok, Sense("COERCE", "restrict", "17", 0.9, source="curated"), False, tok.i, tok.i + 1)
                continue  # "make them pay": a punishment of them
            s = lex.verb_sense(tok)
            if s is not None:
                out[tok.i] = Trigger(tok, s, False, tok.i, tok.i + 1)
        elif pos in ("NOUN", "PROPN"):
            hit = lex.noun_sense(tok)
            if hit is not None and hit[0].event != "-":
                s, a, b = hit
                out[tok.i] = Trigger(tok, s, True, a, b)
            elif tok.dep_ in ("ROOT", "conj", "ccomp") and tok.tag_ == "NNS" and any(
                    c.dep_ == "nsubj" for c in tok.children):
                # "Russia also demands that ..." mis-tagged as a plural noun
                s = lex.verb_sense(tok)
                if s is not None:
                    out[tok.i] = Trigger(tok, s, False, tok.i, tok.i + 1)
    _promote(rejecting, out, lex)
    return out


def _promote(rejecting: list, trig: dict[int, Trigger], lex: Lexicon) -> None:
    """Speech that is a demand, and "consider X unacceptable", become event triggers."""
    for i, t in list(trig.items()):
        tok = t.tok
        # "ordered former president Carlos Menem to appear": an order is a REQUEST (PLOVER:
        # "all requests, demands, orders"); "ordered patrols" stays a light verb
        if t.event == "@light" and tok.lemma_ in ("order", "instruct", "command", "direct") and any(
                c.dep_ == "xcomp" for c in tok.children) and any(c.dep_ == "dobj" and not (
                    c.i in trig and trig[c.i].noun) for c in tok.children):
            # ("ordered military action to protect shipping": the order realises the act ordered)
            obj = next(c for c in tok.children if c.dep_ == "dobj")
            inf = next(c for c in tok.children if c.dep_ == "xcomp")
            if obj.pos_ == "NOUN" and obj.lemma_.lower() in lex.cue("own_forces") and not (inf.i in trig and trig[inf.i].sense.is_event):
                # "ordered troops to take control of the buffer zone": a state's order to its own
                # forces is its own deployment, not a demand on someone else
                trig[i] = Trigger(tok, Sense("MOBILIZE", "troops", "150", 0.9, source="curated"), False, tok.i, tok.i + 1)
                continue
            trig[i] = Trigger(tok, Sense("REQUEST", "", "100", 0.9, source="curated"), False, tok.i, tok.i + 1)
            continue
        if tok.lemma_ in lex.cue("directive_speech") and (t.event == "@speech" or t.event == "THREATEN") \
                and _told_to(tok, lex):
            # "told Iran to stop supporting the group", "warned Iran not to target U.S. interests":
            # what the addressee is to do (or not do) is demanded of them; a warning with a
            # consequence ("... or face", "if") stays a threat
            trig[i] = Trigger(tok, Sense("REQUEST", "", "100", 0.9, source="curated"), False, tok.i, tok.i + 1)
            continue
        if t.event == "@speech" and not _passive(tok):
            for c in tok.children:
                # "said Israel should expect severe punishment": a clause whose subject is the
                # one threatened (a target-role trigger) is a threat, not a demand on them
                if c.dep_ == "ccomp" and c.i in trig and trig[c.i].sense.role == "target":
                    continue
                if c.dep_ == "ccomp" and _obligation(c, lex) and _subject(c) is not None:
                    trig[i] = Trigger(tok, Sense("REQUEST", "", "100", 0.85, source="curated"),
                                      False, tok.i, tok.i + 1)
                    break
    for tok in rejecting:
        verdict = _evaluation(tok, lex)
        if verdict == "REJECT":
            trig[tok.i] = Trigger(tok, Sense("REJECT", "", "120", 1.0, source="curated"),
                                  False, tok.i, tok.i + 1)
        elif verdict == "ACCUSE":
            trig[tok.i] = Trigger(tok, Sense("ACCUSE", "disapprove", "111", 0.9, source="curated"),
                                  False, tok.i, tok.i + 1)
        elif verdict == "" and tok.i in trig and trig[tok.i].event not in ("@speech", "REQUEST"):
            # "called Spain's position terrible" / "called his order a declaration": naming, not
            # a phone call; an evaluation that is no charge codes nothing
            del trig[tok.i]


def _evaluation(tok, lex: Lexicon) -> str | None:
    """"Kyiv considers these conditions unacceptable" REJECT, "described the demands as
    non-starters" REJECT, "called the strikes an act of war" ACCUSE, "called Spain's position
    terrible" ACCUSE; "" for an evaluation that is neither ("called the pledge a quantum
    leap"); None when the verb takes no predicate (a phone call, a description)."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    preds = [c for c in tok.children if c.dep_ in ("ccomp", "oprd", "acomp", "xcomp") and c.pos_ in ("ADJ", "NOUN", "PROPN")]
    for c in list(tok.children) + (list(obj.children) if obj is not None else []):
        if c.dep_ == "prep" and c.lower_ == "as" and obj is not None:  # on the verb or, misparsed, the object
            preds.extend(p for p in c.children if p.dep_ in ("pobj", "pcomp"))
    if tok.dep_ == "relcl" and obj is None:
        obj = tok.head  # "measures it called illegal"
    if not preds:
        return None
    words: set[str] = set()
    for p in preds:
        span = tok.doc[p.left_edge.i: p.right_edge.i + 1] if p.dep_ != "ccomp" else [p]
        words.update(t.lemma_.lower() for t in span)
        words.update(t.lower_ for t in span)
        words.add(" ".join(t.lower_ for t in span if t.dep_ != "det" and not t.is_punct))
    if words & lex.cue("reject_adjectives"):
        return "REJECT"
    if not words & lex.cue("condemning_words"):
        return ""
    if obj is not None and obj.lemma_.lower() in lex.cue("demand_nouns") | {"proposal", "plan", "offer", "term", "terms"}:
        return "REJECT"  # "described the demands as non-starters"
    return "ACCUSE"


def _told_to(tok, lex: Lexicon) -> bool:
    """"told X to ...", "warned X not to ...": an addressee and an infinitive for them to do."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative", "iobj")), None)
    inf = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if obj is None or inf is None or obj.pos_ not in ("PROPN", "PRON", "NOUN"):
        return False
    if F.condition_clause(inf, lex) is not None or F.condition_clause(tok, lex) is not None:
        return False
    words = {t.lower_ for t in inf.subtree}
    return not (words & {"face", "risk", "consequences", "else"} and "or" in words)


def _obligation(clause, lex: Lexicon) -> bool:
    """"that the US must be ready", "that Kyiv formally renounce" (a subjunctive)."""
    aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    if aux & lex.cue("obligation_aux"):
        return True
    subj = _subject(clause)
    if subj is None or aux or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return False
    if subj.lower_ in FIRST_PERSON | SECOND_PERSON | {"they", "these", "those"}:
        return False
    if clause.tag_ == "VB":
        return True
    # "that Kyiv renounce": a base form after a singular subject is a subjunctive
    return clause.tag_ == "VBP" and "Plur" not in subj.morph.get("Number") and subj.tag_ in ("NNP", "NN")


# -- step 2: frames ------------------------------------------------------------------------
BLOCKED = object()


def governor(tok, trig: dict[int, Trigger], lex: Lexicon):
    """(governing trigger, path of function triggers passed); (None, path) at the top;
    (BLOCKED, path) when a verb above does not assert the act ("hoping to convince him to ...")."""
    path: list[Trigger] = []
    t = tok
    content = lex.cue("content_nouns")
    blocking = lex.cue("blocking_verbs")
    for _ in range(14):
        if t.head.i == t.i:
            return None, path
        dep = t.dep_
        if dep == "conj":
            # a conjunct shares its head's governor, unless it is a finite clause of its own
            # ("Kyiv considers these conditions unacceptable and instead demands ...")
            if t.pos_ in ("VERB", "AUX") and (t.tag_ in FINITE or _subject(t) is not None) and not any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
                return None, path  # ("said A and that B": B is the same verb's second complement)
            t = t.head
            continue
        if dep in ("relcl", "acl") and t.pos_ in ("VERB", "AUX"):
            # a clause on a noun with a subject of its own is a separate act: "a demand that
            # Zelensky refuses to agree to"; without one it is the noun's content ("terms that
            # see Ukraine cede land")
            subj = _subject(t)
            content_clause = t.tag_ == "VB" or any(
                c.dep_ == "aux" and c.lower_ in ("should", "must", "would", "will") for c in t.children)
            if subj is not None and subj.lower_ not in RELATIVE and not content_clause:
                return None, path
            if dep == "relcl" and t.head.lemma_.lower() not in content:
                return None, path
            n = t.head
            if dep == "acl" and n.pos_ == "NOUN" and n.lemma_.lower() in lex.cue("intent_nouns") \
                    and n.dep_ in ("nsubj", "nsubjpass") and n.head.lemma_.lower() in lex.cue("commentary_verbs"):
                # "Trump's willingness to meet Putin marks a shift": the intent is the topic of a
                # comment, presupposed, not reported here
                return BLOCKED, path
            if dep == "acl" and _intent_noun_before(t, lex) is not None and t.head.lemma_.lower() not in content \
                    and t.head.i not in trig:
                return None, path + _speech_above(t.head, trig)
        if dep == "relcl":
            pass
        elif dep == "parataxis":
            return None, path
        elif dep == "advcl" and _intent_noun_before(t, lex) is not None:
            # "Trump's decision last Friday to deploy": the noun's act, not the verb's
            return None, path + _speech_above(t.head, trig)
        elif dep == "advcl" and t.tag_ == "VBG" and t.i == tok.i and tok.i in trig and trig[tok.i].sense.event.lower() \
                in lex.cue("speech_act_types") and t.doc[t.i - 1].text == ",":
            # "..., urging Washington to cancel them": a second act of the subject, reported by
            # the same verb as the first
            return None, path + _speech_above(t.head, trig)
        elif dep == "advcl":
            marks = {c.lower_ for c in t.children if c.dep_ in ("mark", "advmod")}
            if marks & STOP_MARKS or t.doc[t.left_edge.i].lower_ in ("should", "had", "were"):
                return None, path
            h = t.head
            ht = trig.get(h.i)
            if not (ht is not None and ht.sense.function) and not any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                return None, path
        elif dep not in PASS_DEPS and not (dep in ("nsubj", "nsubjpass") and t.head.lemma_ in LINKING_VERBS):
            return None, path
        h = t.head
        # "X's conditions include Y withdrawing": the subject noun governs the linked content
        if h.lemma_ in LINKING_VERBS and h.i not in trig and dep not in ("nsubj", "nsubjpass"):
            subj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.i in trig and trig[subj.i].sense.is_event:
                return trig[subj.i], path
        g = trig.get(h.i)
        if g is not None and g.sense.function and dep in ("ccomp", "xcomp", "advcl"):
            # "issued a stern reminder to Iraq that it must cooperate": the clause is the
            # content of the noun the verb realises
            noun = next((trig[c.i] for c in h.children if c.dep_ in ("dobj", "attr") and c.i in trig
                         and trig[c.i].noun and trig[c.i].sense.is_event and c.i < t.i), None)  # the content follows its noun
            if noun is not None:
                return noun, path
        if g is not None:
            if g.sense.is_event:
                return g, path
            if g.sense.function:
                path.append(g)
        elif h.pos_ == "VERB" and h.lemma_.lower() in blocking and dep in ("xcomp", "ccomp", "dobj", "prep", "advcl"):
            return BLOCKED, path
        t = h
    return None, path


def _speech_above(tok, trig: dict[int, Trigger]) -> list[Trigger]:
    """The speech verbs a clause is reported under ("said Pakistan had every right to give
    ..."): an act that is its noun's own still reaches the reader through them."""
    out, t = [], tok
    for _ in range(8):
        if t.head.i == t.i or t.dep_ in ("relcl", "advcl", "parataxis") or (
                t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")):
            break
        t = t.head
        g = trig.get(t.i)
        if g is not None and g.event == "@speech":
            out.append(g)
        elif g is not None and g.sense.is_event:
            break
    return out


# -- step 3: sides -------------------------------------------------------------------------
def _subject(tok):
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            # "... and exploded bombs in Kabul, western diplomatic sources said": a subject
            # after a coordinated verb belongs to the reporting verb the parser lost
            if tok.dep_ == "conj" and c.i > tok.i and tok.head.i < tok.i:
                continue
            return c
    return None


def _passive(tok) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in tok.children):
        return True
    if tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ in ("get", "getting") for c in tok.children):
        return True  # "was getting hit"
    if tok.tag_ != "VBN":
        return False
    if tok.dep_ == "acl" and any(c.dep_ == "agent" for c in tok.children):
        return True
    # "When asked about the report": a bare participle clause
    return tok.dep_ in ("advcl", "acl") and not any(c.dep_ in ("aux", "nsubj") for c in tok.children)


def _agent(tok):
    a = _own_agent(tok)
    if a is None and any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        # "has been accused of misusing funds, much of it believed to have been embezzled, by
        # Haitian officials": a "by" after the comma that closes an interruption is the main
        # passive's agent, wherever the parser hung it
        for t in tok.doc[tok.i + 1:F.sent_info(tok)[1]]:
            if t.dep_ == "agent" and t.head.i != tok.i and t.doc[t.i - 1].text == "," \
                    and tok.i < t.head.i < t.i and any(x.text == "," for x in t.doc[tok.i:t.head.i]) \
                    and not any(x.dep_ in ("nsubj", "nsubjpass") and x.i > tok.i and x.pos_ != "PRON"
                                for x in t.head.children):
                p = next((c for c in t.children if c.dep_ == "pobj"), None)
                if p is not None:
                    return p
    return a


def _own_agent(tok):
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
            # "set by U.S. President Donald Trump" with the name mis-attached: the next name
            doc = c.doc
            for t in doc[c.i + 1: min(F.sent_info(c)[1], c.i + 8)]:
                if t.pos_ == "PROPN" and (t.i + 1 >= len(doc) or doc[t.i + 1].pos_ != "PROPN"):
                    return t
    return None


def group(tok, lex: Lexicon | None = None) -> list:
    """An NP head with its conjuncts and appositions: "Witkoff and Kushner"; a quantifier
    stands for its "of" phrase ("much of the West")."""
    out = [tok]
    if tok.lemma_.lower() in _QUANT:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                out = [p for p in c.children if p.dep_ == "pobj"] + out
    if tok.lower_ in ("each", "both") and tok.dep_ == "nsubj" and not any(c.dep_ == "prep" for c in tok.children) \
            and tok.head.dep_ in ("advcl", "conj", "xcomp") and tok.head.head.pos_ in ("VERB", "AUX"):
        # "Russia and Ukraine completed the exchange, each freeing 303 soldiers": "each" is
        # every one of the clause's subjects
        s = _subject(tok.head.head)
        if s is not None and s.i != tok.i:
            return group(s) + [tok]
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        out.insert(0, tok.head.head)  # "Crimea, which Russia annexed"
    for c in tok.children:
        if c.dep_ in ("conj", "appos") and c.pos_ in ("PROPN", "NOUN", "PRON"):
            if any(d.dep_ == "case" for d in c.children):
                continue  # "Witkoff and Trump's son-in-law": Trump is a possessor here
            nxt = _stolen_subject(c.doc[c.i + 1]) if c.i + 1 < len(c.doc) else None
            if nxt is not None and nxt.i == c.i:
                continue  # "... the hostages and Israel released ...": the next clause's subject
            out.extend(group(c))
    return out


_QUANT = frozenset({"much", "most", "many", "some", "all", "part", "half", "rest", "majority",
                    "several", "each", "both", "none", "member", "members", "thousand", "thousands",
                    "hundred", "hundreds", "dozen", "dozens", "score", "scores", "million", "millions",
                    "tens", "group", "number", "crowd", "band", "handful", "patch", "contingent"})


def _owners(np) -> list[list]:
    """Actor candidates inside an NP that is not itself an actor: "a U.S. request",
    "Saddam Hussein's proposal", "an offer from Afghanistan", "American ceasefire proposals"."""
    out = []
    for c in np.children:
        if c.dep_ == "poss":
            out.append(group(c))
    for c in np.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append(group(p))
    for c in np.children:
        if c.dep_ in ("compound", "amod", "nmod") and (c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
                                                        or c.pos_ == "PROPN"):
            out.append([c])
    return out


def _intent_noun_before(tok, lex: Lexicon):
    """"Trump's decision last Friday to deploy ...": the intent noun an infinitive belongs to,
    whatever the parser attached it to."""
    to = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None:
        return None
    doc = tok.doc
    start = F.sent_info(tok)[0]
    i = to.i - 1
    while i >= start and (doc[i].ent_type_ in ("DATE", "TIME") or doc[i].dep_ == "npadvmod"):
        i -= 1
    if i >= start and doc[i].lemma_.lower() in lex.cue("intent_nouns") and doc[i].pos_ == "NOUN":
        return doc[i]
    return None


def _logical_head(tok):
    """A finite verb coordinated into a reported clause belongs beside the reporting verb:
    "Merz stressed that borders could not be changed ... and warned that ...". So does a
    past-tense verb of saying or directing that cannot share the reported verb's form:
    "told Iran to stop supporting the group and warned that ..." (an infinitive), "said Britain
    would work with Ukraine ... and announced a deal" (a modal), "wrote that Russia had lost
    interest ... and called for a ceasefire" (a pluperfect the tagger did not extend to it)."""
    h = tok.head
    if tok.dep_ != "conj" or tok.tag_ not in FINITE or _subject(tok) is not None:
        return h
    first = h
    for _ in range(4):
        if first.dep_ != "conj":
            break
        first = first.head
    if first.dep_ not in ("ccomp", "xcomp") or first.head.pos_ not in ("VERB", "AUX"):
        return h
    if h.dep_ in ("ccomp", "xcomp") and any(c.dep_ in ("auxpass", "nsubjpass") for c in h.children):
        return h.head
    auxes = {c.lower_ for x in (first, h) for c in x.children if c.dep_ == "aux"}
    mismatch = tok.tag_ == "VBD" and (first.tag_ in ("VB", "VBG") or bool(auxes & {"had", "'d", "to", "would", "will", "could", "can", "should", "must", "might", "may"}))
    if mismatch and _LEX and (tok.lemma_ in OBJECT_CONTROL or _speaking(tok, _LEX[0])):
        return first.head
    return h


def _stolen_subject(tok):
    """"Hamas freed the hostages and Israel released prisoners", parsed with "Israel" as a
    conjunct of "hostages": a name right before a subjectless coordinated verb, hung on the
    first verb's object, is that verb's subject."""
    if tok.dep_ != "conj" or tok.i == 0 or _subject(tok) is not None:
        return None
    prev = tok.doc[tok.i - 1]
    if prev.dep_ == "conj" and prev.pos_ == "PROPN" and prev.head.dep_ in ("dobj", "pobj") \
            and tok.head.left_edge.i <= prev.head.i < tok.i and prev.ent_type_ in ("GPE", "ORG", "NORP", "PERSON"):
        return prev
    return None


def _speaking(tok, lex: Lexicon) -> bool:
    """A verb of saying or of a speech act ("warned", "announced", "called for")."""
    s = lex.verb_sense(tok)
    return s is not None and (s.event == "@speech" or s.event.lower() in lex.cue("speech_act_types"))


def controller(tok, depth: int = 0):
    """The subject an infinitive or conjunct inherits: "plans to deploy", "decision to deploy",
    "urged X to ..." (object control), "and abandon ..." (conjunct)."""
    if depth > 6:
        return None
    s = _subject(tok)
    if s is not None:
        return s
    h = _logical_head(tok)
    if h.i == tok.i:
        return None
    stolen = _stolen_subject(tok)
    if stolen is not None:
        return stolen
    if tok.dep_ == "conj":
        if h.pos_ in ("VERB", "AUX"):
            return controller(h, depth + 1)
        return controller(h.head, depth + 1) if h.head.i != h.i else None
    if tok.dep_ in ("xcomp", "advcl", "acl"):
        n = _intent_noun_before(tok, _LEX[0]) if _LEX else None
        if n is not None:
            poss = next((c for c in n.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > 0 and tok.doc[tok.i - 1].text == "," and h.dep_ == "xcomp":
        # "asked the Security Council to hold a meeting, accusing Thailand of aggression": a
        # participle after a comma belongs to the sentence's subject, not the infinitive's
        while h.dep_ == "xcomp" and h.head.i != h.i:
            h = h.head
        s = _subject(h)
        return s if s is not None else controller(h, depth + 1)
    if tok.dep_ in ("xcomp", "advcl"):
        if h.lemma_ in OBJECT_CONTROL and not (tok.dep_ == "advcl" and tok.tag_ == "VBG"):
            # "urged X to ...": X does it; "demanded a ceasefire, threatening ...": the subject
            obj = next((c for c in h.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None:
                return obj
        if h.pos_ == "ADJ":  # "is prepared to impose"
            return controller(h, depth + 1) if _subject(h) is None else _subject(h)
        return controller(h, depth + 1)
    if tok.dep_ == "acl":
        if h.pos_ in ("NOUN", "PROPN"):
            poss = next((c for c in h.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss
            if tok.tag_ in ("VBN",):
                return None
            return controller(h, depth + 1) if h.dep_ in ("dobj", "pobj", "nsubj") and h.head.i != h.i else None
    if tok.dep_ == "relcl":
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not any(
                c.lower_ in RELATIVE for c in tok.children) and h.pos_ in ("NOUN", "PROPN") \
                and h.dep_ in ("dobj", "pobj") and h.head.i != h.i:
            # "has taken steps to enhance": an infinitive the parser hung on the noun as a
            # relative clause; its subject is the one who takes the steps
            return controller(h.head, depth + 1)
        return h
    if tok.dep_ in ("pcomp", "pobj", "dobj", "ccomp", "prep", "acomp", "attr", "oprd"):
        return controller(h, depth + 1)
    if tok.dep_ == "advmod" and tok.pos_ == "ADV":
        return controller(h, depth + 1)  # "going so far as to roll out": an adverb has no subject
    return None


def recipient_groups(tok, etype: str, lex: Lexicon, noun: bool, visit: bool = False) -> list[list]:
    """Candidate recipients of the event at ``tok``, best first."""
    preps = lex.cues["recipient_preps"]
    want = set(preps.get(etype, preps["default"]))
    if visit:
        want |= {"in", "at", "to"}  # "arrived in Moscow": the host is where the visitor went
    if noun and etype == "ASSAULT":
        want.add("of")  # "the invasion of Ukraine"
    objs, prep_groups = [], []
    if not noun:
        if _passive(tok):
            s = _subject(tok)
            if s is not None:
                objs.append(s)
        for c in tok.children:
            if c.dep_ in ("dobj", "dative", "iobj", "attr") and c.pos_ in ("PROPN", "NOUN", "PRON", "NUM"):
                objs.append(c)
        if tok.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in tok.children):
            objs.append(tok.head)  # "terms Kyiv has rejected"
        if tok.lemma_ == "make":  # "make them pay": the one made to
            objs.extend(s for c in tok.children if c.dep_ in ("ccomp", "xcomp") for s in c.children if s.dep_ == "nsubj")
    means = set(m.i for m in _means(tok)) if not noun and etype == "ASSAULT" else set()
    for c in tok.children:
        # "gave a warm welcome to de Klerk": the parser calls that "to" a dative
        if (c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP")) and c.lower_ in want:
            for p in c.children:
                if p.dep_ == "pobj" and p.i not in means:  # the weapon is no target
                    prep_groups.append(group(p))
    # "cut off contact with X", "discuss Ukraine with X": the preposition hangs on the object
    for o in objs:
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ in want:
                for p in c.children:
                    if p.dep_ == "pobj":
                        prep_groups.append(group(p))
    obj_groups = [group(o) for o in objs]
    out = prep_groups + obj_groups if etype == "CONSULT" else obj_groups + prep_groups
    for o in objs:
        out.extend(_owners(o))
    return out


def actor_groups(tok, noun: bool, chain: list[Trigger]) -> list[list]:
    """Candidate actors of the event at ``tok`` (already lifted through function verbs)."""
    out: list[list] = []
    if noun:
        out.extend(own_participants(tok))
        # a light, stop or restore verb realises the noun: its subject is the actor
        for f in chain:
            s = _agent(f.tok) if _passive(f.tok) else controller(f.tok)
            if s is not None:
                out.append(group(s))
                break
        return out
    if _passive(tok):
        a = _agent(tok)
        if a is not None:
            out.append(group(a))
        else:
            out.extend(_means_doers(tok))
        return out
    s = controller(tok)
    if s is not None:
        out.append(group(s))
    for f in chain:
        s = controller(f.tok)
        if s is not None:
            out.append(group(s))
            break
    return out


def _means(tok) -> list:
    """Weapons and attacks a passive act of force happened "in" or "by" ("killed in Israeli
    tank shelling", "wounded in a Russian drone strike", "hit by Ukrainian missiles")."""
    words = _LEX[0].cue("unidentified_attackers") if _LEX else frozenset()
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by"):
            out.extend(p for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in words)
    return out


def _means_doers(tok) -> list[list]:
    """The doers a passive act's means names: "Israeli" in "killed in Israeli tank shelling"."""
    out = []
    for m in _means(tok):
        out.extend(own_participants(m))
        out.extend([g] for g in m.children if g.dep_ in ("amod", "compound", "nmod") and g.pos_ in ("ADJ", "PROPN")
                   and g.ent_type_ in ("GPE", "NORP", "ORG") and [g] not in out)
    return out


def own_participants(tok) -> list[list]:
    """Who an event noun names as its doer: "Putin's refusal", "a deadline set by Trump",
    "U.S. sanctions", "Russian strikes"; "insisted on its demands": the subject's own."""
    out = []
    for c in tok.children:
        if c.dep_ == "poss":
            out.append(group(c))
            if c.lower_ in ("its", "their", "his", "her"):
                v = tok.head
                for _ in range(4):
                    if v.pos_ in ("VERB", "AUX"):
                        s = controller(v)
                        if s is not None:
                            out.append(group(s))
                        break
                    if v.head.i == v.i:
                        break
                    v = v.head
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            out.extend(group(p) for p in c.children if p.dep_ == "pobj")
        if c.dep_ == "acl" and c.tag_ == "VBN":  # "the deadline set by Trump"
            a = _agent(c)
            if a is not None:
                out.append(group(a))
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
            out.append([c])
        elif c.dep_ in ("compound", "nmod") and c.pos_ == "NOUN" and c.i < tok.i:
            # "Israeli tank shelling", "Russian drone attacks": the doer modifies the weapon
            out.extend([g] for g in c.children if g.dep_ in ("amod", "compound", "nmod")
                       and g.ent_type_ in ("GPE", "NORP", "ORG"))
    return out


@F.memo
def clause_depth(tok) -> int:
    d, t = 0, tok
    for _ in range(20):
        if t.head.i == t.i:
            break
        if t.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "conj", "parataxis"):
            d += 1
        t = t.head
    return d


def _realised(noun_tok, f: Trigger) -> bool:
    """Does function verb ``f`` realise the event noun ("held talks", "imposed sanctions",
    "sanctions were imposed", "announced a pause", "ended mediation efforts")?"""
    n = noun_tok
    if n.dep_ in ("compound", "nmod") and n.head.pos_ == "NOUN":
        n = n.head  # "mediation efforts", "aid deliveries"
    if n.dep_ == "pobj" and n.head.lower_ == "of" and _LEX and n.head.head.lemma_.lower() in _LEX[0].cue("container_nouns"):
        n = n.head.head  # "adopted its 18th package of sanctions"
    if n.dep_ == "pobj" and n.head.lower_ == "under" and n.head.head.i == f.tok.i:
        return True  # "put under investigation", "placed under arrest"
    if f.event == "@light" and n.dep_ == "pobj" and n.head.lower_ in ("for", "towards", "toward", "on") \
            and n.head.head.i == f.tok.i and f.sense.after:
        return True  # "would work for an agreement": a phrasal light verb and its object
    return n.head.i == f.tok.i and n.dep_ in ("dobj", "nsubjpass", "attr", "oprd")


# -- candidates ----------------------------------------------------------------------------
_LEX: list = []  # the lexicon of the current run, for helpers that need a cue list


def candidates(sent, lex: Lexicon) -> list[Candidate]:
    """All event candidates of one sentence, before actor resolution."""
    if not _LEX:
        _LEX.append(lex)
    trig = find_triggers(sent, lex)
    if not trig:
        return []
    gov: dict[int, tuple] = {}
    for i, t in trig.items():
        if t.sense.is_event:
            gov[i] = governor(t.tok, trig, lex)
    contents: dict[int, list[tuple[Trigger, list[Trigger]]]] = {}
    separate: set[int] = set()
    for i, (g, path) in gov.items():
        if g is None or g is BLOCKED:
            continue
        t = trig[i]
        contents.setdefault(g.tok.i, []).append((t, path))
        # an event noun with a doer of its own is that doer's act, and an event of its own
        if t.noun and own_participants(t.tok) and t.sense.kind in ("act", "attack"):
            separate.add(i)
    out: list[Candidate] = []
    for i, t in sorted(trig.items()):
        if not t.sense.is_event:
            continue
        g, path = gov[i]
        if g is BLOCKED:
            continue
        if g is not None and i not in separate:
            continue  # absorbed into the event above it
        if g is not None:
            path = []
        absorbed = sorted(contents.get(i, []), key=lambda cp: (cp[0].noun, cp[0].tok.i))
        c = _build(t, path, absorbed, trig, lex)
        if c is not None:
            if g is not None:
                c.background = c.background or "nested"  # "in protest of the government's refusal"
            out.append(c)
    # "A minefield explosion ... killed two soldiers": the attack noun subject of an attack verb
    # is that act's means, not a second act
    verbs = {c.tok.i: c.type for c in out if not c.trigger.noun}
    out = [c for c in out if not (c.trigger.noun and c.tok.dep_ in ("nsubj", "nsubjpass")
                                  and verbs.get(c.tok.head.i) == c.type)]
    out.extend(_conditional_threats(sent, trig, out, lex))
    return out


def _content_type(content: Trigger, path: list[Trigger], lex: Lexicon) -> str:
    """The type an absorbed act ends with after the function verbs between it and its frame."""
    etype = content.event
    for f in path:
        if f.event == "@stop":
            etype = _stopped(content, etype, lex)[0]
    return etype


def _stopped(t: Trigger, etype: str, lex: Lexicon) -> tuple[str, str, str]:
    if t.tok.lemma_.lower() in lex.cue("stop_retreat_nouns"):
        return ("RETREAT", "ceasefire", "0871")
    rule = lex.cues["stop_rules"].get(etype)
    return tuple(rule) if rule else (etype, "", "")


def _threat_frame(tok, lex: Lexicon) -> bool:
    """"the prospect of sanctions", "sanctions are under consideration", "considering sanctions"."""
    frames = lex.cue("threat_frames")
    h = tok.head
    if tok.dep_ in ("pobj", "pcomp") and h.lower_ == "of" and h.head.lemma_.lower() in frames:
        return True
    for c in list(tok.children) + list(tok.head.children):
        if c.dep_ == "prep" and c.lower_ == "under":
            if any(p.lemma_.lower() in frames for p in c.children if p.dep_ == "pobj"):
                return True
    return tok.dep_ == "dobj" and h.lemma_.lower() in lex.cue("hypothetical_verbs")


def _build(t: Trigger, path: list[Trigger], absorbed, trig, lex: Lexicon) -> Candidate | None:
    s = t.sense
    tok = t.tok
    if t.noun and s.kind == "state":
        return None
    if t.noun and s.event in ("CONSULT", "AGREE") and _time_anchor(tok):
        return None  # "ahead of the summit": the meeting only dates the clause (_time_anchor)
    if F.question(tok, lex) or any(F.question(f.tok, lex) for f in path):
        return None
    in_cond = F.in_condition(tok, lex) or any(F.in_condition(f.tok, lex) for f in path)
    cand = Candidate(s.event, s.mode, s.cameo, s.weight or 1.0, t)
    cand.depth = clause_depth(tok)
    flags = _flags()

    lost = None if t.noun else _lost_main_verb(tok)
    if not t.noun:
        if in_cond:
            return None  # "if Putin refuses to agree ...": the condition of a threat, not an act
        bare = not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children)
        if lost is not None:
            pass  # the sentence's main verb, misparsed (_lost_main_verb)
        elif (tok.tag_ == "VBN" and tok.dep_ == "acl") or (tok.dep_ == "conj" and tok.head.dep_ == "acl"
                                                          and tok.head.tag_ == "VBN") or (
                tok.tag_ == "VBN" and tok.dep_ == "conj" and bare and tok.head.dep_ in ("prep", "acl", "amod")):
            return None  # "audio obtained by CNN and released on Tuesday": background
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and _subject(tok) is None and s.event not in ("ASSAULT", "COERCE") \
                and not (s.event.lower() in lex.cue("speech_act_types") and tok.head.pos_ in ("VERB", "AUX")):
            # "..., allowing it to produce weapons": a gloss, not an act; but "demanded a ceasefire,
            # threatening Moscow with sanctions" is a second act of the same speaker
            return None
        if _passive(tok) and _agent(tok) is None and s.event in ("REQUEST", "AGREE", "REJECT", "SUPPORT") \
                and lost is None:
            return None  # "When asked about the report": no one to code

    # noun events stand alone only with a realising verb or a participant
    chain = [f for f in path if f.event in ("@intent", "@aspect", "@negate")]
    if t.noun:
        # "announced a pause" is the announcer's act; "did not confirm any attack", "reported a
        # strike" are not the speaker's attack
        realiser = next((f for f in path if f.event in REALISING + ("@speech", "@aspect", "@intent")
                         and _realised(tok, f) and not (f.event == "@speech" and s.kind == "attack")), None)
        if realiser is not None:
            chain.insert(0, realiser)
            if realiser.event == "@speech":
                cand.speech.append(realiser.tok)
                if cand.type == "RETREAT" and cand.mode in ("ceasefire", "withdraw"):
                    cand.type, cand.cameo = "CONCEDE", "08"  # PLOVER: announced ceasefires
        if s.kind == "object" and realiser is None:
            return None
        during = _during_participants(tok) if s.event == "CONSULT" and not own_participants(tok) else None
        weighed = s.event in FORCE_TO_THREATEN and tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.cue("hypothetical_verbs")
        if s.kind == "act" and realiser is None and not own_participants(tok) and not _noun_sides(tok) \
                and not _pair_between(tok) and during is None and not weighed:
            return None
        if weighed and realiser is None:
            # "Moscow would consider countermeasures", "is weighing sanctions": the one who weighs
            # a hostile act threatens it (the frame makes it a THREATEN below)
            chain.insert(0, Trigger(tok.head, Sense("@light", source="rule"), False, tok.head.i, tok.head.i + 1))
            realiser = chain[0]
        cand.realised = realiser is not None
        if s.kind == "ultimatum" and not _ultimatum(tok):
            return None
        cand.weight *= 1.0 if realiser is not None else 0.8
        if in_cond:
            flags["future"] = True  # "if Putin refuses ... during their meeting": presupposed, ahead
    else:
        chain = [f for f in path if f.event in REALISING + ("@intent", "@aspect", "@negate")]
        during = None

    # function verbs above: flags and conversions, innermost first
    restored = False
    for f in path:
        ev = f.event
        if ev == "@speech":
            if f.tok not in cand.speech:
                cand.speech.append(f.tok)
            if f.tok.lemma_.lower() in lex.cue("accuse_speech") and cand.type in HOSTILE:
                cand.accuse_if_other = True  # reset below if the act is not stated as fact
        elif ev == "@intent":
            flags["future"] = True
        elif ev == "@negate":
            flags["negated"] = True
            cand.notes.append("negate:" + f.tok.lemma_)
        elif ev == "@stop" and t.noun and cand.type == "CONSULT" and f.tok.lemma_ in lex.cue("meeting_completion_verbs") \
                and tok.lemma_.lower() in lex.cue("meeting_nouns_held") and _realised(tok, f):
            cand.realised = True  # "ended their summit without an agreement": the summit was held
        elif ev == "@stop" and (not t.noun or _realised(tok, f) or f is path[0]):
            cand.type, mode, cameo = _stopped(t, cand.type, lex)
            cand.mode, cand.cameo = mode or cand.mode, cameo or cand.cameo
        elif ev == "@restore":
            restored = True
        if ev != "@speech":
            if F.negated(f.tok, lex):
                flags["negated"] = True
            if F.future(f.tok, lex) or F.conditional(f.tok, lex):
                flags["future"] = True
            if F.possible(f.tok, lex):
                flags["hypothetical"] = True

    # the trigger's own clause
    if F.negated(tok, lex):
        flags["negated"] = True
    if F.future(tok, lex):
        # "cancelled a planned visit": a stopped noun's own "planned" is no future
        if not (t.noun and any(f.event == "@stop" and _realised(tok, f) for f in path)):
            flags["future"] = True
    if F.conditional(tok, lex):
        # "would": the future of a past report ("said it would allow") or a conditional
        flags["future"] = True
        if not cand.speech:
            flags["hypothetical"] = True
    possible = F.possible(tok, lex)
    if possible:
        flags["hypothetical"] = True
    for x in [tok] + [f.tok for f in path if f.event != "@speech"]:
        if x.dep_ in ("xcomp", "acl", "advcl") and x.head.lower_ in lex.cue("intent_adjectives"):
            flags["future"] = True  # "is prepared to impose", "willing to send"
    h = tok.head
    if tok.dep_ == "acl" and h.lemma_.lower() in lex.cue("intent_nouns_future"):
        flags["future"] = True
    if _future_time_clause(tok, lex):
        flags["future"] = True
    cond = F.condition_clause(tok, lex)
    if cond is not None:
        flags["hypothetical"] = True
    framed = _threat_frame(tok, lex)
    if framed:
        flags["hypothetical"] = True
    if F.reported_marker(tok, lex):
        flags["reported"] = True
    if F.historical_marker(tok, lex) or any(F.historical_marker(f.tok, lex) for f in path):
        flags["historical"] = True
    if F.habitual(tok):
        flags["historical"] = True
    cand.flags = flags
    cand.background = _background(tok)
    if not cand.background and not t.noun and tok.dep_ == "advcl" and tok.tag_ == "VBG" and _subject(tok) is None:
        cand.background = "participle"  # "..., offering further support": a second act, after the main one
    if cand.background == "relcl" and (flags["hypothetical"] or flags["future"] or _relcl_irrealis(tok, lex)) \
            and cand.type in FORCE_TO_THREATEN:
        return None  # "weapons with which it can attack Ukraine": a description

    # sides
    cand.actors = actor_groups(tok, t.noun, chain)
    if not cand.actors and path and not t.noun and not _passive(tok):
        for f in path:  # "X said ...": a clause with no subject of its own is the speaker's
            s2 = controller(f.tok)
            if s2 is not None:
                cand.actors.append(group(s2))
                break
    cand.recipients = recipient_groups(tok, cand.type, lex, t.noun,
                                       visit=s.role == "foreign" or s.mode == "visit")
    if t.noun and during is not None and not cand.actors:
        cand.actors, cand.recipients = during[0], during[1] + cand.recipients
    for f in chain:
        if f.event in REALISING or (f.event == "@speech" and t.noun):
            extra = recipient_groups(f.tok, cand.type, lex, False)
            cand.recipients.extend(g for g in extra if tok not in g)
    if lost is not None:
        # "Yeltsin on Saturday hosted Japanese Prime Minister Hashimoto": the parser made the
        # verb a modifier and the subject the sentence root
        cand.actors = [group(lost[0])] + cand.actors
        if lost[1] is not None:
            cand.recipients = [group(lost[1])] + cand.recipients
    if s.role == "host" and not t.noun:
        objs = [c for c in tok.children if c.dep_ == "dobj"] or ([lost[1]] if lost else [])
        if not objs or (objs[0].pos_ not in ("PROPN", "PRON") and objs[0].ent_type_ not in ("PERSON", "NORP")
                        and objs[0].lemma_.lower() not in ("delegation", "envoy", "minister", "president",
                                                           "leader", "official", "delegations")):
            return None
        cand.host = True
        # the visitor is the object: before any place the visit happened in ("received the two
        # ministers in the Oval Office")
        cand.recipients = [group(o) for o in objs] + [g for g in cand.recipients if not any(o in g for o in objs)]
    if s.role == "host" and t.noun and cand.realised:
        cand.host = True  # "gave a warm welcome to de Klerk": the giver hosts
    if s.role == "receiver" and not t.noun:
        # "demonstrators received weapons from the government": giver = "from X"
        cand.recipients = list(cand.actors)
        cand.actors = [group(p) for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                       for p in c.children if p.dep_ == "pobj"]
    if cand.type == "COERCE" and cand.mode == "seize" and not t.noun and any(
            c.dep_ == "dobj" and (c.ent_type_ in ("GPE", "LOC", "FAC") or any(
                a.dep_ == "appos" and a.lemma_.lower() in ("city", "town", "capital", "village", "port", "province", "region")
                for a in c.children)) for c in tok.children):
        cand.type, cand.mode, cand.cameo = "ASSAULT", "", "192"  # "seized Goma": occupying ground
    if cand.type == "CONSULT" and not t.noun and cand.recipients and cand.recipients[0] and \
            cand.recipients[0][0].lemma_.lower() in lex.cue("non_actor_heads"):
        return None  # "speaks to reporters": a statement to the press, no consultation
    if s.role == "accused" and not t.noun:
        # "said the US had crossed a red line": the subject is charged; the charge is the
        # speaker's (events._resolve), and only a speaker's
        cand.recipients = list(cand.actors) + cand.recipients
        cand.actors = []
        cand.notes.append("charge")
    if s.role == "target":
        # "(Russia) ... face sanctions": the subject is threatened; the threatener is elsewhere
        cand.recipients = list(cand.actors)
        cand.actors = []
        cand.mode = "restrict"
        cand.target_only = True
    if s.role == "foreign" and not t.noun:
        cand.notes.append("visit")
    if t.noun and cand.type in ("CONSULT", "AGREE"):
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ in ("their",) and not _noun_sides(tok):
            # "if Putin refuses ... during their meeting": "their" is more than the clause's
            # single subject, so the last two people named
            v = controller(tok.head) if tok.head.pos_ in ("VERB", "ADP") else None
            if v is None or v.tag_ not in ("NNS", "NNPS") and v.lower_ not in ("they", "we"):
                cand.pair_participants = 2
                cand.notes.append("pair:their")
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                for p in c.children:
                    if p.dep_ == "pobj":
                        if p.lower_ in PAIR_WORDS and any(d.lower_ in ("two", "both") for d in p.children):
                            cand.pair_participants = 2
                            cand.notes.append("pair:" + p.lower_)
                        cand.actors.insert(0, group(p))

    # "demanded that the US cancel ...", "its demand that Israel ease ...": who is to act
    addressee = _demanded_of(tok, lex) if cand.type == "REQUEST" else None
    if addressee is not None:
        cand.recipients = [group(addressee)] + [g for g in cand.recipients if addressee not in g]

    # absorbed content: mode and recipient
    if not absorbed and cand.type == "THREATEN" and not t.noun:
        absorbed = _sibling_content(tok, trig, lex)
    if absorbed:
        content, cpath = absorbed[0]
        cand.content = content
        ctype = _content_type(content, cpath, lex)
        c_recips = []
        for content_i, _ in absorbed[:3]:
            ctok = content_i.tok
            if not content_i.noun:
                subj = _subject(ctok)
                if subj is not None and cand.type in ("REQUEST", "AGREE", "ACCUSE", "THREATEN", "SUPPORT"):
                    c_recips.append(group(subj))
            c_recips.extend(recipient_groups(ctok, _content_type(content_i, [], lex), lex, content_i.noun))
            if content_i.noun:
                c_recips.extend(_owners(ctok))
        if cand.type == "MOBILIZE" and content.tok.lemma_ in lex.cue("aid_purposes") and not content.noun:
            # "sent troops to fight for Russia": forces sent on another's behalf are military aid
            helped = [group(p) for c in content.tok.children if c.dep_ == "prep" and c.lower_ in ("for", "alongside")
                      for p in c.children if p.dep_ == "pobj"]
            if content.tok.lemma_ != "fight":
                helped += [group(c) for c in content.tok.children if c.dep_ in ("dobj",)]
            if helped:
                cand.type, cand.mode, cand.cameo = "AID", "military", "072"
                cand.recipients = helped + cand.recipients
        if cand.type in ("CONSULT", "AGREE") and ctype == "CONSULT" and not content.noun and s.mode == "visit":
            # "would travel to Washington to meet Trump": the host is the one met, the city
            # only where
            cand.recipients = c_recips + cand.recipients
            c_recips = []
        if cand.type == "THREATEN":
            if not cand.mode or cand.mode == "":
                cand.mode = THREAT_MODE.get(ctype, "")
            if content.sense.cameo.startswith("13"):
                cand.mode = cand.mode or content.sense.mode
            cand.recipients = cand.recipients + c_recips if _has_human_object(tok) else c_recips + cand.recipients
        elif cand.type == "REQUEST":
            cand.mode = cand.mode or REQUEST_MODE.get(ctype, "change")
            cand.recipients = cand.recipients + c_recips
        elif cand.type == "REJECT":
            cand.mode = cand.mode or REJECT_MODE.get(ctype, "")
            cand.recipients = c_recips + cand.recipients if content.noun else cand.recipients + c_recips
        else:
            cand.recipients = cand.recipients + c_recips
        if cand.type == "REJECT" and content.noun and content.tok.lemma_.lower() in lex.cue("no_comment_objects"):
            return None

    if not t.noun and cand.type == "ACCUSE" and tok.lemma_ in lex.cue("reject_verbs") and s.source == "curated":
        # "called Spain's position terrible", "called the tariffs on Europe wrong": the charge is
        # against the owner of what is judged (or, for an act, its doer: events._link), not
        # against whoever the judged thing is aimed at
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None and tok.dep_ == "relcl":
            obj = tok.head
        cand.recipients = ([group(obj)] if obj is not None and obj.pos_ in ("PROPN", "PRON") else []) + (
            _owners(obj) if obj is not None else [])
        cand.notes.append("evaluation")
        judged = lex.noun_sense(obj) if obj is not None and obj.pos_ == "NOUN" else None
        if judged is not None and judged[0].is_event:
            cand.notes.append("judged:" + judged[0].event)

    if cand.type == "REJECT" and not t.noun:
        for c in tok.children:
            # a refusal to comment is no rejection (CAMEO 011, dropped by PLOVER)
            if c.dep_ in ("xcomp", "dobj") and c.lemma_.lower() in lex.cue("no_comment_objects"):
                return None
            # "denied that Hegseth had acted ...": denial of a statement (CAMEO 016)
            if c.dep_ == "ccomp" and c.lemma_.lower() not in ("accept", "agree"):
                if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) or tok.lemma_ == "deny":
                    return None
            # "the report was dismissed as fiction": a denial of a report, not a rejection
            if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lex.cue("dispute_objects"):
                return None

    # "warned that Russia's push was designed to force concessions": a warning about someone
    # else's conduct, stated as fact, is a criticism, not a threat
    if cand.type == "THREATEN" and tok.lemma_ in ("warn", "caution") and cond is None and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        cc = next((c for c in tok.children if c.dep_ == "ccomp"
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if cc is not None and not (F.future(cc, lex) or F.conditional(cc, lex) or F.possible(cc, lex)
                                   or F.condition_clause(cc, lex) is not None):
            subj = _subject(cc)
            if subj is not None and subj.lower_ not in PRONOUNS:
                cand.type, cand.mode, cand.cameo = "ACCUSE", "disapprove", "111"
                cand.recipients = [group(subj)] + _owners(subj) + cand.recipients

    # conversions (PLOVER: future cooperation is AGREE; intended force is a THREATEN;
    # refused or failed concessions are REJECT)
    irrealis = flags["future"] or (flags["hypothetical"] and (cond is not None or not possible))
    negator = any(f.event == "@negate" for f in path)
    if flags["negated"] and cand.type in COOP_TO_AGREE | {"AGREE"} and (irrealis or negator):
        cand.notes.append(f"refused {cand.type}")
        cand.mode = REJECT_MODE.get(cand.type, "")
        cand.type, cand.cameo = "REJECT", "12"
        flags["negated"] = False
    elif irrealis and not flags["negated"] and cand.type in COOP_TO_AGREE and not restored:
        cand.notes.append(f"future {cand.type}")
        cand.cameo = AGREE_CAMEO.get(cand.type, "030")
        cand.type, cand.mode = "AGREE", ""
    elif (irrealis or framed) and not flags["negated"] and cand.type in FORCE_TO_THREATEN and not restored:
        own = not cand.speech or _pronoun_subject(tok) or not cand.actors or (t.noun and not own_participants(tok))
        if own or cond is not None:
            cand.notes.append(f"threatened {cand.type}")
            cand.mode = THREAT_MODE.get(cand.type, "")
            cand.cameo = THREAT_CAMEO.get(cand.type, "130")
            cand.type = "THREATEN"
            flags["future"] = False
        else:
            cand.threat_if_self = True
    if cond is not None and cand.type == "THREATEN":
        subj = _subject(cond)
        if subj is not None:
            # "warned Putin of dire consequences should Russia invade": the person warned is
            # the recipient; the condition's subject only when nobody is addressed
            if _has_human_object(tok):
                cand.recipients.append(group(subj))
            else:
                cand.recipients.insert(0, group(subj))
    if framed and cand.type in FORCE_TO_THREATEN:
        return None  # "the possibility of China invading Taiwan": no act, no threat by the speaker
    if cand.accuse_if_other and (flags["hypothetical"] or flags["future"] or flags["negated"]):
        cand.accuse_if_other = False
    if t.noun and not cand.actors and cand.type in ("THREATEN", "AGREE") and cand.speech:
        s2 = controller(cand.speech[0])  # "He suggested that sanctions are under consideration"
        if s2 is not None:
            cand.actors.append(group(s2))
    if cand.type == "THREATEN":
        flags["hypothetical"] = False  # a conditional threat is still a threat made
        if not cand.mode:
            cand.mode = _threat_mode_from_words(tok, lex)
        # a threat made by telling someone is addressed to them ("told Putin he would bomb ...")
        for sp in cand.speech:
            if sp.lemma_.lower() in lex.cue("addressing_verbs"):
                addressee = [group(c) for c in sp.children if c.dep_ in ("dobj", "dative", "iobj")]
                cand.recipients = addressee + cand.recipients
                break
    return cand


@F.memo
def _lost_main_verb(tok):
    """(subject, object or None) of the main verb of a sentence the parser left verbless: the
    root is the subject noun and the verb hangs inside it, a known md misparse.

    * a finite past verb as an adjective of the noun after it ("Yeltsin on Saturday hosted
      Japanese Prime Minister Hashimoto": "hosted" amod of "Hashimoto"); a past tense (VBD)
      is never an adjective;
    * the first verb of the sentence as a participle clause inside the root's phrase ("An
      official Syrian newspaper called Thursday on Arabs to unite", "Doctors from two
      American aid groups donated and delivered ..."), with no agent of its own (a real
      reduced relative, "audio obtained by CNN", has one), and its coordinated verbs."""
    root = tok.sent.root
    if root.pos_ not in ("NOUN", "PROPN") or root.i >= tok.i:
        return None
    h = tok.head
    if tok.dep_ == "amod":
        if tok.tag_ != "VBD" or h.i <= tok.i or h.pos_ not in ("NOUN", "PROPN"):
            return None
        obj = h
        while obj.dep_ in ("compound", "nmod", "amod") and obj.head.i > obj.i and obj.head.pos_ in ("NOUN", "PROPN"):
            obj = obj.head
        return root, obj
    if tok.dep_ == "conj" and h.pos_ == "VERB":
        return (root, None) if _lost_main_verb(h) is not None else None
    if tok.dep_ != "acl" or tok.tag_ not in ("VBN", "VBD") or any(
            c.dep_ in ("agent", "nsubj", "nsubjpass", "auxpass", "aux") for c in tok.children):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in tok.doc[tok.sent.start:tok.i]):
        return None
    x = h
    for _ in range(8):  # inside the root's phrase: nouns and prepositions only
        if x.i == root.i:
            return root, None
        if x.pos_ not in ("NOUN", "PROPN", "ADP", "NUM", "ADJ"):
            return None
        x = x.head
    return None


TIME_MARKS = frozenset({"when", "once", "after", "before", "until", "till", "while", "as"})


def _future_time_clause(tok, lex: Lexicon) -> bool:
    """"... hoping to convince him to respect Ukraine's interests when he discusses the war with
    Putin": English puts a future act in a time clause in the present tense. The act is
    future when the clause it times is (an infinitive, a future or conditional, an intent)."""
    if tok.dep_ != "advcl" or tok.tag_ not in ("VBZ", "VBP") or not any(
            c.dep_ in ("mark", "advmod") and c.lower_ in TIME_MARKS for c in tok.children):
        return False
    h = tok.head
    if h.pos_ not in ("VERB", "AUX"):
        return False
    do_support = any(c.dep_ == "aux" and c.lemma_ == "do" for c in h.children)
    return (h.tag_ == "VB" and not do_support) or F.future(h, lex) or F.conditional(h, lex) or (
        h.dep_ in ("xcomp", "acl") and h.head.lemma_.lower() in lex.cue("intent_adjectives"))


def _demanded_of(tok, lex: Lexicon):
    """The subject of the content clause of a demand: the one asked to act ("demanded that the
    US cancel plans", "said that the US must be ready", "reiterated its demand that Israel
    ease restrictions"). Not a passive clause's subject ("demanded that he be released": he
    is not asked to do anything) nor the speaker's own "we"."""
    clauses = [c for c in tok.children if c.dep_ == "ccomp"]
    for o in tok.children:
        if o.dep_ in ("dobj", "nsubjpass") and o.lemma_.lower() in lex.cue("demand_nouns"):
            clauses.extend(c for c in o.children if c.dep_ in ("ccomp", "acl", "relcl"))
    if tok.pos_ == "NOUN":
        clauses.extend(c for c in tok.children if c.dep_ in ("acl", "relcl"))
    for cl in clauses:
        if not any(m.dep_ == "mark" and m.lower_ == "that" for m in cl.children) and cl.dep_ != "ccomp":
            continue
        subj = next((c for c in cl.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ in ("PROPN", "NOUN") or (
                subj is not None and subj.pos_ == "PRON" and subj.lower_ not in FIRST_PERSON | RELATIVE):
            return subj
    return None


def _during_participants(tok):
    """"... have a flyover for him during a summer summit in Alaska": a meeting that names no
    participant, in a "during"/"at" phrase of a clause, was attended by the clause's doer and
    the person the clause does it to or for. (actor groups, recipient groups) or None."""
    h = tok.head
    if tok.dep_ != "pobj" or h.lower_ not in ("during", "at") or h.head.pos_ != "VERB":
        return None
    v = h.head
    subj = controller(v)
    if subj is None:
        return None
    others = []
    heads = [v] + [c for c in v.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]  # "had dinner with X"
    for h2 in heads:
        for c in h2.children:
            if h2 is v and c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "PRON"):
                others.append(group(c))
            elif c.dep_ in ("prep", "dative") and c.pos_ == "ADP" and c.lower_ in ("for", "with", "to"):
                others.extend(group(p) for p in c.children if p.dep_ == "pobj" and p.pos_ in ("PROPN", "PRON"))
    return ([group(subj)], others) if others else None


ANCHOR_WORDS = frozenset({"ahead", "before", "prior", "advance", "run-up"})


def _time_anchor(tok) -> bool:
    """"Putin speaks to journalists ahead of his meeting with U.S. officials", "before the start
    of their meeting": a meeting named only to time the clause. The sentence asserts something
    else; the meeting is presupposed, planned elsewhere (its AGREE, if any, is not reported
    here, and not on this day), and coded where it is reported. "During their meeting" is
    no anchor: it places the act inside the meeting."""
    x = tok
    if x.dep_ == "pobj" and x.head.lower_ == "of" and x.head.head.pos_ == "NOUN" and x.head.head.lower_ == "start":
        x = x.head.head  # "before the start of their meeting"
    h = x.head
    if x.dep_ == "pobj" and (h.lower_ in ANCHOR_WORDS or (h.lower_ in ("of", "to") and h.head.lower_ in ANCHOR_WORDS)):
        return True
    k = x.left_edge.i - 1  # "looks on ahead a virtual talk": the parser lost the "of"
    return k >= 0 and x.doc[k].lower_ in ("ahead", "before")


def _relcl_irrealis(tok, lex: Lexicon) -> bool:
    """"concessions that would reward Russia's campaign to seize territory": a relative clause
    with a modal describes, it does not report."""
    t = tok
    for _ in range(12):
        if t.head.i == t.i:
            return False
        if t.dep_ == "relcl":
            return F.conditional(t, lex) or F.possible(t, lex) or F.future(t, lex)
        t = t.head
    return False


@F.memo
def _background(tok) -> str:
    """Is the trigger in a clause that only sets the scene: a relative clause ("where 28 people
    have been killed"), an adverbial clause ("one day after a jet shot down a helicopter")?"""
    t = tok
    for _ in range(12):
        if t.head.i == t.i:
            return ""
        if t.dep_ == "relcl":
            return "relcl"
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in STOP_MARKS for c in t.children):
            return "subordinate"
        if t.dep_ in ("pcomp", "pobj") and t.head.lower_ in ("after", "before", "since", "following", "amid", "despite"):
            return "subordinate"
        t = t.head
    return ""


def _pair_between(tok) -> bool:
    """"a phone call between the two leaders"."""
    return any(c.dep_ == "prep" and c.lower_ == "between" and any(
        p.lower_ in PAIR_WORDS and any(d.lower_ in ("two", "both") for d in p.children)
        for p in c.children if p.dep_ == "pobj") for c in tok.children)


def _noun_sides(tok) -> bool:
    """An event noun that names a side by a preposition: "talks with X", "sanctions on X"."""
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between", "on", "against", "to", "from", "toward", "towards")
               and any(p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME") and (
                   p.pos_ in ("PROPN", "PRON") or p.ent_type_ in ("GPE", "NORP", "PERSON", "ORG")
                   or any(m.ent_type_ in ("GPE", "NORP", "PERSON", "ORG") for m in p.children))
                       for p in c.children) for c in tok.children)


def _located(tok) -> bool:
    """"a summit in Alaska", "talks in Moscow": a meeting noun with a place."""
    return any(c.dep_ in ("prep",) and c.lower_ in ("in", "at") and any(
        p.ent_type_ in ("GPE", "LOC", "FAC") for p in c.subtree) for c in tok.children) or any(
        c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC", "FAC") for c in tok.children)


def _sibling_content(tok, trig, lex: Lexicon):
    """"He has threatened, but held off on, imposing new sanctions": the threat's content
    hangs on the coordinated verb."""
    out = []
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ == "VERB":
            for t in c.subtree:
                tt = trig.get(t.i)
                if tt is not None and tt.sense.is_event and t.i != tok.i:
                    out.append((tt, [trig[c.i]] if c.i in trig and trig[c.i].sense.function else []))
    return out


def _has_human_object(tok) -> bool:
    return any(c.dep_ in ("dobj", "dative") and (c.ent_type_ in ("PERSON", "GPE", "NORP", "ORG")
                                                 or c.pos_ == "PROPN") for c in tok.children)


def _pronoun_subject(tok) -> bool:
    s = _subject(tok)
    return s is not None and s.lower_ in PRONOUNS


def _ultimatum(tok) -> bool:
    """"a deadline set by X for Y to ... or face ...": a deadline is an ultimatum only so."""
    doc = tok.doc
    right = doc[tok.i + 1: min(F.sent_info(tok)[1], tok.i + 25)]
    words = [t.lower_ for t in right]
    has_for = "for" in words[:12] and "to" in words
    has_or = "or" in words and any(w in ("face", "risk") for w in words)
    set_by = any(c.dep_ == "acl" and c.lemma_ in ("set", "give", "impose", "issue") for c in tok.children) or (
        tok.dep_ == "dobj" and tok.head.lemma_ in ("set", "give", "impose", "issue"))  # "gave Iran a deadline"
    return (has_for and (has_or or set_by)) or (set_by and has_or)


def ultimatum_sides(tok) -> tuple[list[list], list[list]]:
    """Actor ("set by X", "X's deadline") and recipient ("for Y to") of an ultimatum noun."""
    doc = tok.doc
    actors, recips = [], []
    end = min(F.sent_info(tok)[1], tok.i + 25)
    for t in doc[tok.i + 1: end]:
        if t.lower_ == "by":
            p = next((c for c in t.children if c.dep_ == "pobj"), None)
            if p is None:
                p = next((x for x in doc[t.i + 1: min(end, t.i + 8)]
                          if x.pos_ == "PROPN" and (x.i + 1 >= len(doc) or doc[x.i + 1].pos_ != "PROPN")), None)
            if p is not None:
                actors.append(group(p))
        if t.lower_ == "for":
            p = next((c for c in t.children if c.dep_ == "pobj"), None)
            if p is None and t.i + 1 < end and doc[t.i + 1].pos_ == "PROPN":
                p = doc[t.i + 1]
            if p is not None:
                recips.append(group(p))
            break
    return actors, recips


def _threat_mode_from_words(tok, lex: Lexicon) -> str:
    start, end, _ = F.sent_info(tok)
    words = {t.lemma_.lower() for t in tok.doc[start:end]}
    if words & {"sanction", "tariff", "embargo", "restriction", "ban", "boycott"}:
        return "restrict"
    if words & {"relation", "tie", "negotiation", "talk", "contact"}:
        return "relations"
    if words & {"arrest", "jail", "prison", "detain"}:
        return "arrest"
    if words & {"bomb", "war", "attack", "strike", "force", "military", "nuclear", "invade",
                "destroy", "defeat", "wipe", "fight"}:
        return "violence"
    return ""


def _conditional_threats(sent, trig, found: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """"If Europe starts a war, we're ready right now": a condition + a promised response by the
    speaker is a threat even with no threat verb (events.py keeps it only inside quotes)."""
    out = []
    low = F.sent_info(sent[0])[2]
    if not any(m in low for m in ("if ", "unless ", "should ")):
        return out
    taken = {c.tok.i for c in found}
    for tok in sent:
        if tok.dep_ not in ("ROOT", "ccomp", "conj") or tok.i in taken:
            continue
        cond = F.condition_clause(tok, lex)
        if cond is None:
            continue
        subj = _subject(tok)
        if subj is None or subj.lower_ not in FIRST_PERSON:
            continue
        if any(c.type == "THREATEN" and tok.left_edge.i <= c.tok.i <= tok.right_edge.i for c in found):
            continue
        main_words = {t.lemma_.lower() for t in tok.subtree if not (cond.left_edge.i <= t.i <= cond.right_edge.i)}
        cond_text = tok.doc[cond.left_edge.i: cond.right_edge.i + 1].text.lower()
        threat = main_words & lex.cue("threat_words")
        conflict = any(w in cond_text for w in lex.cue("conflict_words"))
        if not (threat or conflict):
            continue
        if not threat and not (main_words & {"ready", "arise", "negotiate", "respond", "will", "go"}):
            continue
        s = Sense("THREATEN", "violence", "138", 0.85, source="rule")
        cand = Candidate("THREATEN", s.mode, s.cameo, s.weight, Trigger(tok, s, False, tok.i, tok.i + 1))
        cand.depth = clause_depth(tok)
        cand.flags = _flags()
        cand.actors = [group(subj)]
        csubj = _subject(cond)
        cand.recipients = [group(csubj)] if csubj is not None else []
        cand.notes.append("conditional threat")
        out.append(cand)
    return out
