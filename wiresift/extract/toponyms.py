"""Toponyms: place mentions resolved to the gazetteer, with a point and a GeoNames id.

Recognition comes from spaCy's GPE/LOC/FAC entities, plus ORG entities that name a curated
site ("the Kremlin" is tagged ORG), a country, a first-level region or a big city, plus
places that open a longer name ("the Henderson County Sheriff's Office", "Mansfield Police
Department": the county and the town are mentioned; see ``_leading_place`` for the guards
that keep "Titan Operating" and "Washington Drive" out), plus "X County"/"X Parish" runs and
big places after "in" that the NER missed. A name the article tags as a place more often
than as a person or organisation is a place everywhere in it ("Alexandria" tagged PERSON in
a headline). Demonyms used as modifiers ("Russian troops", "Turkish-backed") are references
to their place, as the news geoparsing corpora annotate them; their records carry
``demonym: true`` (the nouns, "the Russians", name people and are left out).

Resolution (wiresift/extract/toponym_resolve.py) is a scored choice among the gazetteer's
candidates for the name, decided once per distinct name in the article (a name keeps one
sense within a news story): a prior from the kind of place and its size, the name's own
qualifiers ("Alexandria, La.", "Athens, Ga.", "Boise, ID", "Idlib province"), and the
spatial coherence of the story (same country, same first-level region, nearness to the
other names' places). When the article gives no evidence to choose among several
same-sized towns, or the best town is tiny and unsupported, we abstain to the country they
share instead of pinning a wrong dot on a map; and when the text puts a town in a region
("Lima is a town in Seminole County, Oklahoma", "X, a village in Y") but no town of that
name the gazetteer knows lies there, the region is the answer.

Metonyms: curated seats of power ("the Kremlin", "Downing Street") used as speakers or
agents are not place mentions and are left out; used locatively ("talks at the Kremlin")
they are places in their city. Countries and cities used as agents ("Moscow said") are
kept, flagged ``metonym``, so the event coder can tell them from event locations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import POS
from spacy.symbols import PROPN

from ..kb.gazetteer import Candidate, Gazetteer, Place, load, normalize
from ..parse.docs import doc_text
from .base import ParsedDoc, extractor
from .toponym_resolve import Resolution, resolve

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
# Last words that make a name a street or road: "Washington Drive" is no place in Washington.
STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "drive", "dr",
                          "boulevard", "blvd", "lane", "ln", "way", "court", "ct", "place",
                          "highway", "hwy", "parkway", "pkwy", "pike", "turnpike", "trail",
                          "circle", "terrace", "expressway", "freeway", "interstate", "bridge",
                          "square", "plaza", "alley", "row"})
# Words after which a county/parish name is complete: "Alachua County Sheriff's Office".
COUNTY_WORDS = frozenset({"county", "parish", "borough"})
# Last words of names of natural features and estates named after a town ("Madison Creek",
# "Hampton Hills"): the feature is the place, the town in its name is not mentioned.
FEATURE_WORDS = frozenset({"creek", "hills", "hill", "lake", "lakes", "river", "valley",
                           "mountain", "mountains", "island", "islands", "bay", "beach",
                           "heights", "estates", "woods", "springs", "falls", "ridge",
                           "canyon", "forest", "pond", "harbor", "harbour", "point", "crossing",
                           "farms", "meadows", "glen", "grove", "shores", "landing"})
# Heads of institution names: "California State University" lies somewhere in California,
# so naming the state's centre for it would mislead; a city's point is close enough.
INSTITUTION_WORDS = frozenset({"university", "college", "school", "academy", "institute",
                               "hospital", "airport", "stadium", "center", "centre", "museum",
                               "park", "mall", "prison", "library", "seminary", "arena",
                               "cathedral", "church", "zoo", "campus", "clinic"})
# Words that open many names without being the place they happen to spell ("South Kilburn
# Estate" is not Cameroon's South region, "Gulf" not Papua New Guinea's Gulf province).
NOT_LEADING = DIRECTION_WORDS | frozenset({"gulf", "capital", "upper", "lower", "middle",
                                           "new", "united", "national", "federal", "state",
                                           "city", "first", "royal", "grand", "great",
                                           "north american", "south american"})

BIG_CITY = 100_000  # a city this big is found even where the NER missed it
MIN_TOWN_AFTER_DIRECTION = 10_000  # "north Arlington" yes, "East Bank" -> Bank no
AP_ABBREV = re.compile(r", ((?:[A-Z][a-z]{1,4}\.)(?: ?[A-Z][a-z]{0,3}\.)?|[A-Z]\.[A-Z]\.)")
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
    qualifier_key: str | None = None  # the key of the mention that qualifies this one
    in_list: bool = False  # follows another place and a comma ("Miami, West Palm Beach")


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
        # "eastern Ukraine", "South Texas", "north Fargo"; not "East Bank" (a hamlet called
        # Bank is no reading of it): the rest must name a region or a sizeable town
        base = " ".join(words[1:])
        cands = [c for c in gaz.lookup_key(base) if c.primary and (
            c.place.level in ("country", "region", "continent")
            or c.place.population >= MIN_TOWN_AFTER_DIRECTION)]
        return cands, False, base
    # "DFL-Minneapolis", "ATLANTA - Regional 2-1-1": one part of a hyphenated compound
    for part in re.split(r"\s*[-–—]\s*", text):
        pk = normalize(part)
        if pk and pk != key and part[:1].isupper():
            cands = gaz.lookup_key(pk)
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
    named: list[tuple[int, int, str]] = []  # entities that are not themselves a known place
    others = []  # PERSON and NORP entities: places only if the article names them so
    for ent in doc.ents:
        label = ent.label_
        if label == "NORP":
            m = _demonym_mention(doc, ent, gaz)
            if m is not None:
                mentions.append(m)
                covered.update(range(ent.start, ent.end))
            else:
                others.append(ent)
            continue
        if label == "PERSON":
            others.append(ent)
            continue
        if label not in PLACE_LABELS and label != "ORG":
            continue
        s, e = _clean_span(doc, ent)
        if s >= e:
            continue
        if label != "ORG":
            covered.update(range(ent.start, ent.end))
        span = doc[s:e]
        text = span.text
        cands, admin_hint, key = _lookup(gaz, text)
        if label == "ORG":
            # ORG as a whole only when it names a curated site ("the Kremlin") or, word for
            # word, a country or a big city (small models tag "Kyiv" ORG in "officials in Kyiv").
            # So does a first-level region or a curated area ("Texas", "Tamil Nadu", "BC",
            # "the EU": tagged ORG as teams, governments and institutions).
            short = len(text) <= 3 and text.upper() == text  # "VA", "BC" in "500 BC"
            cands = [c for c in cands if c.place.level == "site" or c.place.feature == "RGN" or c.primary and (
                c.place.level == "country" or c.place.feature == "ADM1" and not short
                or c.place.level == "city" and c.place.population >= BIG_CITY)]
            if not cands:
                named.append((s, e, label))
                continue
        if not cands and len(span) == 1 and DEMONYM.search(text):
            m = _demonym_mention(doc, ent, gaz)  # "Ukrainian" mis-tagged GPE
            if m is not None:
                mentions.append(m)
                covered.update(range(ent.start, ent.end))
            continue
        if not cands and "," in text:
            head, _, tail = text.partition(",")
            cands, admin_hint, key = _lookup(gaz, head)
        if not cands and len(span) > 1:
            named.append((s, e, label))  # "Henderson County Jail": maybe a place inside
            continue
        # "Idlib province", "Kursk region" with the admin word outside the entity
        if e < len(doc) and doc[e].lower_ in ADMIN_WORDS and not admin_hint:
            regional = _admin_candidates(gaz, key)
            if regional:
                cands, admin_hint = regional, True
        agentive, locative = _role(doc, s, e)
        mentions.append(Mention(span.start_char, span.end_char, text, key, label, cands,
                                admin_hint, [], agentive, locative))
        covered.update(range(ent.start, ent.end))
    known = {m.key: m for m in mentions if m.cands and m.label != "DEMONYM"}
    if known:
        # one sense per name, by majority: a name tagged PERSON or ORG more often than it
        # is tagged a place is the person or organisation ("Mr Paterson", once mis-tagged GPE)
        place_n: dict[str, int] = {}
        for m in mentions:
            place_n[m.key] = place_n.get(m.key, 0) + 1
        other_n: dict[str, int] = {}
        for ent in others:
            k = normalize(ent.text)
            other_n[k] = other_n.get(k, 0) + 1
        for s, e, label in named:
            k = normalize(doc[s:e].text)
            other_n[k] = other_n.get(k, 0) + 1
        known = {k: m for k, m in known.items() if place_n.get(k, 0) >= other_n.get(k, 0)}
    for s, e, label in named:
        m = _known_name(doc, s, e, known) or _leading_place(doc, s, e, label, gaz, known)
        if m is not None:
            mentions.append(m)
            covered.update(range(s, e))
    for ent in others:
        s, e = _clean_span(doc, ent)
        m = _known_name(doc, s, e, known) if s < e else None
        if m is not None:
            mentions.append(m)
            covered.update(range(ent.start, ent.end))
    mentions += _gazetteer_mentions(doc, gaz, covered, known)
    mentions.sort(key=lambda m: m.start)
    _attach_qualifiers(doc, mentions, gaz)
    return mentions


_HYPHEN = re.compile(r"[-–]")


def _demonym_mention(doc, ent, gaz: Gazetteer) -> Mention | None:
    """A demonym or place adjective as a reference to its place: "Russian troops", "the
    Sudanese government", "Minnesotans", "anti-Russian", "Turkish-backed" (the part that is
    one). News geoparsing corpora annotate these (LGL, GeoWebNews, TR-News); the record
    says ``demonym`` so that users who want only names can drop them. Ethnic, religious and
    political words are not in the table (wiresift/data/gazetteer/demonyms.yaml)."""
    s, e = _clean_span(doc, ent)
    if s >= e:
        return None
    span = doc[s:e]
    text, start = span.text, span.start_char
    if not text[:1].isupper() and not _HYPHEN.search(text):
        return None
    place = gaz.demonym(text)
    if place is None:
        # one part of a hyphenated compound: "anti-Russian", "Turkish-Russian", "Syrian-born"
        off = 0
        for part in _HYPHEN.split(text):
            if part[:1].isupper():
                place = gaz.demonym(part)
                if place is not None:
                    text, start = part, start + off
                    break
            off += len(part) + 1
    if place is None or not _modifies_noun(span.root):
        return None
    agentive, locative = _role(doc, s, e)
    return Mention(start, start + len(text), text, "demonym:" + normalize(text), "DEMONYM",
                   [Candidate(place, True)], False, [], agentive, locative)


def _known_name(doc, s: int, e: int, known: dict[str, Mention]) -> Mention | None:
    """A name the NER tagged PERSON, ORG or NORP that the article uses as a place elsewhere
    ("Alexandria" in a headline tagged PERSON, a GPE in the body): one sense per name in a
    news story, as the resolver assumes."""
    span = doc[s:e]
    key = normalize(span.text)
    ref = known.get(key)
    if ref is None:
        return None
    agentive, locative = _role(doc, s, e)
    return Mention(span.start_char, span.end_char, span.text, key, "KNOWN", ref.cands,
                   ref.admin_hint, [], agentive, locative)


def _modifies_noun(tok) -> bool:
    """Is ``tok`` a modifier of a noun ("Russian troops", "Russian and Venezuelan
    delegations", "Turkish-backed militias")? Demonyms used as nouns ("the Russians", "as
    Americans") name people, not the place: GeoWebNews keeps them apart from toponyms and
    TR-News leaves them out."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text in ("-", "–") and doc[tok.i + 2].is_lower:
        return True  # "Turkish-backed militias", "Russian-speaking regions"
    for _ in range(3):
        if tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head  # the first conjunct decides
    if tok.dep_ in ("amod", "compound", "nmod"):
        return tok.head.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
    return False


def _leading_place(doc, s: int, e: int, label: str, gaz: Gazetteer, known: set[str]
                   ) -> Mention | None:
    """The place that opens a longer name: "Henderson County Jail", "Mansfield Police
    Department", "Winnipeg Animal Emergency Hospital", "Georgia Bureau of Investigation".

    News annotators and readers alike take such a place as mentioned. Because nearly every
    capitalised word is a town somewhere, the opening words count only when they are a
    country or first-level region, a county or parish named with its word, a city of
    BIG_CITY people, or a name the article uses as a place elsewhere. A street or natural
    feature named after a place ("Washington Drive", "Madison Creek") keeps only the
    county/known-name forms, and an institution keeps no bare region ("Texas A&M
    University" is somewhere in Texas, not at its centre). When nothing opens the name, a
    GPE/LOC/FAC stays a mention with no candidates (the resolver then falls back to the
    article's main place); an ORG is dropped.
    """
    last = normalize(doc[e - 1].text)
    street = last in STREET_WORDS or last in FEATURE_WORDS
    institution = any(t.lower_ in INSTITUTION_WORDS for t in doc[s:e])
    for n in range(min(e - s - 1, 4), 0, -1):
        sub = doc[s:s + n]
        if not all(t.text[:1].isupper() or t.lower_ in ("of", "and") for t in sub) \
                or sub[-1].lower_ in ("of", "and"):
            continue
        key = normalize(sub.text)
        if key in NOT_LEADING:
            continue
        cands = gaz.lookup_key(key)
        if not cands:
            continue
        if key in known:
            pass
        elif sub[-1].lower_ in COUNTY_WORDS:
            cands = [c for c in cands if c.place.feature == "ADM2"]
        elif street:
            cands = []
        else:
            # the name must be a country, a first-level region or a big city to count as
            # a place here; then all places of that name compete as usual
            regional = [c for c in cands if c.primary and (
                c.place.level == "country" or c.place.feature in ("ADM1", "RGN"))]
            big = [c for c in cands if c.primary and c.place.level == "city"
                   and c.place.population >= BIG_CITY]
            if regional and institution and not big:
                cands = []
            elif regional or big:
                cands = [c for c in cands if c.primary]
            else:
                cands = []
        if cands:
            agentive, locative = _role(doc, s, s + n)
            return Mention(sub.start_char, sub.end_char, sub.text, key, "NESTED", cands,
                           False, [], agentive, locative)
    if label == "ORG":
        return None
    span = doc[s:e]
    agentive, locative = _role(doc, s, e)
    return Mention(span.start_char, span.end_char, span.text, normalize(span.text), label,
                   [], False, [], agentive, locative)


def _gazetteer_mentions(doc, gaz: Gazetteer, covered: set[int],
                        known: dict[str, Mention] | None = None) -> list[Mention]:
    """Places the NER missed: "X County", "X region"/"X province", big places after "in",
    and names the article uses as places elsewhere.

    Only proper nouns outside every entity, and only names that are unlikely to be anything
    else: a county or region named with its admin word, a country, first-level region or
    city of BIG_CITY+ people right after a locative preposition ("struck Odesa" stays
    missed; "in Odesa" is found), or a run of proper nouns that opens with a name the NER
    tagged a place elsewhere in the article ("Alexandria Police went to ...").
    """
    known = known or {}
    out = []
    i = 0
    n = len(doc)
    # proper nouns from the POS array: no Token object for the other nine words in ten
    propn = (doc.to_array(POS) == PROPN).tolist() if n else []
    while i < n:
        if i in covered or not propn[i] or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < n and j + 1 not in covered and propn[j + 1] \
                and doc[j + 1].text[:1].isupper() and j - i < 3:
            j += 1
        # "Rapides Parish Fire District 2": a county or parish named with its word opens
        # the run of proper nouns
        for k in range(j, i, -1):
            if doc[k].lower_ in COUNTY_WORDS:
                adm2 = [c for c in gaz.lookup_key(normalize(doc[i:k + 1].text))
                        if c.place.feature == "ADM2"]
                if adm2:
                    j = k
                    break
        span = doc[i:j + 1]
        key = normalize(span.text)
        cands: list[Candidate] = []
        admin_hint = False
        if doc[j].lower_ in COUNTY_WORDS and j > i:
            cands = [c for c in gaz.lookup_key(key) if c.place.feature == "ADM2"]
        elif j + 1 < n and doc[j + 1].lower_ in ("region", "province", "oblast", "governorate"):
            cands = _admin_candidates(gaz, key)
            admin_hint = bool(cands)
        elif i > 0 and doc[i - 1].lower_ in EVENT_PREPS:
            cands = [c for c in gaz.lookup_key(key) if c.primary and (
                c.place.level in ("country", "site") or c.place.feature in ("ADM1", "RGN")
                or c.place.level == "city" and c.place.population >= BIG_CITY)]
        if not cands and known:
            for k in range(j, i - 1, -1):
                sub = normalize(doc[i:k + 1].text)
                if sub in known and (k == j or doc[k + 1].lower_ not in STREET_WORDS):
                    span, key, cands = doc[i:k + 1], sub, known[sub].cands
                    admin_hint = known[sub].admin_hint
                    break
        if cands:
            agentive, locative = _role(doc, span.start, span.end)
            out.append(Mention(span.start_char, span.end_char, span.text, key, "GAZ", cands,
                               admin_hint, [], agentive, locative))
        i = j + 1
    return out


# "Lima is a town in Seminole County", "Ushba, a village in Svaneti", "Medina, the holy
# city of western Saudi Arabia": a description that places X inside the next name.
_SETTLEMENT = (r"(?:town|city|village|municipality|community|place|suburb|neighbou?rhood|district|"
               r"borough|hamlet|township|capital|port|commune|settlement|locality|area|parish|"
               r"county|province|region|CDP)")
_DESCRIBED_IN = re.compile(
    r"\s*(?:,|\s(?:is|was)|,\s+(?:which|that)\s+(?:is|was))\s+(?:a|an|the)\s+"
    r"[^.;:!?\"“”]{0,60}?\b" + _SETTLEMENT + r"\b[^.;:!?\"“”]{0,30}?\b(?:in|of|near)\s+"
    r"(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western)[a-z]*\s+)?$",
    re.IGNORECASE)


def _attach_qualifiers(doc, mentions: list[Mention], gaz: Gazetteer) -> None:
    """Link "X, Y", "X (Y)" and "X is a town in Y": Y (a region or country) qualifies X."""
    text = doc_text(doc)
    for i, m in enumerate(mentions):
        if i and text[mentions[i - 1].end:m.start].strip() == "," and mentions[i - 1].qualifier_key is None:
            m.in_list = True
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        gap_end = nxt.start if nxt else None
        if nxt is not None and (text[m.end:gap_end].strip() in (",", "(", "-", "—")
                                or gap_end - m.end <= 100 and _DESCRIBED_IN.match(text, m.end, gap_end)):
            quals = [c for c in nxt.cands if c.place.level in ("region", "country")]
            if quals:
                m.qualifier = quals
                m.qualifier_key = nxt.key
                continue
        # "Boise, ID" / "Alexandria, LA": a postal code right after the comma
        rest = text[m.end:m.end + 5]
        if rest[:2] == ", " and rest[2:4].isalpha() and rest[2:4].isupper() \
                and (len(rest) < 5 or not rest[4].isalpha()):
            st = gaz.postal(rest[2:4])
            if st is not None:
                m.qualifier = [Candidate(st, True)]
                continue
        # "Chowchilla, Calif.", "Athens, Ga.": an AP state abbreviation the NER left out
        ap = AP_ABBREV.match(text, m.end)
        if ap:
            states = [c for c in gaz.lookup(ap.group(1)) if c.place.feature == "ADM1"]
            if states:
                m.qualifier = states


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
    if m.label == "DEMONYM":
        rec["demonym"] = True
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
    _back_off_to_qualifier(kept, picks)
    focus = _focus(kept, picks)
    out = []
    for m in kept:
        r = picks[m.key]
        if r.place is None and _looks_misread(m):
            continue
        if r.place is None and focus is not None:
            # A street, river or building the gazetteer lacks: it lies, most likely, in the
            # place the article is about; say so with a low score rather than say nothing.
            r = Resolution(focus, 0.2, abstained=True)
        out.append(_record(m, r))
    return out


def _looks_misread(m: Mention) -> bool:
    """A one-word "place" the gazetteer does not know and that names no kind of place is
    mostly the NER's error ("Witkoff", "bulls**t" tagged GPE): left out rather than given
    the article's home place. Streets, rivers and buildings ("Elm Street", "Neches River")
    have more than one word."""
    words = m.text.split()
    return len(words) == 1 and (not m.text[:1].isupper() or not m.text.isalpha()
                                or normalize(m.text) not in STREET_WORDS | FEATURE_WORDS | INSTITUTION_WORDS)


def _back_off_to_qualifier(mentions: list[Mention], picks: dict[str, Resolution]) -> None:
    """"Lima is a town in Seminole County, Oklahoma" where no Lima the gazetteer knows lies
    in Oklahoma: the town is too small for it, so the county (else the state or country)
    the text puts it in is the honest answer, not a namesake elsewhere."""
    for m in mentions:
        if not m.qualifier_key or m.qualifier_key not in picks or not m.cands:
            continue
        r = picks[m.key]
        if m.in_list or r.place is not None and (
                r.place.level in ("country", "continent") or r.place.feature in ("ADM1", "RGN")):
            continue  # a country or state, or a list: "Iraq, Afghanistan", "Alaska, Alabama"
        q = picks[m.qualifier_key]
        if q.place is None or q.place.level not in ("region", "country") or q.abstained:
            continue
        if not any(c.place.cc == q.place.cc for c in m.cands):
            continue  # "Kansas City, North": no namesake even in that country; not a qualifier
        if r.place is not None and (r.place.row == q.place.row or _inside(r.place, q.place)):
            continue
        if any(_inside(c.place, q.place) for c in m.cands):
            continue  # a candidate in the qualifier exists; the resolver weighed it
        picks[m.key] = Resolution(q.place, 0.3, abstained=True)


def _inside(p: Place, region: Place) -> bool:
    if region.level == "country":
        return bool(p.cc) and p.cc == region.cc
    if region.feature in ("ADM1", "ADM2"):
        return p.cc == region.cc and bool(p.admin1) and p.admin1 == region.admin1
    return False


def _focus(mentions: list[Mention], picks: dict[str, Resolution]) -> Place | None:
    """The article's home place: its most mentioned city, else region, else country.

    Only places in the country that most of the article's distinct place names lie in
    compete, so a stray foreign namesake repeated often ("Titan", a company, read seven
    times as a town in Afghanistan in a Texas story) cannot become home.
    """
    counts: dict[int, list] = {}
    names_in: dict[str, set[str]] = {}
    for m in mentions:
        r = picks.get(m.key)
        if r is None or r.place is None or r.abstained or r.place.level in ("continent", "site"):
            continue
        e = counts.setdefault(r.place.row, [0, r.place])
        e[0] += 1
        if r.place.cc:
            names_in.setdefault(r.place.cc, set()).add(m.key)
    home = max(names_in, key=lambda cc: len(names_in[cc])) if names_in else None
    rank = {"city": 0, "region": 1, "country": 2}
    best = None
    for n, p in counts.values():
        k = (rank.get(p.level, 3), -n)
        if p.feature == "RGN" or home is not None and p.cc != home:
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
