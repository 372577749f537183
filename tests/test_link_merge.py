"""Merged events: the same act from several articles, with the reasons, and unmerge."""
from __future__ import annotations

import json

import pytest

from linkkit import ingest, record
from wiresift.link import relink, unmerge
from wiresift.link.merge import compare
from wiresift.store import Store

TRUMP = ("p:donald-trump", "Donald Trump", "USA", "Trump")
PUTIN = ("p:vladimir-putin", "Vladimir Putin", "RUS", "Putin")
XI = ("p:xi-jinping", "Xi Jinping", "CHN", "Xi")

T1 = ("Donald Trump told donors at a 2024 fundraiser that he once warned Vladimir Putin he would bomb Moscow if Russia "
      "invaded Ukraine. Trump also said he issued a similar threat to Xi Jinping over Taiwan.")
T2 = ("A recording has Donald Trump saying he threatened to bomb Moscow if Vladimir Putin went into Ukraine, a claim "
      "the Kremlin would neither confirm nor deny. Trump told the donors Putin believed him only a little.")

BOMB1 = {"type": "THREATEN", "actor": ["p:donald-trump"], "recipient": ["p:vladimir-putin"],
         "evidence": "he once warned Vladimir Putin he would bomb Moscow if Russia invaded Ukraine", "flags": {"historical": True}}
BOMB2 = {"type": "THREATEN", "actor": ["p:donald-trump"], "recipient": ["p:vladimir-putin"],
         "evidence": "he threatened to bomb Moscow if Vladimir Putin went into Ukraine", "flags": {"historical": True}}
XI_EV = {"type": "THREATEN", "actor": ["p:donald-trump"], "recipient": ["p:xi-jinping"],
         "evidence": "he issued a similar threat to Xi Jinping over Taiwan"}


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "m.duckdb")
    ingest(s, [record("a1", T1, "2025-07-09", actors=[TRUMP, PUTIN, XI], events=[BOMB1, XI_EV], outlet="Wire"),
               record("a2", T2, "2025-07-09", actors=[TRUMP, PUTIN], events=[BOMB2], outlet="Paper")])
    return s


def _merged(store):
    with store.read() as con:
        return con.execute("SELECT id, n_sources, n_articles, n_independent, type, actor, recipient FROM merged_events "
                           "ORDER BY n_sources DESC, id").fetchall()


def test_one_act_in_two_articles_is_one_merged_event(store):
    top = _merged(store)[0]
    mid, n_sources, n_articles, n_independent, typ, actor, recipient = top
    assert (n_sources, n_articles, n_independent, typ) == (2, 2, 2, "THREATEN")
    assert json.loads(actor)[0]["id"] == "p:donald-trump" and json.loads(recipient)[0]["id"] == "p:vladimir-putin"
    with store.read() as con:
        why = json.loads(con.execute("SELECT why FROM event_sources WHERE merged_id = ? AND score IS NOT NULL", [mid]).fetchone()[0])
    assert why["score"] >= why["threshold"]
    assert why["features"]["same_story"] == 1.0 and why["features"]["recipient"] == 1.0
    assert set(why["weights"]) == set(why["features"])


def test_different_recipients_never_merge(store):
    with store.read() as con:
        xi = con.execute("SELECT merged_id FROM event_sources es WHERE CAST(recipient AS VARCHAR) LIKE '%xi-jinping%'").fetchone()[0]
        n = con.execute("SELECT n_sources FROM merged_events WHERE id = ?", [xi]).fetchone()[0]
    assert n == 1


def test_compare_vetoes_and_explains():
    a = {"type": "CONSULT", "actor": [{"id": "p:a", "country": "USA"}], "recipient": [{"id": "p:b", "country": "RUS"}],
         "date": "2025-08-06", "place": "Moscow", "place_country": "RUS", "evidence": "met in Moscow", "negated": False}
    b = dict(a, date="2025-12-02")
    score, feats, veto = compare(a, b, _settings(), same_story=True)
    assert veto and "different dates" in veto
    c = dict(a, negated=True)
    assert compare(a, c, _settings(), same_story=True)[2] == "one is negated"
    d = dict(a, actor=[{"id": "p:b", "country": "RUS"}], recipient=[{"id": "p:a", "country": "USA"}])
    score, feats, veto = compare(a, d, _settings(), same_story=True)  # meetings read either way round
    assert veto is None and score > 0.6


