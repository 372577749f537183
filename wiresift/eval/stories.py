"""`wiresift eval stories`: cross-article linking against sets the project owns.

Three checks, each run through the same code as `wiresift ingest` (pipeline, batch writer,
incremental linking in arrival order):

- the Reuters clustering set (wiresift/eval/data/stories/reuters_stories.tsv, rules in the
  README next to it): 352 articles of the 1987 Reuters corpus in ../shared with a story label
  and a copy-group label each; pairwise and B-cubed precision, recall and F1 for both;
- the hard negatives (hard_negatives.jsonl, written by the wiresift team): short articles
  about the same actors in different events (two Witkoff visits, two rounds of talks...),
  some without a date; every pair of different events put in one story is a false merge;
- ``check_across``: the `across` section of ../shared/gold/seeds.yaml, for `wiresift eval seeds`.

The Reuters texts stay in ../shared: without it that part is skipped.
"""
from __future__ import annotations

import datetime as dt
import json
import tempfile
import unicodedata
from pathlib import Path

from rich.table import Table

from ..paths import PACKAGE_DIR, read_jsonl, shared_dir
from ..store import Store
from . import clusters

DATA = PACKAGE_DIR / "eval" / "data" / "stories"


# -- the sets ------------------------------------------------------------------------------

def load_reuters_gold(path: Path = DATA / "reuters_stories.tsv") -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rid, date, family, story, copy = line.split("\t")
        rows.append({"id": rid, "date": date, "family": family, "story": story, "copy_group": copy})
    return rows


def reuters_records(gold: list[dict]) -> list[dict] | None:
    """Contract input records for the gold ids, in date order; None without ../shared."""
    base = shared_dir()
    corpus = base / "corpus" / "reuters21578.jsonl" if base else None
    if corpus is None or not corpus.exists():
        return None
    want = {g["id"] for g in gold}
    recs = {}
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in want:
                # A url per record, as a crawl would have: two identical wire texts stay two
                # articles (the second with copy_of set), so copies are counted, not dropped.
                recs[r["id"]] = {"id": r["id"], "text": r["text"], "title": r.get("title"), "published": r.get("date"),
                                 "source": "Reuters", "url": f"https://reuters21578.invalid/{r['id']}"}
    return sorted(recs.values(), key=lambda r: (r["published"] or "", r["id"]))


def load_hard_negatives(path: Path = DATA / "hard_negatives.jsonl") -> list[dict]:
    return read_jsonl(path)


# -- running --------------------------------------------------------------------------------

def build_store(records: list[dict], db: Path, model: str | None = "sm", workers: int = 1) -> Store:
    """Ingest ``records`` (in their order) into a fresh store at ``db``."""
    from ..jobs import ingest

    db = Path(db)
    if db.exists():
        db.unlink()
    src = db.with_suffix(".input.jsonl")
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    ingest([str(src)], db=str(db), model=model, workers=workers)
    return Store(db)


def relink_store(store: Store, settings: dict | None = None) -> None:
    from ..link import relink

    with store.write() as con:
        relink(con, settings)


def predicted(store: Store) -> dict[str, dict]:
    """source id -> {story, copy_group, article} for every stored article."""
    with store.read() as con:
        rows = con.execute("""SELECT a.source_id, a.id, l.story_id, l.copy_group FROM articles a
                              JOIN article_links l ON l.article_id = a.id""").fetchall()
    return {sid: {"article": aid, "story": st, "copy_group": cg} for sid, aid, st, cg in rows}


def score_reuters(gold: list[dict], pred: dict[str, dict]) -> dict:
    g_story = {g["id"]: g["story"] for g in gold if g["id"] in pred}
    g_copy = {g["id"]: g["copy_group"] for g in gold if g["id"] in pred}
    p_story = {i: pred[i]["story"] for i in g_story}
    p_copy = {i: pred[i]["copy_group"] for i in g_copy}
    fm = clusters.false_merges(g_story, p_story)
    return {"articles": len(gold), "linked": len(g_story), "stories": clusters.scores(g_story, p_story),
            "copies": clusters.scores(g_copy, p_copy), "false_story_merges": len(fm),
            "examples": [list(x) for x in fm[:10]]}


