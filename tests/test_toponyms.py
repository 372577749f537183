"""Places: gazetteer lookups, toponym resolution on sentences we wrote, and the geo scorer."""
from __future__ import annotations

import pytest

from wiresift.extract.base import ParsedDoc
from wiresift.extract.toponyms import place_for_span, toponyms_for_doc
from wiresift.kb.gazetteer import distance_km, load, normalize


def _pdoc(nlp, text):
    doc = nlp(text)
    pdoc = ParsedDoc(id="t", text=text, published=None, sections=[], doc=doc)
    pdoc.results["toponyms"] = toponyms_for_doc(doc)
    return pdoc


def _by_text(tops):
    return {t["text"]: t for t in tops}


# --- gazetteer ---------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [("U.S.", "US"), ("KYIV", "Kyiv"), ("Côte d'Ivoire", "Cote dIvoire"),
                                 ("St. Louis", "Saint Louis"), ("the Hague", "Hague"),
                                 ("Saint-Denis", "Saint Denis"), ("Zürich", "zurich")])
def test_normalize_ignores_case_accents_and_punctuation(a, b):
    assert normalize(a) == normalize(b)


def test_gazetteer_is_cached_and_knows_exonyms():
    g = load()
    assert load() is g
    kyiv = [c.place for c in g.lookup("Kiev") if c.place.level == "city"]
    assert kyiv and kyiv[0].name == "Kyiv" and kyiv[0].iso3 == "UKR"
    assert g.country("US").iso3 == "USA"
    assert g.admin1("US.TX").name == "Texas"
    assert g.postal("VA").name == "Virginia"
    kremlin = g.lookup("the Kremlin")[0].place
    assert kremlin.level == "site" and kremlin.parent == "Moscow" and kremlin.metonym


def test_distance():
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)


# --- resolution on sentences ---------------------------------------------------------------

def test_event_places(nlp_sm):
    pdoc = _pdoc(nlp_sm, "A drone attack in Odesa killed two people.")
    place = place_for_span(pdoc, 0, len(pdoc.text))
    assert place["name"] == "Odesa" and place["country"] == "UKR" and place["level"] == "city"


def test_meeting_at_the_kremlin_is_in_moscow(nlp_sm):
    pdoc = _pdoc(nlp_sm, "Putin hosted Witkoff for talks at the Kremlin on Tuesday.")
    place = place_for_span(pdoc, 0, len(pdoc.text))
    assert place["level"] == "site" and place["parent"] == "Moscow"
    assert distance_km(place["lat"], place["lon"], 55.75, 37.62) < 5


def test_kremlin_as_speaker_is_not_a_place(nlp_sm):
    pdoc = _pdoc(nlp_sm, "The Kremlin said the talks were useful.")
    assert pdoc.results["toponyms"] == []


def test_country_as_actor_is_flagged_and_not_the_event_place(nlp_sm):
    pdoc = _pdoc(nlp_sm, "Moscow said the talks were useful.")
    (t,) = pdoc.results["toponyms"]
    assert t["name"] == "Moscow" and t["metonym"] is True
    assert place_for_span(pdoc, 0, len(pdoc.text)) is None


def test_alaska(nlp_sm):
    pdoc = _pdoc(nlp_sm, "Trump and Putin met in Alaska in August.")
    place = place_for_span(pdoc, 0, len(pdoc.text))
    assert place["name"] == "Alaska" and place["level"] == "region" and place["country"] == "USA"


def test_state_abbreviation_qualifies_the_town(nlp_sm):
    tops = _by_text(_pdoc(nlp_sm, "Chiquita Henry, 19, of Alexandria, La., was arrested on Sunday.")
                    .results["toponyms"])
    alex = tops["Alexandria"]
    assert alex["country"] == "USA"
    assert distance_km(alex["lat"], alex["lon"], 31.31, -92.45) < 30  # Alexandria, Louisiana


def test_context_decides_georgia(nlp_sm):
    tb = _by_text(_pdoc(nlp_sm, "Protesters gathered in Tbilisi as Georgia prepared for the vote.")
                  .results["toponyms"])
    assert tb["Georgia"]["country"] == "GEO" and tb["Tbilisi"]["level"] == "city"
    us = _by_text(_pdoc(nlp_sm, "Storms hit Atlanta and much of Georgia on Monday.").results["toponyms"])
    assert us["Georgia"]["country"] == "USA" and us["Georgia"]["feature"] == "ADM1"


def test_exonym_and_region_words(nlp_sm):
    tops = _by_text(_pdoc(nlp_sm, "Officials in Kiev rejected the plan.").results["toponyms"])
    assert tops["Kiev"]["name"] == "Kyiv" and tops["Kiev"]["geonameid"] == 703448
    tops = _pdoc(nlp_sm, "Ukrainian troops pushed deeper into the Kursk region.").results["toponyms"]
    names = [t for t in tops if not t.get("demonym")]
    assert [t["feature"] for t in names] == ["ADM1"] and names[0]["country"] == "RUS"


