"""Output regression harness for performance work: optimisations must not change any output.

    python bench/golden.py save             # record the reference outputs (run on the old code)
    python bench/golden.py check            # run again and diff against the reference

It runs the same inputs (the first N Reuters articles with text, the seeds in
../shared/seeds and the bundled samples) through

1. ``wiresift extract`` (the per-document contract, once with 1 worker, once with 2), and
2. ``wiresift ingest`` into a fresh DuckDB file with 2 workers, then dumps every table,
   rows sorted, without the wall-clock columns (TIMESTAMP) and run ids, which differ per run.

Both are compared line by line. Model: md by default (``--model sm`` for a quick loop).
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

# Fixed string hashing: some extractor ties are broken by set order (see the report), so two runs
# of the same code differ without it.
ENV = {**os.environ, "PYTHONHASHSEED": "0"}
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
BIN = Path(sys.executable).parent
# Columns whose value is a property of the run, not of the output.
VOLATILE = {"run_id", "id@ingest_runs", "inputs@ingest_runs", "counts@ingest_runs"}


def build_inputs(out: Path, n: int) -> int:
    """Contract input records (as ingest would build them) for all the inputs, in order."""
    from wiresift.ingest import read_articles
    from wiresift.records import Article

    reuters = out.parent / "reuters.jsonl"
    with open(SHARED / "corpus" / "reuters21578.jsonl", encoding="utf-8") as src, \
            open(reuters, "w", encoding="utf-8") as dst:
        k = 0
        for line in src:
            if json.loads(line).get("text", "").strip():
                dst.write(line)
                k += 1
                if k >= n:
                    break
    paths = [str(reuters), str(SHARED / "seeds"), str(REPO / "wiresift" / "data" / "samples")]
    count = 0
    with open(out, "w", encoding="utf-8") as dst:
        for item in read_articles(paths):
            if isinstance(item, Article):
                dst.write(json.dumps(item.as_input(), ensure_ascii=False) + "\n")
                count += 1
    (out.parent / "paths.json").write_text(json.dumps(paths))
    return count


INGEST_ONE_THREAD = """
import json, sys, duckdb
_connect = duckdb.connect
duckdb.connect = lambda *a, **k: _connect(*a, **{**k, "config": {**k.get("config", {}), "threads": 1}})
from wiresift.jobs import ingest
rep = ingest(json.loads(sys.argv[1]), db=sys.argv[2], model=sys.argv[3], workers=2)
print(f"ingested {rep.stored} new article(s), {rep.failed} failed", file=sys.stderr)
"""


def dump_db(db: Path) -> list[str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    lines: list[str] = []
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
    for t in tables:
        cols = [(c, ty) for c, ty in con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [t]).fetchall()]
        keep = [c for c, ty in cols if not ty.startswith("TIMESTAMP") and c not in VOLATILE
                and f"{c}@{t}" not in VOLATILE]
        if not keep:
            continue
        sel = ", ".join(f'"{c}"' for c in keep)
        rows = con.execute(f'SELECT {sel} FROM "{t}"').fetchall()
        if t == "link_state":  # the clock time of the last update
            rows = [r for r in rows if r[0] != "updated_at"]
        body = sorted(json.dumps(list(r), default=str, ensure_ascii=False) for r in rows)
        lines.append(f"## {t} ({len(body)} rows) {keep}")
        lines.extend(body)
    con.close()
    return lines


INPUTS = Path("/tmp/perf_golden/inputs")  # fixed, because the store records each article's origin path


def run(outdir: Path, model: str, n: int) -> dict[str, list[str]]:
    outdir.mkdir(parents=True, exist_ok=True)
    INPUTS.mkdir(parents=True, exist_ok=True)
    inp = INPUTS / "input.jsonl"
    count = build_inputs(inp, n)
    print(f"{count} input documents", file=sys.stderr)
    res: dict[str, list[str]] = {}
    for w in (1, 2):
        out = outdir / f"extract_w{w}.jsonl"
        subprocess.run([str(BIN / "wiresift"), "extract", str(inp), "-o", str(out), "--model", model,
                        "--workers", str(w)], check=True, env=ENV)
        res[f"extract_w{w}"] = out.read_text(encoding="utf-8").splitlines()
    db = outdir / "golden.duckdb"
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    paths = json.loads((INPUTS / "paths.json").read_text())
    # DuckDB sums floats in parallel, in an order that varies per run, and some story summaries
    # break ties by that order; one DuckDB thread makes the reference reproducible.
    subprocess.run([sys.executable, "-c", INGEST_ONE_THREAD, json.dumps(paths), str(db), model],
                   check=True, env=ENV)
    res["db"] = dump_db(db)
    (outdir / "db.txt").write_text("\n".join(res["db"]) + "\n", encoding="utf-8")
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["save", "check"])
    ap.add_argument("--model", default="md")
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--ref", type=Path, default=Path("/tmp/perf_golden/ref"))
    args = ap.parse_args()
    if args.mode == "save":
        run(args.ref, args.model, args.n)
        print(f"saved to {args.ref}")
        return
    if True:
        new = run(args.ref.parent / "new", args.model, args.n)
        bad = 0
        for key, lines in new.items():
            ref = (args.ref / (f"{key}.jsonl" if key != "db" else "db.txt")).read_text(encoding="utf-8").splitlines()
            if ref == lines:
                print(f"{key}: identical ({len(lines)} lines)")
                continue
            bad += 1
            print(f"{key}: DIFFERS")
            for d in list(difflib.unified_diff(ref, lines, "ref", "new", n=0, lineterm=""))[:40]:
                print("   ", d[:300])
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
