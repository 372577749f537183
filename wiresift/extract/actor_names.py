"""Proper names in an article: which capitalised runs name an actor, and who.

Step 1 and 2 of the resolver (see ``actors``). spaCy's entity labels are one signal among
several, because the stack check found them wrong for exactly the names that matter ("Trump"
tagged ORG or parsed as a verb, "Witkoff" tagged GPE): every run of capitalised words is
looked up in the knowledge base, the longest readings winning; PERSON entities it does not
know become unknown people (or, spelt close to a curated name, that person). Then:

* a name modifying another noun is no mention of its own ("Moscow meeting"), except an
  organisation ("Islamic State camps");
* a name's mention extends over the title words before it ("Russian President Vladimir
  Putin"), by the parse or, when the parse splits them, by their surface;
* a one-word name links to the full name used in the article before the knowledge base is
  asked; a common surname ("Wilson") or a short alias needs that, or a title, or capitals.
"""
from __future__ import annotations

from wiresift.kb.names import key

from .actor_mentions import NAME_PARTICLES, POSSESSIVE_CLITICS, left_extent, name_runs, trim_possessive
from .actor_resolve import NameHit
from .actor_types import PLURAL_TAGS, Cand, DocActor

MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "npadvmod"})
NOUNISH = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
PERSONISH_LABELS = frozenset({"PERSON", ""})
SHORT_NAME_LABELS = frozenset({"PERSON", "", "ORG", "GPE", "NORP"})  # spaCy mislabels people
MAX_NAME_TOKENS = 6


def _looks_like_a_name(text: str) -> bool:
    """Letters, initials and name punctuation only, ending on a word with a small letter:
    NER's PERSON also covers tickers ("CKGH.HK>") and codes ("RSF-2")."""
    words_ = text.split()
    if not words_ or any(not all(ch.isalpha() or ch in ".-'’" for ch in w) for w in words_):
        return False
    last = words_[-1]
    return sum(ch.isalpha() for ch in last) >= 2 and any(ch.islower() for ch in last)


