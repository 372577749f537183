"""`wiresift eval seeds`: the five real seed articles against ../shared/gold/seeds.yaml.

The seeds are the acceptance spec on real, noisy input. This module runs the full pipeline
on them (the same code as `wiresift ingest`) and checks each part of the gold with the
matching rules written at the top of seeds.yaml. Parts are added as the pipeline grows:
cleaning (noise, captions, headings, published date) first.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from rich.table import Table

from ..ingest import read_source
from ..ingest.sources import Source
from ..paths import require_shared
from ..pipeline import Pipeline
from ..records import NLP_KINDS, Article


def load_gold() -> tuple[dict, Path]:
    gold_path = require_shared("gold", "seeds.yaml")
    seeds_dir = require_shared("seeds")
    return yaml.safe_load(gold_path.read_text(encoding="utf-8")), seeds_dir


def run_seeds(model: str | None = None, pipeline: Pipeline | None = None) -> list[tuple[dict, Article, dict]]:
    """(gold doc, article, pipeline result) for every seed, read exactly as `ingest` reads them."""
    gold, seeds_dir = load_gold()
    pipeline = pipeline or Pipeline(model)
    arts = []
    for g in gold["documents"]:
        items = [x for x in read_source(Source(str(seeds_dir / g["file"]), path=seeds_dir / g["file"]))
                 if isinstance(x, Article)]
        arts.append((g, items[0]))
    results = list(pipeline.pipe([a.as_input() for _, a in arts]))
    return [(g, a, r) for (g, a), r in zip(arts, results)]


def check_cleaning(g: dict, text: str, result: dict) -> list[dict]:
    """One row per gold item: noise kept out of the NLP text, captions and headings exact."""
    rows = []
    secs = result["sections"]
    nlp_text = "\n".join(text[s["start"]:s["end"]] for s in secs if s["kind"] in NLP_KINDS)
    for s in g.get("noise", []):
        rows.append({"part": "noise", "item": s, "ok": s in text and s not in nlp_text,
                     "why": "" if s not in nlp_text else "still in the cleaned text"})
    for kind, key, strict in (("caption", "captions", "captions" in g), ("heading", "headings", True)):
        found = [text[s["start"]:s["end"]] for s in secs if s["kind"] == kind]
        for s in g.get(key, []):
            rows.append({"part": key, "item": s, "ok": s in found, "why": "" if s in found else "not detected exactly"})
        if strict:
            for s in found:
                if s not in g.get(key, []):
                    rows.append({"part": key, "item": s, "ok": False, "why": f"extra {kind}"})
    want = g.get("published")
    got = result.get("published")
    rows.append({"part": "published", "item": str(want), "ok": str(want) == str(got) if want else got is None,
                 "why": f"got {got}"})
    return rows


def evaluate(model: str | None = None, pipeline: Pipeline | None = None) -> dict:
    docs = []
    for g, art, res in run_seeds(model, pipeline):
        if "error" in res:
            docs.append({"file": g["file"], "rows": [{"part": "pipeline", "item": res["error"], "ok": False, "why": "failed"}]})
            continue
        docs.append({"file": g["file"], "rows": check_cleaning(g, art.text, res)})
    parts: dict[str, list[int]] = {}
    for d in docs:
        for r in d["rows"]:
            p = parts.setdefault(r["part"], [0, 0])
            p[0] += r["ok"]
            p[1] += 1
    return {"docs": docs, "parts": parts, "ok": all(r["ok"] for d in docs for r in d["rows"])}


def render(result: dict) -> list:
    t = Table("part", "met", "of", title="seeds: cleaning", header_style="bold")
    for part, (ok, n) in result["parts"].items():
        style = "green" if ok == n else "red"
        t.add_row(part, f"[{style}]{ok}[/{style}]", str(n))
    out = [t]
    bad = [(d["file"], r) for d in result["docs"] for r in d["rows"] if not r["ok"]]
    if bad:
        bt = Table("file", "part", "item", "why", title="not met", header_style="bold red")
        for f, r in bad:
            bt.add_row(f[:3], r["part"], r["item"][:90], r["why"])
        out.append(bt)
    out.append(f"seeds cleaning: {'all met' if result['ok'] else f'{len(bad)} item(s) not met'}")
    return out
