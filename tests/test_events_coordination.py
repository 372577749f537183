"""Who does a coordinated verb belong to, directives ("told X to"), orders to one's own forces.

Sentences written for these tests; the small model runs once per module.
"""
from __future__ import annotations

import pytest

from eventkit import by_trigger, countries, run

pytestmark = pytest.mark.slow


def test_a_speech_act_after_a_pluperfect_report_is_the_reporters(run):
    r = run("Emmanuel Macron wrote that Russia had lost interest in peace and called for an immediate ceasefire in Ukraine.")
    e = by_trigger(r, "called")
    assert e["type"] == "REQUEST" and countries(r, e["actor"]) == {"FRA"}


def test_a_past_verb_after_an_infinitive_is_the_main_subjects(run):
    r = run("Keir Starmer told Iran to release the detained sailors and warned that Britain would respond.")
    e = by_trigger(r, "warned")
    assert countries(r, e["actor"]) == {"GBR"}


def test_told_to_is_a_demand_on_the_addressee(run):
    r = run("Keir Starmer told Iran to release the detained sailors.")
    e = by_trigger(r, "told")
    assert e["type"] == "REQUEST"
    assert countries(r, e["actor"]) == {"GBR"} and countries(r, e["recipient"]) == {"IRN"}
    assert not [x for x in r["events"] if x["type"] == "RETREAT"], "the release is the demand's content"


def test_warned_not_to_is_a_demand_and_a_warning_with_a_price_a_threat(run):
    r = run("Marco Rubio warned Iran not to attack U.S. bases.")
    assert by_trigger(r, "warned")["type"] == "REQUEST"
    r = run("Marco Rubio warned Iran to halt enrichment or face military action.")
    assert by_trigger(r, "warned")["type"] == "THREATEN"


def test_ordering_ones_own_troops_is_a_mobilization(run):
    r = run("Netanyahu said the truce had collapsed, and ordered troops to take control of the border area.")
    e = by_trigger(r, "ordered")
    assert e["type"] == "MOBILIZE" and countries(r, e["actor"]) == {"ISR"}
    assert not (e["date"] or "").startswith("1"), e["date"]


def test_not_confirming_an_attack_is_no_attack(run):
    r = run("The Houthis said they had fired missiles at a U.S. destroyer; U.S. officials did not confirm any attack.")
    assert not [e for e in r["events"] if e["type"] == "ASSAULT" and countries(r, e["actor"]) == {"USA"}]


def test_a_participle_threat_is_a_second_act_of_the_subject(run):
    r = run("French and German leaders visited Kyiv on Saturday and demanded a ceasefire, threatening Moscow "
            "with new sanctions if it refused.")
    e = by_trigger(r, "threatening")
    assert e["type"] == "THREATEN" and countries(r, e["recipient"]) == {"RUS"}
    assert countries(r, e["actor"]) & {"FRA", "DEU", "EUR"}


def test_a_gloss_participle_is_still_no_act(run):
    r = run("The company released a statement on Monday, allowing it to avoid questions.")
    assert not r["events"]


def test_a_name_hung_on_the_first_object_is_the_next_verbs_subject(run):
    r = run("Hamas freed four hostages on Saturday and Israel released 200 Palestinian prisoners.")
    e = by_trigger(r, "released")
    assert countries(r, e["actor"]) == {"ISR"}
    assert "ISR" not in countries(r, by_trigger(r, "freed")["actor"])


def test_coordinated_hostile_acts_share_their_addressee(run):
    r = run("India blamed Pakistan, suspended the Indus Waters Treaty and expelled its military advisers.")
    sanctions = [e for e in r["events"] if e["type"] == "SANCTION"]
    assert sanctions and all(countries(r, e["recipient"]) == {"PAK"} for e in sanctions)


def test_expelling_diplomats_and_downgrading_relations_are_sanctions(run):
    r = run("Thailand expelled Cambodia's ambassador on Wednesday. Cambodia responded by downgrading relations.")
    e = by_trigger(r, "expelled")
    assert e["type"] == "SANCTION" and countries(r, e["recipient"]) == {"KHM"}
    d = by_trigger(r, "downgrading")
    assert d["type"] == "SANCTION" and countries(r, d["actor"]) == {"KHM"} and countries(r, d["recipient"]) == {"THA"}


def test_the_nationality_of_an_attack_noun_names_the_attacker(run):
    r = run("Indian officials said Pakistani shelling across the Line of Control killed a dozen civilians on Wednesday.")
    attacks = [e for e in r["events"] if e["type"] == "ASSAULT"]
    assert attacks and all(countries(r, e["actor"]) == {"PAK"} for e in attacks)


def test_a_participle_after_an_infinitive_is_the_subjects(run):
    r = run("Prime Minister Hun Manet asked the U.N. Security Council to hold an urgent meeting, accusing "
            "Thailand of aggression.")
    e = by_trigger(r, "accusing")
    assert countries(r, e["actor"]) == {"KHM"} and countries(r, e["recipient"]) == {"THA"}