def score_hard_negatives(items: list[dict], store: Store) -> dict:
    pred = predicted(store)
    gold = {i["id"]: i["event"] for i in items if i["id"] in pred}
    p_story = {i: pred[i]["story"] for i in gold}
    fm = clusters.false_merges(gold, p_story)
    gold_pairs = clusters.pairwise(gold, p_story)
    with store.read() as con:
        merged = con.execute("""
            SELECT es.merged_id, list(DISTINCT a.source_id) FROM event_sources es JOIN articles a ON a.id = es.article_id
            GROUP BY es.merged_id HAVING count(DISTINCT es.article_id) > 1""").fetchall()
    ev_fm = [(mid, ids) for mid, ids in merged if len({gold.get(i) for i in ids}) > 1]
    return {"articles": len(items), "linked": len(gold), "events": len({v for v in gold.values()}),
            "different_event_pairs": len(gold) * (len(gold) - 1) // 2 - gold_pairs["gold_pairs"],
            "false_story_merges": [list(x) for x in fm], "same_event_pairs": gold_pairs["gold_pairs"],
            "same_event_pairs_found": gold_pairs["true_pairs"], "false_event_merges": [[m, ids] for m, ids in ev_fm],
            "stories": clusters.scores(gold, p_story)}


def evaluate(model: str | None = "sm", limit: int | None = None, workers: int = 1, workdir: str | Path | None = None,
             reuse: bool = False, settings: dict | None = None) -> dict:
    """Score linking on the Reuters set (when ../shared is there) and the hard negatives.

    The parse matters little to linking, so the small model is the default. ``limit`` keeps
    the first N Reuters articles in date order (a quick look; scores then cover fewer stories).
    ``workdir`` keeps the stores (reuse=True relinks them with ``settings`` instead of
    ingesting again: how to try new thresholds in seconds)."""
    work = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="wiresift-eval-stories-"))
    work.mkdir(parents=True, exist_ok=True)
    out: dict = {"model": model}
    gold = load_reuters_gold()
    if limit:
        gold = sorted(gold, key=lambda g: (g["date"], g["id"]))[:limit]
    recs = reuters_records(gold)
    if recs is None:
        out["reuters"] = {"skipped": "../shared/corpus/reuters21578.jsonl is not present"}
    else:
        db = work / "reuters.duckdb"
        store = Store(db) if reuse and db.exists() else build_store(recs, db, model, workers)
        if reuse or settings:
            relink_store(store, settings)
        out["reuters"] = score_reuters(gold, predicted(store))
    items = load_hard_negatives()
    db = work / "hard_negatives.duckdb"
    store = Store(db) if reuse and db.exists() else build_store(
        [{k: i[k] for k in ("id", "text", "title", "published", "source", "url") if k in i} for i in items], db, model, workers)
    if reuse or settings:
        relink_store(store, settings)
    out["hard_negatives"] = score_hard_negatives(items, store)
    out["workdir"] = str(work)
    return out


def render(result: dict) -> list:
    parts: list = []
    r = result.get("reuters", {})
    if "skipped" in r:
        parts.append(f"Reuters clustering set: skipped ({r['skipped']})")
    elif r:
        t = Table("", "items", "gold", "found", "pair P", "pair R", "pair F1", "B3 P", "B3 R", "B3 F1",
                  title=f"Reuters-21578 clustering set: {r['linked']} of {r['articles']} articles (gold/found: clusters)",
                  header_style="bold")
        for name in ("stories", "copies"):
            s = r[name]
            pw, b3 = s["pairwise"], s["bcubed"]
            t.add_row({"stories": "story", "copies": "copy"}[name], str(s["items"]), str(s["gold_clusters"]), str(s["predicted_clusters"]),
                      f"{pw['precision']:.3f}", f"{pw['recall']:.3f}", f"{pw['f1']:.3f}",
                      f"{b3['precision']:.3f}", f"{b3['recall']:.3f}", f"{b3['f1']:.3f}")
        parts.append(t)
    h = result.get("hard_negatives", {})
    if h:
        parts.append(f"hard negatives: {h['linked']} articles, {h['events']} events; "
                     f"false story merges {len(h['false_story_merges'])} of {h['different_event_pairs']} different-event pairs; "
                     f"false event merges {len(h['false_event_merges'])}; "
                     f"same-event pairs kept together {h['same_event_pairs_found']} of {h['same_event_pairs']}")
        for a, b in h["false_story_merges"]:
            parts.append(f"  false merge: {a} + {b}")
        for mid, ids in h["false_event_merges"]:
            parts.append(f"  false event merge {mid}: {', '.join(ids)}")
    return parts


