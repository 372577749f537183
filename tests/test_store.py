"""The store: idempotent, resumable ingest; errors kept once; readers beside a writer."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from wiresift.jobs import ingest
from wiresift.pipeline import Pipeline
from wiresift.store import SCHEMA_VERSION, Store, StoreError
from wiresift.store import queries as q


@pytest.fixture(scope="module")
def pipe():
    return Pipeline("sm")


def corpus(tmp_path, n=5, prefix="story"):
    d = tmp_path / prefix
    d.mkdir(exist_ok=True)
    for i in range(n):
        (d / f"{i:03d}.txt").write_text(
            f"date 2025-06-{(i % 28) + 1:02d} Officials from country {i} met in Geneva on Monday. "
            f"Jane Doe/Getty Images\n\nThey agreed to meet again, spokesman John Roe {i} said.", encoding="utf-8")
    return d


def count(db, table, where=""):
    return Store(db).scalar(f"SELECT count(*) FROM {table} {where}")


def test_schema_is_versioned_and_migrations_apply_once(tmp_path):
    db = tmp_path / "w.duckdb"
    s = Store(db)
    assert s.migrate() == SCHEMA_VERSION
    s.migrate()
    assert s.scalar("SELECT count(*) FROM schema_version") == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "w.duckdb"
    Store(db).migrate()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version (version, name) VALUES (999, 'future')")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db).summary if False else q.summary(Store(db))


def test_missing_db_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="run `wiresift ingest"):
        q.summary(Store(tmp_path / "none.duckdb"))


def test_ingest_stores_everything_with_offsets(tmp_path, pipe):
    db = tmp_path / "w.duckdb"
    r = ingest([str(corpus(tmp_path))], db=db, pipeline=pipe)
    assert (r.read, r.stored, r.errors) == (5, 5, 0)
    s = Store(db)
    rows = s.query("SELECT a.text, s.kind, s.start_char, s.end_char FROM sections s JOIN articles a ON a.id = s.article_id")
    credits = [row["text"][row["start_char"]:row["end_char"]] for row in rows if row["kind"] == "credit"]
    assert credits == ["Jane Doe/Getty Images"] * 5
    ents = s.query("SELECT a.text, e.start_char, e.end_char, e.text AS t FROM entities e JOIN articles a ON a.id = e.article_id")
    assert ents and all(e["text"][e["start_char"]:e["end_char"]] == e["t"] for e in ents)
    assert s.scalar("SELECT count(*) FROM articles WHERE published_origin = 'header'") == 5


def test_reingest_is_idempotent_and_reports_duplicates(tmp_path, pipe):
    db = tmp_path / "w.duckdb"
    d = corpus(tmp_path)
    ingest([str(d)], db=db, pipeline=pipe)
    before = {t: count(db, t) for t in ("articles", "sections", "sentences", "entities")}
    r = ingest([str(d)], db=db, pipeline=pipe)
    assert (r.stored, r.duplicates) == (0, 5)
    assert {t: count(db, t) for t in before} == before
    r = ingest([str(d)], db=db, pipeline=pipe, reprocess=True)
    assert r.stored == 5 and {t: count(db, t) for t in before} == before


def test_same_text_at_another_url_is_a_copy(tmp_path, pipe):
    db = tmp_path / "w.duckdb"
    f = tmp_path / "feed.jsonl"
    text = "Ministers met in Geneva on Monday to discuss a ceasefire."
    f.write_text("\n".join(json.dumps({"id": i, "text": text, "url": f"https://outlet{i}.com/a", "source": f"O{i}"})
                           for i in range(3)) + "\n")
    r = ingest([str(f)], db=db, pipeline=pipe)
    assert (r.stored, r.copies) == (3, 2)
    rows = Store(db).query("SELECT id, copy_of, content_hash FROM articles ORDER BY locator")
    assert rows[0]["copy_of"] is None and rows[1]["copy_of"] == rows[0]["id"] == rows[2]["copy_of"]
    assert len({r["content_hash"] for r in rows}) == 1


def test_errors_are_stored_once_across_reruns(tmp_path, pipe):
    db = tmp_path / "w.duckdb"
    d = corpus(tmp_path, 2)
    (d / "bad.jsonl").write_text('{"id": 1, "text": "ok line about talks"}\n{"id": 2,\n')
    (d / "empty.txt").write_text("")
    for _ in range(2):
        r = ingest([str(d)], db=db, pipeline=pipe)
        assert r.errors == 2
    rows = Store(db).query("SELECT origin, locator, reason, seen FROM ingest_errors ORDER BY origin")
    assert [(os.path.basename(r["origin"]), r["locator"], r["reason"], r["seen"]) for r in rows] == [
        ("bad.jsonl", "line 2", "malformed JSON", 2), ("empty.txt", None, "empty file", 2)]
    assert count(db, "articles") == 3


def test_a_failing_document_is_an_error_not_a_crash(tmp_path, pipe, monkeypatch):
    db = tmp_path / "w.duckdb"
    d = corpus(tmp_path, 3)
    real = pipe.extract

    def flaky(pdoc):
        if "country 1 " in pdoc.text:
            raise RuntimeError("boom")
        return real(pdoc)

    monkeypatch.setattr(pipe, "extract", flaky)
    r = ingest([str(d)], db=db, pipeline=pipe)
    assert (r.stored, r.failed) == (2, 1)
    err = Store(db).query("SELECT reason, detail FROM ingest_errors")[0]
    assert err["reason"] == "could not process article" and "boom" in err["detail"]


def test_interrupted_run_keeps_finished_batches_and_resumes_without_duplicates(tmp_path, pipe, monkeypatch):
    import wiresift.jobs as jobs

    db = tmp_path / "w.duckdb"
    d = corpus(tmp_path, 10)
    monkeypatch.setattr(jobs, "WRITE_BATCH", 3)
    monkeypatch.setattr(pipe, "batch_size", 2)  # the parse batch is the unit a crash can lose
    real = pipe.extract
    calls = {"n": 0}

    def dies(pdoc):
        calls["n"] += 1
        if calls["n"] == 8:
            raise KeyboardInterrupt
        return real(pdoc)

    monkeypatch.setattr(pipe, "extract", dies)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(d)], db=db, pipeline=pipe)
    stored = count(db, "articles")
    assert 6 <= stored < 10
    assert Store(db).scalar("SELECT status FROM ingest_runs") == "interrupted"
    monkeypatch.setattr(pipe, "extract", real)
    r = ingest([str(d)], db=db, pipeline=pipe)
    assert r.stored == 10 - stored and r.duplicates == stored
    assert count(db, "articles") == 10
    assert Store(db).scalar("SELECT count(*) - count(DISTINCT (article_id, idx)) FROM sections") == 0


def test_killed_process_resumes_without_duplicates(tmp_path):
    """A real SIGKILL mid-run: committed batches survive, the re-run completes the rest."""
    db = tmp_path / "w.duckdb"
    d = corpus(tmp_path, 150)
    cmd = [sys.executable, "-m", "wiresift", "ingest", str(d), "--db", str(db), "--model", "sm", "-q"]
    env = {**os.environ, "WIRESIFT_WRITE_BATCH": "64"}  # commits at 64 and 128, then the kill
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    store = Store(db, lock_wait=0.5)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            stored = store.scalar("SELECT count(*) FROM articles")
        except StoreError:
            stored = 0
        if stored >= 64:
            break
        time.sleep(0.2)
    if proc.poll() is not None:
        pytest.skip("ingest finished before it could be killed")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    before = count(db, "articles")
    assert 64 <= before < 150
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    assert count(db, "articles") == 150
    assert Store(db).scalar("SELECT count(*) - count(DISTINCT (article_id, idx)) FROM entities") == 0


def test_readers_wait_for_a_writer_instead_of_failing(tmp_path):
    db = tmp_path / "w.duckdb"
    Store(db).migrate()
    code = ("import duckdb, time, sys; c = duckdb.connect(sys.argv[1]); "
            "print('locked', flush=True); time.sleep(1.5); c.close()")
    holder = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    t = time.monotonic()
    assert Store(db, lock_wait=10).scalar("SELECT count(*) FROM articles") == 0
    assert time.monotonic() - t > 0.5
    holder.wait()
    holder = subprocess.Popen([sys.executable, "-c", code.replace("1.5", "5"), str(db)], stdout=subprocess.PIPE, text=True)
    holder.stdout.readline()
    with pytest.raises(StoreError, match="held by another"):
        Store(db, lock_wait=0.5).scalar("SELECT 1")
    holder.kill()
    holder.wait()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_writes_every_table_uncapped(tmp_path, pipe, fmt):
    db = tmp_path / "w.duckdb"
    ingest([str(corpus(tmp_path, 3))], db=db, pipeline=pipe)
    done = q.export(Store(db), fmt, tmp_path / "out")
    tables = {t: n for t, _, n in done}
    assert tables["articles"] == 3 and tables["entities"] == count(db, "entities")
    for _, path, n in done:
        assert path.exists()
    if fmt == "jsonl":
        lines = (tmp_path / "out" / "entities.jsonl").read_text().strip().splitlines()
        assert len(lines) == tables["entities"] and json.loads(lines[0])["article_id"]
    with pytest.raises(ValueError, match="unknown export format"):
        q.export(Store(db), "xml", tmp_path / "x")
