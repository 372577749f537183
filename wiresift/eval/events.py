"""`wiresift eval events`: PLOVER event coding against gold sentences.

Main set: ../shared/eval/events/plover_gsr_dev.jsonl, the dev half of the PLOVER gold
standard records (CAMEO manual examples recoded to PLOVER; CC BY-SA). One sentence, one gold
event (event type, source and target actors with CAMEO-style country codes). Secondary:
petr2_gsr_validation_silver.jsonl (PETRARCH-2 validation sentences, hand-corrected codings
mapped to PLOVER; "silver" because the mapping is mechanical), where a sentence may hold
several events or none.

Every sentence runs through ``Pipeline(model).pipe`` as a one-sentence article with no
published date, so the figures come from the code users run.

How a sentence's prediction is chosen: the system may output several events or none. We
take the event with the highest ``confidence`` (ties: the first in the text); a sentence
with no event is scored "none", which is wrong for type, actor and recipient alike. Negated
events count like any other (the gold has none, so a negated top event is simply wrong).

Scores:

* type accuracy: predicted type == gold type;
* macro-F1 over the gold types: per type, precision and recall of the single prediction
  per sentence, averaged over the 16 types the dev set uses;
* actor country accuracy, over sentences whose gold has a source: the predicted event's
  actors include one whose country is among the gold source codes; recipient country
  accuracy likewise over sentences whose gold has a target.

Hosts and visitors: the gold keeps CAMEO's sides for hosting (CAMEO 043 "host a visit" has
the host as source: "Yeltsin hosted Hashimoto" is RUS -> JPN), while PLOVER, and so this
coder, puts the visitor as actor and the host as recipient. For a CONSULT predicted for a
CONSULT sentence, the sides therefore count in either order, as seeds.yaml's matching rules
already allow, but only as a pair: the predicted recipient must hold a gold source and the
predicted actor a gold target (when the gold has one). ``gold_order_actor_country_accuracy``
gives the figure without this.

Country codes: the gold uses CAMEO-era codes; JAP, ITL and VTN are mapped to ISO-3 (JPN,
ITA, VNM), the rest already are ISO-3. The gold predates PLOVER's split of the non-state
codes: it codes the UN, the European Community, Amnesty International and the Red Cross all
as IGO, where PLOVER (and our actor base) has UNO, EUR, NGO ... So the seven non-state codes
(IGO UNO EUR NGO ISM IMG MNC) count as one class, "international non-state", when compared
with this gold; ``strict_actor_country_accuracy`` gives the figure without that merge.
For the silver set, a sentence is correct on type when the prediction's type is among its
gold events' types, and actor/recipient codes are the first three letters of the CAMEO
actor code ("USAGOV" -> USA, "IGOUNO" -> IGO).
"""
from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from ..paths import read_jsonl, require_shared
from ..pipeline import Pipeline

# importing registers the extractors the event coder reads (until the package imports them)
from ..extract import events as _events  # noqa: F401

CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
NON_STATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
ANCHORS = [
    ("GDELT (manual audit of 50 events, 2014)", "event code 81.2%", "Actor1 79.0%", "Actor2 78.5%"),
    ("PETRARCH / UniversalPetrarch on new data", "under 50% of events", "", ""),
]
BARS = {"type_accuracy": 0.85, "actor_country_accuracy": 0.90}


def _code(c: str | None, strict: bool = False) -> str | None:
    if not c:
        return None
    c = c.upper()[:3]
    c = CAMEO_TO_ISO.get(c, c)
    return "INTL" if c in NON_STATE and not strict else c


def _countries(actors: list[str], by_id: dict[str, dict], strict: bool = False) -> set[str]:
    out = set()
    for aid in actors:
        a = by_id.get(aid) or {}
        code = _code(a.get("country"), strict)
        if code is None and aid.startswith("c:"):
            code = _code(aid[2:5], strict)
        if code:
            out.add(code)
    return out


def choose(events: list[dict]) -> dict | None:
    """The sentence's predicted event: highest confidence, ties to the earliest."""
    best = None
    for e in events:
        if best is None or e["confidence"] > best["confidence"]:
            best = e
    return best


def load_rows(name: str, limit: int | None = None) -> list[dict]:
    return read_jsonl(require_shared("eval", "events", name), limit or None)


def _run(pipeline: Pipeline, rows: list[dict]) -> list[dict]:
    recs = [{"id": r["id"], "text": r["text"]} for r in rows]
    return list(pipeline.pipe(recs))


