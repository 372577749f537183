"""Actors: every person, organisation, country and group an article mentions, with evidence.

One record per actor::

    {"id", "name", "country", "sector", "role", "known", "kind",
     "mentions": [{"start", "end", "text", "how", "role"?}]}

``how`` says why a span is a mention: name, surname, alias, title, description, pronoun,
metonym, demonym, group, org. ``role`` is the role valid on the article's date (for an
undated article: the date range its own titles imply, else the most recent role); a mention
in a sentence or caption that states its own date ("..., 08 February 2023") carries the role
held on that day when it differs.

Ids are stable across articles (see ``actor_resolve.group_id``): ``p:``/``o:``/``c:`` for
knowledge-base entries, ``c:<CODE>-<SECTOR>`` for a country's sector group ("Ukrainian
officials" -> ``c:UKR-GOV``, "European leaders" -> ``c:EUR-GOV``), ``c:WEST`` for the West,
``o:<iso3>-ministry-of-<x>`` for ministries the knowledge base lacks, ``u:<slug>`` for
people it does not know (``known`` false).

The other extractors never resolve actors themselves: ``ActorIndex`` (built once per
document and cached on it) maps a token, a character span or a noun phrase to an actor
record, resolving phrases that are not stored mentions on the fly with the same rules and
adding them to the output, so an event's or quote's actor id always has a record.

How a document is resolved (``DocResolver``), one module per step:

1. proper names (``actor_names``): capitalised runs looked up in the knowledge base (longest
   match), plus PERSON entities it does not know (unknown people, or close spellings of
   curated names); a surname links to the full name used in the article before anything in
   the knowledge base, and a common surname needs that or a title;
2. the article date (``actor_roles``): published, else inferred from the titles the article
   gives known people ("German Chancellor Friedrich Merz" dates it after 2025-05-06);
3. in text order, noun phrases without a name (``actor_phrases``: titles, groups, relations,
   ministries, "the alliance") and pronouns (here, with ``actor_coref``) are resolved
   against what came before.

``actor_mentions`` reads the parse once per document into plain lists; ``actor_resolve``
wraps the knowledge base with caches; the word lists live in data/actors/mentions.yaml and
data/actors/coref.yaml (``actor_words``). Only proper names, titles, groups and
he/she/they/it subjects are resolved eagerly; "their", "them", "its" and any phrase an event
or quote asks about are resolved on demand through ``ActorIndex``.
"""
from __future__ import annotations

import bisect
import threading

from wiresift.kb.actors import Actor, ActorKB

from .actor_coref import History, Ref, coarguments, grammatical_role, nearest_ref, pick_pronoun, quote_speaker_heads
from .actor_mentions import Sheet, build_sheet, is_pleonastic, np_bounds, span_text, trim_possessive
from .actor_names import NameRules
from .actor_phrases import PhraseRules
from .actor_resolve import DocNames, KBView, NameHit, When, group_id, unknown_id
from .actor_roles import RoleRules
from .actor_types import PLURAL_TAGS, SINGULAR_TAGS, Cand, DocActor
from .actor_words import Words, words
from .base import ParsedDoc, extractor

# Pronouns only resolved when an event or quote asks (ActorIndex): "their"/"them"/"its" point at
# things as often as at actors ("their meeting", "most of them civilians").
EAGER_SKIP = frozenset({"its", "itself", "their", "theirs", "them", "themselves"})

_VIEWS: dict[tuple[str, ...], KBView] = {}
_VIEWS_LOCK = threading.Lock()


def kb_view(files=None) -> KBView:
    """The knowledge base for a run, cached per tuple of ``--actors`` files."""
    k = tuple(str(f) for f in files or ())
    view = _VIEWS.get(k)
    if view is None:
        with _VIEWS_LOCK:
            view = _VIEWS.get(k)
            if view is None:
                kb = ActorKB.load(extra=list(k)) if k else ActorKB.default()
                view = _VIEWS[k] = KBView(kb, words())
    return view


# --------------------------------------------------------------------------- the resolver