class NameRules:
    """Mixin of ``actors.DocResolver``: finding and linking proper names."""

    def _find_names(self) -> None:
        day = self.when.lo if self.when.exact else None
        for a, b in self._joined_runs(name_runs(self.s), day):
            # every knowledge-base name inside the run, then the longest non-overlapping ones:
            # "Emir Sheikh Tamim bin Hamad Al Thani" holds "Sheikh Tamim" and the longer
            # "Tamim bin Hamad Al Thani"; the longer wins
            found: list[Cand] = []
            for i in range(a, b):
                if not self.s.capitalised(i):
                    continue  # a name starts on a capital, not on "al" or a hyphen
                for j in range(min(b, i + MAX_NAME_TOKENS), i, -1):
                    if self._only_titles(i, j):
                        continue
                    text = self.text(i, j)
                    hit = self.view.name(text, day) if text else None
                    c = self._name_cand(i, j, hit, text) if hit is not None else None
                    if c is not None and c.hit is not None and c.hit.bloc is not None and j - i == 1 and j < b \
                            and self.s.capitalised(j) and not self._titled[j]:
                        c = None  # "West Bank", "West Africans": a word of another name, not the bloc
                    if c is not None:
                        found.append(c)
                        break  # the longest from this start
            v = self._variant_name(a, b, found, day)
            if v is not None:
                found.append(v)
            taken: set[int] = set()
            for c in sorted(found, key=lambda c: (c.core[0] - c.core[1], c.core[0])):
                if not taken.intersection(range(*c.core)) and not self._part_of_other_name(c, a, found):
                    taken.update(range(*c.core))
                    self._add_name(c)
        self._unknown_people(day)
        self.names.sort(key=lambda c: c.core[0])
        for c in self.names:
            self._shape(c)

    def _joined_runs(self, runs: list[tuple[int, int]], day) -> list[tuple[int, int]]:
        """Runs split only by a possessive "'s" or an "of" are one run when a knowledge-base name
        spans them ("the Democratic People's Republic of Korea"); otherwise "Russia's Vladimir
        Putin" and "President of Russia" stay apart."""
        s = self.s

        def glued(x: tuple[int, int], y: tuple[int, int]) -> bool:
            return x[1] + 1 == y[0] and (s.low[x[1]] in POSSESSIVE_CLITICS or s.low[x[1]] == "of") \
                and s.sent[x[0]] == s.sent[y[0]]

        out: list[tuple[int, int]] = []
        k = 0
        while k < len(runs):
            m = k
            while m + 1 < len(runs) and m - k < 3 and glued(runs[m], runs[m + 1]):
                m += 1
            best = k
            for last in range(m, k, -1):  # the longest chain a name spans
                b = runs[last][1]
                if any(s.capitalised(i) and self.view.name(self.text(i, b), day) is not None
                       for i in range(runs[k][0], runs[k][1])):
                    best = last
                    break
            out.append((runs[k][0], runs[best][1]))
            k = best + 1
        return out

    def _variant_name(self, a: int, b: int, found: list[Cand], day) -> Cand | None:
        """A person's name written with a middle name more or less, or one word misspelt
        ("President Omar Hassan al-Bashir", "Francois Mitterand", "Volodmyr Zelensky"), when
        no knowledge-base name covers it exactly: the run after its title words, looked up
        by ``KBView.person_variant``."""
        s = self.s
        titled = self._titled
        i = a
        while i < b and (titled[i] or not s.capitalised(i) or self._place_word(i)):
            i += 1
        j = trim_possessive(s, i, b)
        while j > i and s.punct[j - 1]:
            j -= 1
        if j - i < 2 or s.ent[j - 1] != "PERSON":
            return None
        if any(c.core == (i, j) or (c.core[0] <= i and j <= c.core[1]) for c in found):
            return None
        text = self.text(i, j)
        if not _looks_like_a_name(text):
            return None
        person = self.view.person_variant(text, day)
        if person is None:
            return None
        c = self._name_cand(i, j, NameHit(text, (person,), ()), text)
        if c is not None:
            c.how = "alias"
        return c

    def _place_word(self, i: int) -> bool:
        """A country name or demonym before a name ("Russian" in "Russian President ...")."""
        hit = self.view.name(self.s.tok[i])
        return hit is not None and bool(hit.places) and hit.person is None

    def _part_of_other_name(self, c: Cand, run_start: int, found: list[Cand]) -> bool:
        """An organisation matched inside a longer proper name is another organisation:
        "Supreme National Security Council" is not the US National Security Council, and the
        "Russian Security Council" is not the UN's."""
        hit = c.hit
        if hit is None or hit.best is None or hit.best.kind != "organisation":
            return False
        i = c.core[0]
        if i <= run_start:
            return False
        k = i - 1
        s, w = self.s, self.w
        low = s.low[k].rstrip(".")
        if low in w.honorifics or w.title(low) is not None or low in ("the", "of"):
            return False
        prev = next((f for f in found if f.core[1] == i), None)
        if prev is not None and prev.hit is not None and prev.hit.places:
            code = prev.hit.places[0].code
            return hit.best.country not in (code, None) and prev.hit.places[0].via in ("name", "demonym")
        return prev is None and s.sent[k] == s.sent[i] and s.capitalised(k) and not s.is_sent_start(k)

    def _only_titles(self, i: int, j: int) -> bool:
        titled = self._titled
        return all(titled[k] for k in range(i, j))

    @property
    def _titled(self) -> list[bool]:
        """Per token: is it a title word or an honorific ("President", "Gen.")?"""
        t = self.__dict__.get("_titled_cache")
        if t is None:
            t = self.__dict__["_titled_cache"] = [self.w.titled(x) for x in self.s.low]
        return t

    def _name_cand(self, i: int, j: int, hit: NameHit, text: str) -> Cand | None:
        s = self.s
        label = s.ent[j - 1]
        actors = list(hit.actors)
        if j - i == 1:
            actors = [a for a in actors if not self.view.acronym_only(a, text)]
            # a shipped organisation on one capitalised word ("Senate") needs an ORG tag or capitals
            actors = [a for a in actors if a.layer > 0 or a.kind != "organisation" or label == "ORG" or text.isupper()]
            other = self._owner_country(i)
            if other:
                # "Rwanda's Senate", "the Russian Senate": another country's institution of that name
                actors = [a for a in actors if a.kind != "organisation" or a.country in (None, other)
                          or a.country in ("IGO", "UNO", "EUR", "NGO", "IMG", "MNC")]
        else:
            # a shipped person on a phrase NER calls something else, or sharing no word with the
            # person's name, is a bad alias ("Lashkar-e-Taiba" -> a Phoenix person)
            words_ = set(key(text).split())
            actors = [a for a in actors if a.layer > 0 or a.kind != "person"
                      or (label in PERSONISH_LABELS and words_ & set(key(a.name).split()))]
        places = hit.places
        if j - i > 1 and self._title_words_only(i, j):
            return None  # "US President", "Russian Foreign Minister": a title, resolved as one
        if not actors and not places and hit.bloc is None:
            return None
        hit = NameHit(hit.text, tuple(actors), places, hit.bloc)
        c = Cand(i, j, j - 1, "name", core=(i, j), hit=hit)
        if j - i == 1:
            person_only = hit.person is not None and hit.person is hit.best and not places
            first = s.is_sent_start(i) and s.pos[i] != "PROPN" and not label
            c.weak = person_only or first
        return c

    def _owner_country(self, i: int) -> str | None:
        """The country a possessor or a country adjective before token ``i`` names ("Rwanda's
        Senate", "Lithuanian Parliament"), or None."""
        s = self.s
        for k in s.kids[i]:
            if k < i and s.dep[k] in ("poss", "amod", "compound", "nmod"):
                hit = self.view.name(s.tok[k])
                if hit is not None and hit.places and hit.person is None:
                    return hit.places[0].code
        return None

    def _title_words_only(self, i: int, j: int) -> bool:
        """Every word is a title word or a country/bloc word, and at least one is a title."""
        w, titled = self.w, False
        for k in range(i, j):
            low = self.s.low[k].rstrip(".")
            if low in w.honorifics or w.title(low) is not None:
                titled = True
            elif low not in ("-", "of", "the"):
                hit = self.view.name(self.s.tok[k])
                if hit is None or not hit.places:
                    return False
        return titled

    def _add_name(self, c: Cand) -> None:
        self.names.append(c)
        for k in range(c.core[0], c.core[1]):
            self.name_at[k] = c

    def _unknown_people(self, day) -> None:
        """PERSON entities no knowledge-base name covers: close spellings of curated people,
        or people the knowledge base does not know."""
        s, w = self.s, self.w
        for e0, e1, label in s.ents:
            if label != "PERSON" or not all(s.ok[k] for k in range(e0, e1)):
                continue
            a, b = e0, e1
            while a < b and (s.low[a].rstrip(".") in w.honorifics or w.title(s.low[a]) is not None
                             or a in self.name_at or not s.capitalised(a)):
                a += 1
            b = trim_possessive(s, a, b)
            while b > a and s.punct[b - 1]:
                b -= 1
            if b <= a or any(k in self.name_at for k in range(a, b)):
                continue
            text = self.text(a, b)
            if not _looks_like_a_name(text):
                continue
            h = s.head[b - 1]
            if s.dep[b - 1] == "pobj" and s.low[h] in w.locative_preps and a == e0:
                continue  # "in Khan Younis": a place NER took for a person
            c = Cand(a, b, b - 1, "name", core=(a, b))
            if b - a >= 2:
                found = self.view.person_fuzzy(text, day)
                if found is not None:
                    c.hit = NameHit(text, (found,), ())
                    c.how = "alias"
                else:
                    c.unknown = True
            else:
                c.unknown = c.weak = True
            self._add_name(c)

    def _shape(self, c: Cand) -> None:
        """Decide whether a name is a mention of its own or a modifier of another noun, and
        extend a mention over the title words before it."""
        s = self.s
        i, j = c.core
        head = self._core_head(i, j)
        c.head = head
        h = s.head[head]
        dep = s.dep[head]
        if dep in MODIFIER_DEPS and h >= j and s.pos[h] in NOUNISH and s.sent[h] == s.sent[head] \
                and not self._misparsed_modifier(c, j, h):
            c.modifier = True
            if self._org_of_thing(c, h):
                c.modifier = False  # "strikes on Islamic State camps": the organisation is named
                c.start, c.end = i, j
            return
        if dep == "poss" and h >= j and not self._is_person_name(c):
            owner = self.name_at.get(h)
            if owner is not None and (self._is_person_name(owner) or self._is_org(owner)):
                c.consumed = True  # "Russia’s Vladimir Putin", "Iran’s Revolutionary Guards"
                return
            if self._institution_noun(h):
                c.consumed = True  # "India's defence ministry", "Ukraine's SBU security service"
                return
        if self._adjective_demonym(c, head):
            c.modifier = True  # "Pakistani" on its own is a description, not a mention
            return
        if not self._is_person_name(c) and self._locative(head):
            c.locative = True
        start = left_extent(s, head, i)
        if self._is_person_name(c):
            titled = any(s.low[k].rstrip(".") in self.w.honorifics or self.w.title(s.low[k]) for k in range(start, i))
            start = self._surface_extent(start, titled)
        if start < i and not self._descriptive(start, i):
            start = i  # "Meeting Putin": a capitalised word before a name is not a title
        c.start, c.end = start, j
        if start < i:
            lo = start + (1 if s.low[start] == "the" else 0)
            c.desc_range = (lo, i)
            c.desc = self.text(lo, i) if lo < i else ""
            for k in range(start, i):
                m = self.name_at.get(k)
                if m is not None and m is not c:
                    # an organisation in a title is named all the same ("HTS leader X",
                    # "Kremlin aide Y"); a country there only describes ("Russian President")
                    m.consumed = not self._is_org(m)
                    if not m.consumed:
                        m.modifier = False
                        m.start, m.end = m.core
                        m.kind = "title-name"

    def _descriptive(self, lo: int, hi: int) -> bool:
        """Do tokens [lo, hi) describe the name after them: a title, an honorific, a country
        or an organisation?"""
        s, w = self.s, self.w
        for k in range(lo, hi):
            low = s.low[k].rstrip(".")
            if low in w.honorifics or w.title(low) is not None or low in w.present_markers:
                return True
            m = self.name_at.get(k)
            if m is not None and m.hit is not None and not self._is_person_name(m):
                return True
        return False

    def _institution_noun(self, h: int) -> bool:
        """Is the noun a ministry, a group of people or an office ("defence ministry",
        "security service", "leaders", "foreign minister")? Its possessor is then part of it."""
        phrase = self._phrase(h)
        w = self.w
        if "ministry" in phrase.split() or w.member(phrase) or w.group_noun(phrase) or w.title(phrase):
            return True
        return self.s.tag[h] in PLURAL_TAGS and bool(self.kb.agent_sector(phrase))

    def _is_org(self, c: Cand) -> bool:
        hit = c.hit
        return hit is not None and hit.best is not None and hit.best.kind == "organisation"

    def _locative(self, i: int) -> bool:
        """The object of a place preposition, directly or as a conjunct ("in Pakistan and
        Pakistani Kashmir")."""
        s = self.s
        for _ in range(3):
            if s.dep[i] == "pobj":
                return s.low[s.head[i]] in self.w.locative_preps
            if s.dep[i] != "conj" or s.head[i] == i:
                return False
            i = s.head[i]
        return False

    def _adjective_demonym(self, c: Cand, head: int) -> bool:
        hit = c.hit
        if hit is None or hit.actors and hit.actors[0].kind != "country":
            return False
        if not hit.places or hit.places[0].via != "demonym":
            return False
        return self.s.pos[head] == "ADJ" or self.s.tag[head] not in PLURAL_TAGS

    def _org_of_thing(self, c: Cand, h: int) -> bool:
        """An organisation's name modifying a noun that is neither a person, a title, nor a
        group of its members."""
        hit = c.hit
        if hit is None or hit.best is None or hit.best.kind != "organisation":
            return False
        if h in self.name_at or self.s.pos[h] == "PROPN":
            return False
        phrase = self._phrase(h)
        w = self.w
        return not (w.title(phrase) or w.member(phrase) or w.group_noun(phrase) or self.kb.agent_sector(phrase)
                    or phrase.split()[-1] in w.org_descriptions or "ministry" in phrase)

    def _misparsed_modifier(self, c: Cand, j: int, h: int) -> bool:
        """A person's name never modifies another name, nor anything across "and" or a comma
        ("U.S. President Donald Trump and Russian President Vladimir Putin ended ...")."""
        s = self.s
        if not self._is_person_name(c):
            return False
        if any(s.dep[k] == "cc" or s.tok[k] in (",", ";") for k in range(j, h)):
            return True
        other = self.name_at.get(h)
        return other is not None and self._is_person_name(other)

    def _surface_extent(self, i: int, titled: bool = False) -> int:
        """Title words right before a name when the parse does not hang them on it ("U.S.
        President Donald Trump" parsed as two phrases): capitalised descriptor words, country
        and organisation names and lowercase title words, back to the first non-descriptor;
        kept only when a title word is among them."""
        s, w = self.s, self.w
        k = i - 1
        first = i
        sent_start = s.sent_bounds[s.sent[i]][0]
        if k == sent_start - 1 and k >= 0 and s.tok[k].endswith(".") and k in self.name_at and "\n" not in s.ws[k]:
            sent_start = s.sent_bounds[s.sent[k]][0]  # "U.S. President": the splitter cut after "U.S."
        while k >= sent_start and s.ok[k]:
            low = s.low[k].rstrip(".")
            m = self.name_at.get(k)
            if m is not None:
                if self._is_person_name(m):
                    break
                first = m.core[0]
                k = m.core[0] - 1
                continue
            if low in w.honorifics or w.title(low) is not None:
                titled = True
            elif low in POSSESSIVE_CLITICS and k - 1 in self.name_at:
                pass
            elif not (s.capitalised(k) and s.pos[k] in ("PROPN", "NOUN", "ADJ") and not s.ent[k] in ("DATE", "TIME")):
                if low == "the":
                    first = k
                break
            first = k
            k -= 1
        return first if titled else i

    def _core_head(self, i: int, j: int) -> int:
        head = self.s.head
        for k in range(j - 1, i - 1, -1):
            if head[k] < i or head[k] >= j or head[k] == k:
                return k
        return j - 1

    def _is_person_name(self, c: Cand) -> bool:
        if c.unknown:
            return True
        hit = c.hit
        return hit is not None and hit.best is not None and hit.best.kind == "person"

    def _link_names(self) -> None:
        # full names first: they define who a surname can mean in this article
        for c in self.names:
            if c.weak:
                continue
            text = self.text(*c.core)
            if c.unknown:
                c.aid = self._unknown_actor(text).id
                c.how = "name"
            else:
                da = self._actor_from_hit(c.hit)
                if da is None:
                    continue
                c.aid = da.id
                c.how = c.how or self._how_for(da, c, text)
            da = self.actors[c.aid]
            if da.kind == "person":
                for nk in [key(text)] + ([key(da.name)] if da.kb else []):
                    parts = [p for p in nk.split() if p not in NAME_PARTICLES]
                    if not parts:
                        continue
                    self._last_words.setdefault(parts[-1], []).append((c.core[0], c.aid))
                    for word in parts:
                        self._name_words.setdefault(word, []).append((c.core[0], c.aid))
        for c in self.names:
            if not c.weak:
                continue
            text = self.text(*c.core)
            aid = self._surname_in_doc(key(text), c.core[0])
            if aid is not None:
                last = key(self.actors[aid].name).split()[-1:]
                c.aid, c.how = aid, ("surname" if key(text).split()[-1:] == last else "alias")
                continue
            if c.unknown:
                continue
            if self._kb_short_ok(c, text):
                da = self._actor_from_hit(c.hit)
                if da is not None:
                    c.aid = da.id
                    c.how = self._how_for(da, c, text)

    def _merge_acronyms(self) -> None:
        """ "Hayat Tahrir al-Sham (HTS)": one mention, the name with its acronym."""
        s = self.s
        for c in self.names:
            j = c.core[1]
            if not c.aid or j + 2 >= s.n or s.tok[j] != "(":
                continue
            inner = self.name_at.get(j + 1)
            if inner is not None and inner.aid == c.aid and inner.core[1] < s.n and s.tok[inner.core[1]] == ")":
                inner.consumed = True
                c.end = inner.core[1] + 1

    def _surname_in_doc(self, k: str, tok: int) -> str | None:
        """The article's person whose full name ends with (or, failing that, contains) ``k``;
        the nearest full mention before ``tok`` wins, else the first one after it."""
        parts = [p for p in k.split() if p not in NAME_PARTICLES]
        if not parts:
            return None
        pool = self._last_words.get(parts[-1]) or self._name_words.get(parts[-1])
        if not pool:
            return None
        if len({aid for _, aid in pool}) > 1:
            before = [(t, aid) for t, aid in pool if t <= tok]
            return max(before)[1] if before else min(pool)[1]
        return pool[0][1]

    def _kb_short_ok(self, c: Cand, text: str) -> bool:
        """A one-word name with no full name in the article: trust the knowledge base only
        for a distinctive name of a curated person (or an organisation/place)."""
        hit, s = c.hit, self.s
        if hit is None:
            return False
        i = c.core[0]
        label = s.ent[i]
        best = hit.best
        if best is None or best.kind != "person":
            return s.pos[i] == "PROPN" or bool(label)
        if best.layer == 0 or label not in SHORT_NAME_LABELS:
            return False
        if s.pos[i] != "PROPN" and label != "PERSON" and s.is_sent_start(i) \
                and not (i + 1 < s.n and s.low[i + 1] in POSSESSIVE_CLITICS):
            return False  # "Trump" opening a sentence as a noun may be the word; "Trump’s" is not
        prev = s.low[i - 1].rstrip(".") if i > 0 else ""
        titled = prev in self.w.honorifics or self.w.title(prev) is not None
        if key(text) in self.w.common_surnames and not titled:
            return False
        curated = [a for a in hit.actors if a.kind == "person" and a.layer > 0]
        if len(curated) > 1:
            day = self.when.point
            current = [a for a in curated if day is None or any(r.valid_on(day) for r in a.roles)]
            if len(current) != 1:
                return False
        return True

    def _how_for(self, da: DocActor, c: Cand, text: str) -> str:
        if da.kind == "organisation":
            return "org"
        if da.kind == "group":
            return "group" if "-" in da.id else "name"
        if da.kind == "country":
            hit = c.hit
            vias = [p.via for p in (hit.places if hit else ()) if p.code == da.country]
            via = vias[0] if vias else "name"
            return {"demonym": "demonym", "metonym": "metonym", "capital": "metonym"}.get(via, "name")
        k = key(text)
        name = key(da.name)
        if k == name:
            return "name"
        parts = k.split()
        if len(parts) == 1:
            return "surname" if name.split()[-1:] == parts else "alias"
        return "name" if name.split()[-1:] == parts[-1:] else "alias"
