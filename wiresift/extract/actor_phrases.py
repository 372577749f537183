"""Noun phrases that name an actor without a name: titles, groups, relations, ministries.

Step 4 of the resolver, with the pronouns (see ``actors``), in text order:

* titles ("the Russian leader", "The president", "the now US President", "his Russian
  counterpart") take the nearest compatible person mentioned before, else, when the phrase
  names a country, the office-holder on the article's date (``ActorKB.by_title``);
* appositions describe the name beside them ("Trump's son-in-law, Jared Kushner"); a
  relation the knowledge base records is found without one ("Trump's son-in-law");
* groups take the knowledge base's organisation for the phrase ("Russian forces"), the
  organisation they belong to ("NATO countries"), a bloc ("Western partners") or a country's
  sector group (``c:USA-GOV`` for "US officials");
* ministries ("India's defence ministry") and organisation descriptions ("the alliance").
"""
from __future__ import annotations

from .actor_coref import pick_nearest
from .actor_mentions import POSSESSIVE_CLITICS, head_phrase, hyphen_end, np_bounds
from .actor_resolve import When, ministry_id
from .actor_types import PLURAL_TAGS, SINGULAR_TAGS, Cand, DocActor

INDEFINITE = frozenset({"a", "an", "another", "some", "any", "one", "each", "every", "several", "many"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


class PhraseRules:
    """Mixin of ``actors.DocResolver``: noun phrases without a proper name."""

    def _phrase(self, i: int) -> str:
        """The head noun with its noun compounds: "press secretary", "foreign ministry",
        "son-in-law" (names and country words excluded)."""
        s = self.s
        parts = [head_phrase(s, i)]
        k = i - 1
        while k >= 0 and s.head[k] == i and s.dep[k] in ("compound", "amod") and k not in self.name_at \
                and s.pos[k] in ("NOUN", "PROPN", "ADJ") and s.low[k] not in self.w.past_markers:
            parts.insert(0, s.low[k])
            k -= 1
        return " ".join(parts)

    def _find_phrases(self) -> list[Cand]:
        s = self.s
        covered = set()
        for c in self.names:
            if c.aid and not (c.modifier or c.locative or c.consumed):
                covered.update(range(c.start, c.end))
        out = []
        heads = self.w.phrase_heads
        for i in range(s.n):
            if not s.ok[i] or s.pos[i] not in ("NOUN", "PROPN") or i in covered or i in self.name_at:
                continue
            h = s.head[i]
            if s.dep[i] in ("compound", "amod") and h > i and s.pos[h] in ("NOUN", "PROPN"):
                continue
            if s.low[i] not in heads and not any(k in self.name_at for k in s.kids[i]):
                continue  # no title, group or relation word and no name modifying it
            c = self.phrase_cand(i)
            if c is not None:
                out.append(c)
        return out

    def phrase_cand(self, i: int, bounds: tuple[int, int] | None = None, lazy: bool = False) -> Cand | None:
        """Classify the noun phrase headed by token ``i`` (title, description, group,
        relation, ministry, organisation description) or None."""
        s, w = self.s, self.w
        phrase = self._phrase(i)
        start, end = bounds or np_bounds(s, i)
        kids = s.kids[i]
        det = next((k for k in kids if s.dep[k] == "det"), None)
        indefinite = det is not None and s.low[det] in INDEFINITE
        definite = det is not None and s.low[det] in DEFINITE
        poss = self._owner_token(i, start)
        appos = next((k for k in kids if s.dep[k] == "appos" and self._person_at(k)), None)
        if appos is None and s.dep[i] == "appos" and self._person_at(s.head[i]):
            appos = s.head[i]
        mods = self._modifiers(i, start)
        last = phrase.split()[-1]
        c = Cand(start, end, i, "", core=(i, hyphen_end(s, i)))
        if last in w.relations and (poss is not None or appos is not None):
            c.kind = "relation"
        elif last == "ministry" or phrase.endswith("ministry"):
            c.kind = "ministry"
        elif appos is not None and s.tag[i] in SINGULAR_TAGS and s.pos[i] == "NOUN":
            c.kind = "desc"  # "Yaroslav Moskalik, a senior officer in the Russian general staff"
            if s.dep[i] == "appos":
                c.start, c.end = self._subtree(i)
        elif w.title(phrase) is not None and s.tag[i] in SINGULAR_TAGS:
            if indefinite:
                return None
            elif definite or poss is not None or mods or lazy:
                c.kind = "title"
            else:
                return None
        elif mods and (w.member(phrase) or w.group_noun(phrase)
                       or (s.tag[i] == "NNS" and self.kb.agent_sector(phrase))):
            c.kind = "group"
        elif last in w.org_descriptions and not mods and (definite or lazy or (
                det is None and poss is None and w.org_descriptions[last].get("bare"))):
            c.kind = "orgdesc"
        else:
            return None
        return c

    def _subtree(self, i: int) -> tuple[int, int]:
        """Token range of the phrase headed by ``i`` with everything it governs (within its
        sentence): an appositive description with its prepositional phrases."""
        s = self.s
        lo = hi = i
        stack = [i]
        while stack:
            k = stack.pop()
            lo, hi = min(lo, k), max(hi, k)
            stack.extend(c for c in s.kids[k] if s.dep[c] not in ("relcl", "acl", "punct") or c < i)
        while lo < i and (s.punct[lo] or s.low[lo] in ("a", "an")):
            lo += 1
        while hi > i and s.punct[hi]:
            hi -= 1
        return lo, hi + 1

    def _owner_token(self, i: int, start: int) -> int | None:
        """The possessor of the phrase headed by ``i`` ("his", "Trump’s"), also when the parse
        hangs the "’s" elsewhere (it often does with "son-in-law")."""
        s = self.s
        for k in s.kids[i]:
            if s.dep[k] == "poss":
                return k
        k = start - 1
        if k > 0 and s.low[k] in POSSESSIVE_CLITICS and k - 1 in self.name_at:
            return k - 1
        if start > 0 and s.low[start] in ("his", "her", "their", "its"):
            return start
        if start > 0 and s.low[start - 1] in ("his", "her", "their", "its"):
            return start - 1
        return None

    def _person_at(self, i: int) -> bool:
        c = self.name_at.get(i)
        return c is not None and c.aid is not None and self.actors[c.aid].kind == "person"

    def _modifiers(self, head: int, start: int) -> list[Cand]:
        """Names inside a phrase that modify its head, nearest to the head first."""
        out, seen = [], set()
        for k in range(head - 1, start - 1, -1):
            c = self.name_at.get(k)
            if c is None or id(c) in seen or (c.hit is None and not c.unknown):
                continue
            seen.add(id(c))
            out.append(c)
        for k in self.s.kids[head]:  # "India's defence ministry": the possessor counts too
            c = self.name_at.get(k)
            if self.s.dep[k] == "poss" and c is not None and id(c) not in seen:
                out.append(c)
        return out

    def _title_parts(self, c: Cand) -> tuple[str, str, str | None, set[str], str | None]:
        """(full title, title without place names, country code, markers, owner actor id) of a
        title phrase: "the now US President" -> ("US President", "President", USA, {now}, None)."""
        s, w = self.s, self.w
        full, core, code, markers = [], [], None, set()
        for k in range(c.start, max(c.end, hyphen_end(s, c.head))):
            low = s.low[k].rstrip(".")
            if low in w.past_markers or low in w.future_markers or low in w.present_markers:
                markers.add(low)
                continue
            if s.pos[k] == "DET" or (k != c.head and s.dep[k] in ("poss", "case")) or (s.punct[k] and s.tok[k] != "-"):
                continue
            if s.low[k] in POSSESSIVE_CLITICS:
                continue
            m = self.name_at.get(k)
            full.append(s.tok[k])
            if m is not None and m.hit is not None:
                if code is None:
                    code = self._code_of(m)
                continue
            core.append(s.tok[k])
        owner_tok = self._owner_token(c.head, c.start)
        owner = self._aid_at_token(owner_tok) if owner_tok is not None else None

        def join(ws):
            return " ".join(ws).replace(" - ", "-")

        return join(full), join(core), code, markers, owner

    def _code_of(self, m: Cand) -> str | None:
        hit = m.hit
        if hit is None:
            return None
        if hit.bloc is not None:
            return hit.bloc.country
        if m.aid and m.aid in self.actors:
            return self.actors[m.aid].country
        best = hit.best
        if best is not None and best.kind != "person":
            return best.country
        return hit.places[0].code if hit.places else None

    def _title(self, c: Cand) -> str | None:
        full, text, code, markers, owner = self._title_parts(c)
        if not text:
            return None
        stream, pos, start = self._ctx(c)
        when = self._day(c)
        last = text.lower().split()[-1]
        if last == "counterpart":
            return self._counterpart(c, code, owner, when)
        day = None if markers & self.w.past_markers else when.point
        holders = self.view.holders(full, None, day) if full != text else []
        if not holders:
            holders = self.view.holders(text, code, day)
        hids = {m.actor.id for m in holders}
        found = self.w.title(text.lower())
        head_word = found[0].split()[-1] if found else last

        def ok(aid: str) -> bool:
            da = self.actors.get(aid)
            if da is None or da.kind != "person" or aid == owner:
                return False
            if code and da.country != code and not (da.kb and any(r.country == code for r in da.kb.roles)):
                return False
            return aid in hids or head_word in da.desc_words

        aid = pick_nearest(self.history, start=start, stream=stream, compatible=ok, pos=pos)
        if aid is not None or markers & (self.w.past_markers | self.w.future_markers):
            return aid
        if code is None and not self._title_names_country(full):
            return None
        top = self._unique_top(holders, when)
        return self._kb_actor(top).id if top is not None and top.id != owner else None

    def _title_names_country(self, text: str) -> bool:
        """Titles whose words already say the country ("Kremlin spokesman")."""
        return any(self.kb.country(wd) is not None for wd in text.split())

    def _unique_top(self, holders, when: When):
        if not holders:
            return None
        if len(holders) == 1:
            return holders[0].actor
        a, b = holders[0], holders[1]
        if a.score - b.score >= 0.2:
            return a.actor
        if not when.known and a.role.end is None and b.role.end is not None:
            return a.actor
        return None

    def _counterpart(self, c: Cand, code: str | None, owner: str | None, when: When) -> str | None:
        """ "his Russian counterpart": the holder of the owner's office in the other country."""
        if code is None:
            return None
        offices: list[str] = []
        if owner and owner in self.actors and self.actors[owner].kb is not None:
            for r in self.view.roles_at(self.actors[owner].kb, when):
                offices += list(r.offices)
        stream, pos, start = self._ctx(c)
        for office in [o for o in offices if o] + ["leader"]:
            holders = self.view.holders(office.replace("-", " "), code, when.point)
            hids = {m.actor.id for m in holders}
            aid = pick_nearest(self.history, start=start, stream=stream, pos=pos,
                               compatible=lambda a: a in hids and a != owner)
            if aid:
                return aid
            top = self._unique_top(holders, when)
            if top is not None and top.id != owner:
                return self._kb_actor(top).id
        return None

    def _desc(self, c: Cand) -> str | None:
        """A description in apposition to a name ("Trump's son-in-law, Jared Kushner")."""
        s = self.s
        i = c.head
        others = [s.head[i]] if s.dep[i] == "appos" else [k for k in s.kids[i] if s.dep[k] == "appos"]
        for k in others:
            aid = self._aid_at_token(k)
            if aid and self.actors[aid].kind == "person":
                return aid
        return None

    def _relation(self, c: Cand) -> str | None:
        """ "Trump's son-in-law": the knowledge base's alias for it, or the name beside it."""
        owner_tok = self._owner_token(c.head, c.start)
        owner = self._aid_at_token(owner_tok) if owner_tok is not None else None
        if owner and self.actors[owner].kb is not None:
            a = self.actors[owner].kb
            rel = head_phrase(self.s, c.head)
            names = {a.name, a.name.split()[-1]} | {al for al in a.aliases if " " not in al.strip()}
            for n in sorted(names):
                hit = self.view.name(f"{n}'s {rel}")
                if hit is not None and hit.person is not None and hit.person.id != owner:
                    return self._kb_actor(hit.person).id
        return self._desc(c)

    # -- groups

    def _group(self, c: Cand) -> tuple[str | None, str]:
        """ "NATO countries" -> NATO; "Russian forces" -> the knowledge base's organisation for
        the phrase; "US officials" -> c:USA-GOV; "Western partners" -> the West."""
        s, w = self.s, self.w
        mods = self._modifiers(c.head, c.start)
        if not mods:
            return None, ""
        phrase = self._phrase(c.head)
        member = w.member(phrase)
        end = hyphen_end(s, c.head)
        hit = self.view.name(self.text(min(m.core[0] for m in mods), end))
        if hit is not None and (hit.best is None or hit.best.kind != "person"):
            # the knowledge base's organisation for the phrase ("Russian forces"), or a metonym
            # for a singular institution ("Trump administration"); a plural group of people
            # keeps its sector id ("European leaders" -> c:EUR-GOV, not the bloc)
            if (hit.best is not None and hit.best.kind == "organisation") or s.tag[c.head] not in PLURAL_TAGS:
                da = self._actor_from_hit(hit)
                if da is not None:
                    return da.id, "group"
        for m in mods:
            self._settle(m)
            da = self.actors.get(m.aid) if m.aid else None
            if da is None:
                continue
            if da.kind == "organisation":
                return (da.id, "group") if member is not None else (None, "")
            if da.kind == "group" and "-" not in da.id:
                return da.id, "group"  # a bloc ("Western partners")
            if da.kind == "country" or (da.kind == "group" and da.country):
                code = da.country
                g = w.group_noun(phrase)
                if g is not None:
                    sector = g[1]
                else:
                    ag = self.kb.agent(phrase)
                    if ag is None or ag.not_actor or ag.sector in (None, "UNK"):
                        return None, ""
                    sector = ag.sector
                return self._group_actor(code, sector).id, "group"
        return None, ""

    def _settle(self, m: Cand) -> None:
        """Give a modifier name its actor (modifiers are not linked with the mentions)."""
        if m.aid or m.hit is None:
            return
        da = self._actor_from_hit(m.hit)
        if da is not None:
            m.aid = da.id

    def _ministry(self, c: Cand) -> str | None:
        """ "India's defence ministry", "the Russian Foreign Ministry" -> Ministry of <x> of <country>."""
        s, w = self.s, self.w
        code = None
        for m in self._modifiers(c.head, c.start):
            self._settle(m)
            if m.aid and self.actors[m.aid].kind in ("country", "group") and self.actors[m.aid].country:
                code = self.actors[m.aid].country
                break
        if code is None:
            return None
        words_ = [s.low[k] for k in range(c.start, c.head) if k not in self.name_at
                  and s.pos[k] in ("NOUN", "PROPN", "ADJ") and s.dep[k] in ("compound", "amod")]
        for k in s.kids[c.head]:
            if s.dep[k] == "prep" and s.low[k] == "of":
                words_ += [s.low[g] for g in range(k + 1, min(k + 4, s.n)) if s.pos[g] in ("NOUN", "PROPN", "ADJ")]
        mk = None
        for n in (2, 1):
            for a in range(0, max(len(words_) - n + 1, 0)):
                if " ".join(words_[a:a + n]) in w.ministries:
                    mk = " ".join(words_[a:a + n])
                    break
            if mk:
                break
        if mk is None:
            return None
        info = w.ministries[mk]
        name = f"Ministry of {info['name']} of {self.view.country_name(code)}"
        for probe in (name, self.text(c.start, c.end)):
            hit = self.view.name(probe)
            if hit is not None and hit.best is not None and hit.best.kind == "organisation" and hit.best.country == code:
                return self._kb_actor(hit.best).id
        ident = ministry_id(code, info["id"])
        if ident not in self.actors:
            self._actor(DocActor(ident, "organisation", name, country=code, sector=info.get("sector")))
        return ident

    def _orgdesc(self, c: Cand) -> str | None:
        """ "the alliance", "the group": the nearest organisation of a compatible kind."""
        spec = self.w.org_descriptions.get(self._phrase(c.head).split()[-1], {})
        codes, sectors = set(spec.get("codes") or ()), set(spec.get("sectors") or ())
        stream, pos, start = self._ctx(c)

        def ok(aid: str) -> bool:
            da = self.actors.get(aid)
            if da is None or da.kind != "organisation":
                return False
            return (not codes or da.country in codes) and (not sectors or da.sector in sectors)

        return pick_nearest(self.history, start=start, stream=stream, compatible=ok, pos=pos,
                            limit_pos=None if codes else 6)
