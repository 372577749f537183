"""The event coder's one bridge to the actor resolver and to the quotes.

event_patterns.py gives each event's sides as ordered lists of candidate noun phrases
(token groups). ``Sides.actor`` maps one token to an actor through the project's single
resolver, ``wiresift.extract.actors.ActorIndex`` (names, titles, metonyms, pronoun subjects,
roles valid on the article date). The coder never guesses who a phrase is on its own:
when the resolver says nothing, the side stays empty. If the resolver is not installed the
coder still runs and reports events without actors.

``Sides.pick`` chooses among the candidate groups: the first group that resolves, skipping
the event's own actor (an event's recipient is someone else), and for recipients
preferring a group from another country than the actor's when the first choice is the
actor's compatriot ("refused terms that see Ukraine cede land to Russia" -> Russia).
"""
from __future__ import annotations

import bisect

try:  # the one actor resolver (built in parallel; optional at import time)
    from .actors import ActorIndex
except ImportError:  # pragma: no cover - depends on what is installed alongside
    ActorIndex = None

FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
THIRD_PARTY_SUFFIXES = ("-brokered", "-mediated", "-hosted", "-sponsored", "-facilitated")
ARMED_OR_STATE = frozenset({"MIL", "REB", "UAF", "PRM", "GOV", "COP", "SPY"})
SECOND_PERSON = frozenset({"you", "your", "yourself", "yourselves"})
SETTLEMENT_NOUNS = frozenset({"town", "city", "village", "province", "district", "region", "port",
                              "capital", "suburb", "enclave", "governorate", "county", "state"})
RELATIONAL = frozenset({"ally", "partner", "neighbour", "neighbor", "enemy", "rival", "friend",
                        "opponent", "adversary", "foe", "counterpart", "backer", "critic"})


PAIR_PEOPLE = frozenset({"leaders", "men", "presidents", "women", "heads", "ministers", "envoys",
                         "negotiators", "delegates"})
PAIR_PARTIES = frozenset({"sides", "countries", "nations", "parties", "governments", "delegations",
                          "neighbours", "neighbors", "states", "capitals"})


def _event_noun(tok) -> bool:
    from .event_lexicon import load
    return load().noun_sense(tok) is not None


def pair_kind(tok) -> str | None:
    """"the two leaders" -> "people", "both countries", "the sides" -> "parties": a plural that
    refers back to two parties already named (None for anything else)."""
    low = tok.lower_
    if tok.pos_ != "NOUN" or low not in PAIR_PEOPLE | PAIR_PARTIES:
        return None
    if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") or (c.dep_ in ("compound", "amod", "nmod") and (
            c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "ORG"))) for c in tok.children):
        return None  # "the two countries' leaders", "the sides in the war", "Western leaders"
    counted = any(c.lower_ in ("two", "both") for c in tok.children)
    if not counted and not (low == "sides" and any(c.lower_ == "the" for c in tok.children)):
        return None
    return "people" if low in PAIR_PEOPLE else "parties"


