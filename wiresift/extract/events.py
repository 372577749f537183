"""PLOVER events: who did what to whom, when and where, with the sentence that says so.

One record per act::

    {"type": "THREATEN", "mode": "restrict", "actor": ["p:donald-trump"], "recipient": ["c:RUS"],
     "date": "2025-07-08", "date_precision": "day", "date_text": "Tuesday",
     "place": {"name", "geonameid", "lat", "lon", "country"} | None,
     "evidence": {"start", "end", "text"}, "section": "body" | "caption",
     "flags": {"negated", "hypothetical", "future", "reported", "historical", "disputed"},
     "confidence": 0.0-1.0, "quad": 1-4, "cameo": "13",
     "trigger": {"start", "end", "text"}}

How events are found is in event_patterns.py (triggers, frames, sides); this module maps the
sides to actors (event_actors.py, the one bridge to the resolver), links events across
sentences, dates and places them, and writes the records.

Choices a user of the data should know:

* **quad** follows PLOVER: 1 verbal cooperation (AGREE CONSULT SUPPORT CONCEDE), 2 material
  cooperation (COOPERATE AID RETREAT), 3 verbal conflict (REQUEST ACCUSE REJECT THREATEN),
  4 material conflict (PROTEST MOBILIZE COERCE ASSAULT) and **SANCTION in 4**. The manual
  is split (its quad table says verbal, its SANCTION section material); we follow the
  definition: a sanction is a reduction of relations that is carried out (aid stopped,
  diplomats expelled, trade cut), not words, and CAMEO's QuadClass put its code 16 in
  material conflict too, so quad series built from older data do not jump. A *threatened*
  sanction is THREATEN (quad 3), which keeps words and deeds apart.
* **cameo** is the CAMEO root (two digits) nearest the PLOVER event: the root of the CAMEO
  code that matched when it maps to the same PLOVER type, else the type's usual root.
* **Several items, one event.** "Russia demands that Ukraine stop receiving Western weapons
  and abandon its aspirations to join NATO" is one REQUEST: PLOVER codes acts, and one
  statement of demands is one act. Its items are the content of the event (its evidence);
  separate statements of demands ("Moscow insists that Kyiv renounce four regions",
  "Russia also demands ...") are separate events.
* **Quotes.** Inside a direct quote only acts a speaker performs by speaking are coded
  (threats, demands, accusations, rejections, agreements), with the speaker as actor when
  the clause says "I"/"we", and the quote as evidence. "I'm going to bomb Moscow" is a
  threat by the speaker; "We get a lot of bullshit thrown at us by Putin" an accusation.
* **Dates** come from the time expression governing the event (timexes.event_date); an
  event recounted from the past (flags.historical) or stated only in a caption never takes
  the article's date.
* **Doers and targets named only by a place** follow the CAMEO/ICEWS convention: an attack
  by no one named is by ``c:XXX-UAF`` ("Unidentified armed force in <country>", where it
  happened, not any party suspected), protesters with no country are of the country where
  they protest, an agentless passive arrest or investigation is by that state's authorities,
  civilians killed with no nationality are the place's, and a curfew or an attack on "targets
  in X" has X's country as recipient. The actor record's name says so; nothing is guessed
  when the clause gives no place.
* **Meetings** named only to time a clause ("ahead of the summit") are not coded; a planned
  meeting (AGREE) is dated when it is reported, not on the day it is to happen.
* Negated events are kept with flags.negated so a user can see what did *not* happen; a
  refused cooperation is coded REJECT instead ("would not meet the demands").
"""
from __future__ import annotations

import bisect

from ..parse.docs import text_of
from . import event_flags as F
from .base import ParsedDoc, extractor, registered
from .event_actors import Sides
from .event_lexicon import Lexicon, load
from .event_patterns import PEOPLE_WORDS, Candidate, _logical_head, candidates, controller, group, ultimatum_sides

# the extractors whose results we read, when they are installed
for _name in ("actors", "timexes", "toponyms", "quotes"):
    try:
        __import__(f"{__package__}.{_name}")
    except ImportError:  # pragma: no cover - optional siblings
        pass

try:
    from .timexes import event_date, timex_for_token
except ImportError:  # pragma: no cover
    event_date = timex_for_token = None
try:
    from .toponyms import place_for_span
except ImportError:  # pragma: no cover
    place_for_span = None

REQUIRES = tuple(n for n in ("actors", "timexes", "toponyms", "quotes") if n in registered())

QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
        "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4,
        "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
CAMEO_ROOT = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
              "CONCEDE": "08", "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12",
              "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16",
              "COERCE": "17", "ASSAULT": "19"}
BODY_KINDS = ("body", "caption")
DEMAND_NOUNS = frozenset({"demand", "condition", "term", "proposal", "offer", "request", "call",
                          "ultimatum", "plan", "initiative", "peace", "deal", "this", "these", "it", "them"})


@extractor("events", requires=REQUIRES)
def extract_events(pdoc: ParsedDoc) -> list[dict]:
    """PLOVER event records for one article (see the module docstring)."""
    return [e.record for e in code_events(pdoc)]


class Event:
    """A candidate with its sides resolved; ``record`` is the contract dict."""

    __slots__ = ("cand", "sent", "section", "actor", "recipient", "quote", "record", "sent_i")

    def __init__(self, cand: Candidate, sent, section: str, sent_i: int):
        self.cand = cand
        self.sent = sent
        self.sent_i = sent_i
        self.section = section
        self.actor: list[dict] = []
        self.recipient: list[dict] = []
        self.quote: dict | None = None
        self.record: dict = {}

    @property
    def type(self) -> str:
        return self.cand.type

    @property
    def actor_ids(self) -> set[str]:
        return {a["id"] for a in self.actor}

    @property
    def countries(self) -> set[str]:
        return {a.get("country") for a in self.actor if a.get("country")}


