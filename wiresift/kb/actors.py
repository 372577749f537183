"""The actor knowledge base: who a name, a title or a place name stands for, on a given date.

Three layers, each able to add to and correct the one below:

1. shipped: built from the Phoenix/NGEC dictionaries by scripts/build_actors.py
   (wiresift/data/actors/{countries,organisations,people,agents}.tsv). Large and historical:
   its role dates stop around 2015.
2. curated: wiresift/data/actors/curated.yaml and lexicon.yaml, maintained by the team: current
   office-holders with dated roles, country metonyms, office titles, agent corrections.
3. user: files passed with `--actors` (YAML with the curated schema, or CSV). User entries win.

A higher layer wins where they overlap: an entry with the same id takes the higher layer's
fields and roles (aliases are merged), and lookups list higher-layer candidates first. So a
wrong or stale Phoenix role is fixed by writing the right one in curated.yaml or a user file,
never by editing the built data.

Loading must stay cheap because every `wiresift` command may need it: the shipped people
(20k rows) are read only when a person is first looked up, and their roles are decoded only
for the entries a caller touches. `ActorKB.default()` caches one instance per process.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import json
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Iterable, NamedTuple

from wiresift.kb.names import key, slug
from wiresift.paths import DATA_DIR, parse_yaml

ACTORS_DIR = DATA_DIR / "actors"
CURATED_FILES = ("lexicon.yaml", "curated.yaml")

SHIPPED, CURATED, USER = 0, 1, 2
LAYER_NAMES = {SHIPPED: "phoenix", CURATED: "curated", USER: "user"}

# Codes that fill PLOVER's country slot for non-state actors.
NON_STATE_CODES = {"IGO", "UNO", "EUR", "NGO", "IMG", "MNC", "ISM"}


# --------------------------------------------------------------------------- records

def _date(v) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v).strip())


@dataclass(frozen=True)
class Role:
    """One dated position: country + PLOVER sector, from `start` (inclusive) to `end` (exclusive).

    `default` roles come from undated Phoenix codes ("[USAELI]"): they hold on any date that no
    dated role covers. `open_until` caps an open-ended shipped role at the Phoenix vintage,
    because "in office since 2008" in a 2015 dictionary says nothing about 2025.
    """

    country: str | None
    sector: str | None
    sectors: tuple[str, ...] = ()
    title: str | None = None
    offices: tuple[str, ...] = ()
    org: str | None = None
    start: date | None = None
    end: date | None = None
    default: bool = False
    source: str = "phoenix"
    open_until: date | None = None

    def valid_on(self, d: date) -> bool:
        if self.default:
            return False
        if self.start and d < self.start:
            return False
        end = self.end or self.open_until
        return not (end and d >= end)

    def as_dict(self) -> dict:
        out = {"country": self.country, "sector": self.sector}
        if self.sectors:
            out["sectors"] = list(self.sectors)
        for k in ("title", "org"):
            if getattr(self, k):
                out[k] = getattr(self, k)
        if self.offices:
            out["offices"] = list(self.offices)
        if self.start:
            out["from"] = self.start.isoformat()
        if self.end:
            out["to"] = self.end.isoformat()
        if self.default:
            out["default"] = True
        out["source"] = self.source
        return out


@dataclass
class Actor:
    """A person, organisation or country, with a stable id (p:…, o:…, c:…)."""

    id: str
    kind: str  # person | organisation | country
    name: str
    country: str | None = None
    sector: str | None = None
    sectors: tuple[str, ...] = ()
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None
    wikidata: str | None = None
    description: str | None = None
    layer: int = SHIPPED
    _roles: list[Role] | None = None
    _raw_roles: str | None = None  # shipped people: decoded on first use
    _open_until: date | None = None

    @property
    def roles(self) -> list[Role]:
        if self._roles is None:
            raw = json.loads(self._raw_roles) if self._raw_roles else []
            self._roles = [_role_from(r, LAYER_NAMES[SHIPPED], self._open_until) for r in raw]
            self._raw_roles = None
        return self._roles

    @roles.setter
    def roles(self, value: list[Role]) -> None:
        self._roles = value
        self._raw_roles = None

    @property
    def source(self) -> str:
        return LAYER_NAMES[self.layer]

    def as_dict(self) -> dict:
        out = {"id": self.id, "kind": self.kind, "name": self.name}
        for k in ("country", "sector", "gender", "wikidata", "description"):
            if getattr(self, k):
                out[k] = getattr(self, k)
        if self.roles:
            out["roles"] = [r.as_dict() for r in self.roles]
        out["source"] = self.source
        return out


def _role_from(d: dict, source: str, open_until: date | None = None,
               country: str | None = None, sector: str | None = None) -> Role:
    offices = d.get("office") or d.get("offices") or ()
    if isinstance(offices, str):
        offices = [o.strip() for o in offices.replace("|", ",").split(",") if o.strip()]
    sectors = d.get("sectors") or ()
    if isinstance(sectors, str):
        sectors = [s.strip() for s in sectors.replace("|", ",").split(",") if s.strip()]
    start, end = _date(d.get("from")), _date(d.get("to"))
    return Role(country=d.get("country") or country, sector=d.get("sector") or sector,
                sectors=tuple(sectors), title=d.get("title"), offices=tuple(offices),
                org=d.get("org"), start=start, end=end, default=bool(d.get("default")),
                source=source, open_until=open_until if (start and not end and source == "phoenix") else None)


class CountryHit(NamedTuple):
    """What a country-like name stands for: PLOVER country code, sector if implied, entity id."""

    code: str
    sector: str | None
    id: str
    via: str  # name | demonym | capital | metonym | organisation
    layer: int


class Agent(NamedTuple):
    """A generic agent word ("troops") and its PLOVER sector(s); code fills the country slot."""

    phrase: str
    sector: str | None
    sectors: tuple[str, ...]
    code: str | None
    not_actor: bool


class TitleMatch(NamedTuple):
    actor: Actor
    role: Role
    score: float


_VIA_RANK = {"name": 0, "organisation": 1, "demonym": 2, "metonym": 3, "capital": 4}
_TOKEN_SYNONYMS = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "defence": "defense",
                   "advisor": "adviser", "premier": "prime minister", "secretary-general": "secretary general"}


@functools.lru_cache(maxsize=1 << 14)
def _norm_title(text: str) -> str:
    """A title's words as `key` gives them, with spelling synonyms unified (cached: `by_title`
    compares the query with every office-holder's title)."""
    words = key(text).split()
    return " ".join(_TOKEN_SYNONYMS.get(w, w) for w in words)


