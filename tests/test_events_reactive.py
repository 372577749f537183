"""Responses, retaliation and threats made for a state: sentences written for these tests.

A response is aimed at whoever did what it answers; a threat a leader states for his state is
his; a state does not threaten or ask its own country. The small model runs once per module.
"""
from __future__ import annotations

import pytest

from eventkit import countries, find, one, run

pytestmark = pytest.mark.slow


def test_answer_with_missiles_is_an_attack_on_the_attacker(run):
    r = run("Israel bombed an Iranian air base on Monday. Iran answered with a barrage of ballistic missiles.")
    e = one(r, "ASSAULT", "answered")
    assert countries(r, e["actor"]) == {"IRN"}
    assert countries(r, e["recipient"]) == {"ISR"}


def test_countermeasures_are_a_threat_against_the_measures_answered(run):
    r = run("The United States raised tariffs on Chinese steel on Monday. China's commerce ministry said "
            "it would take resolute countermeasures.")
    e = one(r, "THREATEN", "countermeasures")
    assert countries(r, e["actor"]) == {"CHN"}
    assert countries(r, e["recipient"]) == {"USA"}


def test_weighing_countermeasures_is_the_speakers_threat(run):
    r = run("The European Union adopted a new package of sanctions against Russia on Friday. "
            "Deputy Foreign Minister Alexander Grushko said Moscow would consider countermeasures.")
    s = one(r, "SANCTION")
    assert countries(r, s["actor"]) == {"EUR"} and countries(r, s["recipient"]) == {"RUS"}
    e = one(r, "THREATEN", "countermeasures")
    assert e["actor"] == ["p:alexander-grushko"]
    assert countries(r, e["recipient"]) == {"EUR"}


def test_expecting_punishment_is_a_threat_not_a_demand(run):
    r = run("Supreme Leader Ali Khamenei said Israel should expect harsh punishment.")
    e = one(r, "THREATEN")
    assert countries(r, e["actor"]) == {"IRN"}
    assert countries(r, e["recipient"]) == {"ISR"}
    assert not find(r, "REQUEST")


def test_a_leader_states_his_countrys_threat(run):
    r = run("Canadian Prime Minister Mark Carney said Canada would fight the U.S. tariffs with countermeasures.")
    e = one(r, "THREATEN")
    assert e["actor"] == ["p:mark-carney"]
    assert countries(r, e["recipient"]) == {"USA"}
    assert not find(r, "ASSAULT"), "fighting tariffs is no use of force"


def test_a_right_to_respond_is_a_threat(run):
    r = run("India fired missiles at nine sites in Pakistan on Wednesday. Prime Minister Shehbaz Sharif "
            "said Pakistan had every right to give a befitting response.")
    e = one(r, "THREATEN", "give")
    assert e["actor"] == ["p:shehbaz-sharif"]
    assert countries(r, e["recipient"]) == {"IND"}
    assert e["flags"]["reported"]


def test_a_state_does_not_threaten_itself(run):
    r = run("Iran's army chief warned that Iran would respond decisively if it was attacked.")
    e = one(r, "THREATEN")
    assert "IRN" not in countries(r, e["recipient"])


def test_a_domestic_ban_keeps_its_own_people_as_recipient(run):
    r = run("President Yoweri Museveni banned Ugandan opposition parties from holding rallies.")
    e = one(r, "COERCE")
    assert countries(r, e["recipient"]) == {"UGA"}


def test_their_forces_are_the_owners(run):
    r = run("The Houthis said their forces were ready to respond with missile strikes.")
    e = one(r, "THREATEN")
    assert countries(r, e["actor"]) == {"YEM"}


def test_our_forces_in_a_quote_are_the_speakers(run):
    r = run("The Houthis said on Sunday: \"Our armed forces are fully prepared to respond to escalation with escalation.\"")
    e = one(r, "THREATEN")
    assert e["actor"] == ["o:houthis"]


def test_studying_a_document_is_no_accusation(run):
    r = run("Umerov said Kyiv would study the document and reply within a week.")
    assert not find(r, "ACCUSE")