def _f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score_dev(rows: list[dict], results: list[dict]) -> dict:
    n = len(rows)
    correct = 0
    tp, fp, fn = Counter(), Counter(), Counter()
    act_n = act_ok = rec_n = rec_ok = strict_ok = order_ok = 0
    none = 0
    per_type = defaultdict(lambda: [0, 0])
    confusion = Counter()
    items = []
    for row, res in zip(rows, results):
        by_id = {a["id"]: a for a in res.get("actors", [])}
        ev = choose([e for e in res.get("events", [])]) if "error" not in res else None
        gold = row["event_type"]
        pred = ev["type"] if ev else "none"
        ok = pred == gold
        correct += ok
        per_type[gold][0] += ok
        per_type[gold][1] += 1
        if ok:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if ev:
                fp[pred] += 1
            confusion[(gold, pred)] += 1
        if not ev:
            none += 1
        g_src = {_code(s["code"]) for s in row["source"]}
        g_tgt = {_code(s["code"]) for s in row["target"]}
        p_src = _countries(ev["actor"], by_id) if ev else set()
        p_tgt = _countries(ev["recipient"], by_id) if ev else set()
        a_ok = r_ok = None
        swapped = gold == "CONSULT" and pred == "CONSULT" and bool(p_tgt & g_src) and (
            not g_tgt or bool(p_src & g_tgt))  # visitor/host order (module doc)
        if g_src:
            act_n += 1
            a_ok = bool(p_src & g_src)
            order_ok += a_ok
            a_ok = a_ok or swapped
            act_ok += a_ok
            strict_ok += bool(ev and _countries(ev["actor"], by_id, True) & {_code(s["code"], True) for s in row["source"]})
        if g_tgt:
            rec_n += 1
            r_ok = bool(p_tgt & g_tgt) or (swapped and bool(p_src & g_tgt))
            rec_ok += r_ok
        items.append({"id": row["id"], "text": row["text"], "gold": gold, "pred": pred,
                      "gold_source": sorted(g_src), "pred_source": sorted(p_src),
                      "gold_target": sorted(g_tgt), "pred_target": sorted(p_tgt),
                      "type_ok": ok, "actor_ok": a_ok, "recipient_ok": r_ok,
                      "trigger": ev["trigger"]["text"] if ev else None,
                      "n_events": len(res.get("events", []))})
    types = sorted(per_type)
    macro = sum(_f1(tp[t], fp[t], fn[t]) for t in types) / len(types) if types else 0.0
    return {
        "n": n,
        "type_accuracy": correct / n if n else 0.0,
        "macro_f1": macro,
        "actor_country_accuracy": act_ok / act_n if act_n else 0.0,
        "strict_actor_country_accuracy": strict_ok / act_n if act_n else 0.0,
        "gold_order_actor_country_accuracy": order_ok / act_n if act_n else 0.0,
        "recipient_country_accuracy": rec_ok / rec_n if rec_n else 0.0,
        "actor_n": act_n, "recipient_n": rec_n,
        "no_event": none,
        "per_type": {t: {"correct": per_type[t][0], "n": per_type[t][1],
                         "f1": _f1(tp[t], fp[t], fn[t])} for t in types},
        "confusion": [{"gold": g, "pred": p, "count": c} for (g, p), c in confusion.most_common(20)],
        "items": items,
    }


def score_silver(rows: list[dict], results: list[dict]) -> dict:
    with_ev = [(r, res) for r, res in zip(rows, results) if not r.get("no_events") and r["events"]]
    empty = [(r, res) for r, res in zip(rows, results) if r.get("no_events") or not r["events"]]
    ok = act_n = act_ok = rec_n = rec_ok = 0
    for r, res in with_ev:
        by_id = {a["id"]: a for a in res.get("actors", [])}
        ev = choose(res.get("events", []))
        types = {e["plover_event_type"] for e in r["events"] if e.get("plover_event_type")}
        if ev and ev["type"] in types:
            ok += 1
        srcs = {_code(e["source_code"]) for e in r["events"] if e.get("source_code", "---")[:3] != "---"}
        tgts = {_code(e["target_code"]) for e in r["events"] if e.get("target_code", "---")[:3] != "---"}
        if srcs:
            act_n += 1
            act_ok += bool(ev and _countries(ev["actor"], by_id) & srcs)
        if tgts:
            rec_n += 1
            rec_ok += bool(ev and _countries(ev["recipient"], by_id) & tgts)
    fp_empty = sum(1 for _, res in empty if res.get("events"))
    return {
        "n": len(rows), "with_events": len(with_ev), "without_events": len(empty),
        "type_accuracy": ok / len(with_ev) if with_ev else 0.0,
        "actor_country_accuracy": act_ok / act_n if act_n else 0.0,
        "recipient_country_accuracy": rec_ok / rec_n if rec_n else 0.0,
        "events_on_empty": fp_empty,
    }