# --------------------------------------------------------------------------- the knowledge base

class ActorKB:
    """Lookups over the three layers. Build with `ActorKB.load()` or `ActorKB.default()`."""

    _default: "ActorKB | None" = None
    _default_lock = threading.Lock()

    def __init__(self) -> None:
        self._actors: dict[str, Actor] = {}
        self._alias: dict[str, list[str]] = {}
        self._places: dict[str, list[CountryHit]] = {}
        self._agents: dict[str, Agent] = {}
        self._offices: dict[str, list[tuple[str, str | None]]] = {}
        self._people_path: Path | None = None
        self._agents_path: Path | None = None
        # shipped entries stay raw (kind, name, alias keys, payload) until one is asked for
        self._shipped_people: dict[str, tuple] = {}
        self._people_loaded = True
        self._open_until: date | None = None
        self._lock = threading.Lock()

    # ---------------------------------------------------------------- construction

    @classmethod
    def load(cls, extra: Iterable[str | Path] = (), *, data_dir: Path | None = None,
             shipped: bool = True, curated: bool = True) -> "ActorKB":
        """The shipped data, then the curated files, then each `extra` file (YAML or CSV) in order."""
        kb = cls()
        base = Path(data_dir) if data_dir else ACTORS_DIR
        if shipped:
            kb._load_shipped(base)
        if curated:
            compiled = _read_compiled(base / "curated.compiled.json")
            for name in CURATED_FILES:
                p = base / name
                if p.exists():
                    kb.add_file(p, layer=CURATED, compiled=compiled.get(name))
        for p in extra or ():
            kb.add_file(Path(p), layer=USER)
        return kb

    @classmethod
    def default(cls) -> "ActorKB":
        """The shipped + curated knowledge base, loaded once per process."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls.load()
            return cls._default

    def add_file(self, path: Path, layer: int = USER, compiled: dict | None = None) -> None:
        """Layer a YAML (curated schema) or CSV (one row per role) file over what is loaded.

        `compiled` is the pre-parsed form the build stores for the shipped curated files; it is
        used only while its SHA-1 matches the file, so an edited YAML is always read afresh."""
        path = Path(path)
        for cache in ("_titled_actor_ids", "_fuzzy_choices", "_name_parts"):
            self.__dict__.pop(cache, None)
        if path.suffix.lower() == ".csv":
            self._add_records(_read_csv(path), layer, str(path))
            return
        raw = path.read_bytes()
        if compiled and compiled.get("sha1") == hashlib.sha1(raw).hexdigest():
            self._add_records(compiled["data"] or {}, layer, str(path))
            return
        data = parse_yaml(raw) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping with people/organisations/countries/...")
        self._add_records(data, layer, str(path))

    # ---------------------------------------------------------------- shipped data

    def _load_shipped(self, base: Path) -> None:
        meta = base / "meta.json"
        if meta.exists():
            self._open_until = _date(json.loads(meta.read_text(encoding="utf-8")).get("phoenix_vintage"))
        for row in _read_tsv(base / "countries.tsv"):
            self._add_country_row(row)
        # organisations stay raw like people, but are indexed now: IGO names answer country()
        raw, alias = self._shipped_people, self._alias
        for row in _read_tsv(base / "organisations.tsv"):
            ident, code = row["id"], row["country"] or None
            keys = row["keys"].split("|")
            raw[ident] = ("organisation", row["name"], keys, (code, row["sector"] or None, row["sectors"]))
            for k in keys:
                ids = alias.get(k)
                if ids is None:
                    alias[k] = [ident]
                elif ident not in ids:
                    ids.append(ident)
                if code in ("IGO", "UNO", "EUR"):
                    self._place(k, CountryHit(code, row["sector"] or None, ident, "organisation", SHIPPED))
        self._agents_path = base / "agents.tsv"
        people = base / "people.tsv"
        if people.exists():
            self._people_path = people
            self._people_loaded = False

    def _ensure_agents(self) -> None:
        if self._agents_path is None:
            return
        with self._lock:
            if self._agents_path is None:
                return
            for row in _read_tsv(self._agents_path):
                self._agents.setdefault(row["phrase"], Agent(
                    row["phrase"], row["sector"] or None, tuple(s for s in row["sectors"].split("|") if s),
                    row["code"] or None, row["not_actor"] == "1"))  # curated corrections stay
            self._agents_path = None

    def _ensure_people(self) -> None:
        if self._people_loaded:
            return
        with self._lock:
            if self._people_loaded:
                return
            raw, alias = self._shipped_people, self._alias
            with open(self._people_path, encoding="utf-8") as f:
                next(f)
                for line in f:
                    ident, name, keys, roles = line.rstrip("\n").split("\t")
                    keys = keys.split("|")
                    existing = self._actors.get(ident)
                    if existing is not None:  # curated/user entry with the same id: theirs wins
                        if existing.kind == "person" and not existing.roles:
                            existing._roles, existing._raw_roles = None, roles  # but keep history
                            existing._open_until = self._open_until
                        for k in keys:
                            if k not in existing.aliases:
                                existing.aliases.append(k)
                            self._index(k, ident)
                        continue
                    raw[ident] = ("person", name, keys, roles)
                    for k in keys:
                        ids = alias.get(k)
                        if ids is None:
                            alias[k] = [ident]
                        elif ident not in ids:
                            ids.append(ident)
            self._people_loaded = True

    def _add_country_row(self, row: dict) -> None:
        ident, code = row["id"], row["code"]
        sector = row["sector"] or None
        a = Actor(ident, "country", row["name"], country=code, sector=sector, layer=SHIPPED)
        self._actors[ident] = a
        for via, col in (("name", "names"), ("demonym", "demonyms"), ("capital", "capital")):
            for n in row[col].split("|"):
                if not n:
                    continue
                k = key(n)
                a.aliases.append(n)
                self._place(k, CountryHit(code, "GOV" if via == "capital" else sector, ident, via, SHIPPED))

    # ---------------------------------------------------------------- curated / user records

    def _add_records(self, data: dict, layer: int, origin: str) -> None:
        for p in data.get("people") or ():
            self._add_actor(p, "person", layer, origin)
        for o in data.get("organisations") or data.get("organizations") or ():
            self._add_actor(o, "organisation", layer, origin)
        for c in data.get("countries") or ():
            self._add_country_record(c, layer)
        for office, phrases in (data.get("offices") or {}).items():
            for ph in phrases or ():
                phrase, country = (ph.get("phrase"), ph.get("country")) if isinstance(ph, dict) else (ph, None)
                self._offices.setdefault(_norm_title(phrase), []).append((office, country))
        for a in data.get("agents") or ():
            k = key(a["phrase"])
            sectors = a.get("sectors") or ()
            self._agents[k] = Agent(k, a.get("sector"), tuple(sectors), a.get("code"), bool(a.get("not_actor")))

    def _add_actor(self, rec: dict, kind: str, layer: int, origin: str) -> None:
        name = rec.get("name")
        if not name:
            raise ValueError(f"{origin}: an entry without a name: {rec!r}")
        prefix = "p:" if kind == "person" else "o:"
        ident = rec.get("id") or prefix + slug(name)
        if kind == "person" and rec.get("roles_mode") == "add":
            self._ensure_people()  # the shipped roles it adds to must be there
        country, sector = rec.get("country"), rec.get("sector")
        default_sector = sector or ("GOV" if kind == "person" else None)
        roles = [_role_from(r, LAYER_NAMES[layer], None, country, default_sector)
                 for r in rec.get("roles") or ()]
        aliases = [name] + [a for a in (rec.get("aliases") or ()) if a]
        a = self._actor(ident)
        if a is not None and a.layer > layer:
            return  # a lower layer never overrides a higher one
        if a is None:
            a = Actor(ident, kind, name, layer=layer)
            self._actors[ident] = a
        else:
            a.name, a.kind, a.layer = name, kind, layer
        a.country = country or a.country or (roles[0].country if roles else None)
        a.sector = sector or a.sector or (roles[0].sector if roles else None)
        if rec.get("sectors"):
            a.sectors = tuple(rec["sectors"])
        for k in ("gender", "wikidata", "description"):
            if rec.get(k):
                setattr(a, k, str(rec[k]))
        if roles:
            if rec.get("roles_mode") == "add":
                a.roles = a.roles + roles
            else:
                a.roles = roles
        for al in aliases:
            if al not in a.aliases:
                a.aliases.append(al)
            self._index(key(al), ident)
            if kind == "organisation" and a.country in ("IGO", "UNO", "EUR"):
                self._place(key(al), CountryHit(a.country, a.sector, ident, "organisation", layer))

    def _add_country_record(self, rec: dict, layer: int) -> None:
        code = rec["code"]
        ident = rec.get("id") or f"c:{code}"
        a = self._actors.get(ident)
        if a is None:
            a = Actor(ident, "country", rec.get("name") or code, country=code, layer=layer)
            self._actors[ident] = a
        elif rec.get("name"):
            a.name = rec["name"]
        for via, col in (("name", "names"), ("demonym", "demonyms")):
            for n in rec.get(col) or ():
                a.aliases.append(n)
                self._place(key(n), CountryHit(code, rec.get("sector"), ident, via, layer))
        for sector, phrases in (rec.get("metonyms") or {}).items():
            for n in phrases or ():
                self._place(key(n), CountryHit(code, sector, ident, "metonym", layer))

    def _index(self, k: str, ident: str) -> None:
        if not k:
            return
        ids = self._alias.setdefault(k, [])
        if ident not in ids:
            ids.append(ident)

    def _place(self, k: str, hit: CountryHit) -> None:
        if not k:
            return
        hits = self._places.setdefault(k, [])
        if hit not in hits:
            hits.append(hit)

    # ---------------------------------------------------------------- queries

    def get(self, ident: str) -> Actor | None:
        """The entry with this id (p:vladimir-putin, o:nato, c:RUS)."""
        if ident.startswith("p:"):
            self._ensure_people()
        return self._actor(ident)

    def _actor(self, ident: str) -> Actor | None:
        a = self._actors.get(ident)
        if a is None and ident in self._shipped_people:
            kind, name, keys, payload = self._shipped_people.pop(ident)
            if kind == "person":
                a = Actor(ident, kind, name, aliases=keys, layer=SHIPPED, _raw_roles=payload,
                          _open_until=self._open_until)
            else:
                code, sector, sectors = payload
                a = Actor(ident, kind, name, country=code, sector=sector, aliases=keys, layer=SHIPPED,
                          sectors=tuple(x for x in sectors.split("|") if x), _roles=[])
            self._actors[ident] = a
        return a

    def lookup(self, alias: str, date: date | None = None, kind: str | None = None,
               fuzzy: bool = False) -> list[Actor]:
        """Entries a name may stand for, best first.

        Matching ignores case, diacritics and punctuation ("U.S." = "US", "Erdoğan" = "Erdogan").
        Countries come back for their names and demonyms (metonyms such as "the Kremlin" are
        answered by `country()`, which also gives the sector they imply).
        Order: user, then curated, then shipped entries; within a layer, entries with a role
        valid on `date` (or, without a date, with any dated role) first. With fuzzy=True and no
        exact match, close spellings ("Zelenksyy") are tried.
        """
        self._ensure_people()
        k = key(alias)
        ids = self._alias.get(k, [])
        if not ids and fuzzy:
            ids = [i for i, _ in self._fuzzy_ids(k)]
        actors = [a for a in map(self._actor, ids) if a is not None]
        for hit in self._places.get(k, ()):  # countries (and the IGOs already listed) by name
            a = self._actors.get(hit.id)
            if a is not None and a not in actors and hit.via in ("name", "demonym"):
                actors.append(a)
        if kind:
            actors = [a for a in actors if a.kind == kind]
        # countries sharing a name ("Congo") come in the order of their readings, where a later
        # layer's "this name means X" (lexicon.yaml, a user's file) wins
        reading = {h.id: i for i, h in enumerate(self.countries(alias))}
        return sorted(actors, key=lambda a: (*self._rank(a, date), reading.get(a.id, len(reading))))

    def _rank(self, a: Actor, d: date | None) -> tuple:
        if a.kind != "person":
            current = 1
        elif d is not None:
            current = 0 if any(r.valid_on(d) for r in a.roles) else 1
        else:
            current = 0 if any(not r.default for r in a.roles) else 1
        return (-a.layer, current)

    def _fuzzy_ids(self, k: str, cutoff: float = 88.0, limit: int = 5) -> list[tuple[str, float]]:
        if len(k) < 5:
            return []
        from rapidfuzz import fuzz, process

        choices = self._fuzzy_choices
        out: list[tuple[str, float]] = []
        for choice, score, _ in process.extract(k, choices, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                limit=limit):
            for i in self._alias.get(choice, []):
                if all(i != j for j, _ in out):
                    out.append((i, score))
        return out

    @cached_property
    def _fuzzy_choices(self) -> list[str]:
        # typos are tried against curated/user people and organisations (the shipped lists are
        # long and old enough that a fuzzy hit there is more often wrong than right)
        return [k for k, ids in self._alias.items()
                if any(i in self._actors and self._actors[i].layer > SHIPPED for i in ids)]

    def name_variants(self, text: str) -> list[Actor]:
        """People whose name is a spelling variant of ``text`` (which has no exact entry).

        Two variants a newswire produces all the time, checked against every person (shipped
        ones too, unlike the curated-only fuzzy lookup, because both rules keep the first and
        the last name fixed, which keeps them precise on 20k entries):

        * middle names added or left out: the same first and last word, one name's words a
          subsequence of the other's ("Omar Hassan al-Bashir" = Omar Hassan Ahmad al Bashir,
          "Boris Nikolayevich Yeltsin" = Boris Yeltsin); the text must give three words or
          more, since a bare "John Smith" says too little to be a "John Hilary Smith";
        * one name word misspelt by one letter (an edit, a swap) while the others are equal:
          typos and transliterations ("Francois Mitterand", "Volodmyr Zelensky"); the word must
          be long enough (5+ letters) that one letter is a typo and not another name.

        Returns the entries found (several only when the data holds duplicates of one person
        or the variant is ambiguous: the caller decides)."""
        words = tuple(key(text).split())
        if len(words) < 2:
            return []
        by_first, by_last = self._name_parts
        out: list[str] = []
        for cand, ident in by_last.get(words[-1], ()):
            if cand[0] == words[0] and len(words) >= 3 and (_subsequence(words, cand) or _subsequence(cand, words)):
                out.append(ident)
            elif len(cand) == len(words) and _one_typo(words, cand):
                out.append(ident)
        for cand, ident in by_first.get(words[0], ()):
            if len(cand) == len(words) and cand[-1] != words[-1] and _one_typo(words, cand):
                out.append(ident)
        seen: list[Actor] = []
        for ident in dict.fromkeys(out):
            a = self._actor(ident)
            if a is not None and a.kind == "person":
                seen.append(a)
        return seen

    @cached_property
    def _name_parts(self) -> tuple[dict, dict]:
        """Person alias keys of two or more words, indexed by first and by last word."""
        self._ensure_people()
        by_first: dict[str, list] = {}
        by_last: dict[str, list] = {}
        for k, ids in self._alias.items():
            if " " not in k:
                continue
            people = [i for i in ids if i[:2] == "p:"]  # ids say the kind: p: people, o: organisations
            if not people:
                continue
            words = tuple(k.split())
            first, last = by_first.setdefault(words[0], []), by_last.setdefault(words[-1], [])
            for ident in people:
                first.append((words, ident))
                last.append((words, ident))
        return by_first, by_last

    def roles_on(self, actor: Actor | str, when: date | None = None) -> list[Role]:
        """Roles valid on `when`; with no date, the most recent roles.

        A date no dated role covers falls back to the entry's undated default roles (Phoenix
        uses them for "former official", ELI). Roles are ordered curated/user first, then by
        start date, newest first.
        """
        a = self.get(actor) if isinstance(actor, str) else actor
        if a is None:
            return []
        roles = a.roles
        dated = [r for r in roles if not r.default]
        if when is None:
            current = [r for r in dated if r.end is None and r.open_until is None]
            if not current and dated:
                latest = max(dated, key=lambda r: (r.end or r.open_until or date.max, r.start or date.min))
                current = [latest]
            return _order(current or [r for r in roles if r.default])
        valid = [r for r in dated if r.valid_on(when)]
        return _order(valid or [r for r in roles if r.default])

    def by_title(self, title: str, country: str | None = None, when: date | None = None,
                 limit: int | None = None) -> list[TitleMatch]:
        """Office-holders a title refers to: ("chancellor", "DEU", 2025-08-13) -> Friedrich Merz.

        The title may name the country itself ("German chancellor", "Kremlin spokesman",
        "U.S. President"). Roles are matched by office (lexicon.yaml `offices`) and by the words
        of their title; only roles valid on `when` count (all roles when it is None).
        """
        self._ensure_people()
        q = _norm_title(title)
        candidates = self._office_candidates(q)
        implied_country = None
        if not candidates:
            rest, implied_country = self._strip_country(q)
            if rest != q:
                q = rest
                candidates = self._office_candidates(q)
        wanted = {o for o, c in candidates}
        if country is None:
            only = {c for o, c in candidates if c}
            country = implied_country or (next(iter(only)) if len(only) == 1 and all(c for _, c in candidates) else None)
        q_words = q.split()
        out: list[TitleMatch] = []
        for a in self._titled_actors():
            for r in a.roles:
                if country and r.country != country:
                    continue
                if when is not None and not r.valid_on(when):
                    continue
                score = 0.0
                if r.offices and any(_office_matches(w, r.offices) for w in wanted):
                    score += 2
                if r.title:
                    t = _norm_title(r.title)
                    t_words = t.split()
                    if f" {q} " in f" {t} ":
                        score += 3 + (1 if t.startswith(q) else 0)
                    elif set(q_words) <= set(t_words):
                        score += 1
                    if score:
                        score -= 0.01 * (len(t_words) - len(q_words))  # prefer the tighter title
                if score > 0:
                    score += 0.5 * (a.layer - SHIPPED)
                    out.append(TitleMatch(a, r, score))
        out.sort(key=lambda m: (-m.score, -(m.role.start or date.min).toordinal()))
        seen, uniq = set(), []
        for m in out:
            if m.actor.id not in seen:
                seen.add(m.actor.id)
                uniq.append(m)
        return uniq[:limit] if limit else uniq

    def _office_candidates(self, q: str) -> list[tuple[str, str | None]]:
        return list(self._offices.get(q, []))

    def _strip_country(self, q: str) -> tuple[str, str | None]:
        words = q.split()
        for n in range(min(4, len(words) - 1), 0, -1):
            head = " ".join(words[:n])
            hits = self._places.get(head)
            if hits:
                return " ".join(words[n:]), self._best_hit(hits).code
        return q, None

    @cached_property
    def _titled_actor_ids(self) -> list[str]:
        ids = [i for i, a in self._actors.items()
               if a.kind == "person" and (a.layer > SHIPPED or a._raw_roles and '"title"' in a._raw_roles
                                          or a._roles and any(r.title for r in a._roles))]
        return ids + [i for i, (kind, _, _, roles) in self._shipped_people.items()
                      if kind == "person" and '"title"' in roles]

    def _titled_actors(self) -> Iterable[Actor]:
        for i in self._titled_actor_ids:
            a = self._actor(i)
            if a is not None:
                yield a

    def country(self, alias: str) -> CountryHit | None:
        """The country (or IGO/EUR/UNO) a name, demonym, capital or metonym stands for.

        "the Kremlin" -> (RUS, GOV), "Pentagon" -> (USA, MIL), "Ukrainian" -> (UKR, None),
        "NATO" -> (IGO, None, o:nato), "Brussels" -> (EUR, GOV).
        """
        hits = self.countries(alias)
        return hits[0] if hits else None

    def countries(self, alias: str) -> list[CountryHit]:
        """Every reading of a country-like name, best first (Brussels: EU, then Belgium)."""
        hits = self._places.get(key(alias), [])
        return sorted(hits, key=lambda h: (-h.layer, _VIA_RANK.get(h.via, 9)))

    @staticmethod
    def _best_hit(hits: list[CountryHit]) -> CountryHit:
        return sorted(hits, key=lambda h: (-h.layer, _VIA_RANK.get(h.via, 9)))[0]

    def agent(self, phrase: str) -> Agent | None:
        """The generic agent a word or phrase names; falls back to its trailing words
        ("senior Russian officials" -> "officials")."""
        self._ensure_agents()
        words = key(phrase).split()
        for i in range(len(words)):
            hit = self._agents.get(" ".join(words[i:]))
            if hit is not None:
                return hit
        return None

    def agent_sector(self, phrase: str) -> str | None:
        """PLOVER sector of a generic agent word: "troops" -> MIL, "protesters" -> CVL."""
        a = self.agent(phrase)
        return None if a is None or a.not_actor else a.sector

    def stats(self) -> dict[str, int]:
        self._ensure_people()
        self._ensure_agents()
        kinds: dict[str, int] = {}
        for kind, *_ in self._shipped_people.values():
            kinds[kind] = kinds.get(kind, 0) + 1
        for a in self._actors.values():
            kinds[a.kind] = kinds.get(a.kind, 0) + 1
        return {**kinds, "aliases": len(self._alias), "place_names": len(self._places),
                "agents": len(self._agents), "office_phrases": len(self._offices),
                "curated_or_user": sum(1 for a in self._actors.values() if a.layer > SHIPPED)}


def _office_matches(wanted: str, offices: tuple[str, ...]) -> bool:
    """Exact office, or a specialised form of a generic one (spokesperson matches
    presidential-spokesperson), but never a deputy's (president does not match vice-president)."""
    return any(o == wanted or (o.endswith("-" + wanted) and not o.startswith(("vice-", "deputy-")))
               for o in offices)


