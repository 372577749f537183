"""Phrases of 2024-25 wire copy the CAMEO dictionary codes wrongly or not at all.

Sentences written for these tests; the small model runs once per module.
"""
from __future__ import annotations

import pytest

from wiresift.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline("sm")

    def _run(text: str, published: str | None = "2025-06-10") -> dict:
        out = pipe({"id": "t", "text": text, "published": published})
        assert "error" not in out, out.get("error")
        return out

    return _run


def countries(result: dict, ids: list[str]) -> set[str]:
    by_id = {a["id"]: a for a in result["actors"]}
    return {(by_id.get(i) or {}).get("country") or i[2:5] for i in ids}


def of_type(result: dict, etype: str) -> list[dict]:
    return [e for e in result["events"] if e["type"] == etype]


def test_crossing_a_red_line_is_the_speakers_charge(run):
    r = run("Iranian Foreign Minister Abbas Araghchi said the United States had crossed a red line.")
    (e,) = of_type(r, "ACCUSE")
    assert countries(r, e["actor"]) == {"IRN"} and countries(r, e["recipient"]) == {"USA"}
    r = run("The United States crossed a red line on Sunday.")
    assert not of_type(r, "ACCUSE"), "the writer charges no one"


def test_troops_sent_to_fight_for_another_state_are_military_aid(run):
    r = run("North Korea sent troops to fight for Russia last autumn.")
    (e,) = of_type(r, "AID")
    assert e["mode"] == "military"
    assert countries(r, e["actor"]) == {"PRK"} and countries(r, e["recipient"]) == {"RUS"}


def test_troops_sent_to_a_place_stay_a_mobilization(run):
    r = run("Russia sent troops to the border on Monday.")
    assert of_type(r, "MOBILIZE") and not of_type(r, "AID")


def test_making_them_pay_is_a_threat(run):
    r = run("\"We're going to make them pay,\" Trump said of Spain.")
    (e,) = of_type(r, "THREATEN")
    assert countries(r, e["actor"]) == {"USA"}


def test_seizing_a_city_is_an_assault_and_seizing_a_ship_a_coercion(run):
    r = run("M23 fighters seized Goma, the largest city in eastern Congo, in January.")
    assert of_type(r, "ASSAULT") and not of_type(r, "COERCE")
    r = run("Iran seized a British oil tanker in the Gulf.")
    assert of_type(r, "COERCE")


def test_landing_in_a_country_is_a_visit(run):
    r = run("Trump, who landed in Israel in the morning, addressed the Knesset.")
    (e,) = of_type(r, "CONSULT")
    assert countries(r, e["recipient"]) == {"ISR"}


def test_travelling_to_meet_someone_makes_them_the_host(run):
    r = run("Zelensky said he would travel to Washington on Monday to meet Trump.")
    (e,) = of_type(r, "AGREE")
    assert e["recipient"] == ["p:donald-trump"]


def test_hours_of_talks_are_talks(run):
    r = run("U.S. envoy Steve Witkoff held three hours of talks with Vladimir Putin on Friday.")
    (e,) = of_type(r, "CONSULT")
    assert countries(r, e["actor"] + e["recipient"]) == {"USA", "RUS"}


def test_pulling_back_is_a_retreat(run):
    r = run("Israeli troops pulled back to an agreed line on Friday.")
    (e,) = of_type(r, "RETREAT")
    assert countries(r, e["actor"]) == {"ISR"}


def test_ignoring_a_challenge_is_a_rejection(run):
    r = run("Putin ignored the challenge to meet in person.")
    assert of_type(r, "REJECT")


def test_telling_someone_by_phone_is_a_consultation(run):
    r = run("Iranian Foreign Minister Abbas Araghchi told EU foreign policy chief Kaja Kallas by phone that talks were pointless.")
    (e,) = of_type(r, "CONSULT")
    assert e["recipient"] == ["p:kaja-kallas"]


def test_working_for_an_agreement_is_a_promise_and_the_speakers(run):
    r = run("Italian Prime Minister Giorgia Meloni said she would work for an agreement with Washington.")
    (e,) = of_type(r, "AGREE")
    assert e["actor"] == ["p:giorgia-meloni"] and countries(r, e["recipient"]) == {"USA"}
    r = run("Keir Starmer said Britain would work with Ukraine on a peace plan.")
    (e,) = of_type(r, "AGREE")
    assert e["actor"] == ["p:keir-starmer"] and countries(r, e["recipient"]) == {"UKR"}


def test_downing_aircraft_is_an_attack_by_the_speakers_air_force(run):
    r = run("Pakistan's military spokesman, Lieutenant General Ahmed Sharif Chaudhry, said the air force had "
            "downed five Indian aircraft.")
    (e,) = of_type(r, "ASSAULT")
    assert countries(r, e["actor"]) == {"PAK"} and countries(r, e["recipient"]) == {"IND"}


def test_a_participle_demand_after_a_threat_is_its_own_act(run):
    r = run("The United States raised tariffs on Chinese steel. China said it would take countermeasures, "
            "urging Washington to cancel the tariffs.")
    (e,) = of_type(r, "REQUEST")
    assert countries(r, e["actor"]) == {"CHN"} and countries(r, e["recipient"]) == {"USA"}


def test_talking_to_reporters_is_no_consultation(run):
    r = run("Ursula von der Leyen speaks to reporters in Samarkand, Uzbekistan.")
    assert not of_type(r, "CONSULT")