class DocResolver(NameRules, PhraseRules, RoleRules):
    """Resolves every actor mention of one parsed document (see module doc). The rules live in
    ``actor_names``, ``actor_phrases`` and ``actor_roles``; this class holds the document's
    state (candidates, actors, mentions, the antecedent history) and the pronoun rules."""

    def __init__(self, pdoc: ParsedDoc, view: KBView):
        self.pdoc = pdoc
        self.view = DocNames(view, pdoc)
        self.kb = view.kb
        self.w: Words = view.words
        self.s: Sheet = build_sheet(pdoc)
        self.when = When.on(pdoc.published)
        self.actors: dict[str, DocActor] = {}
        self.history = History()
        self.names: list[Cand] = []
        self.name_at: dict[int, Cand] = {}  # token -> name candidate holding it
        self.mentions: list[tuple[int, int, str, dict]] = []  # (start char, end char, aid, mention)
        self._m_starts: list[int] = []
        self._streams = self._stream_positions()
        self._last_words: dict[str, list[tuple[int, str]]] = {}  # last name word -> [(token, aid)]
        self._name_words: dict[str, list[tuple[int, str]]] = {}  # any name word -> [(token, aid)]
        self._descriptions: dict[str, list[Cand]] = {}  # actor -> appositive descriptions
        # pronoun tokens being resolved: a cue pronoun is resolved to exclude it from the quote's
        # own pronouns, and two quotes whose cues are pronouns must not chase each other
        self._in_pronoun: set[int] = set()

    def run(self) -> list[dict]:
        self._find_names()
        self._link_names()
        self._merge_acronyms()
        if not self.when.known:
            self.when = self._infer_when()
        cands = [c for c in self.names if c.aid and not (c.modifier or c.locative or c.consumed)]
        cands += self._find_phrases()
        cands += self._find_pronouns()
        idx = self.s.idx
        cands.sort(key=lambda c: (idx[c.start], -idx[c.end - 1]))
        for c in cands:
            self.resolve(c)
        return self.records()

    def text(self, start: int, end: int) -> str:
        return span_text(self.s, start, end)

    def _actor(self, da: DocActor) -> DocActor:
        have = self.actors.get(da.id)
        if have is None:
            self.actors[da.id] = da
            return da
        return have

    def _actor_from_hit(self, hit: NameHit | None) -> DocActor | None:
        """The actor a name stands for: a bloc, a knowledge-base entry (an organisation wins
        over a metonym of the same country: "the Kremlin" is o:kremlin, coded RUS GOV), a
        country, or a country's government/sector for a metonym ("Moscow", "the Pentagon")."""
        if hit is None:
            return None
        if hit.bloc is not None:
            b = hit.bloc
            return self._actor(DocActor(b.id, "group", b.name, country=b.country, plural=True))
        best = hit.best
        if best is not None:
            if best.kind == "country":
                return self._country_actor(best.country or best.id[2:])
            return self._kb_actor(best)
        place = hit.places[0] if hit.places else None
        if place is None:
            return None
        if place.id.startswith("o:"):
            a = self.kb.get(place.id)
            if a is not None:
                return self._kb_actor(a)
        if place.via == "metonym" and place.sector and place.sector != "GOV":
            return self._group_actor(place.code, place.sector)
        return self._country_actor(place.code, metonym=place.via in ("metonym", "capital"))

    def _kb_actor(self, a: Actor) -> DocActor:
        have = self.actors.get(a.id)
        if have is not None:
            return have
        if a.kind == "country":
            return self._country_actor(a.country or a.id[2:])
        da = DocActor(a.id, a.kind, a.name, kb=a, country=a.country, sector=a.sector,
                      gender=a.gender if a.gender in ("m", "f") else None)
        if a.kind == "organisation":
            da.plural = a.name.endswith("s") and not a.name.endswith("ss")
        elif da.gender is None and a.name:
            da.gender = self.w.given_name_gender(a.name.split()[0])
        return self._actor(da)

    def _country_actor(self, code: str, metonym: bool = False) -> DocActor:
        have = self.actors.get(group_id(code, None))
        if have is None:
            have = self._actor(DocActor(group_id(code, None), "country", self.view.country_name(code), country=code))
        if metonym:
            have.sector = "GOV"  # "Moscow said": the state as a government
        return have

    def _group_actor(self, code: str, sector: str | None) -> DocActor:
        if not sector:
            return self._country_actor(code)
        have = self.actors.get(group_id(code, sector))
        if have is not None:
            return have
        label = self.w.sector_names.get(sector, sector.lower())
        name = f"{self.view.country_name(code)} ({label})"
        if sector in ("UAF", "UNK"):
            # the country of an unidentified actor is where it acted, not whom it serves
            name = f"{label[:1].upper()}{label[1:]} in {self.view.country_name(code)}"
        return self._actor(DocActor(group_id(code, sector), "group", name,
                                    country=code, sector=sector, plural=True))

    def _unknown_actor(self, text: str) -> DocActor:
        have = self.actors.get(unknown_id(text))
        if have is not None:
            return have
        da = DocActor(unknown_id(text), "person", text, known=False)
        da.gender = self.w.given_name_gender(text.split()[0])
        return self._actor(da)

    def _find_pronouns(self) -> list[Cand]:
        s, pron = self.s, self.w.pronouns
        out = []
        for i in range(s.n):
            low = s.low[i]
            if low not in pron or not s.ok[i] or s.pos[i] != "PRON" or low in EAGER_SKIP:
                continue
            if low in ("it", "they") and (s.dep[i] not in ("nsubj", "nsubjpass") or is_pleonastic(s, i, self.w.pleonastic_it, self.w.pleonastic_passive)):
                continue
            out.append(Cand(i, i + 1, i, "pronoun", core=(i, i + 1)))
        return out

    def resolve(self, c: Cand, lazy: bool = False) -> str | None:
        """Resolve one candidate against what came before; record the mention."""
        kind = c.kind
        aid, how = c.aid, c.how
        if kind in ("name", "title-name"):
            pass
        elif kind == "pronoun":
            aid, how = self._pronoun(c, lazy), "pronoun"
        elif kind == "title":
            aid, how = self._title(c), "title"
        elif kind == "desc":
            aid, how = self._desc(c), "description"
        elif kind == "relation":
            aid, how = self._relation(c), "description"
        elif kind == "group":
            aid, how = self._group(c)
        elif kind == "ministry":
            aid, how = self._ministry(c), "org"
        elif kind == "orgdesc":
            aid, how = self._orgdesc(c), "description"
        if not aid:
            return None
        c.aid = aid
        if kind in ("desc", "relation"):
            self._descriptions.setdefault(aid, []).append(c)
        self._mention(c, aid, how)
        return aid

    def _ctx(self, c: Cand) -> tuple[str, int, int]:
        stream, pos = self._streams.get(self.s.sent[c.head], ("body", 0))
        return stream, pos, self.s.idx[c.start]

    def _day(self, c: Cand) -> When:
        d = self.s.dates.get(self.s.sent[c.head])
        return When.on(d) if d else self.when

    # -- pronouns

    def _pronoun(self, c: Cand, lazy: bool = False) -> str | None:
        """he/she: the most salient person of that gender (actor_coref); it/they: the nearest
        compatible organisation, country or group in this or the previous sentence."""
        self._in_pronoun.add(c.head)
        try:
            return self._pronoun_unguarded(c, lazy)
        finally:
            self._in_pronoun.discard(c.head)

    def _pronoun_unguarded(self, c: Cand, lazy: bool) -> str | None:
        s = self.s
        i = c.head
        info = self.w.pronouns[s.low[i]]
        stream, pos, start = self._ctx(c)
        quote = s.quote[i]
        gram = grammatical_role(s, i)[0]
        excluded = set()
        if quote >= 0:
            for h in quote_speaker_heads(s, i, self.w.speech_verbs):
                a = self._aid_at_token(h)
                if a is None and s.low[h] in self.w.pronouns and s.quote[h] != quote \
                        and h not in self._in_pronoun:
                    a = self.resolve(Cand(h, h + 1, h, "pronoun", core=(h, h + 1)))  # "“He’s …,” he said"
                if a:
                    excluded.add(a)
        coargs = coarguments(s, i) if info.case == "obj" else set()
        person = info.gender in ("m", "f")

        def ok(aid: str) -> bool:
            da = self.actors.get(aid)
            if da is None or aid in excluded:
                return False
            if person:
                return da.kind == "person" and da.gender in (info.gender, None)
            if da.kind == "organisation":
                return True  # "the group ... it", "the Houthis ... they"
            if info.gender == "n":
                return da.kind == "country"
            return da.kind == "group" or (lazy and da.kind == "country")

        if person:
            cata = self._cataphor(i)
            if cata is not None and ok(cata):
                return cata
            return pick_pronoun(self.history, start=start, stream=stream, pos=pos, quote=quote, gram=gram,
                                compatible=ok, excluded=excluded, coargs=coargs)
        ref = nearest_ref(self.history, start=start, stream=stream, pos=pos, limit_pos=1, same_stream=True,
                          compatible=ok, excluded=excluded | self._coarg_aids(coargs), skip_desc=True,
                          number=info.number, tags=s.tag)
        if ref is None or (not lazy and self._subject_between(ref.end, i, info.number)):
            return None
        if s.lemma[s.head[i]].lower() in self.w.speech_verbs:
            # "..., it said": the speaker is the most salient (subject) candidate, not the nearest
            return pick_pronoun(self.history, start=start, stream=stream, pos=pos, quote=quote, gram=gram,
                                compatible=ok, excluded=excluded, coargs=coargs, window=1) or ref.aid
        return ref.aid

    def _subject_between(self, char: int, i: int, number: str) -> bool:
        """Is there a subject noun phrase of the pronoun's number between ``char`` and token
        ``i`` that names no actor? ("The relationship ... has long been complex, but it has
        taken new turns": "it" is the relationship, not the country before it.)"""
        s = self.s
        tags = PLURAL_TAGS if number == "pl" else SINGULAR_TAGS
        k = i - 1
        while k >= 0 and s.idx[k] >= char:
            if s.dep[k] in ("nsubj", "nsubjpass") and s.tag[k] in tags and self._aid_at_token(k) is None:
                return True
            k -= 1
        return False

    def _coarg_aids(self, coargs: set[int]) -> set[str]:
        return {a for a in (self._aid_at_token(k) for k in coargs) if a}

    def _cataphor(self, i: int) -> str | None:
        """ "For his part, Putin ...", "When he arrived, Trump said": a pronoun in a phrase
        fronted before its clause's subject refers forward to that subject."""
        s = self.s
        x = i
        for _ in range(8):  # climb to the phrase attached to the clause's verb
            h = s.head[x]
            if h == x:
                return None
            if s.pos[h] in ("VERB", "AUX") and s.dep[x] in ("prep", "advcl", "npadvmod", "advmod", "ccomp") \
                    and x < h:
                subj = [k for k in s.kids[h] if s.dep[k] in ("nsubj", "nsubjpass") and k > i]
                if subj:
                    return self._aid_at_token(subj[0])
                return None
            x = h
        return None

    def _aid_at_token(self, i: int) -> str | None:
        c = self.name_at.get(i)
        if c is not None and c.aid:
            return c.aid
        ch = self.s.idx[i]
        for ms, me, aid, _ in self.mentions_around(ch):
            if ms <= ch < me:
                return aid
        return None

    # -- titles

    def _stream_positions(self) -> dict[int, tuple[str, int]]:
        """Sentence -> (stream, ordinal): the body (with headings) is one stream, each caption
        its own; distances for antecedents are counted within a stream."""
        out: dict[int, tuple[str, int]] = {}
        body = 0
        per_caption: dict[int, int] = {}
        s = self.s
        for k, (a, b) in enumerate(s.sent_bounds):
            first = next((i for i in range(a, b) if s.ok[i]), None)
            if first is None:
                continue
            if s.kind[first] == "caption":
                sec = s.section[first]
                n = per_caption.get(sec, 0)
                out[k] = (f"caption:{sec}", n)
                per_caption[sec] = n + 1
            else:
                out[k] = ("body", body)
                body += 1
        return out

    def mentions_around(self, ch: int, reach: int = 400):
        """Stored mentions starting in [ch - reach, ch], nearest first."""
        i = bisect.bisect_right(self._m_starts, ch) - 1
        while i >= 0 and self.mentions[i][0] >= ch - reach:
            yield self.mentions[i]
            i -= 1

    def _mention(self, c: Cand, aid: str, how: str) -> dict:
        s = self.s
        a = c.start
        b = trim_possessive(s, a, c.end) if c.end - a > 1 else c.end
        start, end = s.idx[a], s.end_char(b - 1)
        for ms, me, maid, m in self.mentions_around(start, 0):
            if ms == start and me == end and maid == aid:
                return m
        m = {"start": start, "end": end, "text": s.text[start:end], "how": how}
        d = s.dates.get(s.sent[c.head])
        if d is not None:
            m["_date"] = d
        k = bisect.bisect_right(self._m_starts, start)
        self._m_starts.insert(k, start)
        self.mentions.insert(k, (start, end, aid, m))
        da = self.actors[aid]
        if c.kind == "name" and c.desc and d is None:
            if c.desc not in da.descs:
                da.descs.append(c.desc)
            da.desc_words.update(x.lower() for x in c.desc.replace("-", " ").split())
            if da.kind == "person" and da.gender is None:
                da.gender = next((g for g in map(self.w.gender_word, c.desc.split()) if g), None)
        stream, pos = self._streams.get(s.sent[c.head], ("body", 0))
        gram, main, in_pp = grammatical_role(s, c.head)
        if c.kind == "title-name":
            gram = "desc"  # "Kremlin" in "Kremlin aide Yuri Ushakov": no antecedent for "it"
        self.history.add(Ref(start, end, c.head, aid, stream, pos, gram, main, in_pp, s.quote[c.head], how))
        if da.record is not None:  # resolved on the fly after the records were built
            self._add_to_record(da, m)
        return m

    def records(self) -> list[dict]:
        by_actor: dict[str, list[dict]] = {}
        for _, _, aid, m in self.mentions:
            by_actor.setdefault(aid, []).append(m)
        out = [self.record(self.actors[aid], ms) for aid, ms in by_actor.items()]
        out.sort(key=lambda r: r["mentions"][0]["start"])
        return out

    def record(self, da: DocActor, ms: list[dict]) -> dict:
        country, sector, role = da.country, da.sector, None
        if da.kind == "person":
            country, sector, role = self._person_fields(da)
        rec = {"id": da.id, "name": da.name, "country": country, "sector": sector, "role": role,
               "known": da.known, "kind": da.kind, "mentions": []}
        da.record = rec
        for m in ms:
            self._add_to_record(da, m)
        return rec

    def _add_to_record(self, da: DocActor, m: dict) -> None:
        rec = da.record
        d = m.pop("_date", None)
        if d is not None and da.kb is not None and da.kind == "person":
            roles = self.view.roles_at(da.kb, When.on(d))
            if roles and roles[0].title and roles[0].title != rec.get("role"):
                m["role"] = roles[0].title
        mentions = rec["mentions"]
        if m in mentions:
            return
        starts = [x["start"] for x in mentions]
        mentions.insert(bisect.bisect_right(starts, m["start"]), m)

    def resolve_token(self, i: int, bounds: tuple[int, int] | None = None) -> str | None:
        """Resolve the phrase headed by token ``i`` when it is not a stored mention: a name
        used as a place or modifier, a pronoun (also "it"), a title or group noun."""
        s = self.s
        if not (0 <= i < s.n) or not s.ok[i]:
            return None
        low = s.low[i]
        if low in self.w.pronouns and s.pos[i] == "PRON":
            if low == "it" and is_pleonastic(s, i, self.w.pleonastic_it, self.w.pleonastic_passive):
                return None
            return self.resolve(Cand(i, i + 1, i, "pronoun", core=(i, i + 1)), lazy=True)
        c = self.name_at.get(i)
        if c is not None:
            self._settle(c)
            if c.aid is None:
                return None
            n = Cand(c.core[0], c.core[1], c.head, "name", core=c.core, hit=c.hit, aid=c.aid,
                     how=c.how or self._how_for(self.actors[c.aid], c, self.text(*c.core)))
            if bounds:
                n.start, n.end = bounds
            return self.resolve(n)
        if s.pos[i] not in ("NOUN", "PROPN"):
            return None
        pc = self.phrase_cand(i, bounds, lazy=True)
        return self.resolve(pc, lazy=True) if pc is not None else None