def code_events(pdoc: ParsedDoc) -> list[Event]:
    lex = load()
    F.reset()
    sides = Sides(pdoc)
    events: list[Event] = []
    sents = [s for s in pdoc.doc.sents if pdoc.text[s.start_char:s.end_char].strip()]
    for si, sent in enumerate(sents):
        kind = pdoc.section_kind(sent.start_char)
        if kind not in BODY_KINDS:
            continue
        for cand in candidates(sent, lex):
            ev = Event(cand, sent, kind, si)
            if _resolve(ev, sides, lex):
                events.append(ev)
    sided = {(e.sent_i, e.type) for e in events if e.actor}
    for ev in events:
        if not ev.actor and (ev.sent_i, ev.type) not in sided:
            # not when the sentence names the doer in another record of the act ("Moscow ramps
            # up attacks ... with missile and drone strikes")
            _unnamed_actor(pdoc, ev, sides, lex)
        if _natural(ev.cand, lex):
            continue
        if not ev.recipient and ev.type in ("ASSAULT", "COERCE"):
            _unnamed_victims(pdoc, ev, sides)
        if not ev.recipient:
            _place_recipient(pdoc, ev, sides)
    events.extend(_quote_accusations(pdoc, sides, lex, events, sents))
    events.sort(key=lambda e: (e.sent_i, e.cand.tok.i))
    _link(events, sides, lex, sents)
    _disputes(events, sents, lex)
    out = []
    for ev in events:
        if not _keep(ev, lex):
            continue
        ev.record = _record(pdoc, ev)
        out.append(ev)
    _paragraph_dates(pdoc, out)
    return _dedupe(out)


def _paragraph_dates(pdoc, events: list[Event]) -> None:
    """"Gunmen killed 26 people near Pahalgam on April 22. India blamed Pakistan, suspended the
    treaty ...": a simple-past act with no time of its own, in the paragraph that has just
    dated the act it follows, happened then too (narrative order). Only from an act dated by
    its own expression, within two sentences, in the body, and never for a recounted act, a
    pluperfect (anterior to the narrative) or a future one."""
    text = pdoc.text
    last: dict[int, Event] = {}
    for ev in events:
        r = ev.record
        para = text.rfind("\n", 0, r["evidence"]["start"]) + 1
        donor = last.get(para)
        if r["date"] is None and donor is not None and ev.section == "body" and ev.sent_i - donor.sent_i <= 2 \
                and not any(r["flags"].get(k) for k in ("historical", "future", "hypothetical")) \
                and ev.quote is None and _simple_past(ev.cand.tok):
            r["date"], r["date_precision"] = donor.record["date"], donor.record["date_precision"]
            r["date_text"] = donor.record["date_text"]
            ev.cand.notes.append("date from the paragraph's narrative")
        if r["date_text"] and r["date_precision"] == "day" and ev.section == "body" and not r["flags"].get("historical") \
                and r["date"] and r["date"][:1].isdigit():
            last[para] = ev


def _simple_past(tok) -> bool:
    v = tok
    for _ in range(4):  # an event noun is as past as the verb that realises it
        if v.pos_ in ("VERB", "AUX") or v.head.i == v.i:
            break
        v = v.head
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in v.children):
        return False
    while v.tag_ == "VBN" and v.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in v.children):
        v = v.head  # "blamed Pakistan, suspended the treaty and expelled ...": tagged as participles
    return v.tag_ == "VBD" and not any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in v.children)


# -- sides -----------------------------------------------------------------------------------
def _reciprocal_split(ev: Event, lex: Lexicon) -> None:
    """"Russia and Ukraine exchanged prisoners", "Congo and Rwanda signed a peace agreement",
    "each freeing 303 soldiers": an act two parties do to each other, coded (as CAMEO coders
    do) from the first named to the other. Meetings and agreements keep all participants as
    actors (their order means nothing)."""
    c = ev.cand
    if ev.recipient or len(ev.actor) != 2 or ev.type in ("CONSULT", "AGREE"):
        return  # ("Trump, Sisi, the emir and Erdogan signed as guarantors": no pair, one act)
    if len({a.get("country") for a in ev.actor}) < 2:
        return
    if c.actors and c.actors[0]:
        head = c.actors[0][0]
        span = head.doc[head.left_edge.i: head.right_edge.i + 1]
        if len(c.actors[0]) > 2 or (sum(t.text == "," for t in span) >= 2 and any(t.lower_ == "and" for t in span)):
            return  # a list of three or more in the subject, whatever the parser made of it
    words = lex.cue("reciprocal_acts")
    lemmas = {c.tok.lemma_.lower(), c.content.tok.lemma_.lower() if c.content is not None else ""}
    subj = next((t for g in c.actors for t in g), None)
    clause = F.sent_info(c.tok)[2]
    if lemmas & words or (subj is not None and subj.lower_ == "each") or any(
            g and g[-1].lower_ == "each" for g in c.actors) or " each other" in clause or " one another" in clause:
        ev.actor, ev.recipient = ev.actor[:1], ev.actor[1:]
        c.notes.append("reciprocal")