def _settings():
    from wiresift.link import load_settings

    return load_settings()


def test_unmerge_splits_and_the_split_survives_relink(store):
    mid = _merged(store)[0][0]
    new = None
    with store.write() as con:
        new = unmerge(con, mid)
    assert len(new) == 2 and mid in new
    assert all(n == 1 for _, n, *_ in _merged(store))
    with store.write() as con:
        relink(con)
    assert all(n == 1 for _, n, *_ in _merged(store))
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM link_overrides WHERE kind = 'split'").fetchone()[0] == 1


def test_split_survives_reingest_of_the_article(store):
    mid = _merged(store)[0][0]
    with store.write() as con:
        unmerge(con, mid)
    # the article is processed again (--reprocess): same records, rewritten rows
    ingest(store, [record("a2", T2, "2025-07-09", actors=[TRUMP, PUTIN], events=[BOMB2], outlet="Paper")])
    assert all(n == 1 for _, n, *_ in _merged(store))


def test_standing_position_merges_across_stories(tmp_path):
    s = Store(tmp_path / "p.duckdb")
    t1 = ("Moscow insists that Kyiv formally renounce four partially occupied regions and abandon its aspirations to "
          "join NATO before any ceasefire.")
    t2 = ("Putin's conditions for a ceasefire include Ukraine withdrawing forces from four Russian-claimed regions and "
          "abandoning plans to join NATO, terms Kyiv has rejected.")
    e1 = {"type": "REQUEST", "actor": ["c:RUS"], "recipient": ["c:UKR"], "evidence": t1[:-1]}
    e2 = {"type": "REQUEST", "actor": ["p:vladimir-putin"], "recipient": ["c:UKR"], "evidence": t2[:-1]}
    rus, ukr = ("c:RUS", "Russia", "RUS", "Moscow"), ("c:UKR", "Ukraine", "UKR", "Kyiv")
    ingest(s, [record("b1", t1, "2025-08-06", actors=[rus, ukr], events=[e1]),
               record("b2", t2, "2025-09-20", actors=[PUTIN, ukr], events=[e2])])
    with s.read() as con:
        stories = con.execute("SELECT count(DISTINCT story_id) FROM article_links").fetchone()[0]
        row = con.execute("SELECT n_articles FROM merged_events WHERE type = 'REQUEST' ORDER BY n_articles DESC").fetchone()
        why = json.loads(con.execute("SELECT why FROM event_sources WHERE score IS NOT NULL").fetchone()[0])
    assert stories == 2 and row[0] == 2
    assert why["rule"] == "standing position across stories"


def test_meetings_do_not_merge_across_stories(tmp_path):
    s = Store(tmp_path / "c.duckdb")
    t1 = "Steve Witkoff met Vladimir Putin in Moscow on Thursday for talks on a ceasefire plan."
    t2 = "Steve Witkoff met Vladimir Putin in Moscow for talks ahead of a sanctions deadline."
    wit = ("p:steve-witkoff", "Steve Witkoff", "USA", "Witkoff")
    e = {"type": "CONSULT", "actor": ["p:steve-witkoff"], "recipient": ["p:vladimir-putin"], "place": "Moscow"}
    ingest(s, [record("c1", t1, "2025-03-14", actors=[wit, PUTIN], events=[{**e, "evidence": t1[:-1]}]),
               record("c2", t2, "2025-08-06", actors=[wit, PUTIN], events=[{**e, "evidence": t2[:-1]}])])
    with s.read() as con:
        assert con.execute("SELECT max(n_articles) FROM merged_events").fetchone()[0] == 1
