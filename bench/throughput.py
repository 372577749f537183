"""Throughput of `wiresift ingest` against bare spaCy, in one run, on the same articles.

    python bench/throughput.py                      # 1,000 Reuters articles, md, 2 workers, 3 rounds
    python bench/throughput.py -n 300 --model sm --workers 1 --rounds 1
    python bench/throughput.py --input my.jsonl     # any JSONL with a "text" field

Each side runs in its own process so peak memory is measured separately (the worker
processes included). "bare" is `nlp.pipe(texts, n_process=workers, batch_size=64)` with the
same model; "wiresift" is the whole ingest job into a fresh DuckDB file: reading, cleaning,
parsing, every registered extractor, the store writes and linking. The ratio wiresift/bare is
the figure the issues set bars on (>= 0.85 for the foundation, >= 0.8 with all extractors).

What is timed: each side loads what it needs before its clock starts (bare: the spaCy model;
wiresift: the same model plus the extractors' data: actor KB, gazetteer, lexicons, with one
warm-up document), and that loading is reported on its own as "load s". The end-to-end ratio,
loading included on both sides, is printed too.

Why rounds: on a shared machine the speed of identical code drifts by 10-20% within minutes.
Each round runs bare then wiresift back to back, so a pair sees the same conditions; the
rounds' median ratio is the figure to quote, and every round is printed.
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


def run_bare(path: str, model: str, workers: int) -> tuple[float, float]:
    """(load seconds, run seconds) of bare spaCy."""
    # Stock spaCy: wiresift's faster attribute ruler and lemmatizer belong to the wiresift side.
    os.environ["WIRESIFT_STOCK_SPACY"] = "1"
    t = time.perf_counter()
    from wiresift.parse import load_model

    nlp = load_model(model)
    load = time.perf_counter() - t
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    t = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=workers, batch_size=64):
        pass
    return load, time.perf_counter() - t


def run_wiresift(path: str, model: str, workers: int, db: str,
                 extractors: list[str] | None = None) -> tuple[float, float]:
    """(load seconds, run seconds) of `wiresift ingest` into a fresh store."""
    t = time.perf_counter()
    from wiresift.jobs import ingest
    from wiresift.pipeline import Pipeline

    pipeline = Pipeline(model, extractors=extractors)
    pipeline.warm_up()  # what the extractors load on first use, as bare spaCy loads its model
    load = time.perf_counter() - t
    t = time.perf_counter()
    report = ingest([path], db=db, model=model, workers=workers, pipeline=pipeline)
    elapsed = time.perf_counter() - t
    if report.errors or report.failed:
        print(f"  ({report.errors} errors, {report.failed} failed)", file=sys.stderr)
    return load, elapsed


def child(args) -> None:
    """Run one side and print its wall time and peak RSS (self + children) as JSON."""
    if args.side == "bare":
        load, seconds = run_bare(args.input, args.model, args.workers)
    else:
        load, seconds = run_wiresift(args.input, args.model, args.workers, args.db,
                                     args.extractors.split(",") if args.extractors else None)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = max(me.ru_maxrss, kids.ru_maxrss)
    # CPU seconds of the whole side (model loading included): unlike wall time, this barely
    # moves when something else shares the machine, so it is the figure to trust on a busy box.
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    print(json.dumps({"load_seconds": load, "seconds": seconds, "peak_rss_mb": rss / 1024, "cpu_seconds": cpu}))


def run_side(side: str, data: Path, db: Path, args) -> dict:
    if db.exists():
        db.unlink()
    cmd = [sys.executable, __file__, "--side", side, "--input", str(data), "--model", args.model,
           "--workers", str(args.workers), "--db", str(db)]
    if args.extractors:
        cmd += ["--extractors", args.extractors]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=os.environ)
    return json.loads(out.stdout.strip().splitlines()[-1])


def round_figures(bare: dict, ws: dict, n: int, words: int) -> dict:
    out = {}
    for side, r in (("bare", bare), ("wiresift", ws)):
        out.update({f"{side}_articles_per_s": n / r["seconds"], f"{side}_words_per_s": words / r["seconds"],
                    f"{side}_load_s": r["load_seconds"], f"{side}_peak_rss_mb": r["peak_rss_mb"],
                    f"{side}_cpu_s": r["cpu_seconds"]})
    out["ratio"] = bare["seconds"] / ws["seconds"]
    out["end_to_end_ratio"] = (bare["load_seconds"] + bare["seconds"]) / (ws["load_seconds"] + ws["seconds"])
    out["cpu_ratio"] = bare["cpu_seconds"] / ws["cpu_seconds"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("-n", type=int, default=1000, help="articles to take from the input")
    ap.add_argument("--model", default="md")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3, help="bare/wiresift pairs to run (median reported)")
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
    rounds = []
    with tempfile.TemporaryDirectory() as tmp:
        data, db = Path(tmp) / "sample.jsonl", Path(tmp) / "bench.duckdb"
        n, words = sample(args.input, args.n, data)
        for _ in range(max(1, args.rounds)):
            bare = run_side("bare", data, db, args)
            ws = run_side("wiresift", data, db, args)
            rounds.append(round_figures(bare, ws, n, words))
    med = sorted(rounds, key=lambda r: r["ratio"])[len(rounds) // 2]
    result = {"articles": n, "words": words, "model": args.model, "workers": args.workers,
              "extractors": args.extractors or "all", "median_round": med, "rounds": rounds}
    if args.json:
        print(json.dumps(result))
        return
    print(f"{n} articles, {words:,} words, model {args.model}, {args.workers} worker(s), "
          f"extractors: {args.extractors or 'all'}, {len(rounds)} round(s)")
    print(f"{'round':6} {'side':9} {'articles/s':>11} {'words/s':>10} {'load s':>7} {'peak RSS MB':>12} {'CPU s':>7}"
          f" {'ratio':>6} {'CPU ratio':>9} {'end-to-end':>10}")
    for k, r in enumerate(rounds, 1):
        for side in ("bare", "wiresift"):
            tail = (f" {r['ratio']:>6.2f} {r['cpu_ratio']:>9.2f} {r['end_to_end_ratio']:>10.2f}"
                    if side == "wiresift" else "")
            print(f"{k:<6} {side:9} {r[side + '_articles_per_s']:>11.1f} {r[side + '_words_per_s']:>10,.0f} "
                  f"{r[side + '_load_s']:>7.1f} {r[side + '_peak_rss_mb']:>12,.0f} {r[side + '_cpu_s']:>7.1f}{tail}")
    ratios = ", ".join(f"{r['ratio']:.2f}" for r in rounds)
    print(f"ratio wiresift/bare: {med['ratio']:.2f} median of {len(rounds)} (rounds: {ratios}; wall clock, "
          f"loading excluded on both sides); end to end with loading {med['end_to_end_ratio']:.2f}; "
          f"CPU-time ratio {med['cpu_ratio']:.2f}")


if __name__ == "__main__":
    main()
