"""Who a name, an office title or a group phrase stands for, and which role holds on a date.

The knowledge-base side of in-article resolution. ``ActorKB`` answers single questions
("who is called Zelenskiy?", "who was German chancellor on 2023-02-08?"); an article asks
the same questions many times over, and a corpus asks them thousands of times, so ``KBView``
wraps one knowledge base with per-process caches and the few policies the knowledge base
leaves to its callers:

* which of several readings of a name to trust (a curated office-holder over a 2014 Phoenix
  entry; an organisation over a country metonym when the two agree, so "the Kremlin" keeps
  its own name as a speaker while still coding RUS GOV);
* fuzzy matching only for person names that failed an exact lookup, and only against the
  curated/user names (a few thousand keys), never the 20k shipped ones;
* roles on an article date that may be exact, an interval inferred from the text, or unknown
  (``When``).

It also owns the id scheme for actors the knowledge base has no entry for (see ``group_id``).
"""
from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from wiresift.kb.actors import Actor, ActorKB, CountryHit, Role, TitleMatch
from wiresift.kb.names import key, slug

from .actor_words import Bloc, Words

_CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class When:
    """The date roles are taken on: exact (``lo`` only), an interval [lo, hi) inferred from
    the titles an undated article uses, or unknown (most recent roles)."""

    lo: dt.date | None = None
    hi: dt.date | None = None
    exact: bool = False

    @staticmethod
    def on(d: dt.date | None) -> "When":
        return When(d, None, True) if d else When()

    @property
    def known(self) -> bool:
        return self.lo is not None or self.hi is not None

    @property
    def point(self) -> dt.date | None:
        """One date to ask the knowledge base with (by_title): the exact date, or the latest
        day of a closed interval, or the start of an open one."""
        if self.exact:
            return self.lo
        if self.hi is not None:
            return self.hi - dt.timedelta(days=1)
        return self.lo


@dataclass(frozen=True)
class NameHit:
    """Every reading of one proper-name string."""

    text: str
    actors: tuple[Actor, ...]  # knowledge-base entries (people, organisations, countries)
    places: tuple[CountryHit, ...]  # country readings (name, demonym, capital, metonym, IGO)
    bloc: Bloc | None = None

    @property
    def person(self) -> Actor | None:
        return next((a for a in self.actors if a.kind == "person"), None)

    @property
    def best(self) -> Actor | None:
        return self.actors[0] if self.actors else None


