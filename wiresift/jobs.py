"""The jobs the CLI runs: ingest into the store, and extract without one.

Ingest streams: read -> skip what the store already has -> pipeline (optionally in worker
processes) -> write in batches, one transaction each. A killed run loses at most the batch
in flight, and the next run skips everything already committed, so it resumes without
duplicates. Errors are reported as they happen and stored with the batch.
"""
from __future__ import annotations

import collections
import datetime as dt
import json
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .ingest import read_articles
from .pipeline import Pipeline
from .records import Article, IngestError
from .store import Store, write_batch
from .store.writer import write_errors
from .link import update as link_update

# Articles per store transaction (write + link). Linking pays a fixed cost per batch (reading the
# batch back, one similarity query, temp tables): 256 costs ~3.2 ms/article of linking against
# ~4.8 at 64 (bench/RESULTS.md). A killed run redoes at most one batch; set
# WIRESIFT_WRITE_BATCH lower to commit more often on a slow feed.
WRITE_BATCH = int(os.environ.get("WIRESIFT_WRITE_BATCH", "256"))


@dataclass
class IngestReport:
    run_id: str
    read: int = 0  # articles read from the inputs
    stored: int = 0  # new articles processed and stored
    duplicates: int = 0  # already in the store (or twice in this run)
    copies: int = 0  # same text as a stored article, under another url
    failed: int = 0  # read but could not be processed
    errors: int = 0  # ingest_errors of severity "error"
    warnings: int = 0  # ingested with a repair (bad bytes, bad date)
    words: int = 0
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0
    status: str = "running"
    messages: list[str] = field(default_factory=list)

    def note(self, err: IngestError) -> None:
        if err.severity == "warning":
            self.warnings += 1
        else:
            self.errors += 1
        self.messages.append(str(err))

    @property
    def rate(self) -> float:
        el = self.seconds or (time.monotonic() - self.started)
        return self.stored / el if el > 0 else 0.0

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("read", "stored", "duplicates", "copies", "failed",
                                              "errors", "warnings", "words", "seconds", "status")}


