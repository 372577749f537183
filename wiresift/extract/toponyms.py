"""Toponyms: place mentions resolved to the gazetteer, with a point and a GeoNames id.

Recognition comes from spaCy's GPE/LOC/FAC entities, plus ORG entities that name a curated
site ("the Kremlin" is tagged ORG). Resolution is a small scored choice among the
gazetteer's candidates for the name, decided once per distinct name in the article (a
name keeps one sense within a news story):

* a prior from the kind of place and its size: a country name means the country, a
  capital or big city beats a hamlet of the same name, an alternate name counts less than
  a place's own name;
* the article's geography: candidates in the countries and first-level regions that the
  article's other, less ambiguous places point to get a bonus. This is what sends
  "Alexandria" to Louisiana in a story about Rapides Parish, and to Egypt in one about Cairo;
* explicit qualifiers: "Alexandria, La.", "Paris, Texas", "Idlib province", "Kursk region".

When the article gives no evidence to choose among several same-sized towns, or the best
town is tiny and unsupported, we abstain to the country they share (or to nothing)
instead of pinning a wrong dot on a map.

Metonyms: curated seats of power ("the Kremlin", "Downing Street") used as speakers or
agents are not place mentions and are left out; used locatively ("talks at the Kremlin")
they are places in their city. Countries and cities used as agents ("Moscow said") are
kept, flagged ``metonym``, so the event coder can tell them from event locations.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..kb.gazetteer import Candidate, Gazetteer, Place, load, normalize
from .base import ParsedDoc, extractor

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words that turn a name into a first/second-level region: "Idlib province", "Kursk region".
ADMIN_WORDS = frozenset({"region", "province", "oblast", "governorate", "state", "county",
                         "parish", "district", "prefecture", "department", "territory",
                         "raion", "krai", "municipality"})
DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                             "western", "central", "northeast", "northwest", "southeast",
                             "southwest", "northeastern", "northwestern", "southeastern",
                             "southwestern", "upstate", "downstate", "greater", "rural",
                             "downtown", "suburban", "metro", "coastal"})
# Prepositions that make a mention the location of what the clause reports.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "within", "across",
                            "around", "throughout", "on", "into", "over", "off",
                            "from", "to", "toward", "towards", "through", "along", "nearby"})
EVENT_PREPS = frozenset({"in", "at", "near", "inside", "outside", "within", "across", "around", "into",
                         "throughout", "on", "off", "over", "along"})
AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "poss"})

# Scoring weights (tuned on the dev set's LGL/GWN/TR-News; see wiresift/eval/geo.py).
LEVEL_PRIOR = {"country": 6.0, "continent": 11.0, "site": 9.0, "RGN": 9.0, "ADM1": 2.0,
               "ADM2": -0.5, "PPLC": 1.5, "city": 0.0}
W_POP = 0.6  # per decade of population
ALT_PENALTY = 2.0  # matched an alternate name, not the place's own name
W_COUNTRY = 3.0  # candidate lies in a country the article is about (scaled by its share)
W_ADMIN1 = 3.0  # ... in a first-level region the article mentions or implies
W_QUALIFIED = 8.0  # "X, Y" / "X (Y)" where Y contains the candidate
W_ADMIN_HINT = 4.0  # "X province": the candidate is a region
MIN_CITY_POP_ALONE = 5000  # a smaller town needs the article's support to be pinned
BIG_CITY = 100_000  # a city this big is found even where the NER missed it
DEMONYM = re.compile(r"(?:ian|ians|ish|ese|ean|eans|ans|i|is)$")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    key: str
    label: str
    cands: list[Candidate]
    admin_hint: bool = False
    qualifier: list[Candidate] = field(default_factory=list)  # the Y of "X, Y"
    agentive: bool = False
    locative: bool = False


def _clean_span(doc, ent) -> tuple[int, int]:
    """Token bounds of an entity without a leading article or trailing possessive/punct."""
    s, e = ent.start, ent.end
    while s < e and doc[s].lower_ in ("the", "a"):
        s += 1
    while e > s and (doc[e - 1].is_punct and doc[e - 1].text not in (".",)
                     or doc[e - 1].lower_ in ("'s", "’s", "'")):
        e -= 1
    return s, e


def _lookup(gaz: Gazetteer, text: str) -> tuple[list[Candidate], bool, str]:
    """Candidates for a mention text: exact, then without an admin word or direction word."""
    key = normalize(text)
    cands = gaz.lookup_key(key)
    if cands:
        return cands, False, key
    words = key.split()
    if len(words) > 1 and words[-1] in ADMIN_WORDS:
        base = " ".join(words[:-1])
        if any(c.place.level == "country" for c in gaz.lookup_key(base)):
            return [], False, key  # "U.S. county": a generic phrase, not a named region
        return _admin_candidates(gaz, base), True, base
    if len(words) > 1 and words[0] in DIRECTION_WORDS:
        base = " ".join(words[1:])
        return gaz.lookup_key(base), False, base
    # "DFL-Minneapolis", "ATLANTA - Regional 2-1-1": one part of a hyphenated compound
    for part in re.split(r"\s*[-–—]\s*", text):
        pk = normalize(part)
        if pk and pk != key and part[:1].isupper():
            cands = gaz.lookup_key(pk)
            if cands:
                return cands, False, pk
    # "Ohio Turnpike", "Texas Medical Center": a named region or country as the first words
    for n in range(len(words) - 1, 0, -1):
        pk = " ".join(words[:n])
        cands = [c for c in gaz.lookup_key(pk) if c.place.level in ("country", "region")
                 and c.primary and c.place.feature != "ADM2"]
        if cands:
            return cands, False, pk
    return [], False, key


def _admin_candidates(gaz: Gazetteer, base: str) -> list[Candidate]:
    """Regions called ``base``, or the regions whose seat is a city called ``base``."""
    cands = gaz.lookup_key(base)
    regions = [c for c in cands if c.place.feature in ("ADM1", "ADM2", "RGN")]
    if regions:
        return regions
    out, seen = [], set()
    for c in cands:
        if c.place.level == "city" and c.place.admin1:
            a = gaz.admin1(c.place.admin1)
            if a is not None and a.row not in seen:
                seen.add(a.row)
                out.append(Candidate(a, False))
    return out


def _role(doc, s: int, e: int) -> tuple[bool, bool]:
    """(agentive, locative) for the mention spanning tokens s..e."""
    span = doc[s:e]
    root = span.root
    agentive = root.dep_ in AGENT_DEPS
    locative = root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS
    if root.dep_ == "compound" and root.head.dep_ in AGENT_DEPS:
        agentive = True
    return agentive, locative


def find_mentions(doc, gaz: Gazetteer) -> list[Mention]:
    """Place mentions in reading order, each with its gazetteer candidates."""
    mentions: list[Mention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        label = ent.label_
        if label not in PLACE_LABELS and label != "ORG":
            continue
        s, e = _clean_span(doc, ent)
        if s >= e:
            continue
        span = doc[s:e]
        text = span.text
        cands, admin_hint, key = _lookup(gaz, text)
        if label == "ORG":
            # ORG only when it names a curated site ("the Kremlin") or, word for word, a
            # country or a big city (small models tag "Kyiv" ORG in "officials in Kyiv").
            cands = [c for c in cands if c.place.level == "site" or c.primary and (
                c.place.level == "country" or c.place.level == "city"
                and c.place.population >= BIG_CITY)]
            if not cands:
                continue
        if not cands and len(span) == 1 and DEMONYM.search(text):
            continue  # "Ukrainian" mis-tagged GPE: a demonym, not a place
        if not cands and "," in text:
            head, _, tail = text.partition(",")
            cands, admin_hint, key = _lookup(gaz, head)
        # "Idlib province", "Kursk region" with the admin word outside the entity
        if e < len(doc) and doc[e].lower_ in ADMIN_WORDS and not admin_hint:
            regional = _admin_candidates(gaz, key)
            if regional:
                cands, admin_hint = regional, True
        agentive, locative = _role(doc, s, e)
        mentions.append(Mention(span.start_char, span.end_char, text, key, label, cands,
                                admin_hint, [], agentive, locative))
        covered.update(range(ent.start, ent.end))
    mentions += _gazetteer_mentions(doc, gaz, covered)
    mentions.sort(key=lambda m: m.start)
    _attach_qualifiers(doc, mentions, gaz)
    return mentions


def _gazetteer_mentions(doc, gaz: Gazetteer, covered: set[int]) -> list[Mention]:
    """Places the NER missed: "X region"/"X province", and big places after "in"/"at".

    Only proper nouns outside every entity, and only names that are unlikely to be anything
    else: a region named with its admin word, or a country, first-level region or city of
    BIG_CITY+ people right after a locative preposition ("struck Odesa" stays missed; "in
    Odesa" is found).
    """
    out = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < n and j + 1 not in covered and doc[j + 1].pos_ == "PROPN" \
                and doc[j + 1].text[:1].isupper() and j - i < 3:
            j += 1
        span = doc[i:j + 1]
        key = normalize(span.text)
        cands: list[Candidate] = []
        admin_hint = False
        if j + 1 < n and doc[j + 1].lower_ in ("region", "province", "oblast", "governorate"):
            cands = _admin_candidates(gaz, key)
            admin_hint = bool(cands)
        elif i > 0 and doc[i - 1].lower_ in EVENT_PREPS:
            cands = [c for c in gaz.lookup_key(key) if c.primary and (
                c.place.level in ("country", "site") or c.place.feature in ("ADM1", "RGN")
                or c.place.level == "city" and c.place.population >= BIG_CITY)]
        if cands:
            agentive, locative = _role(doc, i, j + 1)
            out.append(Mention(span.start_char, span.end_char, span.text, key, "GAZ", cands,
                               admin_hint, [], agentive, locative))
        i = j + 1
    return out


def _attach_qualifiers(doc, mentions: list[Mention], gaz: Gazetteer) -> None:
    """Link "X, Y" and "X (Y)": Y (a region or country) qualifies X."""
    text = doc.text
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        gap_end = nxt.start if nxt else None
        if nxt is not None and text[m.end:gap_end].strip() in (",", "(", "-", "—"):
            quals = [c for c in nxt.cands if c.place.level in ("region", "country")]
            if quals:
                m.qualifier = quals
                continue
        # "Boise, ID" / "Alexandria, LA": a postal code right after the comma
        rest = text[m.end:m.end + 5]
        if rest[:2] == ", " and rest[2:4].isalpha() and rest[2:4].isupper() \
                and (len(rest) < 5 or not rest[4].isalpha()):
            st = gaz.postal(rest[2:4])
            if st is not None:
                m.qualifier = [Candidate(st, True)]


def _contains(region: Place, p: Place) -> bool:
    if region.row == p.row:
        return False
    if region.level == "country":
        return p.cc == region.cc
    if region.feature == "ADM1":
        return p.admin1 == region.admin1 and p.cc == region.cc
    if region.feature == "ADM2":
        return p.admin1 == region.admin1 and p.cc == region.cc  # no admin2 key on cities
    return False


def prior(c: Candidate) -> float:
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


@dataclass
class Resolution:
    place: Place | None
    score: float
    abstained: bool = False


def _contribution(r: Resolution | None, n_mentions: int) -> tuple[dict, dict]:
    """The country and admin1 weights one name's current pick lends to the others."""
    if r is None or r.place is None:
        return {}, {}
    p = r.place
    w = min(n_mentions, 3) * (1.0 if r.score >= 0.5 else 0.5)
    cw = {p.cc: w} if p.cc else {}
    aw = {p.admin1: w * (1.5 if p.feature == "ADM1" else 1.0)} if p.admin1 else {}
    return cw, aw


def _score(c: Candidate, m_list: list[Mention], country_share: dict[str, float],
           admin_w: dict[str, float]) -> float:
    p = c.place
    s = prior(c)
    if p.level != "continent" and p.cc:
        s += W_COUNTRY * country_share.get(p.cc, 0.0)
    if p.admin1:
        s += W_ADMIN1 * min(admin_w.get(p.admin1, 0.0), 2.0) / 2.0
    if any(m.admin_hint for m in m_list) and p.level == "region":
        s += W_ADMIN_HINT
    for m in m_list:
        if m.qualifier and any(_contains(q.place, p) for q in m.qualifier):
            s += W_QUALIFIED
            break
    return s


def resolve(mentions: list[Mention], gaz: Gazetteer) -> dict[str, Resolution]:
    """One resolution per distinct name.

    Names are decided one at a time, the least ambiguous first, each against the geography
    the others currently imply (their countries' shares and their first-level regions);
    two sweeps let an early, context-free choice be revised once the rest is known.
    """
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.key].append(m)
    cand_sets: dict[str, list[Candidate]] = {}
    for key, ms in groups.items():
        best: dict[int, Candidate] = {}
        for m in ms:
            for c in m.cands:
                if c.place.row not in best or (c.primary and not best[c.place.row].primary):
                    best[c.place.row] = c
        cands = list(best.values())
        if not any(m.admin_hint for m in ms):
            # "Kyiv", "Tbilisi": the city, not the same-named region around it
            cities = [c for c in cands if c.place.level == "city" and c.primary]
            cands = [c for c in cands if not (
                c.place.feature in ("ADM1", "ADM2") and any(
                    x.place.admin1 == c.place.admin1 and x.place.cc == c.place.cc
                    for x in cities))]
        cand_sets[key] = cands

    picks: dict[str, Resolution] = {}
    margin: dict[str, float] = {}
    for key, cands in cand_sets.items():
        if not cands:
            picks[key] = Resolution(None, 0.0)
            margin[key] = -1.0
            continue
        ps = sorted((prior(c) for c in cands), reverse=True)
        b = max(cands, key=prior)
        margin[key] = ps[0] - ps[1] if len(ps) > 1 else 10.0
        picks[key] = Resolution(b.place, 1.0 / (1.0 + math.exp(-margin[key])))
    cw_tot: dict[str, float] = defaultdict(float)
    aw_tot: dict[str, float] = defaultdict(float)
    contrib = {}
    for key in picks:
        contrib[key] = _contribution(picks[key], len(groups[key]))
        for cc, w in contrib[key][0].items():
            cw_tot[cc] += w
        for a, w in contrib[key][1].items():
            aw_tot[a] += w
    order = sorted((k for k in cand_sets if cand_sets[k]), key=lambda k: -margin[k])
    for _ in range(2):
        for key in order:
            own_c, own_a = contrib[key]
            cw = {cc: w - own_c.get(cc, 0.0) for cc, w in cw_tot.items()}
            aw = {a: w - own_a.get(a, 0.0) for a, w in aw_tot.items()}
            total = sum(w for w in cw.values() if w > 0)
            share = {cc: w / total for cc, w in cw.items() if w > 0} if total else {}
            scored = sorted(((_score(c, groups[key], share, aw), c) for c in cand_sets[key]),
                            key=lambda t: -t[0])
            best_s, best = scored[0]
            second = scored[1][0] if len(scored) > 1 else best_s - 6.0
            conf = 1.0 / (1.0 + math.exp(-(best_s - second)))
            r = _abstain(best, best_s, conf, scored, share, aw, gaz)
            picks[key] = r
            new_c, new_a = _contribution(r, len(groups[key]))
            for cc, w in own_c.items():
                cw_tot[cc] -= w
            for a, w in own_a.items():
                aw_tot[a] -= w
            for cc, w in new_c.items():
                cw_tot[cc] += w
            for a, w in new_a.items():
                aw_tot[a] += w
            contrib[key] = (new_c, new_a)
    return picks