def test_records_follow_the_contract(nlp_sm):
    tops = _pdoc(nlp_sm, "Fighting continued in Idlib province and around Aleppo.").results["toponyms"]
    assert tops
    for t in tops:
        assert {"start", "end", "text", "name", "geonameid", "lat", "lon", "country", "feature",
                "level", "score"} <= set(t)
        assert t["level"] in {"site", "city", "region", "country", "continent", None}


def test_a_state_abbreviation_the_ner_tags_qualifies_the_town(nlp_sm):
    tops = _by_text(_pdoc(nlp_sm, "The band played in Athens, Ga., before the tour ended.")
                    .results["toponyms"])
    athens = tops["Athens"]
    assert athens["country"] == "USA"
    assert distance_km(athens["lat"], athens["lon"], 33.96, -83.38) < 30  # Athens, Georgia


def test_an_ap_abbreviation_outside_any_entity_still_qualifies():
    from types import SimpleNamespace

    from wiresift.extract.toponyms import Mention, _attach_qualifiers

    g = load()
    doc = SimpleNamespace(text="Chowchilla, Calif. officials met.")
    m = Mention(0, 10, "Chowchilla", "chowchilla", "GPE", g.lookup("Chowchilla"))
    _attach_qualifiers(doc, [m], g)
    assert [q.place.admin1 for q in m.qualifier] == ["US.CA"]


# --- spatial coherence (wiresift/extract/toponym_resolve.py) ---------------------------------

def test_neighbouring_places_decide_an_ambiguous_town(nlp_sm):
    text = "The fire spread from Gainesville toward Buford and Cumming in Hall County, Georgia."
    tops = _by_text(_pdoc(nlp_sm, text).results["toponyms"])
    gv = tops["Gainesville"]  # Florida's is bigger; the story's other places are in Georgia
    assert distance_km(gv["lat"], gv["lon"], 34.30, -83.82) < 30
    assert tops["Georgia"]["feature"] == "ADM1" and tops["Georgia"]["country"] == "USA"


def test_a_town_and_its_county_explain_each_other():
    from wiresift.extract.toponym_resolve import resolve
    from wiresift.extract.toponyms import Mention

    g = load()

    def mention(name, at):
        return Mention(at, at + len(name), name, normalize(name), "GPE", g.lookup(name))

    # Decatur, Illinois is the biggest Decatur; DeKalb County has namesakes in a dozen
    # states; together they sit in Georgia
    picks = resolve([mention("Decatur", 0), mention("DeKalb County", 20),
                     mention("Avondale Estates", 40)], g)
    assert picks["decatur"].place.admin1 == "US.GA"
    assert picks["dekalb county"].place.admin1 == "US.GA"


def test_namesake_towns_do_not_outvote_capitals(nlp_sm):
    # London, Paris and Brussels are also neighbouring towns in Ontario
    text = "The Eurostar now links London, Paris and Brussels with Amsterdam."
    tops = _by_text(_pdoc(nlp_sm, text).results["toponyms"])
    assert [tops[n]["country"] for n in ("London", "Paris", "Brussels", "Amsterdam")] == \
        ["GBR", "FRA", "BEL", "NLD"]


def test_countries_keep_their_sense_among_neighbours(nlp_sm):
    tops = _by_text(_pdoc(nlp_sm, "Refugees crossed from Syria into Lebanon and Jordan.")
                    .results["toponyms"])
    assert [tops[n]["country"] for n in ("Syria", "Lebanon", "Jordan")] == ["SYR", "LBN", "JOR"]
    assert {tops[n]["level"] for n in ("Syria", "Lebanon", "Jordan")} == {"country"}


def test_washington_alone_is_the_capital(nlp_sm):
    (t,) = _pdoc(nlp_sm, "Officials in Washington said the talks would resume.").results["toponyms"]
    assert t["feature"] == "PPLC" and distance_km(t["lat"], t["lon"], 38.90, -77.04) < 10


def test_home_place_for_unknown_streets_is_in_the_articles_country():
    from wiresift.extract.toponym_resolve import Resolution
    from wiresift.extract.toponyms import Mention, _focus

    g = load()
    arlington = next(c.place for c in g.lookup("Arlington") if c.place.admin1 == "US.TX")
    titan = g.lookup("Titan")[0].place  # a misread company name that happens to be a town
    texas = g.admin1("US.TX")
    ms = [Mention(i * 10, i * 10 + 5, k, k, "GPE", []) for i, k in
          enumerate(["arlington", "texas", "titan", "titan", "titan"])]
    picks = {"arlington": Resolution(arlington, 0.9), "texas": Resolution(texas, 0.9),
             "titan": Resolution(titan, 0.9)}
    assert titan.cc == "AF" and _focus(ms, picks) is arlington