def _resolve(ev: Event, sides: Sides, lex: Lexicon) -> bool:
    c = ev.cand
    tok = c.tok
    q = sides.quote_at(tok.idx)
    if q is not None:
        if c.type.lower() not in lex.cue("speech_act_types") and not c.threat_if_self:
            return False
        outside = not (q["content"]["start"] <= tok.head.idx < q["content"]["end"])
        if not c.trigger.noun and tok.tag_ == "VB" and (outside or tok.dep_ not in ("xcomp", "ccomp", "advcl")) \
                and _subject_of(tok) is None and not any(ch.dep_ == "aux" for ch in tok.children):
            return False  # an imperative ("Yes, reach an agreement"): advice, not the speaker's act
        ev.quote = q
    elif "conditional threat" in c.notes:
        return False  # "if ..., we are ready": a threat only in a speaker's own words
    if c.trigger.noun and c.trigger.sense.kind == "ultimatum":
        a, r = ultimatum_sides(tok)
        c.actors = a + c.actors
        c.recipients = r + c.recipients
    pair_word = next((n.split(":")[1] for n in c.notes if n.startswith("pair:")), None)
    if c.pair_participants and (pair_word or not any(sides.resolve_group(g) for g in c.actors)):
        people = pair_word in PEOPLE_WORDS or (pair_word == "their" and len(
            [a for a in sides.last_actors(tok.idx, 2, people=True, within=400)]) == 2)
        ev.actor = sides.last_actors(tok.idx, c.pair_participants, people=people)
        c.recipients = []
    else:
        ev.actor = sides.pick(c.actors)
    if not ev.actor and q is not None and c.actors == []:
        spk = sides.speaker(q)
        ev.actor = [spk] if spk else []
    if not ev.actor and c.target_only and c.type == "THREATEN" and c.speech and controller(c.speech[-1]) is not None:
        # "Khamenei said Israel should expect severe punishment": a state's voice naming what
        # another is to face is the threat; a commentator's forecast is not
        speaker = sides.pick([group(controller(c.speech[-1]))])
        if speaker and _own_state(speaker):
            ev.actor = speaker
            c.notes.append("threat by the speaker")
    ids = ev.actor_ids
    if c.type == "REJECT" and _rejects_demand(c, lex):
        c.notes.append("rejects a demand")  # its recipient is the demander (_link)
    else:
        own = _own_state(ev.actor)
        ev.recipient = sides.pick(c.recipients, exclude=ids, other_than=ev.countries, own_names=own)
        if not ev.recipient:
            _reciprocal_split(ev, lex)  # before any name deep in the object ("... in Washington")
        if not ev.recipient and c.type in ("REJECT", "REQUEST", "AGREE", "ACCUSE", "THREATEN", "SUPPORT") \
                and "evaluation" not in c.notes:
            ev.recipient = sides.pick(_deep(c), exclude=ids, other_than=ev.countries, own_names=own)
    if c.host:
        # "Putin received Witkoff": the visitor is the actor, the host the recipient
        ev.actor, ev.recipient = ev.recipient, ev.actor
    if c.accuse_if_other and ev.actor and c.speech:
        speaker = sides.pick([group(controller(c.speech[-1]))]) if controller(c.speech[-1]) is not None else []
        if speaker and not ({a["id"] for a in speaker} & ids):
            c.notes.append(f"alleged {c.type}")
            c.type, c.mode, c.cameo = "ACCUSE", "allege", "112"
            ev.recipient, ev.actor = ev.actor, speaker
            c.flags["reported"] = False
    if c.threat_if_self and c.speech:
        speaker = sides.pick([group(controller(c.speech[-1]))]) if controller(c.speech[-1]) is not None else []
        if speaker and _speaks_for(speaker, ev.actor):
            # the threat is the speaker's: "Carney said Canada would fight the tariffs" is
            # Carney's threat, made for Canada
            ev.actor = speaker
            ids = ev.actor_ids
            c.notes.append(f"threatened {c.type}")
            from .event_patterns import THREAT_CAMEO, THREAT_MODE
            c.mode, c.cameo = THREAT_MODE.get(c.type, ""), THREAT_CAMEO.get(c.type, "130")
            c.type = "THREATEN"
    if c.tok.lemma_ == "clash" and c.type == "ASSAULT" and not c.trigger.noun and ev.actor \
            and all(a["id"].startswith(("p:", "u:")) for a in ev.actor):
        # "Trump and Zelensky clashed in the Oval Office": people clash in words
        c.type, c.mode, c.cameo = "ACCUSE", "disapprove", "111"
        ev.recipient = [a for a in ev.recipient if not a["id"].startswith("c:")]
        c.notes.append("verbal clash")
    if c.trigger.sense.role == "accused" and not c.trigger.noun:
        speaker = sides.pick([group(controller(c.speech[-1]))]) if c.speech and controller(c.speech[-1]) is not None else []
        if q is not None and not speaker:
            spk = sides.speaker(q)
            speaker = [spk] if spk else []
        if not speaker:
            return False  # "the US crossed a red line", in the writer's voice: no charge made
        ev.actor = speaker
        ids = ev.actor_ids
        ev.recipient = [a for a in ev.recipient if a["id"] not in ids]
        c.flags["reported"] = False
        c.notes.append("alleged by the speaker")  # made by speaking, not reported
    if q is not None and c.type.lower() not in lex.cue("speech_act_types"):
        return False  # "our forces will attack", said by someone else about them: no act here
    if not ev.actor and c.speech and c.actors and controller(c.speech[-1]) is not None:
        head = c.actors[0][0]
        body = " ".join([d.lower_ for d in head.children if d.dep_ == "compound" and d.pos_ == "NOUN" and d.i < head.i] + [head.lower_])
        sector = sides.index.agent_sector(body) if sides.index is not None and head.pos_ == "NOUN" else None
        if sector in ("MIL", "GOV") and any(d.lower_ == "the" for d in head.children) \
                and not any(d.dep_ in ("amod", "poss", "nmod") or (d.dep_ == "compound" and d.pos_ != "NOUN")
                            for d in head.children):
            # "Pakistan's military spokesman said the air force had downed five aircraft": a
            # state body named without its state, in a state official's report, is the official's
            speaker = sides.pick([group(controller(c.speech[-1]))])
            own = sorted(_own_state(speaker))
            if speaker and own:
                a = sides.index.group_at(own[0][2:], sector, head)
                if a is not None:
                    ev.actor = [a]
                    ids = ev.actor_ids
    promise = c.type == "AGREE" and any(n.startswith("future ") for n in c.notes)
    if (c.type == "THREATEN" or promise) and c.speech and (promise or any(n.startswith("threatened ") for n in c.notes)) \
            and ev.actor and all(a["id"].startswith("c:") for a in ev.actor) and controller(c.speech[-1]) is not None:
        # "Grushko said Moscow would consider countermeasures", "Starmer said Britain would work
        # with Ukraine": the threat or promise is the speaker's, made for his state (as with
        # threat_if_self above)
        speaker = sides.pick([group(controller(c.speech[-1]))])
        if speaker and not speaker[0]["id"].startswith("c:") and _speaks_for(speaker, ev.actor):
            ev.actor = speaker
            ids = ev.actor_ids
    if not ev.actor and c.speech and c.actors and c.actors[0] and c.actors[0][0].lower_ in (
            "he", "she", "it", "they", "we", "i"):
        # "Iraq's government announced that it is prepared to ...": a pronoun the resolver
        # leaves open is the speaker's (PETRARCH's reading of reported intentions)
        subj = _subject_of(c.speech[0])
        if subj is not None:
            ev.actor = sides.pick([group(subj)])
            ids = ev.actor_ids
            if not ev.recipient:
                ev.recipient = sides.pick(c.recipients, exclude=ids, other_than=ev.countries)
    if c.speech and "alleged" not in " ".join(c.notes):
        # known only through someone's statement, the actor's own included ("Trump claimed
        # he told Putin ...")
        c.flags["reported"] = True
    return True


STATE_SECTORS = frozenset({None, "GOV", "MIL"})