def evaluate(model: str = "md", limit: int | None = None, silver: bool = True,
             pipeline: Pipeline | None = None) -> dict:
    """Run the dev (and silver) sets through the pipeline and score them (see module doc)."""
    pipeline = pipeline or Pipeline(model)
    dev_rows = load_rows("plover_gsr_dev.jsonl", limit)
    t0 = time.perf_counter()
    dev_res = _run(pipeline, dev_rows)
    dev_secs = time.perf_counter() - t0
    out = {"model": pipeline.model_label, "dev": score_dev(dev_rows, dev_res),
           "dev_seconds": dev_secs}
    if silver:
        s_rows = load_rows("petr2_gsr_validation_silver.jsonl", limit)
        out["silver"] = score_silver(s_rows, _run(pipeline, s_rows))
    dev = out["dev"]
    out["bars"] = {k: {"bar": v, "value": dev[k], "ok": dev[k] >= v} for k, v in BARS.items()}
    out["ok"] = all(b["ok"] for b in out["bars"].values())
    return out


def render(result: dict) -> list:
    """Rich tables: the headline figures beside the anchors, per-type scores, confusions."""
    from rich.table import Table

    dev = result["dev"]
    t = Table(title=f"PLOVER events, gold dev sentences (n={dev['n']}, model {result['model']})")
    t.add_column("system")
    t.add_column("event type", justify="right")
    t.add_column("macro-F1", justify="right")
    t.add_column("actor country", justify="right")
    t.add_column("recipient country", justify="right")
    t.add_row("wiresift", f"{dev['type_accuracy']:.1%}", f"{dev['macro_f1']:.3f}",
              f"{dev['actor_country_accuracy']:.1%} (n={dev['actor_n']})",
              f"{dev['recipient_country_accuracy']:.1%} (n={dev['recipient_n']})")
    if "silver" in result:
        s = result["silver"]
        t.add_row(f"wiresift, PETR-2 silver (n={s['with_events']} with events)",
                  f"{s['type_accuracy']:.1%}", "",
                  f"{s['actor_country_accuracy']:.1%}", f"{s['recipient_country_accuracy']:.1%}")
    for name, ev, a1, a2 in ANCHORS:
        t.add_row(f"[dim]{name}[/dim]", f"[dim]{ev}[/dim]", "", f"[dim]{a1}[/dim]", f"[dim]{a2}[/dim]")
    t.add_row("wiresift, actor country without merging non-state codes", "", "",
              f"{dev['strict_actor_country_accuracy']:.1%}", "")
    t.add_row("wiresift, actor country with hosts as the gold's sources (no either-order CONSULT)", "", "",
              f"{dev['gold_order_actor_country_accuracy']:.1%}", "")
    for k, b in result["bars"].items():
        t.add_row(f"bar: {k.replace('_', ' ')}", f"≥ {b['bar']:.0%}", "", "ok" if b["ok"] else "[red]below[/red]", "")
    tables = [t]
    pt = Table(title="per gold type")
    pt.add_column("type")
    pt.add_column("correct", justify="right")
    pt.add_column("F1", justify="right")
    for ty, v in sorted(dev["per_type"].items()):
        pt.add_row(ty, f"{v['correct']}/{v['n']}", f"{v['f1']:.2f}")
    tables.append(pt)
    ct = Table(title="most frequent confusions (gold -> predicted)")
    ct.add_column("gold")
    ct.add_column("predicted")
    ct.add_column("n", justify="right")
    for c in dev["confusion"][:12]:
        ct.add_row(c["gold"], c["pred"], str(c["count"]))
    tables.append(ct)
    if "silver" in result:
        s = result["silver"]
        st = Table(title="PETR-2 validation, silver PLOVER (secondary)")
        st.add_column("sentences")
        st.add_column("type", justify="right")
        st.add_column("actor", justify="right")
        st.add_column("recipient", justify="right")
        st.add_column("events on event-less sentences", justify="right")
        st.add_row(str(s["n"]), f"{s['type_accuracy']:.1%}", f"{s['actor_country_accuracy']:.1%}",
                   f"{s['recipient_country_accuracy']:.1%}", f"{s['events_on_empty']}/{s['without_events']}")
        tables.append(st)
    return tables


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - manual runs
    import argparse

    from rich.console import Console

    ap = argparse.ArgumentParser(description="PLOVER event coding on the gold dev sentences")
    ap.add_argument("--model", default="md")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", action="store_true", help="list the sentences coded wrong")
    ap.add_argument("--json", type=Path, help="write the full result here")
    args = ap.parse_args(argv)
    res = evaluate(args.model, args.limit)
    console = Console()
    for tb in render(res):
        console.print(tb)
    if args.errors:
        for it in res["dev"]["items"]:
            if not (it["type_ok"] and it["actor_ok"] is not False):
                console.print(f"{it['id']}: gold {it['gold']} {it['gold_source']}->{it['gold_target']}  "
                              f"pred {it['pred']} {it['pred_source']}->{it['pred_target']} [{it['trigger']}]\n   {it['text']}",
                              markup=False, highlight=False)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0 if res["ok"] else 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
