"""Choosing one gazetteer place per toponym, from its own prior and the article's geography.

A news story keeps one sense per name, so the choice is made once per distinct name. Each
candidate place starts from a prior (kind of place, size, own name vs alternate name; see
``prior``) plus the evidence its own mentions carry ("Alexandria, La.": the qualifier contains
the candidate; "Idlib province": the candidate is a region). The rest is spatial coherence,
the oldest trick of geoparsing: the places of one story lie together. Every other name in the
article lends support to the candidates it could sit beside:

* same country: "Georgia" next to "Atlanta" and "U.S." is the state, next to "Tbilisi" the
  country;
* same first-level region: "Decatur" among DeKalb County places is the Georgia town, not the
  bigger one in Illinois (a state named in the story counts here: "Georgia" supports every
  Georgia town);
* nearness: towns within a few dozen km of the story's other towns ("Paris" with "Jackson"
  and Tennessee towns around it is Paris, Tennessee), and, at the scale of countries,
  countries near each other.

Support is read optimistically, which is what breaks the chicken-and-egg of two ambiguous
names that explain each other (Gainesville + Georgia): a name lends support through each of
its candidates, weighted by how plausible that candidate currently is (1 for the name's
leader, less for the others), and taking the best-fitting one. Three rounds let plausibility
flow: after the first, a name whose leader changed lends its support from the new leader.
Support saturates (a dozen Minnesota towns are not twelve times the evidence of one), and
the plausibility weight keeps namesakes that are far behind their names' leaders from
propping each other up (London, Paris and Brussels are also neighbouring towns in Ontario).

Known limit: the balance favours context, as local news needs, so a small namesake in the
story's state can beat a big city elsewhere ("Athens, Ga. ... Nashville" picks Nashville,
Georgia). Population alone cannot tell them apart either way; a salience list of big cities
that national news names without context would.

Everything is vectorised with numpy over the article's candidates (a few dozen to a few
hundred), which keeps the resolver at a couple of milliseconds per article.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..kb.gazetteer import Candidate, Gazetteer, Place

# Weights were set on the geo dev set (LGL, GeoWebNews, TR-News together; GeoVirus and
# WikToR looked at as held-out checks) by small grids, choosing values on a plateau rather
# than a peak; the ratio W_POP : W_CONTEXT matters most (local papers want context to win,
# world news wants size to win).

# Priors: the kind of place, then W_POP per decade of population. A country's own prior is
# modest: "Lebanon", "Jordan" and "Palestine" are also towns, and a story full of Indiana
# or Texas places means the town; with no such context the country's population still wins.
LEVEL_PRIOR = {"country": 3.0, "continent": 11.0, "site": 9.0, "RGN": 9.0, "ADM1": 2.0,
               "ADM2": -0.5, "PPLC": 1.5, "city": 0.0}
W_POP = 0.9
ALT_PENALTY = 2.0  # matched an alternate name, not the place's own name
W_QUALIFIED = 8.0  # "X, Y" / "X (Y)" where Y contains the candidate
W_ADMIN_HINT = 4.0  # "X province": the candidate is a region

# Context (see the module docstring). What another name lends a candidate is the best, over
# that name's candidates, of plausibility x relation, where the relation adds up: same
# country, same first-level region, nearness between towns (and between countries). The
# sum over names is saturated: W_CONTEXT * s / (s + SATURATION).
W_CONTEXT = 9.0
REL_COUNTRY = 0.1
REL_ADMIN1 = 0.6
REL_NEAR = 0.5
NEAR_KM = 30.0  # towns this close count fully as neighbours ...
FAR_KM = 1000.0  # ... and this far not at all (log-linear in between)
REL_REGIONAL = 0.5  # countries near each other ("Syria", "Lebanon", "Jordan")
REGIONAL_NEAR_KM = 500.0
REGIONAL_FAR_KM = 4000.0
SATURATION = 1.0
TEMPERATURE = 2.0  # plausibility of a non-leading candidate: exp(-(gap in score) / T)
ROUNDS = 3
MAX_CANDIDATES = 40  # per name, by prior: bounds the cost on "Washington" and "Springfield"
MAX_TOTAL_CANDIDATES = 500  # per article (the pairwise matrices are this squared)

MIN_CITY_POP_ALONE = 5000  # a smaller town needs the article's support to be pinned


@dataclass
class Resolution:
    place: Place | None
    score: float
    abstained: bool = False


def prior(c: Candidate) -> float:
    """What we believe before reading the article: kind of place, size, own name."""
    p = c.place
    if p.level in ("country", "continent", "site"):
        s = LEVEL_PRIOR[p.level]
    elif p.level == "region":
        s = LEVEL_PRIOR.get(p.feature, 0.0)
    else:
        s = LEVEL_PRIOR["PPLC"] if p.feature == "PPLC" else LEVEL_PRIOR["city"]
    if p.level in ("city", "region", "country") and p.feature != "RGN":
        s += W_POP * math.log10(max(p.population, 1))
    if not c.primary:
        s -= ALT_PENALTY
    return s


def _contains(region: Place, p: Place) -> bool:
    if region.row == p.row:
        return False
    if region.level == "country":
        return p.cc == region.cc
    if region.feature in ("ADM1", "ADM2"):
        return p.admin1 == region.admin1 and p.cc == region.cc  # no admin2 key on cities
    return False


def candidate_sets(groups: dict[str, list]) -> dict[str, list[Candidate]]:
    """One candidate list per name: the union over its mentions, a place's own name winning.

    Without an admin word ("Kyiv", not "Kyiv oblast") a city drops the same-named region
    around it, and a national capital every same-named region of its country ("Washington",
    not "Washington state"): news means the city.
    """
    out: dict[str, list[Candidate]] = {}
    cap = max(5, min(MAX_CANDIDATES, MAX_TOTAL_CANDIDATES // max(len(groups), 1)))
    for key, ms in groups.items():
        best: dict[int, Candidate] = {}
        for m in ms:
            for c in m.cands:
                if c.place.row not in best or (c.primary and not best[c.place.row].primary):
                    best[c.place.row] = c
        cands = list(best.values())
        if not any(m.admin_hint for m in ms):
            cities = {(c.place.cc, c.place.admin1) for c in cands
                      if c.place.level == "city" and c.primary}
            capitals = {c.place.cc for c in cands if c.place.feature == "PPLC" and c.primary}
            cands = [c for c in cands if not (c.place.feature in ("ADM1", "ADM2") and (
                (c.place.cc, c.place.admin1) in cities or c.place.cc in capitals))]
        if len(cands) > cap:
            # the cap goes by prior, but a candidate the text itself qualifies ("Richmond,
            # Rhode Island") is kept whatever its size
            ranked = sorted(cands, key=prior, reverse=True)
            kept = ranked[:cap]
            kept += [c for c in ranked[cap:] if mention_evidence(c, ms) > 0]
            cands = kept
        out[key] = cands
    return out


def mention_evidence(c: Candidate, ms: list) -> float:
    """What the name's own mentions say about candidate ``c`` (qualifier, admin word)."""
    s = 0.0
    if any(m.admin_hint for m in ms) and c.place.level == "region":
        s += W_ADMIN_HINT
    for m in ms:
        if m.qualifier and any(_contains(q.place, c.place) for q in m.qualifier):
            s += W_QUALIFIED
            break
    return s