def _own_state(actors: list[dict]) -> set[str]:
    """The country ids an actor speaks and acts for: a state, its government and its forces do
    not threaten, ask, meet or attack their own country as a whole ("warned that Iran would
    respond", "a threat to Israel's survival", "what Moscow calls"). Its citizens may (a
    protest against the government), so only state actors exclude their country."""
    return {f"c:{a['country']}" for a in actors if a.get("country") and (
        a.get("sector") in STATE_SECTORS and not (a["id"].startswith("u:") and a.get("sector") is None)
        or a["id"].startswith("c:"))}


def _speaks_for(speakers: list[dict], actors: list[dict]) -> bool:
    """Is the clause's actor the speaker, or the state the speaker speaks for ("Carney said
    Canada would fight ...", "Grushko said Moscow would consider ...")?"""
    ids = {a["id"] for a in actors}
    return bool({a["id"] for a in speakers} & ids or _own_state(speakers) & {i for i in ids if i.startswith("c:")})


CIVILIAN_SECTORS = frozenset({"CVL", "REF", "JRN", "MED", "EDU", "REL", "LAB", "BUS", "AGR"})


def _people_sector(tok, sides: Sides) -> str | None:
    """The agent sector of the people a noun phrase names, by its head with the nouns
    compounded on it ("police officers" COP, "children" CVL); None for things and places
    ("targets", "the town" in "near the town of Samarra")."""
    if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS | {"near", "of"}:
        return None
    words = [c.lemma_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok.lemma_]
    return sides.index.agent_sector(" ".join(words))


def _natural(c: Candidate, lex: Lexicon) -> bool:
    """Is the doer a natural force ("A storm killed five people")? Then nobody acted."""
    subj = next((x for g in c.actors for x in g), None)
    return subj is not None and subj.lemma_.lower() in lex.cue("natural_forces")


def _unnamed_victims(pdoc, ev: Event, sides: Sides) -> None:
    """"Four children and a man were killed ... in the Gaza Strip": civilians the text gives
    no country are coded as civilians of the country where they were attacked (not soldiers:
    an army fights abroad, its soldiers are not the place's)."""
    c = ev.cand
    if sides.index is None or ev.quote is not None or place_for_span is None:
        return
    head = next((t for g in c.recipients for t in g if t.pos_ == "NOUN"), None)
    if head is None or any(ch.dep_ == "prep" and ch.lower_ == "from" for ch in head.children):
        return  # "a priest from Lyon": they have a place of their own
    sector = _people_sector(head, sides)
    if sector not in CIVILIAN_SECTORS:
        return
    clause = F.clause_head(c.tok)
    code = (place_for_span(pdoc, *_char_span(clause)) or {}).get("country") or _located_in(c.tok, clause, sides)
    if code and not any(a.get("country") == code and a.get("sector") == sector for a in ev.actor):
        a = sides.index.group_at(code, sector, head)
        if a is not None:
            ev.recipient = [a]
            c.notes.append("recipient from the place")


AREA_TYPES = frozenset({"COERCE", "CONCEDE", "SANCTION", "ASSAULT", "RETREAT"})


def _place_recipient(pdoc, ev: Event, sides: Sides) -> None:
    """An act on a place and the people in it, with no one else named as its target ("imposed
    a curfew in the town of Cizre", "lifted a state of emergency in West Darfur", "fired shells
    at targets in Jericho", "suspended aid deliveries in Baghdad"): the recipient is the
    country of that place, as CAMEO and PLOVER code area restrictions and attacks."""
    c = ev.cand
    if sides.index is None or ev.quote is not None or place_for_span is None:
        return
    threat_on_area = c.type == "THREATEN" and c.content is not None and c.content.event in ("COERCE", "ASSAULT", "SANCTION")
    if c.type not in AREA_TYPES and not threat_on_area:
        return
    patient = next((t for g in c.recipients for t in g if t.pos_ == "NOUN"), None)
    if patient is not None and _people_sector(patient, sides) not in (None, "UNK"):
        return  # "a priest ... was detained in Algeria": the target is the person, not the place
    code = _located_in(c.tok, F.clause_head(c.tok), sides)
    if code:
        a = sides.index.group_at(code, None, None)
        if a is not None:
            ev.recipient = [a]
            c.notes.append("recipient: the place")


ARMED_SECTORS = frozenset({"UAF", "REB", "MIL", "PRM", "CRM", "COP", "SPY"})
LEGAL_MODES = frozenset({"arrest", "investigate", "expel", "detain", "sentence", "charge", "seize", "ban"})