# --- places inside longer names --------------------------------------------------------------

def test_county_inside_an_organisation_name(nlp_sm):
    text = "Deputies from the Henderson County Sheriff's Office arrested him near Athens on Friday."
    tops = _by_text(_pdoc(nlp_sm, text).results["toponyms"])
    county = tops["Henderson County"]  # the place is mentioned, the office is not a place
    assert county["feature"] == "ADM2" and county["country"] == "USA"
    athens = tops["Athens"]  # the county puts Athens in East Texas, not in Greece or Georgia
    assert distance_km(athens["lat"], athens["lon"], 32.20, -95.86) < 30
    assert distance_km(county["lat"], county["lon"], athens["lat"], athens["lon"]) < 50


def test_street_named_after_a_state_is_not_the_state(nlp_sm):
    tops = _pdoc(nlp_sm, "He lives on Washington Drive in Arlington, Texas.").results["toponyms"]
    assert not any(t["name"] == "Washington" for t in tops)
    arl = _by_text(tops)["Arlington"]
    assert distance_km(arl["lat"], arl["lon"], 32.74, -97.11) < 30  # Arlington, Texas


def test_institution_named_after_a_state_is_not_the_state(nlp_sm):
    assert _pdoc(nlp_sm, "The Texas A&M University campus was closed.").results["toponyms"] == []


# --- gazetteer data ----------------------------------------------------------------------------

def test_region_points_are_geonames_own_points():
    g = load()
    # GeoNames puts Ontario at 49.25, -84.50 and Virginia at Richmond; the centre of their
    # cities' bounding box is 200 km and 174 km away
    assert distance_km(g.admin1("CA.08").lat, g.admin1("CA.08").lon, 49.25, -84.50) < 5
    assert distance_km(g.admin1("US.VA").lat, g.admin1("US.VA").lon, 37.55, -77.45) < 5


def test_a_country_has_one_capital():
    capitals = [c.place for c in load().lookup("Washington") if c.place.feature == "PPLC"]
    assert len(capitals) == 1 and capitals[0].admin1 == "US.DC"


# --- scorer ----------------------------------------------------------------------------------

def test_scorer_rules():
    from wiresift.eval.geo import score_document

    gold = [{"start": 0, "end": 6, "lat": 50.45, "lon": 30.52},
            {"start": 10, "end": 20, "lat": None, "lon": None}]  # don't care
    pred = [{"start": 0, "end": 4, "lat": 50.4, "lon": 30.5},  # overlap, not exact
            {"start": 12, "end": 15, "lat": 1.0, "lon": 1.0},  # on a don't-care span
            {"start": 30, "end": 35, "lat": 1.0, "lon": 1.0}]  # false alarm
    s = score_document(gold, pred)
    assert (s["gold"], s["pred"], s["tp"], s["fp"], s["exact"]) == (1, 2, 1, 1, 0)
    assert s["errors"][0] < 161


def test_gold_file_reads(shared):
    from wiresift.eval.geo import load_gold, score_document

    rows = load_gold(shared / "eval" / "geo" / "geo_train.jsonl", corpora=["lgl", "gwn"], limit=5)
    assert {r["corpus"] for r in rows} == {"lgl", "gwn"} and len(rows) == 10
    for r in rows:  # gold scored against itself is perfect
        s = score_document(r["toponyms"], [t for t in r["toponyms"] if t.get("lat") is not None])
        assert s["tp"] == s["gold"] and s["fp"] == 0 and all(e < 1 for e in s["errors"])


# --- demonyms, names the NER tagged otherwise, descriptions ------------------------------------

def _ents(nlp, text, spans):
    """A parsed doc whose entities are exactly ``spans`` [(text, label)], for tests that must
    not depend on what the small model happens to tag."""
    from spacy.tokens import Span

    doc = nlp(text)
    ents, at = [], 0
    for word, label in spans:
        start = text.index(word, at)
        at = start + len(word)
        ents.append(doc.char_span(start, at, label=label))
    doc.set_ents([e for e in ents if isinstance(e, Span)], default="outside")
    return doc


def test_demonym_as_a_modifier_is_its_place(nlp_sm):
    g = load()
    assert g.demonym("Sudanese").iso3 == "SDN" and g.demonym("Texans").admin1 == "US.TX"
    assert g.demonym("Europeans").level == "continent" and g.demonym("Catholic") is None
    doc = _ents(nlp_sm, "Moldovan troops and Turkish-backed militias met Democratic senators.",
                [("Moldovan", "NORP"), ("Turkish", "NORP"), ("Democratic", "NORP")])
    tops = _by_text(toponyms_for_doc(doc, g))
    assert tops["Moldovan"]["country"] == "MDA" and tops["Moldovan"]["demonym"] is True
    assert tops["Turkish"]["country"] == "TUR"  # the part of the compound that is one
    assert "Democratic" not in tops                # a party, not a place


