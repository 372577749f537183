"""The linking commands end to end on a small constructed store: list, show, export, unmerge, relink."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from linkkit import ingest, record
from wiresift.cli import app
from wiresift.store import Store

runner = CliRunner()
TRUMP = ("p:donald-trump", "Donald Trump", "USA", "Trump")
PUTIN = ("p:vladimir-putin", "Vladimir Putin", "RUS", "Putin")
Q = "If you go into Ukraine, I'm going to bomb Moscow. I'm telling you I have no choice."
T1 = f"Donald Trump told donors he warned Vladimir Putin: \u201c{Q}\u201d The Kremlin said the war has killed tens of thousands."
T2 = f"Trump says he threatened to bomb Moscow, telling Putin: \u201c{Q}\u201d Officials said the war has killed hundreds of thousands."
E1 = {"type": "THREATEN", "actor": ["p:donald-trump"], "recipient": ["p:vladimir-putin"], "evidence": "he warned Vladimir Putin"}
E2 = {"type": "THREATEN", "actor": ["p:donald-trump"], "recipient": ["p:vladimir-putin"], "evidence": "he threatened to bomb Moscow"}


def _toll(text, low, high, words):
    return {"quantity": "deaths", "low": low, "high": high, "value": (low + high) / 2, "unit": "people", "qualifier": None,
            "vague": True, "text": words, "evidence": text[text.index("Officials" if "Officials" in text else "The Kremlin"):-1],
            "subject": "war", "subject_class": "war", "countries": ["RUS", "UKR"], "section": "body"}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "l.duckdb"
    ingest(Store(path), [
        record("a1", T1, "2025-07-09", actors=[TRUMP, PUTIN], events=[E1], quotes=[("p:donald-trump", Q, "direct")],
               numbers=[_toll(T1, 20000, 99999, "tens of thousands")], outlet="Wire"),
        record("a2", T2, None, actors=[TRUMP, PUTIN], events=[E2], quotes=[("p:donald-trump", Q, "direct")],
               numbers=[_toll(T2, 200000, 999999, "hundreds of thousands")], outlet="Paper")])
    return path


def run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_stories_story_and_exports(db):
    r = run("stories", "--db", db, "--format", "jsonl")
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert len(rows) == 1 and rows[0]["n_articles"] == 2 and rows[0]["disputes"] == 1
    sid = rows[0]["id"]
    assert "Donald Trump threatens Vladimir Putin" in rows[0]["title"]
    r = run("story", sid[:6], "--db", db, "--format", "csv")
    kinds = [row["kind"] for row in csv.DictReader(io.StringIO(r.output))]
    assert kinds.count("article") == 2 and "event" in kinds and "quote" in kinds and "dispute" in kinds
    r = run("story", sid, "--db", db)
    assert r.exit_code == 0 and "Donald Trump threatens Vladimir Putin" in r.output


def test_disputes_lists_every_value(db):
    r = run("disputes", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert {x["value"] for x in rows} == {"tens of thousands", "hundreds of thousands"}
    assert all(x["evidence"] for x in rows)


def test_unmerge_from_the_cli_survives_relink(db):
    with Store(db).read() as con:
        mid = con.execute("SELECT id FROM merged_events WHERE n_sources = 2").fetchone()[0]
    r = run("unmerge", mid[:7], "--db", db)
    assert r.exit_code == 0, r.output
    assert "split" in r.output
    r = run("relink", "--db", db)
    assert r.exit_code == 0, r.output
    with Store(db).read() as con:
        assert con.execute("SELECT max(n_sources) FROM merged_events").fetchone()[0] == 1
    r = run("unmerge", "m-doesnotexist", "--db", db)
    assert r.exit_code == 1


def test_pubdates_and_accept_date(db):
    r = run("pubdates", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert rows and rows[0]["article_id"] == "a2" and rows[0]["estimate"] == "2025-07-09"
    r = run("accept-date", "a2", "--db", db, "--no-reextract")
    assert r.exit_code == 0, r.output
    with Store(db).read() as con:
        assert con.execute("SELECT published FROM articles WHERE id = 'a2'").fetchone()[0] is None
        assert con.execute("SELECT day_origin FROM article_links WHERE article_id = 'a2'").fetchone()[0] == "accepted"
    # the estimate stays listed next to the accepted date
    r = run("pubdates", "--db", db, "--format", "jsonl", "--article", "a2")
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert rows and rows[0]["accepted"] == "2025-07-09" and rows[0]["used_as"] == "accepted"


def test_export_includes_the_link_tables(db, tmp_path):
    r = run("export", "--format", "csv", "--out", tmp_path / "x", "--db", db)
    assert r.exit_code == 0, r.output
    for t in ("stories", "story_members", "merged_events", "event_sources", "quote_groups", "quote_variants",
              "claim_groups", "claim_members", "numeric_claims", "pubdate_estimates", "link_overrides"):
        assert (tmp_path / "x" / f"{t}.csv").exists(), t


def test_query_functions_for_merged_events_and_variants(db):
    from wiresift.link import queries

    ev = queries.merged_events(Store(db), min_sources=2)
    assert ev and ev[0]["actor"] == "Donald Trump" and ev[0]["n_sources"] == 2
    one = queries.merged_event(Store(db), ev[0]["id"])
    assert len(one["sources"]) == 2 and any(s["why"].get("score") for s in one["sources"])
    qv = queries.quote_variant_groups(Store(db))
    assert {r["article_id"] for r in qv} == {"a1", "a2"} and all(r["speaker"] == "Donald Trump" for r in qv)


def test_events_merged_and_quotes_variants_are_listed_and_exportable(db):
    r = run("events", "--merged", "--min-sources", "2", "--db", db, "--format", "jsonl")
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert rows and all(x["n_sources"] >= 2 for x in rows) and rows[0]["type"] == "THREATEN"
    r = run("events", "--merged", "--db", db, "--format", "csv")
    assert r.exit_code == 0 and next(csv.DictReader(io.StringIO(r.output)))["id"].startswith("m-")
    r = run("events", "--merged", "--db", db)
    assert r.exit_code == 0 and "merged events" in r.output
    r = run("quotes", "--variants", "--db", db, "--format", "jsonl")
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert {x["article_id"] for x in rows} == {"a1", "a2"} and len({x["group_id"] for x in rows}) == 1
    r = run("quotes", "--variants", "--db", db)
    assert r.exit_code == 0 and "wordings of one statement" in r.output


def test_python_api_mirrors_the_linking_commands(db):
    import wiresift

    (st,) = [s for s in wiresift.stories(db) if s["n_articles"] == 2]
    assert wiresift.story(db, st["id"][:8])["timeline"]
    (m,) = wiresift.merged_events(db, min_sources=2)
    assert wiresift.quote_variants(db) and wiresift.disputes(db)
    assert [r["article_id"] for r in wiresift.pubdates(db)]
    mid, parts = wiresift.unmerge(db, m["id"][:7], note="two threats, not one")
    assert mid == m["id"] and len(parts) == 2
    wiresift.relink(db)
    assert not wiresift.merged_events(db, min_sources=2)
