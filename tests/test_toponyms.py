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
    assert [t["feature"] for t in tops] == ["ADM1"] and tops[0]["country"] == "RUS"


def test_records_follow_the_contract(nlp_sm):
    tops = _pdoc(nlp_sm, "Fighting continued in Idlib province and around Aleppo.").results["toponyms"]
    assert tops
    for t in tops:
        assert {"start", "end", "text", "name", "geonameid", "lat", "lon", "country", "feature",
                "level", "score"} <= set(t)
        assert t["level"] in {"site", "city", "region", "country", "continent", None}


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