def _abstain(best: Candidate, best_s: float, conf: float, scored, share, aw,
             gaz: Gazetteer) -> Resolution:
    """Fall back to the country when a small town wins without support from the article."""
    p = best.place
    if p.level != "city":
        return Resolution(p, conf)
    supported = aw.get(p.admin1, 0.0) > 0
    rivals = [c for s, c in scored[1:] if best_s - s < 1.0 and c.place.level == "city"]
    if supported or p.population >= MIN_CITY_POP_ALONE or not rivals:
        return Resolution(p, conf)
    countries = {p.cc} | {c.place.cc for c in rivals}
    if len(countries) == 1:
        country = gaz.country(p.cc)
        if country is not None and rivals:
            return Resolution(country, 0.3, abstained=True)
        return Resolution(p, conf * 0.5)
    return Resolution(p, conf * 0.5)


def _record(m: Mention, r: Resolution) -> dict:
    p = r.place
    rec = {"start": m.start, "end": m.end, "text": m.text}
    if p is None:
        rec.update(name=None, geonameid=None, lat=None, lon=None, country=None, feature=None,
                   level=None, score=0.0)
    else:
        rec.update(name=p.name, geonameid=p.geonameid, lat=p.lat, lon=p.lon,
                   country=p.iso3 or None, feature="site" if p.level == "site" else p.feature,
                   level=p.level, score=round(r.score, 3))
        if p.level == "site" and p.parent:
            rec["parent"] = p.parent
    rec["metonym"] = m.agentive
    if r.abstained:
        rec["abstained"] = True
    return rec


