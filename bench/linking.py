"""Incremental linking cost as the store grows: ms per article at 1k, 5k and 10k stored articles.

    python bench/linking.py                       # 10,000 Reuters articles, sm, 2 workers
    python bench/linking.py -n 2000 --workers 1   # a quicker curve

How the cost is separated: extraction is not what this measures, so it runs first, once,
and its results are cached (JSON lines, one contract result per article; ``--cache``). The
store is then filled exactly as `wiresift ingest` fills it: batches of ``jobs.WRITE_BATCH``
articles (256; env WIRESIFT_WRITE_BATCH) in arrival (date) order, each one transaction
holding ``write_batch`` and then ``wiresift.link.update``.
Only ``link.update`` is timed for the curve; the batch write is timed separately and shown
for scale. Article ids and texts are those ingest would give (jsonl reader, with a url per
record so wire re-sends stay separate articles).

The figure for a point N is the linking ms/article over the batches that start between
N - 1,000 and N stored articles (four batches of 256: one batch alone is too noisy).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_INPUT = REPO.parent / "shared" / "corpus" / "reuters21578.jsonl"


def articles(path: Path, n: int):
    """The first ``n`` corpus articles in date order, read as `wiresift ingest` reads JSONL."""
    from wiresift.ingest.jsonl import record_article
    from wiresift.ingest.text import text_article
    from wiresift.records import Article

    recs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if (r.get("text") or "").strip():
                recs.append(r)
    recs.sort(key=lambda r: (r.get("date") or "", r["id"]))
    out = []
    for r in recs[:n]:
        obj = {"id": r["id"], "text": r["text"], "title": r.get("title"), "published": r.get("date"),
               "source": "Reuters", "url": f"https://reuters21578.invalid/{r['id']}"}
        for a in record_article(obj, str(path), r["id"], "jsonl", text_article):
            if isinstance(a, Article):
                out.append(a)
    return out


def extract(arts, cache: Path, model: str, workers: int) -> dict[str, dict]:
    """Contract results for the articles, from the cache when it has them."""
    done: dict[str, dict] = {}
    if cache.exists():
        for line in cache.open(encoding="utf-8"):
            r = json.loads(line)
            done[r["id"]] = r
    todo = [a for a in arts if a.id not in done]
    if todo:
        import importlib
        import pkgutil

        import wiresift.extract as ex
        from wiresift.pipeline import Pipeline

        # Every extractor module present, registered or not yet wired into the package.
        for m in pkgutil.iter_modules(ex.__path__):
            importlib.import_module(f"wiresift.extract.{m.name}")

        t = time.perf_counter()
        pipe = Pipeline(model)
        with cache.open("a", encoding="utf-8") as f:
            for i, res in enumerate(pipe.pipe([a.as_input() for a in todo], workers=workers), 1):
                f.write(json.dumps(res, ensure_ascii=False) + "\n")
                done[res["id"]] = res
                if i % 500 == 0:
                    print(f"  extracted {i}/{len(todo)} ({i / (time.perf_counter() - t):.1f}/s)", file=sys.stderr)
    return done


def run(arts, results: dict[str, dict], db: Path) -> list[dict]:
    from wiresift.jobs import WRITE_BATCH as BATCH
    from wiresift.link import update
    from wiresift.store import Store, write_batch

    store = Store(db)
    store.migrate()
    first_by_hash: dict[str, str] = {}
    rows = []
    stored = 0
    for i in range(0, len(arts), BATCH):
        batch = []
        for a in arts[i:i + BATCH]:
            res = results.get(a.id)
            if not res or "error" in res:
                continue
            copy_of = first_by_hash.get(a.content_hash)
            first_by_hash.setdefault(a.content_hash, a.id)
            batch.append((a, res, copy_of))
        with store.write() as con:
            t0 = time.perf_counter()
            write_batch(con, batch, [])
            t1 = time.perf_counter()
            info = update(con, [a.id for a, _, _ in batch])
            t2 = time.perf_counter()
        rows.append({"stored_before": stored, "n": len(batch), "write_ms": (t1 - t0) * 1000, "link_ms": (t2 - t1) * 1000,
                     "steps_ms": info.get("ms", {})})
        stored += len(batch)
        if len(rows) % 20 == 0:
            print(f"  {stored} stored; last batch link {rows[-1]['link_ms'] / max(1, len(batch)):.1f} ms/article", file=sys.stderr)
    return rows


def at(rows: list[dict], n: int) -> dict | None:
    sel = [r for r in rows if n - 1000 <= r["stored_before"] < n and r["n"]]
    if not sel:
        return None
    arts = sum(r["n"] for r in sel)
    steps: dict[str, float] = {}
    for r in sel:
        for k, v in r.get("steps_ms", {}).items():
            steps[k] = steps.get(k, 0.0) + v / arts
    return {"stored": n, "batches": len(sel), "link_ms_per_article": sum(r["link_ms"] for r in sel) / arts,
            "write_ms_per_article": sum(r["write_ms"] for r in sel) / arts,
            "median_batch_link_ms_per_article": statistics.median(r["link_ms"] / r["n"] for r in sel), "steps": steps}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("--model", default="sm")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "wiresift-bench-linking-{model}.jsonl")
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None, help="Also write the per-batch timings here.")
    args = ap.parse_args()
    if not args.input.exists():
        sys.exit(f"no corpus at {args.input}")
    cache = Path(str(args.cache).format(model=args.model))
    arts = articles(args.input, args.n)
    print(f"{len(arts)} articles; extraction results cached in {cache}", file=sys.stderr)
    results = extract(arts, cache, args.model, args.workers)
    db = args.db or Path(tempfile.mkdtemp(prefix="wiresift-bench-")) / "link.duckdb"
    if db.exists():
        db.unlink()
    t = time.perf_counter()
    rows = run(arts, results, db)
    total = time.perf_counter() - t
    n = sum(r["n"] for r in rows)
    print(f"\nlinking {n} articles into {db}: {total:.1f} s in all (writes included)")
    print(f"{'stored':>8} {'link ms/article':>16} {'(median batch)':>15} {'write ms/article':>17}")
    points = [p for p in (1000, 2000, 5000, 10000) if p <= n + 1000]
    table = [(p, at(rows, p)) for p in points]
    for p, r in table:
        if r:
            print(f"{p:>8} {r['link_ms_per_article']:>16.1f} {r['median_batch_link_ms_per_article']:>15.1f} {r['write_ms_per_article']:>17.1f}")
    names = sorted({k for _, r in table if r for k in r["steps"]}, key=lambda k: -max(r["steps"].get(k, 0) for _, r in table if r))
    print("\nlinking ms/article by step: " + "  ".join(f"{p // 1000}k" for p, r in table if r))
    for k in names:
        print(f"  {k:<10} " + "  ".join(f"{r['steps'].get(k, 0):5.1f}" for _, r in table if r))
    if args.json:
        args.json.write_text(json.dumps(rows))


if __name__ == "__main__":
    main()
