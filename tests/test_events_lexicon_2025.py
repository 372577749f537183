"""Phrases of 2024-25 wire copy the CAMEO dictionary codes wrongly or not at all.

Sentences written for these tests; the small model runs once per module.
"""
from __future__ import annotations

import pytest

from eventkit import countries, find, run

pytestmark = pytest.mark.slow


def test_crossing_a_red_line_is_the_speakers_charge(run):
    r = run("Iranian Foreign Minister Abbas Araghchi said the United States had crossed a red line.")
    (e,) = find(r, "ACCUSE")
    assert countries(r, e["actor"]) == {"IRN"} and countries(r, e["recipient"]) == {"USA"}
    r = run("The United States crossed a red line on Sunday.")
    assert not find(r, "ACCUSE"), "the writer charges no one"


def test_troops_sent_to_fight_for_another_state_are_military_aid(run):
    r = run("North Korea sent troops to fight for Russia last autumn.")
    (e,) = find(r, "AID")
    assert e["mode"] == "military"
    assert countries(r, e["actor"]) == {"PRK"} and countries(r, e["recipient"]) == {"RUS"}


def test_troops_sent_to_a_place_stay_a_mobilization(run):
    r = run("Russia sent troops to the border on Monday.")
    assert find(r, "MOBILIZE") and not find(r, "AID")


def test_making_them_pay_is_a_threat(run):
    r = run("\"We're going to make them pay,\" Trump said of Spain.")
    (e,) = find(r, "THREATEN")
    assert countries(r, e["actor"]) == {"USA"}


def test_seizing_a_city_is_an_assault_and_seizing_a_ship_a_coercion(run):
    r = run("M23 fighters seized Goma, the largest city in eastern Congo, in January.")
    assert find(r, "ASSAULT") and not find(r, "COERCE")
    r = run("Iran seized a British oil tanker in the Gulf.")
    assert find(r, "COERCE")


def test_landing_in_a_country_is_a_visit(run):
    r = run("Trump, who landed in Israel in the morning, addressed the Knesset.")
    (e,) = find(r, "CONSULT")
    assert countries(r, e["recipient"]) == {"ISR"}


def test_travelling_to_meet_someone_makes_them_the_host(run):
    r = run("Zelensky said he would travel to Washington on Monday to meet Trump.")
    (e,) = find(r, "AGREE")
    assert e["recipient"] == ["p:donald-trump"]


def test_hours_of_talks_are_talks(run):
    r = run("U.S. envoy Steve Witkoff held three hours of talks with Vladimir Putin on Friday.")
    (e,) = find(r, "CONSULT")
    assert countries(r, e["actor"] + e["recipient"]) == {"USA", "RUS"}


def test_pulling_back_is_a_retreat(run):
    r = run("Israeli troops pulled back to an agreed line on Friday.")
    (e,) = find(r, "RETREAT")
    assert countries(r, e["actor"]) == {"ISR"}


def test_ignoring_a_challenge_is_a_rejection(run):
    r = run("Putin ignored the challenge to meet in person.")
    assert find(r, "REJECT")


def test_telling_someone_by_phone_is_a_consultation(run):
    r = run("Iranian Foreign Minister Abbas Araghchi told EU foreign policy chief Kaja Kallas by phone that talks were pointless.")
    (e,) = find(r, "CONSULT")
    assert e["recipient"] == ["p:kaja-kallas"]


def test_working_for_an_agreement_is_a_promise_and_the_speakers(run):
    r = run("Italian Prime Minister Giorgia Meloni said she would work for an agreement with Washington.")
    (e,) = find(r, "AGREE")
    assert e["actor"] == ["p:giorgia-meloni"] and countries(r, e["recipient"]) == {"USA"}
    r = run("Keir Starmer said Britain would work with Ukraine on a peace plan.")
    (e,) = find(r, "AGREE")
    assert e["actor"] == ["p:keir-starmer"] and countries(r, e["recipient"]) == {"UKR"}


def test_downing_aircraft_is_an_attack_by_the_speakers_air_force(run):
    r = run("Pakistan's military spokesman, Lieutenant General Ahmed Sharif Chaudhry, said the air force had "
            "downed five Indian aircraft.")
    (e,) = find(r, "ASSAULT")
    assert countries(r, e["actor"]) == {"PAK"} and countries(r, e["recipient"]) == {"IND"}


def test_a_participle_demand_after_a_threat_is_its_own_act(run):
    r = run("The United States raised tariffs on Chinese steel. China said it would take countermeasures, "
            "urging Washington to cancel the tariffs.")
    (e,) = find(r, "REQUEST")
    assert countries(r, e["actor"]) == {"CHN"} and countries(r, e["recipient"]) == {"USA"}


def test_talking_to_reporters_is_no_consultation(run):
    r = run("Ursula von der Leyen speaks to reporters in Samarkand, Uzbekistan.")
    assert not find(r, "CONSULT")