def _order(roles: list[Role]) -> list[Role]:
    return sorted(roles, key=lambda r: (r.source == "phoenix", -(r.start or date.min).toordinal()))


# --------------------------------------------------------------------------- file readers

def _read_compiled(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _read_tsv(path: Path) -> Iterable[dict]:
    if not path.exists():
        return
    with open(path, encoding="utf-8") as f:
        cols = next(f).rstrip("\n").split("\t")
        for line in f:
            yield dict(zip(cols, line.rstrip("\n").split("\t")))


def _split(v: str | None) -> list[str]:
    if not v:
        return []
    sep = "|" if "|" in v else ";"
    return [x.strip() for x in v.split(sep) if x.strip()]


def _read_csv(path: Path) -> dict:
    """CSV user file -> the YAML record shape. One row per role; rows with the same id (or name)
    are one entry. Columns: kind,id,name,aliases,gender,wikidata,country,sector,sectors,title,
    office,from,to,description (aliases/office/sectors separated by | or ;)."""
    entries: dict[tuple[str, str], dict] = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            kind = (row.get("kind") or "person").lower()
            kind = "organisation" if kind.startswith("org") else "person"
            name = row.get("name")
            if not name:
                continue
            ident = row.get("id") or ("p:" if kind == "person" else "o:") + slug(name)
            e = entries.setdefault((kind, ident), {"id": ident, "name": name, "aliases": [], "roles": []})
            for al in _split(row.get("aliases")):
                if al not in e["aliases"]:
                    e["aliases"].append(al)
            for k in ("gender", "wikidata", "description", "country", "sector"):
                if row.get(k) and not e.get(k):
                    e[k] = row[k]
            if kind == "person" and (row.get("title") or row.get("from") or row.get("to") or row.get("office")):
                e["roles"].append({"title": row.get("title") or None, "office": _split(row.get("office")),
                                   "country": row.get("country") or None, "sector": row.get("sector") or None,
                                   "sectors": _split(row.get("sectors")),
                                   "from": row.get("from") or None, "to": row.get("to") or None})
    out: dict[str, list] = {"people": [], "organisations": []}
    for (kind, _), e in entries.items():
        if not e["roles"]:
            e.pop("roles")
        out["people" if kind == "person" else "organisations"].append(e)
    return out


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Are the words of ``short`` found in ``long`` in order (gaps allowed)?"""
    it = iter(long)
    return len(short) < len(long) and all(w in it for w in short)


def _one_typo(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same words but one, and that one differs by a single edit or swap (5+ letters)."""
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if min(len(x), len(y)) < 5 or x[0] != y[0]:
        return False
    from rapidfuzz.distance import DamerauLevenshtein

    return DamerauLevenshtein.distance(x, y, score_cutoff=1) <= 1