class KBView:
    """One ActorKB with caches and resolution policies; shared by all documents."""

    def __init__(self, kb: ActorKB, words: Words):
        self.kb = kb
        self.words = words
        self._names: dict[tuple[str, dt.date | None], NameHit | None] = {}
        self._raw: dict[tuple[str, dt.date | None], NameHit | None] = {}
        self._fuzzy: dict[str, Actor | None] = {}
        self._variants: dict[tuple[str, dt.date | None], Actor | None] = {}
        self._holders: dict[tuple, list[TitleMatch]] = {}
        self._title_roles: dict[tuple[str, str], tuple[Role, ...]] = {}
        self._acronyms: dict[tuple[str, str], bool] = {}
        self._lock = threading.Lock()

    # ---------------------------------------------------------------- names

    def name(self, text: str, when: dt.date | None = None) -> NameHit | None:
        """Readings of a proper name, best first; None when the knowledge base has none."""
        raw = (text, when)
        if raw in self._raw:
            return self._raw[raw]
        hit = self._name(text, when)
        self._remember(self._raw, raw, hit)
        return hit

    def _name(self, text: str, when: dt.date | None) -> NameHit | None:
        k = key(text)
        if not k:
            return None
        ck = (k, when)
        if ck in self._names:
            return self._names[ck]
        bloc = self.words.blocs.get(k)
        actors = tuple(self.kb.lookup(text, date=when)) if not bloc else ()
        places = tuple(self.kb.countries(text)) if not bloc else ()
        hit = NameHit(text, actors, places, bloc) if (actors or places or bloc) else None
        self._remember(self._names, ck, hit)
        return hit

    def person_fuzzy(self, text: str, when: dt.date | None = None) -> Actor | None:
        """A curated/user person whose name is a close spelling of ``text`` ("Shahbaz Sharif"
        -> Shehbaz Sharif). Only called for PERSON spans that failed an exact lookup."""
        k = key(text)
        if k in self._fuzzy:
            return self._fuzzy[k]
        hit = None
        if len(k) >= 7 and " " in k:
            cands = [a for a in self.kb.lookup(text, date=when, kind="person", fuzzy=True) if a.layer > 0]
            last = k.split()[-1]
            # the family name must be close too: "John Smith" is not "John Smyth"'s typo of "Jon Smith"
            for a in cands:
                if _close(last, key(a.name).split()[-1]) or any(key(al).split()[-1] == last for al in a.aliases):
                    hit = a
                    break
        self._remember(self._fuzzy, k, hit)
        return hit

    def person_variant(self, text: str, when: dt.date | None = None) -> Actor | None:
        """The person a name with an extra or missing middle name, or one misspelt word, stands
        for (``ActorKB.name_variants``). Several entries are accepted only when they agree on
        the country (the Phoenix lists hold one ruler under several spellings); otherwise the
        name is ambiguous and stays unknown."""
        k = key(text)
        ck = (k, when)
        if ck in self._variants:
            return self._variants[ck]
        hit = None
        cands = self.kb.name_variants(text)
        if cands:
            countries = {a.country or next((r.country for r in a.roles if r.country), None) for a in cands}
            if len(countries) == 1:
                hit = sorted(cands, key=lambda a: (self.kb._rank(a, when), -len(a.roles)))[0]
        self._remember(self._variants, ck, hit)
        return hit

    def acronym_only(self, actor: Actor, text: str) -> bool:
        """True when ``text`` matched ``actor`` only through an all-capital alias ("WHO",
        "RSF", "US") while the text itself is not in capitals ("Who", "us")."""
        if text.isupper():
            return False
        ck = (actor.id, text)
        got = self._acronyms.get(ck)
        if got is None:
            k = key(text)
            raw = [a for a in [actor.name, *actor.aliases] if key(a) == k]
            if not raw:
                got = len(k) <= 4 and actor.kind == "organisation" and not text[:1].isupper()
            else:
                got = all(_is_acronym(a) for a in raw)
            self._remember(self._acronyms, ck, got)
        return got

    # ---------------------------------------------------------------- titles and roles

    def holders(self, title: str, country: str | None, when: dt.date | None) -> list[TitleMatch]:
        """Office-holders a title refers to (ActorKB.by_title), cached."""
        ck = (title.lower(), country, when)
        hit = self._holders.get(ck)
        if hit is None:
            hit = self.kb.by_title(title, country, when)
            self._remember(self._holders, ck, hit)
        return hit

    def title_roles(self, actor: Actor, desc: str) -> tuple[Role, ...]:
        """The roles of ``actor`` that a descriptive title in the text names ("German
        Chancellor" for Scholz -> his chancellorship): evidence for when an undated article
        was written, and for which role the article means."""
        ck = (actor.id, desc.lower())
        if ck in self._title_roles:
            return self._title_roles[ck]
        out = tuple(m.role for m in self.holders(desc, None, None) if m.actor.id == actor.id)
        if not out:
            # the title may carry words by_title does not know ("U.S. special envoy"): retry on the
            # title words alone
            found = self.words.title(desc.lower())
            if found and found[0] != desc.lower():
                country = self._desc_country(desc)
                out = tuple(m.role for m in self.holders(found[0], country, None) if m.actor.id == actor.id)
        self._remember(self._title_roles, ck, out)
        return out

    def _desc_country(self, desc: str) -> str | None:
        for w in desc.split():
            hit = self.kb.country(w)
            if hit is not None:
                return hit.code
        return None

    def roles_at(self, actor: Actor, when: When) -> list[Role]:
        """Roles valid on ``when``: on the day when exact; overlapping the interval (latest
        first) when inferred; the most recent ones when unknown."""
        if when.exact:
            return [r for r in self.kb.roles_on(actor, when.lo) if not r.default]
        if not when.known:
            return [r for r in self.kb.roles_on(actor, None) if not r.default]
        lo, hi = when.lo or dt.date.min, when.hi or dt.date.max
        out = []
        for r in actor.roles:
            if r.default:
                continue
            start = r.start or dt.date.min
            end = r.end or r.open_until or dt.date.max
            if start < hi and end > lo:
                out.append(r)
        out.sort(key=lambda r: (r.source == "phoenix", -(r.end or dt.date.max).toordinal(),
                                -(r.start or dt.date.min).toordinal()))
        return out

    def country_name(self, code: str) -> str:
        a = self.kb.get(f"c:{code}")
        return a.name if a is not None else code

    @staticmethod
    def _remember(cache: dict, k, v) -> None:
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        cache[k] = v