def _distances(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Pairwise great-circle distances in km (haversine)."""
    la, lo = np.radians(lat), np.radians(lon)
    dlat = la[:, None] - la[None, :]
    dlon = lo[:, None] - lo[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(la)[:, None] * np.cos(la)[None, :] * np.sin(dlon / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _kernel(d: np.ndarray, near: float, far: float) -> np.ndarray:
    """Nearness in [0, 1]: 1 within ``near`` km, 0 beyond ``far``, log-linear between."""
    k = 1.0 - np.log(np.maximum(d, near) / near) / math.log(far / near)
    return np.clip(k, 0.0, 1.0)


def _codes(values: list[str]) -> np.ndarray:
    """Small integer codes for strings, -1 for ''."""
    table: dict[str, int] = {}
    return np.array([table.setdefault(v, len(table)) if v else -1 for v in values])


def score_candidates(cand_sets: dict[str, list[Candidate]], groups: dict[str, list]
                     ) -> dict[str, list[tuple[float, Candidate, float]]]:
    """Per name, its candidates as (score, candidate, context support), best first."""
    keys = [k for k in cand_sets if cand_sets[k]]
    flat: list[Candidate] = []
    owner: list[int] = []
    for ni, k in enumerate(keys):
        flat.extend(cand_sets[k])
        owner.extend([ni] * len(cand_sets[k]))
    if not flat:
        return {}
    n, n_names = len(flat), len(keys)
    own = np.array(owner)
    base = np.array([prior(c) + mention_evidence(c, groups[keys[owner[i]]])
                     for i, c in enumerate(flat)])
    places = [c.place for c in flat]
    cc = _codes([p.cc if p.level != "continent" else "" for p in places])
    a1 = _codes([p.admin1 for p in places])
    point = np.array([p.level in ("city", "site") or p.feature == "ADM2" for p in places])
    same_cc = (cc[:, None] == cc[None, :]) & (cc[:, None] >= 0)
    same_a1 = (a1[:, None] == a1[None, :]) & (a1[:, None] >= 0)
    rel = REL_COUNTRY * same_cc + REL_ADMIN1 * same_a1
    dist = _distances(np.array([p.lat for p in places]), np.array([p.lon for p in places]))
    if point.sum() > 1:
        rel += REL_NEAR * _kernel(dist, NEAR_KM, FAR_KM) * (point[:, None] & point[None, :])
    # countries among their neighbours ("Lebanon" with Syria and Israel): the same kernel
    # at the scale of countries
    country = np.array([p.level == "country" for p in places])
    if country.sum() > 1:
        pair = country[:, None] & country[None, :]
        rel += REL_REGIONAL * _kernel(dist, REGIONAL_NEAR_KM, REGIONAL_FAR_KM) * pair
    # columns grouped by name: reduceat needs the start of each name's block
    starts = np.flatnonzero(np.r_[True, own[1:] != own[:-1]])
    not_self = own[:, None] != np.arange(n_names)[None, :]
    weight = np.array([min(len(groups[k]), 3) ** 0.5 for k in keys])[None, :]

    s = base.copy()
    support = np.zeros(n)
    for _ in range(ROUNDS):
        lead = np.full(n_names, -np.inf)
        np.maximum.at(lead, own, s)
        g = np.exp((s - lead[own]) / TEMPERATURE)
        best = np.maximum.reduceat(rel * g[None, :], starts, axis=1)  # n x names
        support = (best * not_self * weight).sum(axis=1)
        s = base + W_CONTEXT * support / (support + SATURATION)
    out: dict[str, list[tuple[float, Candidate, float]]] = defaultdict(list)
    for i, c in enumerate(flat):
        out[keys[owner[i]]].append((float(s[i]), c, float(support[i])))
    for k in out:
        out[k].sort(key=lambda t: -t[0])
    return out


def resolve(mentions: list, gaz: Gazetteer) -> dict[str, Resolution]:
    """One resolution per distinct name (mentions are grouped by their ``key``)."""
    groups: dict[str, list] = defaultdict(list)
    for m in mentions:
        groups[m.key].append(m)
    cand_sets = candidate_sets(groups)
    scored = score_candidates(cand_sets, groups)
    picks: dict[str, Resolution] = {}
    for key in groups:
        ranked = scored.get(key)
        if not ranked:
            picks[key] = Resolution(None, 0.0)
            continue
        best_s, best, support = ranked[0]
        second = ranked[1][0] if len(ranked) > 1 else best_s - 6.0
        conf = 1.0 / (1.0 + math.exp(-(best_s - second)))
        picks[key] = _abstain(best, best_s, conf, support, ranked, gaz)
    return picks


def _abstain(best: Candidate, best_s: float, conf: float, support: float, ranked,
             gaz: Gazetteer) -> Resolution:
    """Fall back to the country when a small town wins without support from the article."""
    p = best.place
    if p.level != "city":
        return Resolution(p, conf)
    rivals = [c for s, c, _ in ranked[1:] if best_s - s < 1.0 and c.place.level == "city"]
    if support > 0.5 or p.population >= MIN_CITY_POP_ALONE or not rivals:
        return Resolution(p, conf)
    if {p.cc} | {c.place.cc for c in rivals} == {p.cc}:
        country = gaz.country(p.cc)
        if country is not None:
            return Resolution(country, 0.3, abstained=True)
    return Resolution(p, conf * 0.5)
