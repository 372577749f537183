"""Numeric claims: the extractor's readings, and disputes across sources."""
from __future__ import annotations

import json

import pytest

from linkkit import ingest, record
from wiresift.extract.numbers import parse_number
from wiresift.link import load_settings
from wiresift.link.numbers import disagree
from wiresift.store import Store


def test_vague_counts_are_intervals():
    assert parse_number("tens of thousands")[1:3] == (20000, 99999)
    assert parse_number("hundreds of thousands")[1:3] == (200000, 999999)
    assert parse_number("dozens")[1:3] == (24, 120)
    assert parse_number("2.5", " mln")[0] == 2_500_000
    assert parse_number("three-and-a-half")[0] == 3.5
    assert parse_number("twenty-four")[0] == 24


@pytest.fixture(scope="module")
def claims(nlp_sm):
    from wiresift.extract.base import ParsedDoc
    from wiresift.extract.numbers import extract_numbers
    from wiresift.records import Section

    text = ("The war has killed hundreds of thousands and displaced millions. About 30,000 Russian troops massed at the "
            "border. Profits rose 10 pct to 2.5 mln dlrs. The three-and-a-half-year-old conflict goes on. "
            "The death toll rose to 52. Putin, 73, spoke in 2014.")
    doc = nlp_sm(text)
    pdoc = ParsedDoc(id="x", text=text, published=None, sections=[Section(0, len(text), "body")], doc=doc)
    return {c["text"]["text"]: c for c in extract_numbers(pdoc)}


def test_extractor_reads_quantities_and_subjects(claims):
    c = claims["hundreds of thousands"]
    assert (c["quantity"], c["low"], c["high"], c["subject_class"]) == ("deaths", 200000, 999999, "war")
    assert claims["millions"]["quantity"] == "displaced"
    assert claims["About 30,000"]["quantity"] == "troops" and claims["About 30,000"]["low"] == pytest.approx(25500)
    assert claims["10 pct"]["quantity"] == "percent" and claims["10 pct"]["subject"] == "profit"
    assert claims["2.5 mln dlrs"]["quantity"] == "money" and claims["2.5 mln dlrs"]["unit"] == "USD"
    d = claims["three-and-a-half-year-old conflict"]
    assert (d["quantity"], d["value"], d["unit"], d["subject"]) == ("duration", 3.5, "year", "conflict")
    assert claims["52"]["quantity"] == "deaths"
    assert not any(t in claims for t in ("73", "2014"))  # ages and years are not claims


def test_disagreement_allows_rounding_and_growth():
    import datetime as dt

    s = load_settings()
    base = {"quantity": "deaths", "vague": False, "qualifier": None}
    a = {**base, "text": "300", "value": 300, "low": 300, "high": 300, "day": dt.date(2025, 1, 1)}
    b = {**base, "text": "310", "value": 310, "low": 310, "high": 310, "day": dt.date(2025, 1, 1)}
    assert disagree(a, b, s) is None  # "300" is a round figure: 310 is within its rounding
    c = {**base, "text": "tens of thousands", "vague": True, "low": 20000, "high": 99999, "day": dt.date(2025, 8, 13)}
    d = {**base, "text": "hundreds of thousands", "vague": True, "low": 200000, "high": 999999, "day": dt.date(2025, 12, 2)}
    assert "can have grown" in disagree(c, d, s)
    e = {**base, "text": "240", "value": 240, "low": 240, "high": 240, "day": dt.date(2025, 1, 2)}
    assert "below the earlier" in disagree(a, e, s)  # tolls do not fall


def test_disputed_death_toll_across_stories(tmp_path):
    st = Store(tmp_path / "n.duckdb")
    t1 = "Moscow invaded Ukraine, starting a years-long conflict that has killed hundreds of thousands."
    t2 = "The summit will focus on ending the conflict between Russia and Ukraine, which has claimed tens of thousands of lives."
    n1 = {"quantity": "deaths", "low": 200000, "high": 999999, "value": 599999.5, "unit": "people", "qualifier": None,
          "vague": True, "text": "hundreds of thousands", "evidence": t1[:-1], "subject": "conflict",
          "subject_class": "war", "countries": ["RUS", "UKR"], "section": "body"}
    n2 = {**n1, "low": 20000, "high": 99999, "value": 59999.5, "text": "tens of thousands", "evidence": t2[:-1],
          "countries": ["RUS", "UKR"]}
    rus, ukr = ("c:RUS", "Russia", "RUS", "Moscow"), ("c:UKR", "Ukraine", "UKR")
    ingest(st, [record("d2", t2, "2025-08-13", actors=[rus, ukr], numbers=[n2]),
                record("d1", t1, "2025-12-02", actors=[rus, ukr], numbers=[n1])])
    with st.read() as con:
        assert con.execute("SELECT count(DISTINCT story_id) FROM article_links").fetchone()[0] == 2
        disputed, n_claims, rec = con.execute("SELECT disputed, n_claims, record FROM claim_groups ORDER BY n_claims DESC").fetchone()
        assert con.execute("SELECT count(*) FROM numeric_claims").fetchone()[0] == 2
    rec = json.loads(rec)
    assert disputed and n_claims == 2
    assert [v["text"] for v in rec["values"]] == ["tens of thousands", "hundreds of thousands"]
    assert all(v["evidence"] and v["day"] for v in rec["values"])