def test_demonym_as_a_noun_names_people_not_a_place(nlp_sm):
    doc = _ents(nlp_sm, "The Moldovans voted on Sunday.", [("Moldovans", "NORP")])
    assert toponyms_for_doc(doc) == []


def test_a_name_used_as_a_place_elsewhere_keeps_that_sense(nlp_sm):
    text = "Alexandria council meets. The council of Alexandria, La., voted. Alexandria Police said."
    doc = _ents(nlp_sm, text, [("Alexandria", "PERSON"), ("Alexandria", "GPE")])
    tops = toponyms_for_doc(doc)
    assert [t["text"] for t in tops].count("Alexandria") == 3  # PERSON, GPE, and no entity
    assert all(t["country"] == "USA" for t in tops if t["text"] == "Alexandria")
    # a surname tagged a place once, a person three times, stays a person
    text = "Mr Nelson said no. Nelson agreed later. Nelson left. He was born in Nelson."
    doc = _ents(nlp_sm, text, [("Nelson", "PERSON"), ("Nelson", "PERSON"), ("Nelson", "PERSON"),
                               ("Nelson", "GPE")])
    assert [t["start"] for t in toponyms_for_doc(doc)] == [text.rindex("Nelson")]


def test_a_region_tagged_org_is_still_a_place(nlp_sm):
    doc = _ents(nlp_sm, "Tamil Nadu asked the EU for help, 500 BC.",
                [("Tamil Nadu", "ORG"), ("EU", "ORG"), ("BC", "ORG")])
    tops = _by_text(toponyms_for_doc(doc))
    assert tops["Tamil Nadu"]["feature"] == "ADM1" and tops["EU"]["name"] == "European Union"
    assert "BC" not in tops  # a two-letter abbreviation tagged ORG is not taken on trust


def test_a_town_too_small_for_the_gazetteer_backs_off_to_where_the_text_puts_it(nlp_sm):
    text = "Lima is a town in Seminole County, Oklahoma, United States."
    doc = _ents(nlp_sm, text, [("Lima", "GPE"), ("Seminole County", "GPE"), ("Oklahoma", "GPE"),
                               ("United States", "GPE")])
    lima = _by_text(toponyms_for_doc(doc))["Lima"]
    assert lima["abstained"] and lima["level"] == "region" and lima["country"] == "USA"
    assert distance_km(lima["lat"], lima["lon"], 35.17, -96.60) < 50
    # a list is no description: West Palm Beach is not put in New York
    text = "With offices in Miami, West Palm Beach, New York, and Detroit, the firm grew."
    doc = _ents(nlp_sm, text, [("Miami", "GPE"), ("West Palm Beach", "GPE"), ("New York", "GPE"),
                               ("Detroit", "GPE")])
    wpb = _by_text(toponyms_for_doc(doc))["West Palm Beach"]
    assert wpb["level"] == "city" and not wpb.get("abstained")


def test_a_qualified_candidate_survives_the_candidate_cap():
    from wiresift.extract import toponym_resolve as R
    from wiresift.extract.toponyms import Mention

    g = load()
    me = g.admin1("US.ME")
    m = Mention(0, 8, "Richmond", "richmond", "GPE", g.lookup("Richmond"), qualifier=[
        next(c for c in g.lookup("Maine") if c.place.row == me.row)])
    cands = R.candidate_sets({"richmond": [m]} | {f"k{i}": [] for i in range(40)})["richmond"]
    assert len(cands) < len(m.cands) and any(c.place.admin1 == "US.ME" for c in cands)


def test_a_one_word_unknown_place_is_an_ner_error_not_the_home_place(nlp_sm):
    text = "Envoys met in Vilnius. Zorvath said talks went on near the Neris River in Vilnius."
    doc = _ents(nlp_sm, text, [("Vilnius", "GPE"), ("Zorvath", "GPE"), ("Neris River", "LOC"),
                               ("Vilnius", "GPE")])
    tops = _by_text(toponyms_for_doc(doc))
    assert "Zorvath" not in tops
    assert tops["Neris River"]["abstained"] and tops["Neris River"]["name"] == "Vilnius"


def test_gaza_alone_is_the_strip_not_a_mozambican_province(nlp_sm):
    (t,) = _pdoc(nlp_sm, "Aid trucks entered Gaza on Sunday.").results["toponyms"]
    assert (t["name"], t["country"]) == ("Gaza Strip", "PSE")
