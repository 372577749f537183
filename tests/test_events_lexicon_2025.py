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