def ingest(paths: list[str], db: str | Store = "wiresift.duckdb", model: str | None = None,
           workers: int = 1, batch_size: int = 64, reprocess: bool = False, stdin=None,
           on_progress: Callable[[IngestReport], None] | None = None,
           on_error: Callable[[IngestError], None] | None = None,
           pipeline: Pipeline | None = None, options: dict | None = None) -> IngestReport:
    """Ingest files/folders/globs/``-`` into the store; returns what happened."""
    paths = [str(p) for p in paths]
    store = db if isinstance(db, Store) else Store(db)
    store.migrate()
    report = IngestReport(run_id=uuid.uuid4().hex[:12])
    with store.read() as con:
        known_ids = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
        first_by_hash = dict(con.execute(
            "SELECT content_hash, arg_min(id, ingested_at) FROM articles GROUP BY content_hash").fetchall())
    pipeline = pipeline or Pipeline(model, batch_size=batch_size, options=options)
    with store.write() as con:
        con.execute("INSERT INTO ingest_runs (id, started_at, inputs, model, workers, status) VALUES (?, ?, ?, ?, ?, 'running')",
                    [report.run_id, dt.datetime.now(), json.dumps(paths), pipeline.model_label, workers])

    pending: collections.deque[tuple[Article, str | None]] = collections.deque()
    errors: collections.deque[IngestError] = collections.deque()
    seen: set[str] = set()

    def fail(err: IngestError) -> None:
        report.note(err)
        errors.append(err)
        if on_error:
            on_error(err)

    def todo() -> Iterator[dict]:
        # Runs in the pipeline's feeder thread when workers > 1: only deques are shared.
        for item in read_articles(paths, stdin):
            if isinstance(item, IngestError):
                fail(item)
                continue
            report.read += 1
            if item.id in seen or (item.id in known_ids and not reprocess):
                report.duplicates += 1
                continue
            seen.add(item.id)
            copy_of = first_by_hash.get(item.content_hash)
            if copy_of == item.id:
                copy_of = None
            if copy_of:
                report.copies += 1
            else:
                first_by_hash[item.content_hash] = item.id
            pending.append((item, copy_of))
            yield item.as_input()

    buffer: list[tuple[Article, dict, str | None]] = []

    def flush() -> None:
        errs = [errors.popleft() for _ in range(len(errors))]
        if not buffer and not errs:
            return
        # One DuckDB thread: a batch's statements are small, so extra threads mostly wait on
        # each other, while the parser (or its worker processes) already uses every core.
        with store.write(threads=1) as con:
            write_batch(con, buffer, errs, report.run_id, pipeline.model_label)
            link_update(con, [art.id for art, _, _ in buffer])  # stories, copies, merged events: same transaction
        report.stored += len(buffer)
        buffer.clear()

    try:
        for result in pipeline.pipe(todo(), workers=workers):
            art, copy_of = pending.popleft()
            if result.get("id") != art.id:  # pragma: no cover - order is guaranteed by the pipeline
                raise RuntimeError(f"pipeline returned {result.get('id')} for {art.id}")
            if "error" in result:
                report.failed += 1
                fail(IngestError(art.origin, art.locator, "could not process article", result["error"]))
            else:
                buffer.append((art, result, copy_of))
                report.words += len(art.text.split())
            if len(buffer) >= WRITE_BATCH:
                flush()
            if on_progress:
                on_progress(report)
        flush()
        report.status = "done"
    except BaseException:
        report.status = "interrupted"
        try:
            flush()  # keep whatever finished before the interruption
        finally:
            raise
    finally:
        report.seconds = time.monotonic() - report.started
        try:
            with store.write() as con:
                write_errors(con, [errors.popleft() for _ in range(len(errors))], report.run_id)
                con.execute("UPDATE ingest_runs SET finished_at = ?, counts = ?, status = ? WHERE id = ?",
                            [dt.datetime.now(), json.dumps(report.as_dict()), report.status, report.run_id])
        except Exception:  # noqa: BLE001 - never mask the original error
            if report.status == "done":
                raise
    return report


# -- extract: the per-document pipeline with no store -------------------------------------

@dataclass
class ExtractReport:
    documents: int = 0
    failed: int = 0
    bad_lines: int = 0
    seconds: float = 0.0


def read_contract_lines(lines: Iterable[str], origin: str, on_error: Callable[[IngestError], None]) -> Iterator[dict]:
    """Contract input records from JSONL text; bad lines are reported and skipped."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            on_error(IngestError(origin, f"line {n}", "malformed JSON", f"{exc.msg} at column {exc.colno}"))
            continue
        if not isinstance(rec, dict) or "id" not in rec or not isinstance(rec.get("text"), str):
            on_error(IngestError(origin, f"line {n}", "not an extraction input",
                                 'expected {"id": ..., "text": "..."} (published, title, url, source optional)'))
            continue
        yield rec


def extract(records: Iterable[dict], model: str | None = None, workers: int = 1,
            pipeline: Pipeline | None = None, options: dict | None = None) -> Iterator[dict]:
    """Contract output records for contract input records, in order (Python API)."""
    pipeline = pipeline or Pipeline(model, options=options)
    yield from pipeline.pipe(records, workers=workers)


def extract_file(src, out, origin: str, model: str | None = None, workers: int = 1,
                 on_error: Callable[[IngestError], None] | None = None, options: dict | None = None) -> ExtractReport:
    report = ExtractReport()
    started = time.monotonic()

    def err(e: IngestError) -> None:
        report.bad_lines += 1
        (on_error or (lambda x: print(x, file=sys.stderr)))(e)

    for res in extract(read_contract_lines(src, origin, err), model=model, workers=workers, options=options):
        report.documents += 1
        if "error" in res:
            report.failed += 1
        out.write(json.dumps(res, ensure_ascii=False) + "\n")
    report.seconds = time.monotonic() - started
    return report