class DocNames:
    """``KBView`` for one article: a name with several country readings takes the one the
    article supports.

    "Congo" is the DRC in most news copy but the Republic of the Congo in a story datelined
    Brazzaville; "Brussels" is the EU unless the story is about Belgian politics. A shared
    cache cannot know which, so each article counts its *unambiguous* country evidence
    (names, demonyms, capitals and metonyms with one reading; cities and regions the
    toponym extractor resolved) and re-ranks the readings of ambiguous names by it. With no
    evidence either way the knowledge base's own order (news usage) stands.
    """

    def __init__(self, view: KBView, pdoc) -> None:
        self._view = view
        support: dict[str, int] = {}
        for ent in pdoc.doc.ents:
            if ent.label_ not in ("GPE", "NORP", "LOC", "FAC", "ORG"):
                continue
            hit = view.name(ent.text)
            codes = {p.code for p in hit.places} if hit is not None else set()
            if len(codes) == 1:
                code = codes.pop()
                support[code] = support.get(code, 0) + 1
        for t in pdoc.results.get("toponyms") or ():
            if t.get("level") in ("city", "region", "site") and t.get("country") and not t.get("demonym"):
                support[t["country"]] = support.get(t["country"], 0) + 1
        self.support = support

    def __getattr__(self, attr):
        return getattr(self._view, attr)

    def name(self, text: str, when: dt.date | None = None) -> NameHit | None:
        hit = self._view.name(text, when)
        if hit is None or not self.support or len({p.code for p in hit.places}) < 2:
            return hit
        score = lambda code: -self.support.get(code, 0)  # noqa: E731  (stable sort keeps KB order on ties)
        places = tuple(sorted(hit.places, key=lambda p: score(p.code)))
        actors = hit.actors
        if actors and actors[0].kind == "country":
            countries = sorted((a for a in actors if a.kind == "country"), key=lambda a: score(a.country or a.id[2:]))
            actors = tuple(countries) + tuple(a for a in actors if a.kind != "country")
        if places == hit.places and actors == hit.actors:
            return hit
        return NameHit(hit.text, actors, places, hit.bloc)


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= 80


# --------------------------------------------------------------------------- ids

def group_id(code: str, sector: str | None) -> str:
    """Id of a country (or bloc) and sector group with no entry of its own.

    ``c:RUS`` is the Russian state (Russia, Moscow, the Russians); ``c:RUS-MIL`` is its armed
    forces as a group ("Russian forces" when the knowledge base has no organisation for the
    phrase), ``c:UKR-GOV`` "Ukrainian officials", ``c:EUR-GOV`` "European leaders". The
    code is PLOVER's (ISO-3 or EUR/IGO/UNO/...), the sector a PLOVER sector, so the id is
    the same in every article and reads like a CAMEO actor code."""
    return f"c:{code}-{sector}" if sector else f"c:{code}"


def unknown_id(name: str) -> str:
    """Id of a person the knowledge base does not know: ``u:<slug>`` of the name as written."""
    return f"u:{slug(name)}"


def ministry_id(code: str, ministry: str) -> str:
    return f"o:{code.lower()}-ministry-of-{ministry}"
