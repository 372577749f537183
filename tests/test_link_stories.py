"""Stories and copy groups: online clustering over constructed records in a small store."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from linkkit import copy_group_of, ingest, record, story_of
from wiresift.link import relink, update
from wiresift.link import settings as link_settings
from wiresift.link import stories as st
from wiresift.store import Store

TRUMP = ("p:donald-trump", "Donald Trump", "USA", "Trump")
PUTIN = ("p:vladimir-putin", "Vladimir Putin", "RUS", "Putin")
WITKOFF = ("p:steve-witkoff", "Steve Witkoff", "USA", "Witkoff")

VISIT = ("U.S. envoy Steve Witkoff met Vladimir Putin at the Kremlin in Moscow for three hours of talks on a "
         "ceasefire in Ukraine, days before a sanctions deadline set by Donald Trump. Kremlin aide Yuri Ushakov "
         "called the meeting constructive and said signals were exchanged on Ukraine and on oil sanctions.")
VISIT_2 = ("Kremlin aide Yuri Ushakov said the talks between Vladimir Putin and Steve Witkoff in Moscow were "
           "constructive. The envoy's visit came as Donald Trump's deadline for new sanctions on buyers of Russian "
           "oil approached and a ceasefire in Ukraine remained out of reach.")
CHIPS = ("Japan's trade ministry asked microchip makers to cut output of memory chips further to meet the terms "
         "of a semiconductor pact with Washington, as U.S. chipmakers urged tariffs on Japanese electronics.")


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "s.duckdb")


def test_same_development_joins_one_story(store):
    ingest(store, [record("a1", VISIT, "2025-08-06", actors=[WITKOFF, PUTIN, TRUMP]),
                   record("a2", VISIT_2, "2025-08-07", actors=[WITKOFF, PUTIN, TRUMP]),
                   record("a3", CHIPS, "2025-08-07")])
    s = story_of(store)
    assert s["a1"] == s["a2"]
    assert s["a3"] != s["a1"]
    with store.read() as con:
        sim, matched, why = con.execute("SELECT similarity, matched, why FROM story_members WHERE article_id = 'a2'").fetchone()
    assert matched == "a1" and sim >= 0.2 and "w" in json.loads(why)


def test_same_words_months_apart_are_different_stories(store):
    ingest(store, [record("a1", VISIT, "2025-03-13", actors=[WITKOFF, PUTIN, TRUMP]),
                   record("a2", VISIT_2, "2025-08-07", actors=[WITKOFF, PUTIN, TRUMP])])
    s = story_of(store)
    assert s["a1"] != s["a2"]


MARCH = ("Vladimir Putin held a closed-door meeting with Steve Witkoff, the White House envoy, after the Russian "
         "leader said he agreed in principle with a month-long pause in the fighting proposed by the United States. "
         "Yuri Ushakov, a Kremlin aide, said Witkoff would brief Donald Trump on Putin's answer.")


def test_undated_look_alike_does_not_join(store):
    ingest(store, [record("a1", VISIT, "2025-08-06", actors=[WITKOFF, PUTIN, TRUMP]),
                   record("a2", MARCH, None, actors=[WITKOFF, PUTIN, TRUMP])])
    s = story_of(store)
    # Another Witkoff visit, months earlier, with no date: no window protects it, so topic
    # likeness (same envoy, same Kremlin aide, same war) is not enough...
    assert s["a1"] != s["a2"]


def test_shared_quotation_links_an_undated_article(store):
    quote = "If you go into Ukraine, I'm going to bomb the hell out of Moscow. I'm telling you I have no choice."
    t1 = f"Trump told donors at a fundraiser that he warned Putin: \"{quote}\" The Kremlin declined to comment."
    t2 = f"A recording has Donald Trump recalling what he said to the Russian leader: \"{quote}\" Aides did not respond."
    ingest(store, [record("a1", t1, "2025-07-09", actors=[TRUMP, PUTIN], quotes=[("p:donald-trump", quote, "direct")]),
                   record("a2", t2, None, actors=[TRUMP, PUTIN], quotes=[("p:donald-trump", quote, "direct")])])
    s = story_of(store)
    assert s["a1"] == s["a2"]  # ...but the same quotation reported twice is one story
    with store.read() as con:
        est, day = con.execute("SELECT p.estimate, l.day FROM pubdate_estimates p JOIN article_links l USING (article_id) "
                               "WHERE article_id = 'a2'").fetchone()
    assert str(est) == "2025-07-09" and str(day) == "2025-07-09"  # dated by its story


def test_near_copy_forms_a_copy_group_and_counts_one_source(store):
    trimmed = VISIT[: VISIT.index("Kremlin aide")].strip()
    long = VISIT + " Trump later wrote that great progress had been made and that a summit could follow."
    ingest(store, [record("a1", long, "2025-08-06", outlet="Wire"),
                   record("a2", trimmed + " " + VISIT[VISIT.index("Kremlin aide"):], "2025-08-06", outlet="Paper A"),
                   record("a3", VISIT_2, "2025-08-06", outlet="Paper B")])
    cg = copy_group_of(store)
    assert cg["a2"] == cg["a1"] == "a1"
    assert cg["a3"] == "a3"
    with store.read() as con:
        n_articles, n_sources = con.execute("SELECT n_articles, n_sources FROM stories WHERE id = "
                                            "(SELECT story_id FROM article_links WHERE article_id = 'a1')").fetchone()
    assert n_sources == n_articles - 1


def test_exact_copy_under_another_url_joins_its_original(store):
    ingest(store, [record("a1", "Short wire item.", "2025-08-06"),
                   record("a2", "Short wire item.", "2025-08-06", copy_of="a1")])
    assert copy_group_of(store)["a2"] == "a1"


def test_state_lives_in_tables_so_a_new_process_continues(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest(Store(db), [record("a1", VISIT, "2025-08-06", actors=[WITKOFF, PUTIN, TRUMP])])
    ingest(Store(db), [record("a2", VISIT_2, "2025-08-07", actors=[WITKOFF, PUTIN, TRUMP])])  # a fresh Store object
    s = story_of(Store(db))
    assert s["a1"] == s["a2"]


def test_update_is_idempotent_and_relink_reproduces(store):
    items = [record("a1", VISIT, "2025-08-06", actors=[WITKOFF, PUTIN, TRUMP]),
             record("a2", VISIT_2, "2025-08-07", actors=[WITKOFF, PUTIN, TRUMP]), record("a3", CHIPS, "2025-08-07")]
    ingest(store, items)

    def counts():
        with store.read() as con:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("article_links", "story_members", "stories", "link_postings", "lsh_buckets", "event_sources")}

    before, stories_before = counts(), story_of(store)
    with store.write() as con:
        update(con, ["a2", "a1"])  # re-linking what is linked changes nothing
    assert counts() == before
    with store.write() as con:
        relink(con)
    assert counts() == before
    assert story_of(store) == stories_before


def test_article_level_records_are_untouched_by_linking(store):
    items = [record("a1", VISIT, "2025-08-06", actors=[WITKOFF, PUTIN, TRUMP])]
    ingest(store, items)
    with store.read() as con:
        before = con.execute("SELECT * FROM articles").fetchall(), con.execute("SELECT count(*) FROM actor_mentions").fetchone()
    with store.write() as con:
        relink(con)
    with store.read() as con:
        after = con.execute("SELECT * FROM articles").fetchall(), con.execute("SELECT count(*) FROM actor_mentions").fetchone()
    assert before == after


def test_story_title_comes_from_the_dominant_event(store):
    ev = {"type": "CONSULT", "actor": ["p:steve-witkoff"], "recipient": ["p:vladimir-putin"], "place": "Moscow",
          "evidence": "Steve Witkoff met Vladimir Putin at the Kremlin in Moscow"}
    ev2 = {"type": "CONSULT", "actor": ["p:steve-witkoff"], "recipient": ["p:vladimir-putin"], "place": "Moscow",
           "evidence": "talks between Vladimir Putin and Steve Witkoff in Moscow were constructive"}
    ingest(store, [record("a1", VISIT, "2025-08-06", actors=[WITKOFF, PUTIN, TRUMP], events=[ev]),
                   record("a2", VISIT_2, "2025-08-07", actors=[WITKOFF, PUTIN, TRUMP], events=[ev2])])
    with store.read() as con:
        title, n_events = con.execute("SELECT title, n_events FROM stories WHERE n_articles = 2").fetchone()
    assert title == "Steve Witkoff meets Vladimir Putin in Moscow"
    assert n_events == 1


# -- story centroids (unit level: assign() on given similarities) ------------------------------

D1, D2 = dt.date(2025, 3, 3), dt.date(2025, 3, 4)


def _state(members: dict[str, str], sq: dict[str, float]) -> "st.StoryState":
    return st.StoryState(story=dict(members), in_centroid=set(members), sq_norm=dict(sq))


def test_an_article_alike_to_the_story_as_a_whole_joins_it():
    s = link_settings.load()
    # Two members that resemble each other a little (cosine 0.2): squared centroid norm 1 + 1 + 2 x 0.2.
    state = _state({"m1": "s-1", "m2": "s-1"}, {"s-1": 2.4})
    # The new article shares one part of its vocabulary with each member, 0.22 apiece: no single
    # member is alike enough (threshold 0.25), the story taken together is (0.44 / sqrt(2.4) = 0.28).
    sims = {"a": [("m1", 0.22, {"w": 0.22}), ("m2", 0.22, {"w": 0.22})]}
    out = st.assign(["a"], sims, state, {"a": D2, "m1": D1, "m2": D1}, {}, {}, s)
    sid, sim, matched, why, share = out["a"]
    assert sid == "s-1" and 0.25 <= sim < 0.3 and matched in ("m1", "m2")
    assert share == pytest.approx(1 + 2 * 0.44 * st._fade(D2, D1, s["stories"]))
    assert state.sq_norm["s-1"] == pytest.approx(2.4 + share)  # the state grows for the next article


def test_a_loosely_knit_story_does_not_draw_in_what_touches_one_member():
    s = link_settings.load()
    # Ten members that barely resemble one another: a large centroid norm.
    members = {f"m{i}": "s-big" for i in range(10)}
    state = _state(members, {"s-big": 10 + 2 * 45 * 0.05})
    sims = {"a": [("m0", 0.45, {"w": 0.45})]}  # alike to one member only
    out = st.assign(["a"], sims, state, {"a": D1, **{m: D1 for m in members}}, {}, {}, s)
    assert out["a"][0] != "s-big" and out["a"][3] == {"founded": True}


def test_likeness_fades_over_the_window():
    s = link_settings.load()["stories"]
    assert st._fade(D1, D1, s) == 1.0
    assert st._fade(D1, D1 + dt.timedelta(days=s["window_days"]), s) == pytest.approx(1 - s["time_decay"])
    assert st._fade(D1, D1 + dt.timedelta(days=2), s) > st._fade(D1, D1 + dt.timedelta(days=5), s)
    assert st._fade(None, D1, s) == 1.0


def test_undated_article_joins_only_a_story_that_stands_out_from_a_rival():
    s = link_settings.load()
    days = {"u": None, "m1": D1, "m2": dt.date(2025, 8, 6)}
    # A rival story with the same people is stored, and the text clearly picks one of the two.
    state = _state({"m1": "s-march", "m2": "s-august"}, {"s-march": 1.0, "s-august": 1.0})
    out = st.assign(["u"], {"u": [("m1", 0.42, {"w": 0.42}), ("m2", 0.2, {"w": 0.2})]}, state, days, {}, {}, s)
    assert out["u"][0] == "s-march"
    # About as alike to both: nothing says which visit it reports.
    state = _state({"m1": "s-march", "m2": "s-august"}, {"s-march": 1.0, "s-august": 1.0})
    out = st.assign(["u"], {"u": [("m1", 0.42, {"w": 0.42}), ("m2", 0.38, {"w": 0.38})]}, state, days, {}, {}, s)
    assert out["u"][3] == {"founded": True}
    # No rival: a moderate likeness may be an event the store has not seen.
    state = _state({"m2": "s-august"}, {"s-august": 1.0})
    out = st.assign(["u"], {"u": [("m2", 0.42, {"w": 0.42})]}, state, days, {}, {}, s)
    assert out["u"][3] == {"founded": True}


def test_centroid_shares_are_stored_and_copies_add_none(store):
    ingest(store, [record("a1", VISIT, "2025-08-06", actors=[WITKOFF, PUTIN, TRUMP]),
                   record("a2", VISIT_2, "2025-08-07", actors=[WITKOFF, PUTIN, TRUMP]),
                   record("a3", VISIT, "2025-08-07", copy_of="a1")])
    with store.read() as con:
        rows = {a: (sid, sim, share) for a, sid, sim, share in con.execute(
            "SELECT article_id, story_id, similarity, centroid_share FROM story_members").fetchall()}
    assert rows["a1"][2] == 1.0                      # a founder: its own unit vector
    assert rows["a2"][0] == rows["a1"][0]
    assert rows["a2"][2] > 1.0                       # 1 + 2 x its (faded) likeness to a1
    assert rows["a3"][0] == rows["a1"][0] and rows["a3"][2] == 0.0  # a copy adds no content


def test_two_undated_articles_need_the_high_threshold_even_with_a_rival():
    s = link_settings.load()
    days = {"u": None, "m1": None, "m2": D1}
    state = _state({"m1": "s-undated", "m2": "s-dated"}, {"s-undated": 1.0, "s-dated": 1.0})
    out = st.assign(["u"], {"u": [("m1", 0.42, {"w": 0.42}), ("m2", 0.2, {"w": 0.2})]}, state, days, {}, {}, s)
    assert out["u"][3] == {"founded": True}


def test_story_titles_agree_and_name_a_party_once():
    from wiresift.link.summaries import event_title

    th, kh = {"id": "c:THA", "name": "Thailand"}, {"id": "c:KHM", "name": "Cambodia"}
    assert event_title({"type": "ASSAULT", "actor": [th, kh], "recipient": [kh], "place": None}) == \
        "Thailand and Cambodia attack each other"
    eu = {"id": "c:EUR-GOV", "name": "Europe (government)"}
    assert event_title({"type": "REQUEST", "actor": [eu], "recipient": [{"id": "c:UKR", "name": "Ukraine"}],
                        "place": "Kyiv"}) == "Europe makes demands of Ukraine in Kyiv"
    assert event_title({"type": "THREATEN", "actor": [{"id": "p:a", "name": "Ann"}, {"id": "p:b", "name": "Bo"}],
                        "recipient": [], "place": None}) == "Ann and Bo issue threats"
