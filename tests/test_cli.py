"""The command line, end to end, and the extraction contract it exposes."""
from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from wiresift.cli import app
from wiresift.paths import REPO_DIR

runner = CliRunner()
TEXT = ("date 2025-08-13 U.S. President Donald Trump warned Russia of severe consequences on Wednesday. "
        "Jane Doe/Getty Images\n\nalaska talks trump\n\nTalks Ahead\n\n"
        "European leaders held a video call with Trump, officials in Berlin said.\n"
        "Unrelated Storm Hits Coastal Towns.")


@pytest.fixture(scope="module")
def schema():
    return json.loads((REPO_DIR / "docs" / "extract.schema.json").read_text())


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "b.jsonl").write_text(
        json.dumps({"id": "w1", "text": "Ministers met in Geneva on Monday.", "url": "https://e.com/1",
                    "source": "Wire", "published": "2025-06-02", "desk": "world"}) + "\n{broken\n", encoding="utf-8")
    return tmp_path


def run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_ingest_list_show_export(corpus):
    db = corpus / "w.duckdb"
    r = run("ingest", corpus / "in", "--db", db, "--model", "sm", "-q")
    assert r.exit_code == 3, r.output  # one bad JSONL line: non-zero, but the rest is stored
    assert "ingested 2 new article(s)" in r.output and "errors 1" in r.output
    r = run("ingest", corpus / "in", "--db", db, "--model", "sm", "-q")
    assert "ingested 0 new" in r.output and "duplicates 2" in r.output

    r = run("articles", "--db", db, "--format", "jsonl")
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert sorted(x["outlet"] or "" for x in rows) == ["", "Wire"]
    r = run("articles", "--db", db, "--format", "csv", "--since", "2025-08-01")
    assert r.stdout.count("\n") == 2  # header + the August article

    aid = next(x["id"] for x in rows if x["outlet"] is None)
    r = run("show", aid[:8], "--db", db, "-e")
    assert r.exit_code == 0 and "Jane Doe/Getty Images" in r.output and "credit" in r.output

    r = run("export", "--format", "jsonl", "--out", corpus / "exp", "--db", db)
    assert r.exit_code == 0 and (corpus / "exp" / "sections.jsonl").exists()
    r = run("errors", "--db", db, "--format", "jsonl")
    (e,) = [json.loads(x) for x in r.stdout.splitlines()]
    assert (e["reason"], e["locator"], e["severity"]) == ("malformed JSON", "line 2", "error")


def test_helpful_errors(corpus):
    db = corpus / "none.duckdb"
    r = run("articles", "--db", db)
    assert r.exit_code == 1 and "no database" in r.output
    r = run("articles", "--db", db, "--since", "2025-13-01")
    assert r.exit_code == 2 and "bad date" in r.output
    r = run("export", "--format", "xml", "--db", db)
    assert r.exit_code != 0
    r = run("ingest", corpus / "in", "--db", corpus / "w.duckdb", "--model", "no_such_model")
    assert r.exit_code == 1 and "cannot load spaCy model" in r.output


def test_extract_contract(corpus, schema):
    src = corpus / "in.jsonl"
    src.write_text(json.dumps({"id": 7, "text": TEXT}) + "\n"
                   + json.dumps({"id": "b", "text": "Talks in Doha.", "published": "2025-01-05"}) + "\n"
                   + "not json\n" + json.dumps({"id": "c", "text": "x", "published": "soon"}) + "\n",
                   encoding="utf-8")
    out = corpus / "out.jsonl"
    r = run("extract", src, "-o", out, "--model", "sm")
    assert r.exit_code == 3  # one bad line and one failed document were reported
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == [7, "b", "c"]
    assert "published" in lines[2]["error"]
    for rec in lines:
        jsonschema.validate(rec, schema)
    first = lines[0]
    assert first["published"] == "2025-08-13" and lines[1]["published"] == "2025-01-05"
    kinds = {TEXT[s["start"]:s["end"]]: s["kind"] for s in first["sections"]}
    assert kinds["Jane Doe/Getty Images"] == "credit" and kinds["alaska talks trump"] == "tag"
    assert kinds["Talks Ahead"] == "heading" and kinds["Unrelated Storm Hits Coastal Towns."] == "unrelated"
    assert kinds["date 2025-08-13"] == "header"
    for e in first["entities"]:
        assert TEXT[e["start"]:e["end"]] == e["text"]
        assert "Getty" not in e["text"] and e["text"] != "alaska"
    assert any(e["text"] == "Donald Trump" and e["label"] == "PERSON" for e in first["entities"])


def test_workers_give_the_same_records(corpus):
    from wiresift.pipeline import Pipeline

    recs = [{"id": i, "text": TEXT.replace("Wednesday", d)} for i, d in enumerate(["Monday", "Tuesday", "Friday"])]
    p = Pipeline("sm")
    assert list(p.pipe(recs, workers=2)) == list(p.pipe(recs, workers=1))


def test_demo_ingests_the_bundled_samples(tmp_path):
    from wiresift.api import samples_dir

    if not any(samples_dir().glob("*.txt")):
        pytest.skip("sample corpus not written yet")
    db = tmp_path / "demo.duckdb"
    r = run("demo", "--db", db, "--model", "sm")
    assert r.exit_code == 0, r.output
    assert "articles" in r.output and "sections" in r.output


def test_demo_highlights_count_wire_copies_once_and_fit_a_narrow_terminal(tmp_path):
    """The same story sent twice (another url) is one highlight; at 80 columns the evidence
    still reads as words, not a column of fragments."""
    from rich.console import Console

    from wiresift import api

    text = ("date 2025-05-10\nEuropean leaders visited Kyiv on Saturday and demanded an unconditional "
            "30-day ceasefire, threatening Moscow with massive new sanctions if it refused.\n")
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"a{i}", "text": text, "url": f"https://example.org/{i}"})
                             for i in range(2)) + "\n", encoding="utf-8")
    db = tmp_path / "h.duckdb"
    api.ingest([str(src)], db=db, model="sm")
    assert api.summary(db)["articles"] == 2
    top = api.highlights(db)
    assert len(top) == 1
    console = Console(width=80, record=True)
    console.print(api.render.events_table(top, width=80))
    shown = console.export_text()
    assert "European leaders visited Kyiv" in shown  # one line of the evidence column
    assert max(len(line) for line in shown.splitlines()) <= 80
