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
SECOND_PERSON = frozenset({"you", "your", "yourself", "yourselves"})
RELATIONAL = frozenset({"ally", "partner", "neighbour", "neighbor", "enemy", "rival", "friend",
                        "opponent", "adversary", "foe", "counterpart", "backer", "critic"})


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
    def resolve_group(self, grp: list) -> list[dict]:
        out, seen = [], set()
        for t in grp:
            a = self.actor(t) or self._from_modifiers(t)
            if a is not None and a["id"] not in seen:
                seen.add(a["id"])
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
        for c in tok.children:
            if relational:
                break
            if c.dep_ in ("amod", "compound", "nmod", "poss") and (
                    c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN"):
                a = self.actor(c)
                if a is not None and a.get("country"):
                    return a
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "from")]
        for acl in (c for c in tok.children if c.dep_ == "acl"):  # "a newspaper based in Beirut"
            preps.extend(c for c in acl.children if c.dep_ == "prep" and c.lower_ in ("in", "from"))
        for pr in preps:
            for p in pr.children:
                if p.dep_ == "pobj":
                    a = self.actor(p) or self._from_modifiers(p, depth + 1)
                    if a is not None and a.get("country"):
                        return a
        return None

    def pick(self, groups: list[list], exclude: set[str] = frozenset(),
             other_than: set[str] = frozenset()) -> list[dict]:
        """The first group that resolves to someone not in ``exclude``. With ``other_than``
        (the actor's countries), a group of another country is preferred over a compatriot."""
        first = None
        for g in groups:
            acts = [a for a in self.resolve_group(g) if a["id"] not in exclude]
            if not acts:
                continue
            if not other_than or any(a.get("country") not in other_than for a in acts):
                return acts
            if first is None:
                first = acts
        return first or []

    def last_actors(self, before_char: int, n: int, exclude: set[str] = frozenset(),
                    within: int = 1500, people: bool = False) -> list[dict]:
        """The ``n`` most recently mentioned distinct actors before ``before_char``
        ("their meeting", "the two leaders")."""
        i = bisect.bisect_left(self._m_starts, before_char) - 1
        out, seen = [], set(exclude)
        while i >= 0 and len(out) < n:
            s, _, aid = self.mentions[i]
            if s < before_char - within:
                break
            if people and not aid.startswith(("p:", "u:")):
                i -= 1
                continue
            if aid not in seen and aid in self.by_id:
                a = self.by_id[aid]
                if not aid.startswith("u:") or a.get("country"):
                    seen.add(aid)
                    out.append(a)
            i -= 1
        return out