class Sides:
    """Token -> actor, quote lookups, and the article's actor mentions in text order."""

    def __init__(self, pdoc):
        self.pdoc = pdoc
        self.index = ActorIndex(pdoc) if ActorIndex is not None else None
        self.by_id = {a["id"]: a for a in pdoc.results.get("actors", []) if a.get("id")}
        quotes = [q for q in pdoc.results.get("quotes", []) if q.get("content") and q.get("kind") in ("direct", "mixed")]
        quotes.sort(key=lambda q: q["content"]["start"])
        self.quotes = quotes
        self._q_starts = [q["content"]["start"] for q in quotes]
        mentions = []
        for a in pdoc.results.get("actors", []):
            for m in a.get("mentions", []):
                mentions.append((m["start"], m["end"], a["id"]))
        mentions.sort(key=lambda m: (m[0], -m[1]))
        # "Russian" inside "Russian President Vladimir Putin" is part of Putin's mention
        outer, end = [], -1
        for m in mentions:
            if m[1] <= end:
                continue
            outer.append(m)
            end = max(end, m[1])
        mentions = outer
        self.mentions = mentions
        self._m_starts = [m[0] for m in mentions]
        self._cache: dict[int, dict | None] = {}
        self._places: dict[int, dict] | None = None

    # -- the one mapping ----------------------------------------------------------------
    def actor(self, tok) -> dict | None:
        """The actor of the noun phrase headed by ``tok`` (None when the resolver says none)."""
        if tok.i in self._cache:
            return self._cache[tok.i]
        hit = None
        low = tok.lower_ if tok.pos_ == "PRON" else ""  # "US" is no "us"
        if low in FIRST_PERSON:
            q = self.quote_at(tok.idx)
            hit = self.speaker(q) if q is not None else None
        elif low in SECOND_PERSON:
            hit = None  # the addressee: decided from the discourse (events.py)
        elif self.index is not None:
            hit = self.index.for_token(tok)
        self._cache[tok.i] = hit
        return hit

    # -- quotes -------------------------------------------------------------------------
    def quote_at(self, char: int) -> dict | None:
        """The direct (or mixed) quote whose content holds ``char``."""
        i = bisect.bisect_right(self._q_starts, char) - 1
        while i >= 0:
            q = self.quotes[i]
            c = q["content"]
            if c["start"] <= char < c["end"]:
                if q["kind"] == "mixed" and not any(f["start"] <= char < f["end"] for f in q.get("quoted", [])):
                    return None  # the unquoted part of a mixed quote is the writer's words
                return q
            if c["end"] < char - 2000:
                break
            i -= 1
        return None

    def speaker(self, q: dict) -> dict | None:
        sid = q.get("speaker")
        if not sid:
            return None
        return self.by_id.get(sid) or {"id": sid, "name": q.get("speaker_name"), "country": None}

    # -- choosing among candidate groups ----------------------------------------------------
    def resolve_group(self, grp: list, exclude: set[str] = frozenset()) -> list[dict]:
        out, seen = [], set()
        for t in grp:
            kind = pair_kind(t)
            if kind is not None:
                # "the two sides had agreed", "Trump received the two ministers": the last two
                # parties named before, other than the event's other side
                pair = self.last_actors(t.idx, 2, exclude=set(exclude) | seen, people=kind == "people",
                                        countries=kind == "parties", title=t.lemma_.lower())
                for a in reversed(pair):  # in text order
                    seen.add(a["id"])
                    out.append(a)
                continue
            for a in [self._ethnic_in(t) or self._ours(t) or self.actor(t) or self._from_modifiers(t)] + self._adjective_pair(t):
                if a is not None and a["id"] not in seen:
                    seen.add(a["id"])
                    out.append(a)
        return out

    def _adjective_pair(self, tok) -> list[dict]:
        """"Russian and Ukrainian delegations": coordinated nationality adjectives name one
        party each (the first is read by the resolver or _from_modifiers)."""
        if tok.pos_ != "NOUN":
            return []
        out = []
        for c in tok.children:
            if c.dep_ == "amod" and c.ent_type_ == "NORP":
                for cj in c.children:
                    if cj.dep_ == "conj" and cj.ent_type_ == "NORP":
                        a = self.actor(cj)
                        if a is not None:
                            out.append(a)
        return out

    def _from_modifiers(self, tok, depth: int = 0) -> dict | None:
        """When the resolver has no actor for a phrase ("Israeli army bulldozers", "Rebels in
        the Ivory Coast", "Doctors from two American aid groups"), ask it about the names the
        phrase is built on: its nationality or organisation modifiers, then the place or body
        it is "in", "of" or "from". This only chooses which words to look up; who they are is
        still the resolver's answer."""
        if depth > 2 or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        relational = tok.lemma_.lower() in RELATIONAL  # "America's allies in Europe" are not America
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None) if not relational else None
        if poss is not None and tok.pos_ == "NOUN" and self.index is not None \
                and (self.index.agent_sector(tok.lemma_) or self.index.agent_sector(tok.lower_)) in ARMED_OR_STATE:
            # "its fighters", "their forces", "our armed forces" (in a quote): a body of armed
            # men or officials named by their owner acts for that owner
            a = self.actor(poss) or self._poss_antecedent(poss)
            if a is not None and a.get("country"):
                return a
        for c in tok.children:
            if relational:
                break
            if c.lower_.endswith(THIRD_PARTY_SUFFIXES):
                continue  # "a U.S.-brokered agreement": the broker is no party to it
            if (c.dep_ in ("amod", "compound", "nmod", "poss") or (c.dep_ == "nsubj" and c.ent_type_ == "NORP")) and (
                    c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN"):
                a = self.actor(c) or self._named_after_country(c)
                if a is not None and a.get("country"):
                    return a
        # "opponents of Rwanda's Senate" are not the Senate, "allies in Europe" not Europe
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "from")
                 and not (relational and c.lower_ == "of")]
        if any(c.lower_ == "in" for c in preps) and tok.pos_ == "NOUN" and _event_noun(tok):
            preps = [c for c in preps if c.lower_ != "in"]  # "an agreement in Washington": a place
        for acl in (c for c in tok.children if c.dep_ == "acl"):  # "a newspaper based in Beirut"
            preps.extend(c for c in acl.children if c.dep_ == "prep" and c.lower_ in ("in", "from"))
        for pr in preps:
            for p in pr.children:
                if p.dep_ == "pobj":
                    a = self.actor(p) or self._from_modifiers(p, depth + 1)
                    if a is not None and a.get("country"):
                        return a
        if depth == 0 and not relational and self.index is not None:
            # "a missionary from Calgary", "the government of Sindh province": no actor is
            # named, but the place is, and a toponym's country is the phrase's country
            sector = self.index.agent_sector(tok.lemma_)
            for pr in preps if sector else ():  # people or a body, not "a strike in Odesa"
                for p in pr.children:
                    if p.dep_ == "pobj":
                        code = self.place_country(p)
                        if code:
                            return self.index.group_at(code, sector, tok)
        return None

    def _poss_antecedent(self, poss) -> dict | None:
        """"The Houthis said their forces were ready": a possessive the resolver leaves open
        is the subject of a clause above it (the nearest one that names someone of the
        pronoun's kind: "his"/"her" a person, "its" no person)."""
        low = poss.lower_
        if low not in ("its", "their", "his", "her"):
            return None
        np, t = poss.head, poss.head
        for _ in range(8):
            if t.head.i == t.i:
                break
            t = t.head
            if t.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.i == np.i or subj.i > poss.i:
                continue
            a = self.actor(subj)
            if a is None:
                continue
            person = a["id"].startswith(("p:", "u:"))
            if (low in ("his", "her") and person) or (low == "its" and not person) or low == "their":
                return a
            return None
        return None

    def _ours(self, tok) -> dict | None:
        """"Our Yemeni armed forces are prepared to respond", inside a quote: the speaker's
        own forces or government act for the speaker."""
        if tok.pos_ != "NOUN":
            return None
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("our", "my")), None)
        return self.actor(poss) if poss is not None else None

    def _named_after_country(self, tok) -> dict | None:
        """"Montenegro Municipality Association", "Baghdad University": an organisation the
        knowledge base lacks, whose name starts with its country (or capital)."""
        if tok.pos_ != "PROPN":
            return None
        for t in tok.subtree:
            if t.i >= tok.i:
                break
            if t.dep_ in ("compound", "amod", "nmod") and (t.ent_type_ in ("NORP", "GPE", "ORG") or t.pos_ == "PROPN"):
                a = self.actor(t)
                if a is not None and a.get("country") and a["id"].startswith("c:"):
                    return a
        return None

    def _ethnic_in(self, tok) -> dict | None:
        """"Ethnic Albanians in south Serbia": an ethnic group is coded by the country it lives
        in (as CAMEO and PLOVER code minorities), not by the country its name comes from."""
        if self.index is None or not any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in tok.children):
            return None
        for pr in tok.children:
            if pr.dep_ == "prep" and pr.lower_ in ("in", "from"):
                for p in pr.children:
                    if p.dep_ == "pobj":
                        a = self.actor(p)
                        if a is not None and a.get("country") and a["id"].startswith("c:"):
                            return a
                        code = self.place_country(p)
                        if code:
                            return self.index.group_at(code, None, None)
        return None

    def place_country(self, tok) -> str | None:
        """The country of the place a token (or a word of its phrase) names, from the
        toponym resolver: "Calgary" -> CAN, "Sindh province" -> PAK, "East Timor's capital
        Dili" -> TLS. Metonyms ("Moscow said") are actors, not places, and are skipped."""
        if self._places is None:
            self._places = {}
            for t in self.pdoc.results.get("toponyms") or ():
                if t.get("country") and not t.get("metonym"):
                    self._places[t["start"]] = t
        for t in [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss", "appos")]:
            for x in t.subtree if t is not tok else (tok,):
                hit = self._places.get(x.idx)
                if hit is not None:
                    return hit["country"]
        return self._named_settlement(tok)

    def _named_settlement(self, tok) -> str | None:
        """"near the town of Samarra" when the toponym resolver missed the name (NER called it
        a person): "town/city/village ... of X" says X is a place, so the gazetteer's best
        reading of X (its own name, the most populous) gives the country."""
        x = tok
        if x.lemma_.lower() in SETTLEMENT_NOUNS:
            x = next((p for pr in x.children if pr.dep_ == "prep" and pr.lower_ == "of"
                      for p in pr.children if p.dep_ == "pobj" and p.pos_ == "PROPN"), None)
        elif not (x.pos_ == "PROPN" and x.dep_ == "pobj" and x.head.lower_ == "of"
                  and x.head.head.lemma_.lower() in SETTLEMENT_NOUNS):
            return None
        if x is None:
            return None
        try:
            from wiresift.kb.gazetteer import load as gazetteer
        except ImportError:  # pragma: no cover
            return None
        start = x.left_edge.i if x.left_edge.dep_ == "compound" else x.i
        name = x.doc[start:x.i + 1].text
        cands = [c.place for c in gazetteer().lookup(name) if c.primary and c.place.level in ("city", "region")]
        if not cands:
            return None
        best = max(cands, key=lambda p: p.population)
        return best.iso3 if best.population >= 10000 else None

    def pick(self, groups: list[list], exclude: set[str] = frozenset(),
             other_than: set[str] = frozenset(), own_names: set[str] = frozenset()) -> list[dict]:
        """The first group that resolves to someone not in ``exclude``. With ``other_than``
        (the actor's countries), a group of another country is preferred over a compatriot.
        ``own_names``: actor ids skipped when a group *names* them (a proper name or a
        pronoun: "Iran would respond", "a threat to Israel's survival"), not when a group of
        people is only described by them ("Ugandan opposition candidates")."""
        first = None
        for g in groups:
            acts = [a for a in self.resolve_group(g, exclude) if a["id"] not in exclude]
            if own_names and g and g[0].pos_ in ("PROPN", "PRON") and not (
                    g[0].dep_ == "pobj" and g[0].head.lower_ in ("in", "across", "throughout", "within", "inside")):
                acts = [a for a in acts if a["id"] not in own_names]
            elif own_names and g and g[0].pos_ == "NOUN" and any(
                    c.dep_ == "poss" and c.pos_ == "PROPN" and (self.actor(c) or {}).get("id") in own_names for c in g[0].children):
                acts = [a for a in acts if a["id"] not in own_names]  # "a threat to Israel's survival"
            if not acts:
                continue
            if not other_than or any(a.get("country") not in other_than for a in acts):
                return acts
            if first is None:
                first = acts
        return first or []

    def last_actors(self, before_char: int, n: int, exclude: set[str] = frozenset(),
                    within: int = 1500, people: bool = False, countries: bool = False,
                    title: str | None = None) -> list[dict]:
        """The ``n`` most recently mentioned distinct actors before ``before_char``
        ("their meeting", "the two leaders"); with ``countries``, of distinct countries
        ("the two sides", "the two countries": the parties, not two envoys of one); with a
        ``title`` ("president", "minister"), people whose role has it when two such are named
        ("the two presidents" are not the secretary of state who spoke of them)."""
        if title in ("president", "minister") and people:
            titled = self.last_actors(before_char, n, exclude, within, people, countries)
            pool = self.last_actors(before_char, 8, exclude, within, people, countries)
            holders = [a for a in pool if title in (a.get("role") or "").lower()][:n]
            return holders if len(holders) == n else titled
        i = bisect.bisect_left(self._m_starts, before_char) - 1
        out, seen = [], set(exclude)
        held = {self.by_id[x].get("country") for x in exclude if x in self.by_id} if countries else set()
        while i >= 0 and len(out) < n:
            s, _, aid = self.mentions[i]
            if s < before_char - within:
                break
            if people and not aid.startswith(("p:", "u:")):
                i -= 1
                continue
            if aid not in seen and aid in self.by_id:
                a = self.by_id[aid]
                if (not aid.startswith("u:") or a.get("country")) and not (
                        countries and (not a.get("country") or a["country"] in held)):
                    seen.add(aid)
                    held.add(a.get("country"))
                    out.append(a)
            i -= 1
        return out
