"""Calling something names a charge: "called the strikes an act of war", "described the demands
as non-starters". Sentences written for these tests; the small model runs once per module.
"""
from __future__ import annotations

import pytest

from eventkit import countries, find, run

pytestmark = pytest.mark.slow


def test_calling_a_position_terrible_accuses_its_owner(run):
    r = run("Macron called Italy's position \"irresponsible\".")
    (e,) = find(r, "ACCUSE")
    assert countries(r, e["actor"]) == {"FRA"} and countries(r, e["recipient"]) == {"ITA"}
    assert not find(r, "CONSULT"), "naming is no phone call"


def test_calling_an_act_a_crime_accuses_its_doer(run):
    r = run("Russian missiles struck a market in Kharkiv on Monday. Ukraine's foreign ministry called the "
            "strike a war crime.")
    e = [x for x in find(r, "ACCUSE") if x["trigger"]["text"] == "called"][0]
    assert countries(r, e["actor"]) == {"UKR"} and countries(r, e["recipient"]) == {"RUS"}


def test_the_charge_is_not_against_the_target_of_the_act_judged(run):
    r = run("Washington imposed tariffs on Canada last week. Mexico's president called the tariffs on Canada unfair.")
    e = [x for x in find(r, "ACCUSE") if x["trigger"]["text"] == "called"][0]
    assert countries(r, e["recipient"]) == {"USA"}


def test_describing_demands_as_non_starters_rejects_them(run):
    r = run("Russia demanded that Moldova withdraw its police from the region. A Moldovan official described "
            "the demands as non-starters.")
    e = one = find(r, "REJECT")
    assert one, r["events"]
    assert countries(r, e[0]["recipient"]) == {"RUS"}


def test_praise_is_no_accusation(run):
    r = run("Rutte called the spending pledge a quantum leap for the alliance.")
    assert not find(r, "ACCUSE") and not find(r, "CONSULT")


def test_a_phone_call_is_still_a_consultation(run):
    r = run("Erdogan called Putin on Tuesday to discuss the grain deal.")
    (e,) = find(r, "CONSULT")
    assert countries(r, e["recipient"]) == {"RUS"}


def test_a_judgement_of_no_one_is_no_accusation(run):
    r = run("Trump called the fighting \"a shame\".")
    assert not find(r, "ACCUSE")