def toponyms_for_doc(doc, gaz: Gazetteer | None = None) -> list[dict]:
    """Toponym records for a spaCy Doc (offsets are the Doc's character offsets)."""
    gaz = gaz or load()
    mentions = find_mentions(doc, gaz)
    # A curated seat of power as speaker/agent is an institution, not a place.
    kept = []
    for m in mentions:
        if m.agentive and m.cands and all(c.place.level == "site" and c.place.metonym for c in m.cands):
            continue
        kept.append(m)
    picks = resolve(kept, gaz)
    focus = _focus(kept, picks)
    out = []
    for m in kept:
        r = picks[m.key]
        if r.place is None and focus is not None:
            # A street, river or building the gazetteer lacks: it lies, most likely, in the
            # place the article is about; say so with a low score rather than say nothing.
            r = Resolution(focus, 0.2, abstained=True)
        out.append(_record(m, r))
    return out


def _focus(mentions: list[Mention], picks: dict[str, Resolution]) -> Place | None:
    """The article's home place: its most mentioned city, else region, else country."""
    counts: dict[int, list] = {}
    for m in mentions:
        r = picks.get(m.key)
        if r is None or r.place is None or r.abstained or r.place.level in ("continent", "site"):
            continue
        e = counts.setdefault(r.place.row, [0, r.place])
        e[0] += 1
    rank = {"city": 0, "region": 1, "country": 2}
    best = None
    for n, p in counts.values():
        k = (rank.get(p.level, 3), -n)
        if p.feature == "RGN":
            continue
        if best is None or k < best[0]:
            best = (k, p)
    return best[1] if best else None


