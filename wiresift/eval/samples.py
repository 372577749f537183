"""`wiresift eval samples`: the whole pipeline on the bundled sample corpus, against its gold.

The seeds (../shared/gold/seeds.yaml) are five articles the coder was tuned on. The sample
corpus (wiresift/data/samples, written by the team) and its annotations
(tests/data/samples_gold.yaml, same conventions as the seeds gold) were written before the
event and quote rules were tuned and are not used to tune them, so this is the project's own
check on text the rules have not been fitted to. It ships with the project: unlike the other
eval sets it runs without ../shared.

Scored with the seeds' matching rules (wiresift/eval/seeds.py): must/should events, quotes and
actors. The gold's must_not notes are written for a reader, and the seeds' note checker only
knows the seeds' notes, so they are listed for review, not scored; so are the extra events.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from rich.table import Table

from ..ingest import read_articles
from ..paths import DATA_DIR, REPO_DIR
from ..pipeline import Pipeline
from ..records import Article
from .seeds import check_actors, check_events, check_quotes

GOLD = REPO_DIR / "tests" / "data" / "samples_gold.yaml"


def load_gold(path: Path = GOLD) -> dict:
    if not path.exists():
        raise FileNotFoundError(f"missing {path} (it is in the source checkout, not in an installed package)")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _articles(gold: dict) -> list[tuple[dict, Article]]:
    arts = [a for a in read_articles([str(DATA_DIR / "samples")]) if isinstance(a, Article)]
    by_file: dict[str, list[Article]] = {}
    for a in arts:
        by_file.setdefault(Path(a.origin).name, []).append(a)
    out = []
    for g in gold["documents"]:
        cands = by_file.get(g["file"], [])
        if "id" in g:
            cands = [a for a in cands if a.source_id == str(g["id"])]
        if cands:
            out.append((g, cands[0]))
    return out


def evaluate(model: str | None = None, limit: int | None = None, pipeline: Pipeline | None = None) -> dict:
    gold = load_gold()
    pairs = _articles(gold)[:limit] if limit else _articles(gold)
    pipeline = pipeline or Pipeline(model)
    results = list(pipeline.pipe([a.as_input() for _, a in pairs]))
    docs, parts = [], {}
    for (g, art), res in zip(pairs, results):
        name = g["file"] + (f"#{g['id']}" if "id" in g else "")
        if "error" in res:
            docs.append({"file": name, "rows": [{"part": "pipeline", "item": res["error"], "ok": False, "why": "failed"}],
                         "extras": [], "must_not": []})
            continue
        ev_rows, extras = check_events(g, art.text, res)
        rows = ev_rows + check_quotes(g, res) + check_actors(g, res)
        docs.append({"file": name, "rows": rows, "extras": extras,
                     "must_not": [m["note"] for m in (g.get("events") or {}).get("must_not", []) or []],
                     "n_events": len(res.get("events", []))})
        for r in rows:
            p = parts.setdefault(r["part"], [0, 0])
            p[0] += bool(r["ok"])
            p[1] += 1
    return {"model": pipeline.model_label, "docs": docs, "parts": parts}


def render(result: dict) -> list:
    t = Table("part", "met", "of", "rate", header_style="bold",
              title=f"sample corpus (wiresift/data/samples, {len(result['docs'])} articles, model {result['model']})")
    for part in ("events must", "events should", "quotes must", "quotes should", "actors"):
        ok, n = result["parts"].get(part, [0, 0])
        t.add_row(part, str(ok), str(n), f"{ok / n:.0%}" if n else "-")
    bad = Table("doc", "part", "item", "why", title="not met", header_style="bold red")
    for d in result["docs"]:
        for r in d["rows"]:
            if not r["ok"]:
                bad.add_row(d["file"][:24], r["part"], r["item"][:80], r["why"][:80])
    n_events = sum(d.get("n_events", 0) for d in result["docs"])
    n_extra = sum(len(d["extras"]) for d in result["docs"])
    notes = sum(len(d["must_not"]) for d in result["docs"])
    return [t, bad, f"{n_events} events coded, {n_extra} not accounted for by a gold item (review with "
                    f"`wiresift extract`); {notes} must_not notes to review by reading (not scored here)."]
