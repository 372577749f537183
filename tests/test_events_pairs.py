"""Two parties as one side: "the two sides", "Russian and Ukrainian delegations", reciprocal acts.

Sentences written for these tests; the small model runs once per module.
"""
from __future__ import annotations

import pytest

from eventkit import country_list as countries, one, run

pytestmark = pytest.mark.slow


def test_the_two_sides_are_the_parties_named_before(run):
    r = run("Armenia's delegation was led by Foreign Minister Ararat Mirzoyan and Azerbaijan's by Foreign "
            "Minister Jeyhun Bayramov. Mirzoyan said the two sides had agreed to open the border.")
    e = one(r, "AGREE")
    assert set(countries(r, e["actor"] + e["recipient"])) == {"ARM", "AZE"}


def test_the_two_leaders_met(run):
    r = run("Xi Jinping and Narendra Modi arrived in Kazan on Tuesday. The two leaders met for an hour.")
    e = one(r, "CONSULT")
    assert set(countries(r, e["actor"] + e["recipient"])) == {"CHN", "IND"}


def test_coordinated_nationality_adjectives_name_two_parties(run):
    r = run("Sudanese and Chadian delegations held talks in Geneva on Monday.")
    e = one(r, "CONSULT")
    assert set(countries(r, e["actor"] + e["recipient"])) == {"SDN", "TCD"}


def test_a_reciprocal_act_goes_from_the_first_named_to_the_other(run):
    r = run("Armenia and Azerbaijan exchanged prisoners of war on Sunday.")
    e = one(r, "RETREAT")
    assert countries(r, e["actor"]) == ["ARM"] and countries(r, e["recipient"]) == ["AZE"]


def test_each_is_every_subject(run):
    r = run("Israel and Hezbollah completed a prisoner swap on Sunday, each freeing ten fighters.")
    e = one(r, "RETREAT")
    assert countries(r, e["actor"]) == ["ISR"] and countries(r, e["recipient"]) == ["LBN"]


def test_signing_parties_are_the_sides_not_the_broker_nor_the_venue(run):
    r = run("Serbia and Kosovo signed a U.S.-brokered agreement in Washington on Friday.")
    e = one(r, "SUPPORT")
    assert countries(r, e["actor"]) == ["SRB"] and countries(r, e["recipient"]) == ["XKX"]


def test_a_host_receives_the_two_visitors_named_before(run):
    r = run("Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun Bayramov "
            "signed the text. Later, Trump received the two ministers at the White House.")
    e = [x for x in r["events"] if x["type"] == "CONSULT" and x["trigger"]["text"] == "received"][0]
    assert set(countries(r, e["actor"])) == {"ARM", "AZE"}
    assert countries(r, e["recipient"]) == ["USA"]


def test_a_list_of_signatories_is_one_side(run):
    r = run("Trump, Sisi, the Emir of Qatar and Turkish President Tayyip Erdogan signed a document as guarantors.")
    e = one(r, "SUPPORT")
    assert not e["recipient"]
