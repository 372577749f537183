"""Publication-date inference: clues, voting, overrides; a real date is never touched."""
from __future__ import annotations

import datetime as dt

from linkkit import ingest, record
from wiresift.link import accept_pubdate, load_settings, relink
from wiresift.link.pubdate import Clue, estimate
from wiresift.store import Store

D = dt.date


def test_voting_outvotes_a_misleading_clue():
    s = load_settings()
    clues = [Clue(D(2025, 8, 13), D(2025, 8, 20), 1.5, "caption date", D(2025, 8, 13)),
             Clue(D(2025, 5, 26), D(2025, 11, 25), 0.8, "3.5-year-old conflict"),
             Clue(D(2023, 7, 5), D(2025, 2, 27), 0.8, "nearly 11-year campaign"),
             Clue(D(2023, 2, 8), None, 0.2, "mentions a 2023 date")]
    e = estimate(clues, s)
    assert e.estimate == D(2025, 8, 13) and e.lo == D(2025, 8, 13) and e.hi == D(2025, 8, 20)
    assert 0.5 < e.confidence < 1


def test_only_lower_bounds_give_an_open_interval_and_no_point():
    e = estimate([Clue(D(2014, 1, 1), None, 0.1, "mentions 2014")], load_settings())
    assert e.estimate is None and e.hi is None and e.lo == D(2014, 1, 1) and e.confidence < 0.2


def _text_with_caption_date():
    return ("European leaders will hold online talks with the US president before the summit. "
            "Leaders met in Berlin, Germany, on August 13, 2025. The summit will focus on ending the "
            "three-and-a-half-year-old conflict between Russia and Ukraine.")


def _items():
    t = _text_with_caption_date()
    dur = {"quantity": "duration", "low": 3.5, "high": 3.5, "value": 3.5, "unit": "year", "qualifier": None,
           "vague": False, "text": "three-and-a-half-year-old conflict", "evidence": t.split(". ")[2],
           "subject": "conflict", "subject_class": None, "countries": ["RUS", "UKR"], "section": "body"}
    rus, ukr = ("c:RUS", "Russia", "RUS"), ("c:UKR", "Ukraine", "UKR")
    return [record("u1", t, None, actors=[rus, ukr], timexes=[("August 13, 2025", "2025-08-13", "caption")], numbers=[dur]),
            record("p1", "A dated article about other things entirely.", "2025-01-02")]


def test_estimate_from_text_is_stored_apart_and_used_for_linking(tmp_path):
    st = Store(tmp_path / "d.duckdb")
    ingest(st, _items())
    with st.read() as con:
        est, lo, hi, conf, evidence = con.execute(
            "SELECT estimate, lo, hi, confidence, evidence FROM pubdate_estimates WHERE article_id = 'u1'").fetchone()
        published, origin = con.execute("SELECT published, published_origin FROM articles WHERE id = 'u1'").fetchone()
        day, day_origin = con.execute("SELECT day, day_origin FROM article_links WHERE article_id = 'u1'").fetchone()
        assert con.execute("SELECT count(*) FROM pubdate_estimates WHERE article_id = 'p1'").fetchone()[0] == 0
    assert est == D(2025, 8, 13) and lo == D(2025, 8, 13) and hi == D(2025, 8, 20) and conf >= 0.5
    assert "counted from Russia's full-scale invasion" in evidence
    assert published is None and origin == "missing"  # never written into the article
    assert (day, day_origin) == (D(2025, 8, 13), "estimated")


def test_accepting_a_date_is_an_override_that_survives_relink(tmp_path):
    st = Store(tmp_path / "d.duckdb")
    ingest(st, _items())
    with st.write() as con:
        accept_pubdate(con, "u1", D(2025, 8, 14))
    with st.write() as con:
        relink(con)
    with st.read() as con:
        day, origin = con.execute("SELECT day, day_origin FROM article_links WHERE article_id = 'u1'").fetchone()
        published = con.execute("SELECT published FROM articles WHERE id = 'u1'").fetchone()[0]
    assert (day, origin) == (D(2025, 8, 14), "accepted") and published is None


def test_accepting_for_a_dated_article_is_refused(tmp_path):
    import pytest

    st = Store(tmp_path / "d.duckdb")
    ingest(st, _items())
    with st.write() as con, pytest.raises(ValueError):
        accept_pubdate(con, "p1")