# -- the seeds' `across` section ----------------------------------------------------------------

def _fold(s: str) -> str:
    t = unicodedata.normalize("NFKC", s or "").casefold()
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        t = t.replace(a, b)
    return " ".join(t.replace("%", " percent").replace("*", "").split())


def seeds_store(results_by_file: dict, path: Path | None = None) -> Store:
    """A store holding the seed results, written and linked one article at a time in file
    order, exactly as an ingest of the seed folder would."""
    from ..link import update
    from ..store import write_batch

    path = Path(path or tempfile.mkdtemp(prefix="wiresift-across-")) / "seeds.duckdb"
    store = Store(path)
    for f in sorted(results_by_file):
        art, res = results_by_file[f]
        with store.write() as con:
            write_batch(con, [(art, res, None)], [])
            update(con, [art.id])
    return store


def check_across(results_by_file: dict, store_or_links=None) -> list[dict]:
    """Rows for every item of seeds.yaml `across` (and the true_published dates).

    ``results_by_file``: {file name: (Article, pipeline result)}, e.g. from
    ``wiresift.eval.seeds.run_seeds``. ``store_or_links``: a Store already holding and linking
    those articles, or None to build one (in a temporary folder) the way ingest would."""
    import yaml

    from ..paths import require_shared

    gold = yaml.safe_load(require_shared("gold", "seeds.yaml").read_text(encoding="utf-8"))
    across = gold.get("across") or {}
    truth = {d["file"]: d.get("true_published") for d in gold["documents"]}
    store = store_or_links if isinstance(store_or_links, Store) else seeds_store(results_by_file)
    ids = {f: art.id for f, (art, _) in results_by_file.items()}
    rows: list[dict] = []
    with store.read() as con:
        story = dict(con.execute("SELECT article_id, story_id FROM article_links").fetchall())
        names = dict(con.execute("SELECT id, name FROM actors").fetchall())
        countries = dict(con.execute("SELECT id, country FROM actors").fetchall())
        for a, b in across.get("same_story", []):
            ok = story.get(ids.get(a)) is not None and story.get(ids.get(a)) == story.get(ids.get(b))
            rows.append({"part": "across stories", "item": f"{a[:3]} + {b[:3]} one story", "ok": ok,
                         "why": "" if ok else f"stories {story.get(ids.get(a))} / {story.get(ids.get(b))}"})
        for a, b in across.get("different_story", []):
            ok = story.get(ids.get(a)) != story.get(ids.get(b))
            rows.append({"part": "across stories", "item": f"{a[:3]} / {b[:3]} different stories", "ok": ok,
                         "why": "" if ok else f"both in {story.get(ids.get(a))}"})
        src = con.execute("""SELECT merged_id, event_id, article_id, type, actor, recipient FROM event_sources""").fetchall()
        by_merged: dict[str, list] = {}
        for mid, eid, aid, typ, actor, recipient in src:
            by_merged.setdefault(mid, []).append({"event": eid, "article": aid, "type": typ,
                                                  "actor": json.loads(actor or "[]"), "recipient": json.loads(recipient or "[]")})

        def party_ok(want, parties):
            if want is None:
                return True
            if isinstance(want, str):
                return any(_fold(names.get(p.get("id"), p.get("name") or "")) == _fold(want) for p in parties)
            c = want.get("country")
            cs = c if isinstance(c, list) else [c]
            return any((p.get("country") or countries.get(p.get("id"))) in cs for p in parties)

        def merged_with(item, arts, check_source=True) -> tuple[bool, str]:
            best = ""
            for mid, ss in by_merged.items():
                hit = [s for s in ss if s["type"] == item["type"] and s["article"] in arts]
                if {s["article"] for s in hit} != set(arts):
                    continue
                if check_source and not all(party_ok(item.get("source"), s["actor"]) and party_ok(item.get("target"), s["recipient"]) for s in hit):
                    best = best or f"{mid} merges {item['type']} events of both, but not {item.get('source')} -> {item.get('target')}"
                    continue
                return True, f"{mid} ({len(ss)} sources)"
            if not best:
                have = {a: [s for ss in by_merged.values() for s in ss if s["article"] == a and s["type"] == item["type"]
                            and party_ok(item.get("source"), s["actor"]) and party_ok(item.get("target"), s["recipient"])]
                        for a in arts}
                missing = [a for a, v in have.items() if not v]
                best = ("no matching event extracted in " + ", ".join(m[:8] for m in missing)) if missing else "not merged"
            return False, best

        for item in across.get("same_event", []):
            arts = [ids[f] for f in item["in"] if f in ids]
            ok, why = merged_with(item, arts)
            rows.append({"part": "across events", "item": f"{item['type']} {item.get('source')} -> {item.get('target')} in "
                         + " + ".join(f[:3] for f in item["in"]), "ok": ok, "why": why})
        for item in across.get("same_position", []):
            arts = [ids[f] for f in item["in"] if f in ids]
            ok, why = False, "no merged event with sources in both"
            for mid, ss in by_merged.items():
                hit = [s for s in ss if s["article"] in arts and party_ok(item.get("actor"), s["actor"])]
                if {s["article"] for s in hit} == set(arts):
                    ok, why = True, f"{mid}: {hit[0]['type']} ({len(ss)} sources)"
                    break
            rows.append({"part": "across positions", "item": item["what"], "ok": ok, "why": why})
        groups = con.execute("""SELECT v.group_id, v.text, v.article_id, coalesce(g.speaker_name, v.speaker_id), v.diff
                                FROM quote_variants v JOIN quote_groups g ON g.id = v.group_id""").fetchall()
        for item in across.get("quote_variants", []):
            want = [_fold(t) for t in item["texts"]]
            found, why = False, "no group holds both wordings"
            by_group: dict[str, list] = {}
            for gid, text, aid, spk, diff in groups:
                by_group.setdefault(gid, []).append((_fold(text), spk, json.loads(diff or "[]")))
            for gid, members in by_group.items():
                if all(any(w[:25] in t or t[:25] in w for t, _, _ in members) for w in want):
                    spk = {s for _, s, _ in members if s}
                    if item.get("speaker") and not any(_fold(item["speaker"]) == _fold(s) for s in spk):
                        why = f"{gid} groups them under {spk}"
                        continue
                    diffs = list(dict.fromkeys(f"{d['a']} / {d['b']}" for _, _, ds in members for d in ds
                                               if d["kind"] in ("censored", "number", "typography")))
                    found, why = True, f"{gid}; differing: {', '.join(diffs) or '-'}"
                    break
            rows.append({"part": "across quotes", "item": " / ".join(t[:30] for t in item["texts"]), "ok": found, "why": why})
        disputes = con.execute("SELECT id, record FROM claim_groups WHERE disputed").fetchall()
        for item in across.get("discrepancies", []):
            want = [v.split(" (")[0] for v in item["values"]]
            ok, why = False, "no disputed claim group holds both values"
            for gid, rec in disputes:
                vals = json.loads(rec)["values"]
                texts = [_fold(v.get("evidence") or "") for v in vals]
                if all(any(_fold(w) in t for t in texts) for w in want):
                    ok, why = True, f"{gid}: " + " vs ".join(f"{v['text']} ({v['day'] or 'undated'})" for v in vals)
                    break
            rows.append({"part": "across numbers", "item": item["what"], "ok": ok, "why": why})
        est = {r[0]: r[1:] for r in con.execute("SELECT article_id, estimate, lo, hi, confidence FROM pubdate_estimates").fetchall()}
        for f, true in sorted(truth.items()):
            if not true or f not in ids:
                continue
            t = true if isinstance(true, dt.date) else dt.date.fromisoformat(str(true))
            e = est.get(ids[f])
            if not e:
                rows.append({"part": "across pubdate", "item": f"{f[:3]} published {t}", "ok": False, "why": "no estimate"})
                continue
            point, lo, hi, conf = e
            inside = lo <= t and (hi is None or t <= hi)
            close = point is not None and abs((point - t).days) <= 3
            why = (f"estimate {point or '-'} in [{lo}, {hi or 'open'}], confidence {conf:.2f}"
                   + ("" if hi else "; open-ended: the text alone does not date it"))
            rows.append({"part": "across pubdate", "item": f"{f[:3]} published {t}", "ok": inside and (close or hi is None), "why": why})
    return rows
