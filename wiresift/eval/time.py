"""`wiresift eval time`: time expressions against TimeBank + AQUAINT (TempEval-3 scoring).

The documents go through ``Pipeline.pipe`` with their document creation time as
``published``, so the figures are those of the code users run. Scoring follows the
TempEval-3 definitions:

- strict span: the system expression has exactly the gold offsets; relaxed: they overlap.
  Precision counts system expressions that match some gold one, recall gold ones that some
  system one matches.
- type and value accuracy: over relaxed matches (each gold expression paired with the system
  expression overlapping it most), the share whose type / value string is identical.
- value F1 (TE3's ranking measure) = value accuracy x relaxed F1; type F1 likewise.

Anchors are printed next to ours (wiresift/../shared/docs/anchors.md): HeidelTime scored by
the same code on this dev set, and the published TE3 test figures.
"""
from __future__ import annotations

import time
from collections import Counter

from rich.table import Table

from ..paths import read_jsonl, require_shared

ANCHORS = {
    "HeidelTime (dev)": {"strict_f1": 83.9, "relaxed_f1": 92.2, "type_acc": 95.6, "value_f1": 77.4},
    "HeidelTime (TE3 test)": {"value_f1": 77.6},
    "SUTime (TE3 test)": {"value_f1": 67.4},
}
BAR = {"value_f1": 80.0}


def load(limit: int | None = None) -> list[dict]:
    return read_jsonl(require_shared("eval", "time", "timebank_aquaint.jsonl"), limit or None)


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(pairs: list[tuple[list[dict], list[dict]]]) -> dict:
    """TE3 figures for (gold timexes, system timexes) per document."""
    n_gold = n_sys = 0
    strict_p = strict_r = relax_p = relax_r = 0
    type_ok = value_ok = matched = 0
    errors: list[dict] = []
    misses: Counter = Counter()
    extras: Counter = Counter()
    for gold, system in pairs:
        n_gold += len(gold)
        n_sys += len(system)
        for s in system:
            if any(g["start"] == s["start"] and g["end"] == s["end"] for g in gold):
                strict_p += 1
            if any(g["start"] < s["end"] and s["start"] < g["end"] for g in gold):
                relax_p += 1
            else:
                extras[s["text"].lower()] += 1
        for g in gold:
            over = [(min(g["end"], s["end"]) - max(g["start"], s["start"]), s) for s in system
                    if g["start"] < s["end"] and s["start"] < g["end"]]
            if any(s["start"] == g["start"] and s["end"] == g["end"] for _, s in over):
                strict_r += 1
            if not over:
                misses[g["text"].lower()] += 1
                continue
            relax_r += 1
            matched += 1
            s = max(over, key=lambda x: x[0])[1]
            t_ok = s["type"] == g["type"]
            v_ok = s.get("value") == g["value"]
            type_ok += t_ok
            value_ok += v_ok
            if not v_ok:
                errors.append({"text": g["text"], "sys_text": s["text"], "gold": g["value"],
                               "ours": s.get("value"), "gold_type": g["type"], "type": s["type"],
                               "dct": g.get("dct")})
    sp, sr, sf = _prf(strict_p, n_sys, strict_r, n_gold)
    rp, rr, rf = _prf(relax_p, n_sys, relax_r, n_gold)
    type_acc = type_ok / matched if matched else 0.0
    value_acc = value_ok / matched if matched else 0.0
    return {
        "n_gold": n_gold, "n_system": n_sys, "matched": matched,
        "strict_p": 100 * sp, "strict_r": 100 * sr, "strict_f1": 100 * sf,
        "relaxed_p": 100 * rp, "relaxed_r": 100 * rr, "relaxed_f1": 100 * rf,
        "type_acc": 100 * type_acc, "value_acc": 100 * value_acc,
        "type_f1": 100 * type_acc * rf, "value_f1": 100 * value_acc * rf,
        "errors": errors, "misses": misses.most_common(40), "extras": extras.most_common(40),
    }


def evaluate(model: str = "md", limit: int | None = None) -> dict:
    """Run the pipeline on the dev set and score it."""
    from ..extract import timexes  # noqa: F401  (registers "timexes" until the package does)
    from ..pipeline import Pipeline

    docs = load(limit)
    pipe = Pipeline(model, extractors=["entities", "timexes"])
    records = [{"id": d["id"], "text": d["text"], "published": d["dct"][:10]} for d in docs]
    t0 = time.perf_counter()
    results = list(pipe.pipe(records))
    seconds = time.perf_counter() - t0
    pairs = []
    failed = 0
    for d, res in zip(docs, results):
        if "error" in res:
            failed += 1
            pairs.append(([dict(g, dct=d["dct"][:10]) for g in d["timexes"]], []))
            continue
        pairs.append(([dict(g, dct=d["dct"][:10]) for g in d["timexes"]], res["timexes"]))
    out = score(pairs)
    words = sum(len(d["text"].split()) for d in docs)
    out.update({"model": pipe.model_label, "docs": len(docs), "failed": failed, "seconds": seconds,
                "words": words, "anchors": ANCHORS, "bar": BAR,
                "meets_bar": out["value_f1"] >= BAR["value_f1"]})
    return out


def render(result: dict) -> list:
    f = lambda x: f"{x:.1f}" if x is not None else "-"  # noqa: E731
    prf = lambda a, k: " / ".join(f(a.get(f"{k}_{m}")) for m in ("p", "r", "f1"))  # noqa: E731
    t = Table("system", "strict P / R / F1", "relaxed P / R / F1", "type acc", "value acc", "value F1",
              title=f"time expressions: TimeBank + AQUAINT dev ({result['docs']} docs, "
                    f"{result['n_gold']} gold, model {result['model']})",
              header_style="bold")
    style = "green" if result["meets_bar"] else "red"
    t.add_row("wiresift", prf(result, "strict"), prf(result, "relaxed"), f(result["type_acc"]),
              f(result["value_acc"]), f"[{style}]{result['value_f1']:.1f}[/{style}]")
    for name, a in result["anchors"].items():
        t.add_row(f"[dim]{name}[/dim]", f"- / - / {f(a.get('strict_f1'))}", f"- / - / {f(a.get('relaxed_f1'))}",
                  f(a.get("type_acc")), "-", f(a["value_f1"]))
    out: list = [t]
    per_doc = result["seconds"] / max(1, result["docs"])
    out.append(f"value F1 {result['value_f1']:.1f} (bar {result['bar']['value_f1']:.0f}: "
               f"{'met' if result['meets_bar'] else 'not met'}); {result['docs']} documents, "
               f"{result['words']:,} words in {result['seconds']:.1f} s ({per_doc * 1000:.0f} ms per document, "
               f"parse included)" + (f"; {result['failed']} failed" if result["failed"] else ""))
    if result["errors"]:
        et = Table("gold text", "ours", "gold value", "our value", title="value errors (first 15)",
                   header_style="bold")
        for e in result["errors"][:15]:
            et.add_row(e["text"], e["sys_text"], str(e["gold"]), str(e["ours"]))
        out.append(et)
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m wiresift.eval.time [--model md] [--limit N]`` until the CLI wires it."""
    import argparse

    from rich.console import Console

    ap = argparse.ArgumentParser(prog="python -m wiresift.eval.time", description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="md")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    result = evaluate(model=args.model, limit=args.limit)
    console = Console()
    for item in render(result):
        console.print(item)
    return 0 if result["meets_bar"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