# --------------------------------------------------------------------------- the index

class ActorIndex:
    """Token / span / phrase -> actor record, for the event and quote extractors.

    Built once per document and cached on it: ``ActorIndex(pdoc)`` returns the same object
    every time, so what one extractor resolves on the fly the next one sees.

    * ``for_token(tok)``: the actor of the smallest stored mention holding the token (the
      noun phrase it heads or belongs to: "Russian President Vladimir Putin", "Moscow",
      "European leaders", "he"), else the phrase it heads, resolved on the fly;
    * ``at(start, end)``: the actor a character span names (the exact mention, else the
      mention at the span's syntactic head, else the mention containing the span);
    * ``resolve_phrase(span)``: a spaCy span that is not a stored mention;
    * ``get(id)``, ``records``: the actor records (the list the extractor returned).
    """

    def __new__(cls, pdoc: ParsedDoc):
        cached = pdoc.__dict__.get("_actor_index")
        if isinstance(cached, cls):
            return cached
        self = super().__new__(cls)
        self._setup(pdoc)
        pdoc.__dict__["_actor_index"] = self
        return self

    def _setup(self, pdoc: ParsedDoc) -> None:
        self.pdoc = pdoc
        self.resolver = DocResolver(pdoc, kb_view(pdoc.options.get("actors_files")))
        records = self.resolver.run()
        existing = pdoc.results.get("actors")
        if existing is not None and existing is not records and \
                [r["id"] for r in existing] == [r["id"] for r in records]:
            # records of an earlier run on this document: extend that list, not a copy of it
            for old in existing:
                self.resolver.actors[old["id"]].record = old
            records = existing
        self.records = records
        self._by_id = {r["id"]: r for r in records}
        self._tok_cache: dict[int, dict | None] = {}

    # ---------------------------------------------------------------- lookups

    def get(self, ident: str) -> dict | None:
        return self._by_id.get(ident)

    def for_token(self, token) -> dict | None:
        i = token.i
        if i in self._tok_cache:
            return self._tok_cache[i]
        hit = self._smallest_holding(token.idx, token.idx + len(token))
        if hit is None:
            hit = self._record_of(self.resolver.resolve_token(i))
        self._tok_cache[i] = hit
        return hit

    def at(self, start: int, end: int) -> dict | None:
        inside = []
        for s, e, aid, _ in self.resolver.mentions_around(end, reach=end - start + 400):
            if s == start and e == end:
                return self._record_of(aid)
            if start <= s and e <= end:
                inside.append((s, e, aid))
        if inside:
            span = self.pdoc.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                root = span.root.idx
                for s, e, aid in sorted(inside, key=lambda x: x[1] - x[0]):
                    if s <= root < e:
                        return self._record_of(aid)
            return self._record_of(max(inside, key=lambda x: x[1] - x[0])[2])
        return self._smallest_holding(start, end)

    def resolve_phrase(self, span) -> dict | None:
        """The actor of a noun phrase given as a spaCy span, resolved on the fly if needed."""
        if span is None or not len(span):
            return None
        s, e = span.start_char, span.end_char
        for ms, me, aid, _ in self.resolver.mentions_around(e, reach=e - s + 400):
            if ms == s and me == e:
                return self._record_of(aid)
        root = span.root
        held = self._smallest_holding(root.idx, root.idx + len(root))
        if held is not None:
            return held
        return self._record_of(self.resolver.resolve_token(root.i, bounds=(span.start, span.end)))

    def group_at(self, code: str, sector: str | None, token=None) -> dict | None:
        """The sector group of a country (``c:IRQ-UAF``, ``c:CAN-REL``, or the country itself
        without a sector) for a phrase the resolver has no actor for but whose country the
        text gives by a place ("a missionary from Calgary", "prisoners ... in Dili"). With
        ``token``, the noun phrase it heads becomes the group's mention."""
        r = self.resolver
        if not code or r.kb.get(f"c:{code}") is None:
            return None
        da = r._group_actor(code, sector)
        if token is not None:
            start, end = np_bounds(r.s, token.i)
            r._mention(Cand(start, end, token.i, "group", core=(token.i, token.i + 1)), da.id, "located")
        return self._record_of(da.id)

    def agent_sector(self, phrase: str) -> str | None:
        """PLOVER sector of a generic agent word ("prisoners" -> CRM, "troops" -> MIL)."""
        return self.resolver.kb.agent_sector(phrase)

    # ---------------------------------------------------------------- internals

    def _smallest_holding(self, start: int, end: int) -> dict | None:
        best = None
        for s, e, aid, _ in self.resolver.mentions_around(start):
            if s <= start and end <= e and (best is None or e - s < best[1] - best[0]):
                best = (s, e, aid)
        return self._record_of(best[2]) if best else None

    def _record_of(self, aid: str | None) -> dict | None:
        if not aid:
            return None
        rec = self._by_id.get(aid)
        if rec is not None:
            return rec
        da = self.resolver.actors.get(aid)
        if da is None:
            return None
        rec = da.record or self.resolver.record(da, [m for _, _, a, m in self.resolver.mentions if a == aid])
        self.records.append(rec)
        self._by_id[aid] = rec
        return rec


@extractor("actors")
def extract_actors(pdoc: ParsedDoc) -> list[dict]:
    """One record per actor the article mentions (see module doc)."""
    return ActorIndex(pdoc).records
