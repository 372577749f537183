"""The per-document pipeline: clean -> parse -> extract, with no store.

``Pipeline`` is what ``wiresift extract``, ``wiresift ingest`` and every evaluation run, so
the records a user exports and the figures ``wiresift eval`` prints come from the same code.

Input records follow the extraction contract: ``{"id", "text", "published"?, "title"?,
"url"?, "source"?}``. Output records: ``{"id", "published", "sections", "sentences",
"entities", "actors", "events", "quotes", "timexes", "toponyms"}`` with every offset into
the input ``text`` exactly as given (see docs/extract.schema.json). A document that fails
yields ``{"id", "error"}`` instead, so one bad article never stops a batch.
"""
from __future__ import annotations

import datetime as dt
import gc
import multiprocessing as mp
import os
import threading
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import clean
from .extract import CONTRACT_KEYS, ParsedDoc, ordered
from .parse import load_model, make_doc, model_label
from .records import parse_iso_date

from .ingest.limits import MAX_CHARS
from .paths import DATA_DIR

# The article warm_up runs: a bundled sample that names people, places, dates, quotes and events.
WARM_UP_SAMPLE = DATA_DIR / "samples" / "02_alaska_summit.txt"


class DocumentError(ValueError):
    """A document the pipeline cannot process (reported per document, never fatal)."""


@dataclass
class _Prepared:
    record: dict
    published: dt.date | None
    segmentation: clean.Segmentation
    cleaned: str


class Pipeline:
    """spaCy model + cleaning + the registered extractors, in dependency order."""

    def __init__(self, model: str | None = None, extractors: list[str] | None = None,
                 batch_size: int = 64, options: dict | None = None):
        self.model = model
        self.options = dict(options or {})
        self.model_label = model_label(model)
        self.nlp = load_model(model)
        self.extractor_names = extractors
        self.extractors = ordered(extractors)
        self.batch_size = batch_size
        self._warm = False

    # -- stages ---------------------------------------------------------------------------
    def prepare(self, record: dict) -> _Prepared:
        text = record.get("text")
        if not isinstance(text, str):
            raise DocumentError("field 'text' is missing or not a string")
        if len(text) > MAX_CHARS:
            raise DocumentError(f"text has {len(text):,} characters; the limit is {MAX_CHARS:,}")
        seg = clean.segment(text)
        try:
            published = parse_iso_date(record.get("published"))
        except ValueError as exc:
            raise DocumentError(f"field 'published': {exc}") from None
        if published is None:
            published = seg.published  # the published date given with the record wins
        return _Prepared(record, published, seg, clean.nlp_text(text, seg.sections, seg.wrapped))

    def _parsed(self, prep: _Prepared, doc) -> ParsedDoc:
        seg = prep.segmentation
        sections = clean.refine_captions(seg.sections, seg.weak_captions, doc)
        r = prep.record
        return ParsedDoc(id=str(r.get("id")), text=r["text"], published=prep.published,
                         sections=sections, doc=doc, title=r.get("title"), url=r.get("url"),
                         source=r.get("source") or r.get("outlet"), options=self.options)

    def parse(self, record: dict) -> ParsedDoc:
        """One record to a ParsedDoc, without running the extractors."""
        prep = self.prepare(record)
        doc = self.nlp(make_doc(self.nlp, prep.cleaned, prep.segmentation.sections))
        return self._parsed(prep, doc)

    def extract(self, pdoc: ParsedDoc) -> dict:
        for reg in self.extractors:
            pdoc.results[reg.name] = reg.func(pdoc)
        return self.to_record(pdoc)

    @staticmethod
    def to_record(pdoc: ParsedDoc) -> dict:
        out = {
            "id": pdoc.id,
            "published": pdoc.published.isoformat() if pdoc.published else None,
            "sections": [s.as_dict() for s in pdoc.sections],
            "sentences": [{"start": s.start_char, "end": s.end_char}
                          for s in pdoc.doc.sents if pdoc.text[s.start_char:s.end_char].strip()],
        }
        out["entities"] = pdoc.results.get("entities", [])
        for key in CONTRACT_KEYS:
            out[key] = pdoc.results.get(key, [])
        return out

    def warm_up(self) -> None:
        """Run the pipeline once on a bundled sample, so that everything the extractors load
        on first use (lexicons, gazetteer, actor indexes, compiled grammars; about 0.8 s of CPU)
        is loaded here. Called before forking workers: they inherit one copy instead of each
        building its own."""
        if not self._warm and WARM_UP_SAMPLE.exists():
            self._warm = True
            self._run_batch([{"id": "warm-up", "text": WARM_UP_SAMPLE.read_text(encoding="utf-8")}])

    # -- running ----------------------------------------------------------------------------
    def __call__(self, record: dict) -> dict:
        return next(iter(self.pipe([record])))

    def pipe(self, records: Iterable[dict], workers: int = 1) -> Iterator[dict]:
        """Process records in order; ``workers`` > 1 spreads batches over processes."""
        if workers > 1:
            yield from _pipe_parallel(self, records, workers)
            return
        batch: list[dict] = []
        for rec in records:
            batch.append(rec)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, records: list[dict]) -> list[dict]:
        results: list[dict | None] = [None] * len(records)
        prepared: list[tuple[int, _Prepared]] = []
        for i, rec in enumerate(records):
            try:
                prepared.append((i, self.prepare(rec)))
            except Exception as exc:  # noqa: BLE001 - reported per document
                results[i] = _error(rec, exc)
        docs = (make_doc(self.nlp, p.cleaned, p.segmentation.sections) for _, p in prepared)
        try:
            parsed = list(self.nlp.pipe(docs, batch_size=self.batch_size))
        except Exception:  # noqa: BLE001 - one document broke the batch: redo one by one
            parsed = []
            for _, p in prepared:
                try:
                    parsed.append(self.nlp(make_doc(self.nlp, p.cleaned, p.segmentation.sections)))
                except Exception as exc:  # noqa: BLE001
                    parsed.append(exc)
        for (i, prep), doc in zip(prepared, parsed):
            if isinstance(doc, Exception):
                results[i] = _error(prep.record, doc)
                continue
            try:
                out = self.extract(self._parsed(prep, doc))
                out["id"] = prep.record.get("id")  # echo the id exactly as given (7 stays 7)
                results[i] = out
            except Exception as exc:  # noqa: BLE001
                results[i] = _error(prep.record, exc)
        return results  # type: ignore[return-value]


