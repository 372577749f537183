"""Things that look like events and are not: captions' time anchors, press briefings, verbal
clashes, completed summits, idle warnings. Sentences written for these tests (small model).
"""
from __future__ import annotations

import pytest

from eventkit import run, types

pytestmark = pytest.mark.slow


def test_a_caption_anchor_is_no_attack(run):
    text = ("Israel struck Hezbollah positions in southern Lebanon on Monday, the army said.\n\n"
            "A fighter jet takes off from an air base in northern Israel before the strikes.")
    r = run(text)
    caption = [e for e in r["events"] if e["section"] == "caption"]
    assert not [e for e in caption if e["type"] == "ASSAULT"], caption


def test_inspecting_damage_and_celebrating_are_no_events(run):
    assert not run("People inspect a damaged residential building in Kharkiv.")["events"]
    assert not run("Rebel fighters celebrate in the central square of Damascus.")["events"]


def test_leaders_who_clash_in_words_accuse_each_other(run):
    r = run("Donald Trump and Volodymyr Zelensky clashed in the Oval Office on Friday.")
    assert "ASSAULT" not in types(r)
    assert "ACCUSE" in types(r)


def test_ending_a_summit_is_no_sanction_but_ending_mediation_is(run):
    r = run("Donald Trump and Vladimir Putin ended their summit in Alaska on Friday without an agreement.")
    assert "SANCTION" not in types(r)
    r = run("Syrian officers ended mediation efforts between rival militias in Tripoli.")
    assert "SANCTION" in types(r)


def test_a_warning_that_threatens_no_one_is_no_threat(run):
    r = run("Rubio called the signing an important moment, while cautioning that much work remained.")
    assert "THREATEN" not in types(r)


def test_ordering_military_action_is_the_orders_act(run):
    r = run("Trump said he had ordered decisive military action against the Houthis.")
    assert "REQUEST" not in types(r)


def test_the_two_presidents_are_presidents(run):
    r = run("Volodymyr Zelensky challenged Vladimir Putin to talk in Istanbul. Secretary of State Marco Rubio "
            "said he did not expect a breakthrough until the two presidents met in person.")
    meets = [e for e in r["events"] if e["type"] in ("CONSULT", "AGREE") and e["trigger"]["text"] == "met"]
    for e in meets:
        assert set(e["actor"] + e["recipient"]) == {"p:vladimir-putin", "p:volodymyr-zelensky"}


def test_a_venue_is_no_party(run):
    r = run("Serbia and Kosovo signed the deal at the State Department on Friday.")
    (e,) = [x for x in r["events"] if x["type"] == "SUPPORT"]
    assert "c:USA" not in e["recipient"]


def test_an_undated_act_in_a_dated_paragraph_takes_its_date(run):
    r = run("Gunmen killed 26 tourists near Srinagar on April 22. India blamed Pakistan and expelled its "
            "diplomats.", published="2025-05-07")
    blame = [e for e in r["events"] if e["type"] == "ACCUSE"][0]
    assert blame["date"] == "2025-04-22"
    assert all(e["date"] == "2025-04-22" for e in r["events"] if e["type"] == "SANCTION")


def test_a_pluperfect_or_a_new_paragraph_does_not(run):
    r = run("Gunmen killed 26 tourists near Srinagar on April 22. India had blamed Pakistan before.",
            published="2025-05-07")
    assert all(e["date"] != "2025-04-22" for e in r["events"] if e["type"] == "ACCUSE")
    r = run("Gunmen killed 26 tourists near Srinagar on April 22.\n\nIndia blamed Pakistan.", published="2025-05-07")
    assert all(e["date"] != "2025-04-22" for e in r["events"] if e["type"] == "ACCUSE")


def test_a_participle_act_ranks_below_the_main_act(run):
    r = run("General David Petraeus held talks with President Michel Suleiman in Beirut on Wednesday, "
            "offering further military support to Lebanon.")
    best = max(r["events"], key=lambda e: e["confidence"])
    assert best["type"] == "CONSULT"