@extractor("toponyms")
def extract_toponyms(pdoc: ParsedDoc) -> list[dict]:
    """The ``toponyms`` contract key: every place mention with its resolution."""
    return toponyms_for_doc(pdoc.doc)


def place_for_span(pdoc: ParsedDoc, start: int, end: int) -> dict | None:
    """The place an event clause between chars ``start``..``end`` gives, or None.

    Only a toponym that the clause uses locatively counts ("in Odesa", "at the Kremlin",
    "near Bakhmut"): a country named as an actor ("Russia attacked") is not where the event
    happened. Among several, the most specific wins (site > city > region > country), then
    the first.
    """
    tops = pdoc.results.get("toponyms")
    if tops is None:
        tops = extract_toponyms(pdoc)
    doc = pdoc.doc
    rank = {"site": 0, "city": 1, "region": 2, "country": 3, "continent": 4}
    best, best_key = None, None
    for t in tops:
        if t["start"] < start or t["end"] > end or t.get("lat") is None or t.get("metonym"):
            continue
        span = doc.char_span(t["start"], t["end"], alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if not (root.dep_ == "pobj" and root.head.lower_ in EVENT_PREPS):
            # "in the Kursk region": the toponym is a compound/amod inside the pobj
            head = root.head
            if not (root.dep_ in ("compound", "amod", "nmod") and head.dep_ == "pobj"
                    and head.head.lower_ in EVENT_PREPS):
                continue
        k = (rank.get(t["level"], 5), t["start"])
        if best_key is None or k < best_key:
            best, best_key = t, k
    return best