def _error(record: dict, exc: Exception) -> dict:
    if isinstance(exc, DocumentError):
        msg = str(exc)
    else:
        tb = traceback.extract_tb(exc.__traceback__)
        where = f" at {tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else ""
        msg = f"{type(exc).__name__}: {exc}{where}"
    return {"id": record.get("id"), "error": msg}


# -- worker processes ---------------------------------------------------------------------
_WORKER: Pipeline | None = None


def _init_worker(model, extractors, batch_size, options):
    global _WORKER
    _WORKER = Pipeline(model, extractors, batch_size, options)


def _work(batch: list[dict]) -> list[dict]:
    assert _WORKER is not None
    return _WORKER._run_batch(batch)


def _batched(records: Iterable[dict], n: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for r in records:
        batch.append(r)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _pipe_parallel(pipeline: Pipeline, records, workers) -> Iterator[dict]:
    # Fork where the platform has it: workers inherit the loaded model (as spaCy's own
    # n_process does), so starting them costs nothing. The parent holds no DuckDB connection
    # while the pool starts. Elsewhere, or with WIRESIFT_MP_START=spawn, each worker loads
    # the model itself (about 1-2 s).
    global _WORKER
    method = os.environ.get("WIRESIFT_MP_START") or ("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    ctx = mp.get_context(method)
    if method == "fork":
        pipeline.warm_up()
        # Everything loaded so far (model, lexicons, gazetteer, actor KB) lives as long as the
        # process: keep it out of the collector's scans, so the workers neither spend time on it
        # nor touch (and copy) the pages they share with the parent.
        gc.freeze()
        _WORKER = pipeline
        init, initargs = None, ()
    else:
        init, initargs = _init_worker, (pipeline.model, pipeline.extractor_names, pipeline.batch_size, pipeline.options)
    # Pool.imap drains its input eagerly in a feeder thread; the semaphore bounds how many
    # batches are read ahead, so memory stays flat on a corpus of any size.
    ahead = threading.BoundedSemaphore(workers * 4)

    def feed():
        for batch in _batched(records, max(8, pipeline.batch_size // 4)):
            ahead.acquire()
            yield batch

    try:
        with ctx.Pool(workers, initializer=init, initargs=initargs) as pool:
            for results in pool.imap(_work, feed()):
                ahead.release()
                yield from results
    finally:
        gc.unfreeze()  # the parent's objects are collectable again (and freed cleanly at exit)
