"""Throughput of `wiresift ingest` against bare spaCy, in one run, on the same articles.

    python bench/throughput.py                      # 1,000 Reuters articles, md, 2 workers
    python bench/throughput.py -n 300 --model sm --workers 1
    python bench/throughput.py --input my.jsonl     # any JSONL with a "text" field

Each side runs in its own process so peak memory is measured separately (the worker
processes included). "bare" is `nlp.pipe(texts, n_process=workers, batch_size=64)` with the
same model; "wiresift" is the whole ingest job into a fresh DuckDB file: reading, cleaning,
parsing, every registered extractor and the store writes. The ratio wiresift/bare is the
figure the issues set bars on (>= 0.85 for the foundation, >= 0.8 with all extractors).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "corpus" / "reuters21578.jsonl"


def sample(path: Path, n: int, out: Path) -> tuple[int, int]:
    """Write the first ``n`` articles with text to ``out``; return (articles, words)."""
    count = words = 0
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            rec = json.loads(line)
            if not (rec.get("text") or "").strip():
                continue
            dst.write(json.dumps(rec) + "\n")
            count += 1
            words += len(rec["text"].split())
            if count >= n:
                break
    return count, words


def run_bare(path: str, model: str, workers: int) -> float:
    # Stock spaCy: wiresift's faster attribute ruler and lemmatizer belong to the wiresift side.
    os.environ["WIRESIFT_STOCK_SPACY"] = "1"
    from wiresift.parse import load_model

    nlp = load_model(model)
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    t = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=workers, batch_size=64):
        pass
    return time.perf_counter() - t


def run_wiresift(path: str, model: str, workers: int, db: str, extractors: list[str] | None = None) -> float:
    from wiresift.jobs import ingest
    from wiresift.parse import load_model
    from wiresift.pipeline import Pipeline

    load_model(model)  # both sides load the model before the clock starts
    pipeline = Pipeline(model, extractors=extractors) if extractors else None
    t = time.perf_counter()
    report = ingest([path], db=db, model=model, workers=workers, pipeline=pipeline)
    elapsed = time.perf_counter() - t
    if report.errors or report.failed:
        print(f"  ({report.errors} errors, {report.failed} failed)", file=sys.stderr)
    return elapsed


def child(args) -> None:
    """Run one side and print its wall time and peak RSS (self + children) as JSON."""
    if args.side == "bare":
        seconds = run_bare(args.input, args.model, args.workers)
    else:
        seconds = run_wiresift(args.input, args.model, args.workers, args.db,
                               args.extractors.split(",") if args.extractors else None)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = max(me.ru_maxrss, kids.ru_maxrss)
    # CPU seconds of the whole side (model loading included): unlike wall time, this barely
    # moves when something else shares the machine, so it is the figure to trust on a busy box.
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    print(json.dumps({"seconds": seconds, "peak_rss_mb": rss / 1024, "cpu_seconds": cpu}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("-n", type=int, default=1000, help="articles to take from the input")
    ap.add_argument("--model", default="md")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--extractors", default=None,
                    help="comma-separated extractors to run (default: all; 'entities' is the foundation alone)")
    ap.add_argument("--side", choices=["bare", "wiresift"], help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true", help="print the result as one JSON line")
    args = ap.parse_args()
    if args.side:
        child(args)
        return
    if not args.input.exists():
        sys.exit(f"no input at {args.input}: pass --input FILE.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "sample.jsonl"
        n, words = sample(args.input, args.n, data)
        res = {}
        for side in ("bare", "wiresift"):
            cmd = [sys.executable, __file__, "--side", side, "--input", str(data), "--model", args.model,
                   "--workers", str(args.workers), "--db", str(Path(tmp) / "bench.duckdb")]
            if args.extractors:
                cmd += ["--extractors", args.extractors]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=os.environ)
            res[side] = json.loads(out.stdout.strip().splitlines()[-1])
    result = {
        "articles": n, "words": words, "model": args.model, "workers": args.workers,
        "extractors": args.extractors or "all",
        "bare_articles_per_s": n / res["bare"]["seconds"], "bare_words_per_s": words / res["bare"]["seconds"],
        "bare_peak_rss_mb": res["bare"]["peak_rss_mb"],
        "wiresift_articles_per_s": n / res["wiresift"]["seconds"], "wiresift_words_per_s": words / res["wiresift"]["seconds"],
        "wiresift_peak_rss_mb": res["wiresift"]["peak_rss_mb"],
        "ratio": res["bare"]["seconds"] / res["wiresift"]["seconds"],
        "bare_cpu_s": res["bare"]["cpu_seconds"], "wiresift_cpu_s": res["wiresift"]["cpu_seconds"],
        "cpu_ratio": res["bare"]["cpu_seconds"] / res["wiresift"]["cpu_seconds"],
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{n} articles, {words:,} words, model {args.model}, {args.workers} worker(s), "
          f"extractors: {args.extractors or 'all'}")
    print(f"{'':10} {'articles/s':>11} {'words/s':>10} {'peak RSS MB':>12} {'CPU s':>8}")
    for side in ("bare", "wiresift"):
        print(f"{side:10} {result[side + '_articles_per_s']:>11.1f} {result[side + '_words_per_s']:>10,.0f} "
              f"{result[side + '_peak_rss_mb']:>12,.0f} {result[side + '_cpu_s']:>8.1f}")
    print(f"ratio wiresift/bare: {result['ratio']:.2f} (wall clock; CPU-time ratio {result['cpu_ratio']:.2f})")


if __name__ == "__main__":
    main()