def _unnamed_actor(pdoc, ev: Event, sides: Sides, lex: Lexicon) -> None:
    """An act whose doer the text does not name, but whose place it does, gets the doer the
    place implies (the CAMEO/ICEWS convention for unidentified actors):

    * an attack by no one named, or by a weapon ("killed by an improvised explosive device
      outside Basra", "a minefield explosion near Samarra"): an unidentified armed force of
      the country where it happened (``c:IRQ-UAF``), not any party the reader may suspect;
    * a protest by people the text gives no country ("Prisoners rioted at a jail in Dili"):
      those people, of the country where they protest (``c:TLS-CRM``);
    * an arrest, investigation or expulsion in the passive with no agent ("was arrested in
      Lebanon"): the authorities of that country (``c:LBN-GOV``); only the state arrests.

    Nothing is assigned when the subject is something else that names no one (a storm, a
    decision) or the clause gives no place."""
    c = ev.cand
    if sides.index is None or ev.quote is not None or place_for_span is None:
        return
    head = next((t for g in c.actors for t in g if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    verb = c.tok
    if c.trigger.noun and c.realised:  # "has been put under investigation"
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
    passive_legal = (not c.trigger.noun or c.realised) and F.event_passive(verb) and head is None and (
        c.type in ("COERCE", "SANCTION") or c.mode in LEGAL_MODES)
    if c.type == "ASSAULT":
        if head is None or head.lemma_.lower() in lex.cue("unidentified_attackers"):
            sector = "UAF"
        else:
            # armed people only: a misparse may offer the victims ("children ... killed in shelling")
            sector = sides.index.agent_sector(head.lemma_)
            if sector not in ARMED_SECTORS or head.pos_ != "NOUN":
                return
    elif c.type == "PROTEST" and head is not None and head.pos_ == "NOUN":
        sector = sides.index.agent_sector(head.lemma_)
        if sector is None:
            return
    elif passive_legal:
        sector = "GOV"
    else:
        return
    if head is not None and head.lemma_.lower() in lex.cue("non_agents"):
        return
    clause = F.clause_head(c.tok)
    code = _located_in(c.tok, clause, sides, ("from",), direct=True) if c.type == "ASSAULT" else None
    if not code:  # "a mortar bomb was fired at Israel from the Gaza Strip": where the fire came from
        place = place_for_span(pdoc, *_char_span(clause))
        code = (place or {}).get("country") or _located_in(c.tok, clause, sides)
    if not code:
        return
    who = head if head is not None and sector != "UAF" else None
    a = sides.index.group_at(code, sector, who)
    if a is not None and a["id"] not in {r["id"] for r in ev.recipient}:
        ev.actor = [a]
        c.notes.append("actor from the place")


def _char_span(head) -> tuple[int, int]:
    """Character range of the phrase or clause ``head`` heads."""
    doc = head.doc
    return doc[head.left_edge.i].idx, doc[head.right_edge.i].idx + len(doc[head.right_edge.i])


LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within"})


def _located_in(tok, clause, sides: Sides, preps_wanted=LOCATIVE_PREPS, direct: bool = False) -> str | None:
    """The country of a place in a locative phrase of the event's clause, however deep the
    parse buries the name ("outside of the Iraqi city of Basra", "at a jail in East Timor's
    capital Dili")."""
    stack, preps = [clause], []
    while stack:  # the clause's own phrases, not the clauses inside it
        t = stack.pop()
        for ch in t.children:
            if ch.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "conj") and ch.pos_ in ("VERB", "AUX") \
                    and not (ch.dep_ == "advcl" and ch.tag_ == "VBG" and not any(
                        k.dep_ in ("nsubj", "mark") for k in ch.children)):  # "... killed in shelling in X"
                continue
            if ch.dep_ in ("prep", "advmod") and ch.lower_ in preps_wanted and (not direct or t.i in (tok.i, clause.i)):
                preps.append(ch)  # direct: on the verb itself ("fired ... from Gaza"), not "officers from X"
            stack.append(ch)
    for pr in sorted(preps, key=lambda t: abs(t.i - tok.i)):
        for x in pr.subtree:
            if x.dep_ == "pobj":
                code = sides.place_country(x)
                if code:
                    return code
                a = sides.actor(x) if x.pos_ == "PROPN" else None
                if a is not None and a["id"].startswith("c:") and a.get("country"):
                    return a["country"]  # a country named as a place ("in Lebanon")
    return None


def _sentence_actors(sent, sides: Sides) -> list[dict]:
    out, seen = [], set()
    for t in sent:
        if t.pos_ in ("PROPN", "PRON") or t.ent_type_ in ("GPE", "NORP", "PERSON", "ORG"):
            a = sides.actor(t)
            if a is not None and a["id"] not in seen:
                seen.add(a["id"])
                out.append(a)
    return out


def _rejects_demand(c: Candidate, lex: Lexicon) -> bool:
    """"Kyiv considers these conditions unacceptable", "terms Kyiv has rejected": the object is
    a demand whose owner the clause does not name."""
    objs = [ch for ch in c.tok.children if ch.dep_ in ("dobj", "nsubjpass")]
    for ch in c.tok.children:
        if ch.dep_ in ("ccomp", "oprd", "xcomp") and ch.pos_ == "ADJ":
            objs.extend(x for x in ch.children if x.dep_ == "nsubj")
    if c.tok.dep_ == "relcl":
        objs.append(c.tok.head)
    for o in objs:
        if o.lemma_.lower() in DEMAND_NOUNS and not any(
                x.dep_ in ("poss", "compound", "amod") and (x.pos_ == "PROPN" or x.ent_type_ in ("GPE", "NORP", "PERSON", "ORG"))
                for x in o.children) and not any(x.dep_ == "prep" and x.lower_ in ("from", "by", "of") for x in o.children):
            return True
    return False


def _subject_of(tok):
    for ch in tok.children:
        if ch.dep_ in ("nsubj", "nsubjpass"):
            return ch
    return None


def _deep(c: Candidate) -> list[list]:
    """Every name in the event's object and content, in text order: the last resort for the
    recipient of a rejection or a demand ("terms that see Ukraine cede land to Russia")."""
    roots = []
    for ch in c.tok.children:
        if ch.dep_ in ("dobj", "xcomp", "ccomp", "prep", "attr", "oprd"):
            roots.append(ch)
    if c.content is not None:
        roots.append(c.content.tok)
    out, seen = [], set()
    for r in roots:
        skip = set()
        for t in r.subtree:
            if t.dep_ == "conj" and t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP"):
                skip.update(x.i for x in t.subtree)  # a coordinated clause of its own
        for t in r.subtree:
            if t.i in seen or t.i in skip:
                continue
            if t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
                seen.add(t.i)
                out.append([t])
    return out


def _quote_accusations(pdoc, sides: Sides, lex: Lexicon, events: list[Event], sents) -> list[Event]:
    """"We get a lot of bullshit thrown at us by Putin": a direct quote that disparages someone
    it names is the speaker's accusation of them (CAMEO 11, PLOVER ACCUSE disapprove)."""
    from .event_patterns import Trigger, _flags
    from .event_lexicon import Sense

    out = []
    words = lex.cue("disparaging_words")
    taken = {id(e.quote) for e in events if e.quote is not None}
    starts = [s.start_char for s in sents]
    for q in sides.quotes:
        if q.get("kind") != "direct" or id(q) in taken:
            continue
        speaker = sides.speaker(q)
        if speaker is None:
            continue
        span = pdoc.doc.char_span(q["content"]["start"], q["content"]["end"], alignment_mode="expand")
        if span is None:
            continue
        low = span.text.lower()
        hit = next((t for t in span if t.lower_ in words or t.lemma_.lower() in words), None)
        if hit is None and not any(w in low for w in words if "*" in w):
            continue
        target = None
        for t in span:
            if t.pos_ == "PROPN" or (t.pos_ == "PRON" and t.lower_ in ("him", "her", "them")):
                a = sides.actor(t)
                if a is not None and a["id"] != speaker["id"]:
                    target = a
                    break
        if target is None:
            continue
        tok = hit if hit is not None else span.root
        sense = Sense("ACCUSE", "disapprove", "111", 0.85, source="rule")
        cand = Candidate("ACCUSE", "disapprove", "111", 0.85, Trigger(tok, sense, False, tok.i, tok.i + 1))
        cand.flags = _flags()
        cand.notes.append("disparaging quote")
        si = max(0, bisect.bisect_right(starts, tok.idx) - 1)
        ev = Event(cand, sents[si], pdoc.section_kind(tok.idx) if pdoc.section_kind(tok.idx) in BODY_KINDS else "body", si)
        ev.actor, ev.recipient, ev.quote = [speaker], [target], q
        out.append(ev)
    return out


# -- across sentences -------------------------------------------------------------------------
def _link(events: list[Event], sides: Sides, lex: Lexicon, sents) -> None:
    """Fill sides that one sentence cannot: whose demands a rejection rejects, whom a quoted
    threat addresses, and the target of an attack "in Ukraine"."""
    for i, ev in enumerate(events):
        c = ev.cand
        if ev.type in ("SANCTION", "AID") and not ev.recipient and ev.actor:
            # "announced a pause in some deliveries" next to "resume providing Ukraine ...":
            # the aid stopped is the aid named nearby
            prev = _nearby(events, i, ("AID", "SANCTION"), 1)
            if prev is not None and prev.recipient and (prev.countries & ev.countries or not prev.actor):
                ev.recipient = list(prev.recipient)
                c.notes.append("recipient from the aid nearby")
        if ev.type == "REJECT" and not ev.recipient:
            obj = next((ch for ch in c.tok.children if ch.dep_ in ("dobj", "nsubj", "nsubjpass")), None)
            heads = {c.tok.head.lemma_.lower()} | ({obj.lemma_.lower()} if obj is not None else set())
            if c.content is not None:
                heads.add(c.content.tok.lemma_.lower())
            if c.tok.dep_ == "relcl":
                heads.add(c.tok.head.lemma_.lower())
            if "rejects a demand" in c.notes or heads & DEMAND_NOUNS:
                # "Russia refuses ...—a demand that Zelensky refuses to agree to": the same
                # sentence first, then the demands stated just before
                prev = _previous(events, i, tuple(QUAD), 0, exclude=ev.actor_ids)
                if prev is None:
                    prev = _previous(events, i, ("REQUEST", "THREATEN"), 3, exclude=ev.actor_ids)
                if prev is not None and prev.actor:
                    ev.recipient = list(prev.actor)
                    c.notes.append("recipient from the demand rejected")
        if ev.type == "THREATEN" and ev.quote is not None and (not ev.recipient or _addresses_you(c)):
            prev = _previous(events, i, ("THREATEN",), 4, same_actor=ev.actor_ids)
            if prev is not None and prev.recipient:
                ev.recipient = list(prev.recipient)
                if prev.cand.flags.get("historical"):
                    c.flags["historical"] = True
                c.notes.append("addressee from the threat it quotes")
        if not ev.recipient and ev.actor and not _reactive(c):
            sib = _coordinated_sibling(events, i)
            if sib is not None:
                # "India blamed Pakistan, suspended the treaty and expelled its advisers",
                # "demanded a ceasefire, threatening Moscow with sanctions": one subject's
                # string of hostile (or friendly) acts has one addressee
                ev.recipient = [r for r in sib.recipient if r["id"] not in ev.actor_ids]
                c.notes.append("recipient from the coordinated act")
        judged = next((n[7:] for n in c.notes if n.startswith("judged:")), None)
        if not ev.recipient and ev.actor and judged:
            # "called the strikes an act of war": the charge is against whoever carried out the
            # strikes the article reported (the last act of that type by someone else)
            prev = _previous_of_type(events, i, judged, 12)
            if prev is not None:
                ev.recipient = list(prev.actor)
                c.notes.append("recipient: the doer of the act judged")
        if not ev.recipient and ev.actor and _reactive(c):
            # "would take resolute countermeasures", "Iran answered with barrages of missiles":
            # a response is aimed at whoever did what it answers, the last hostile act by another
            prev = _previous_hostile(events, i, 12)
            if prev is not None:
                ev.recipient = list(prev.actor)
                c.notes.append("recipient: the one answered")


HOSTILE_ACTS = frozenset({"ASSAULT", "SANCTION", "COERCE", "THREATEN", "MOBILIZE"})


def _reactive(c: Candidate) -> bool:
    return c.trigger.sense.role == "reactive" or (c.content is not None and c.content.sense.role == "reactive")


def _previous_hostile(events, i, max_sents):
    """The last hostile act before event ``i`` aimed at its actor (or the actor's state), else
    the last by anyone who is not its actor (nor of its actor's country)."""
    ev = events[i]
    mine = ev.actor_ids | ev.countries | _own_state(ev.actor)
    for j in range(i - 1, -1, -1):
        p = events[j]
        if ev.sent_i - p.sent_i > max_sents:
            break
        if p.type in HOSTILE_ACTS and p.actor and not p.cand.flags.get("negated") and not (p.actor_ids & mine) \
                and not (p.countries & mine) and (p.recipient and ({r["id"] for r in p.recipient} & mine
                                                                   or {r.get("country") for r in p.recipient} & mine)):
            return p
    for j in range(i - 1, -1, -1):
        p = events[j]
        if ev.sent_i - p.sent_i > max_sents:
            break
        if p.type not in HOSTILE_ACTS or not p.actor or p.cand.flags.get("negated") or _reactive(p.cand):
            continue  # another's response answers the same act, it is not what is answered
        if p.actor_ids & mine or p.countries & mine:
            continue
        return p
    return None


def _coordinated_sibling(events, i):
    """An event of the same sentence and actor, on the same side of the cooperation/conflict
    divide, whose trigger is coordinated with this one's (conj, or a participle clause)."""
    ev = events[i]
    a = ev.cand.tok
    conflict = QUAD[ev.type] >= 3

    def linked(x, y):
        return (x.dep_ in ("conj", "advcl") and x.head.i == y.i) or (y.dep_ in ("conj", "advcl") and y.head.i == x.i) or (
            x.dep_ == "conj" and y.dep_ == "conj" and x.head.i == y.head.i)

    for j, p in enumerate(events):
        if j == i or p.sent_i != ev.sent_i or not p.recipient or (QUAD[p.type] >= 3) != conflict:
            continue
        if p.actor_ids != ev.actor_ids or p.cand.trigger.noun or ev.cand.trigger.noun:
            continue
        if linked(a, p.cand.tok):
            return p
    return None


def _previous_of_type(events, i, etype, max_sents):
    """The last ``etype`` event before event ``i`` with an actor other than its own."""
    ev = events[i]
    mine = ev.actor_ids | _own_state(ev.actor)
    for j in range(i - 1, -1, -1):
        p = events[j]
        if ev.sent_i - p.sent_i > max_sents:
            break
        if p.type == etype and p.actor and not (p.actor_ids & mine) and not (p.countries & ev.countries) \
                and not p.cand.flags.get("negated"):
            return p
    return None


def _addresses_you(c: Candidate) -> bool:
    """"If you go into Ukraine, I'm going to bomb ...": the threat's addressee is "you"."""
    low = F.sent_info(c.tok)[2]
    return " you " in f" {low} " or "you’" in low or "you'" in low or " your " in f" {low} "


def _nearby(events, i, types, max_sents):
    ev = events[i]
    best = None
    for j, p in enumerate(events):
        if j == i or p.type not in types or abs(ev.sent_i - p.sent_i) > max_sents:
            continue
        if best is None or abs(p.sent_i - ev.sent_i) < abs(best.sent_i - ev.sent_i):
            best = p
    return best


def _previous(events, i, types, max_sents, exclude=frozenset(), same_actor=None):
    ev = events[i]
    for j in range(i - 1, -1, -1):
        p = events[j]
        if ev.sent_i - p.sent_i > max_sents:
            break
        if p.type not in types or not p.actor:
            continue
        if exclude and p.actor_ids & exclude:
            continue
        if same_actor is not None and not (p.actor_ids & same_actor):
            continue
        return p
    return None


def _disputes(events: list[Event], sents, lex: Lexicon) -> None:
    """A report that the next sentences deny ("dismissed by the Kremlin as 'pure fiction'")
    leaves the events it carried disputed."""
    denied: set[int] = set()
    words = lex.cue("dispute_words")
    verbs = lex.cue("dispute_verbs")
    objs = lex.cue("dispute_objects")
    for si, s in enumerate(sents):
        low = text_of(s).lower()
        hit = any(w in low for w in words)
        if not hit and any(v[:4] in low for v in verbs):
            for t in s:
                if t.lemma_.lower() in verbs and any(
                        ch.lower_ in objs or ch.lemma_.lower() in objs for ch in t.children
                        if ch.dep_ in ("dobj", "nsubjpass")):
                    hit = True
                    break
        if hit:
            denied.update({si - 1, si - 2})
    for ev in events:
        f = ev.cand.flags
        if ev.sent_i in denied and (f.get("reported") or ev.cand.speech):
            f["disputed"] = True


# -- filters, records, de-duplication ---------------------------------------------------------
def _keep(ev: Event, lex: Lexicon) -> bool:
    c = ev.cand
    t = c.trigger
    if ev.section == "caption" and t.noun and not c.realised and (c.background == "subordinate" or (
            c.tok.dep_ == "pobj" and c.tok.head.lower_ in ("against", "over", "for"))):
        # "A fighter jet launches ... before the strikes", "a rally against the U.S. strikes": a
        # caption names the act only to place its picture; the act is reported in the body
        return False
    if "evaluation" in c.notes and not ev.recipient:
        return False  # "called the fighting a shame", "calling the agreement reckless": a charge against no one
    if ev.type == "THREATEN" and not t.noun and c.tok.lemma_ in ("warn", "caution") and not ev.recipient \
            and c.content is None and not c.notes:
        return False  # "cautioning that much work remained": a warning that threatens no one
    if ev.type == "CONSULT" and ev.recipient and all(a.get("sector") == "JRN" for a in ev.recipient):
        return False  # "speaks to reporters in Samarkand": talking to the press is no consultation
    if ev.type == "CONSULT" and len(ev.actor) + len(ev.recipient) < 2:
        return False
    if not ev.actor:
        # Attacks are often reported with no attacker ("a drone attack in Odesa"), "X faces
        # sanctions" names only the target, and passives may leave the doer out ("was
        # arrested"). Otherwise an event needs a subject that names someone, even if the
        # resolver cannot place it ("Prisoners rioted ..."): then the actor list stays empty.
        if c.target_only and ev.recipient:
            return True
        if ev.type == "ASSAULT" or (t.noun and t.sense.kind == "attack"):
            if _natural(c, lex):
                return False  # "A storm killed five people": no one attacked anyone
            return _has_place_or_date(c) or bool(ev.recipient)
        if not t.noun and F.event_passive(c.tok) and ev.recipient and ev.type in ("COERCE", "ACCUSE", "SANCTION"):
            return True
        if (t.noun and not c.realised) or ev.quote is not None:
            return False
        head = next((t for g in c.actors for t in g if t.pos_ in ("NOUN", "PROPN")), None)
        if head is None or head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in lex.cue("non_agents") \
                or head.lower_ in lex.cue("non_agents") or head.lemma_.lower() in lex.cue("non_actor_heads"):
            return False
        c.notes.append("actor unresolved")
    if t.noun and ev.type in ("REQUEST", "REJECT", "ACCUSE", "THREATEN") and not ev.recipient \
            and not c.content and c.trigger.sense.kind != "ultimatum" and not c.realised:
        return False  # "Russia's demands remain unchanged": a reminder, not an act
    if ev.actor:
        head = next((g[0] for g in c.actors if g), None)
        if head is not None and head.lemma_.lower() in lex.cue("non_agents") and not (ev.actor and head.pos_ == "PRON"):
            return False
    return True


def _has_place_or_date(c: Candidate) -> bool:
    head = F.clause_head(c.tok)
    for t in head.subtree:
        if t.ent_type_ in ("GPE", "LOC", "FAC", "DATE"):
            return True
    return False


def _root(c: Candidate) -> str:
    code = c.cameo or ""
    if code and code[:2].isdigit():
        from .event_lexicon import load as _load
        ev = _load().from_cameo(code)[0]
        if ev == c.type:
            return code[:2]
    return CAMEO_ROOT.get(c.type, "")


def _confidence(ev: Event) -> float:
    c = ev.cand
    conf = 0.55 + 0.25 * min(1.0, c.weight)
    conf -= 0.04 * min(c.depth, 4)
    if c.background:
        conf -= 0.12 if c.background == "nested" else 0.08
    if not ev.actor:
        conf -= 0.12
    if c.trigger.noun:
        conf -= 0.05
    if ev.actor:
        conf += 0.08
    if ev.recipient:
        conf += 0.06
    f = c.flags
    if f.get("negated"):
        conf -= 0.25
    if f.get("hypothetical"):
        conf -= 0.1
    if f.get("reported"):
        conf -= 0.04
    if f.get("disputed"):
        conf -= 0.1
    if ev.section == "caption":
        conf -= 0.05
    return round(max(0.05, min(0.99, conf)), 3)


def _span(pdoc: ParsedDoc, start: int, end: int) -> dict:
    return pdoc.span(start, end)


def _record(pdoc: ParsedDoc, ev: Event) -> dict:
    c = ev.cand
    tok = c.tok
    flags = dict(c.flags)
    historical = bool(flags.get("historical"))
    date = (None, None, None)
    if event_date is not None:
        anchor = tok
        if c.speech and c.type in ("AGREE", "THREATEN", "REQUEST") and not flags.get("historical"):
            anchor = c.speech[0]  # a promise or threat is dated when it is made
        if ev.quote is not None and ev.quote.get("cue"):
            cue = tok.doc.char_span(ev.quote["cue"]["start"], ev.quote["cue"]["end"], alignment_mode="expand")
            if cue is not None and len(cue):
                anchor = cue.root  # a quoted threat is made when it is said
        date = event_date(pdoc, anchor, historical)
        if date[2] and not _dates_the_event(pdoc, anchor, tok, historical):
            date = (None, None, None)
        if date[2] and anchor is tok and c.type == "AGREE" and c.trigger.sense.event == "CONSULT" and flags.get("future"):
            # a planned meeting: its own time is when it will happen, not when it was agreed;
            # the plan is dated by its report (the article's day), if anything
            date = (pdoc.published.isoformat(), "day", None) if (
                pdoc.published is not None and ev.section == "body" and not historical) else (None, None, None)
    elif pdoc.published is not None and not historical and ev.section == "body":
        date = (pdoc.published.isoformat(), "day", None)
    if date[0] and pdoc.published is not None and not historical and date[1] in ("day",):
        try:
            import datetime as _dt
            d = _dt.date.fromisoformat(date[0][:10])
            if (pdoc.published - d).days > 31:
                flags["historical"] = True
        except ValueError:
            pass
    place = None
    if place_for_span is not None:
        p = place_for_span(pdoc, *_char_span(F.clause_head(tok)))
        if p is not None:
            place = {k: p.get(k) for k in ("name", "geonameid", "lat", "lon", "country")}
            if place.get("country") is None:
                place["country"] = p.get("country_code")
    if ev.quote is not None:
        evidence = _span(pdoc, ev.quote["content"]["start"], ev.quote["content"]["end"])
    else:
        evidence = _span(pdoc, ev.sent.start_char, ev.sent.end_char)
    t0 = tok.doc[c.trigger.start]
    t1 = tok.doc[c.trigger.end - 1]
    trig = _span(pdoc, t0.idx, t1.idx + len(t1))
    return {
        "type": c.type,
        "mode": c.mode or None,
        "actor": [a["id"] for a in ev.actor],
        "recipient": [a["id"] for a in ev.recipient],
        "date": date[0],
        "date_precision": date[1],
        "date_text": date[2],
        "place": place,
        "evidence": evidence,
        "section": ev.section,
        "flags": flags,
        "confidence": _confidence(ev),
        "quad": QUAD[c.type],
        "cameo": _root(c),
        "trigger": trig,
    }


ANCHOR_PREPS = frozenset({"before", "after", "since", "until", "following", "prior", "ahead"})


def _dates_the_event(pdoc, anchor, tok, historical: bool) -> bool:
    """Does the time expression event_date chose give the event's own time? Not when it dates
    another event the clause orders this one against ("had a conversation with Putin before
    the invasion of Ukraine in February 2022": the conversation was before February 2022), and
    not, for an event recounted from the past, when it sits outside the event's own clause
    ("telling donors during a 2024 fundraiser that he once warned Putin": 2024 is the telling)."""
    rec = timex_for_token(pdoc, anchor) if timex_for_token is not None else None
    if rec is None:
        return True
    doc = tok.doc
    t = doc.char_span(rec["start"], rec["end"], alignment_mode="expand")
    if t is None or not len(t):
        return True
    if tok.dep_ == "conj" and _logical_head(tok).i != tok.head.i:
        # "said the 1974 agreement had collapsed, and ordered troops ...": the verb belongs to
        # the reporting clause, so the reported clause's time is not its own
        own = {y.i for y in tok.subtree}
        if t.root.i not in own and tok.head.left_edge.i <= t.root.i <= tok.head.right_edge.i:
            return False
    x = t.root
    for _ in range(12):
        if x.i == tok.i or x.head.i == x.i:
            break
        if x.dep_ in ("prep", "mark") and x.lower_ in ANCHOR_PREPS and tok.i not in {y.i for y in x.subtree}:
            return False
        x = x.head
    # "spoke with Putin before the invasion of Ukraine in February 2022", however it is parsed:
    # a time right after an ordering phrase belongs to that phrase's event (late closure)
    if any(doc[k].lower_ in ANCHOR_PREPS and doc[k].dep_ in ("prep", "mark") for k in range(tok.i + 1, t.start)):
        return False
    if historical and anchor.i == tok.i:
        own = {y.i for y in F.own_clause(F.clause_head(tok))}
        if t.root.i not in own:
            return False
    return True


def _dedupe(events: list[Event]) -> list[Event]:
    """One record per act: within a sentence, the same type between the same sides once."""
    best: dict[tuple, Event] = {}
    order = []
    for ev in events:
        r = ev.record
        key = (ev.sent_i, r["type"], tuple(sorted(r["actor"])), tuple(sorted(r["recipient"])))
        if key in best:
            if r["confidence"] > best[key].record["confidence"]:
                best[key] = ev
            continue
        best[key] = ev
        order.append(key)
    out = [best[k] for k in order]
    # an actor-less duplicate of a sided event of the same type in the same sentence goes
    # ("Moscow ramps up attacks in Ukraine with ... drone strikes": one act)
    sided: dict[tuple, list[set]] = {}
    for e in out:
        if e.record["actor"]:
            sided.setdefault((e.sent_i, e.record["type"]), []).append(set(e.record["recipient"]))
    keep = []
    for e in out:
        r = e.record
        others = sided.get((e.sent_i, r["type"]))
        if not r["actor"] and others is not None and (not r["recipient"] or any(set(r["recipient"]) <= o for o in others)):
            continue
        if not r["actor"] and not r["recipient"] and any(
                x.sent_i == e.sent_i and x.record["type"] == r["type"] and x.record["recipient"] for x in out if x is not e):
            continue
        keep.append(e)
    return keep
