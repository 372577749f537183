"""`wiresift eval quotes`: attribution spans against PolNeAR (political news, dev half).

The gold is ../shared/eval/quotes/polnear_dev.jsonl: 84 articles whose attributions carry
content, cue and source spans as character offsets (discontinuous spans as fragments). The
documents go through ``Pipeline(model).pipe`` exactly as users' articles do, so the figures
are those of the shipped code.

How we score (all per document, then summed):

* **exact**: a predicted span equals a gold span after trimming white space, quote marks and
  edge punctuation from every fragment (PolNeAR includes the marks of direct quotes and the
  final comma or stop of some contents; neither says anything about who said what).
* **overlap**: spans are paired one to one, most shared word tokens first; a pair counts
  when it shares at least one word token (``\\w+``). This is the "found it" measure.
* **token**: word-token precision and recall of everything marked as that role in the
  document (a stricter, length-weighted view of the same spans).

PolNeAR writes a quote that runs on after its cue ("“X,” he said. “Y”") or into the next
paragraph as *one* attribution with several content fragments; we emit one record per
quoted span, linked by ``continues``, so continuation chains are merged into one
multi-fragment prediction before scoring. Source and cue spans are scored as the sets of
distinct spans in the document.

**Speaker accuracy** is measured on content-matched (overlap) pairs whose gold names a
speaker (``speaker_resolved_silver``, else a non-pronoun ``speaker_text``): the prediction is
right when the last word of one name (its head: "Caddell", "Post", "poll") occurs among the
words of the other ("longtime Democratic pollster Pat Caddell"). A missing predicted
speaker counts as wrong.
"""
from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

from rich.table import Table

from ..paths import read_jsonl, require_shared

# figures we are read against (docs/anchors.md)
ANCHORS = {
    "CofeNet (BERT tagger), exact F1": {"content_exact": 72.9, "source_exact": 83.2, "cue_exact": 75.3},
    "textacy 0.13 (this dev set)": {"content_overlap": 26.3, "source_overlap": 24.0, "speaker_acc": 80.0},
    "CoreNLP quote annotator": {"content_exact": 17.5},
}
BARS = {"content_overlap": 85.0, "source_overlap": 80.0}

_WORD = re.compile(r"\w+")
_EDGE = " \t\n\r\"“”„‘’‚'`«».,;:!?…—–―-()[]{}*"
_PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "who",
             "which", "that", "his", "its", "their"}


def gold_path() -> Path:
    return require_shared("eval", "quotes", "polnear_dev.jsonl")


def load_gold(path: Path | None = None, limit: int | None = None) -> list[dict]:
    return read_jsonl(path or gold_path(), limit or None)


# -- spans ---------------------------------------------------------------------------------------

def _norm(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Trim white space, quote marks, edge punctuation and a possessive ending."""
    for _ in range(3):
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if e - s > 2 and text[e - 2:e] in ("'s", "’s"):
            e -= 2
        elif e - s > 1 and text[e - 1] in "'’" and text[e - 2] == "s":
            e -= 1
        else:
            break
    return (s, e) if e > s else None


def _frags(text: str, frags) -> tuple[tuple[int, int], ...]:
    out = [_norm(text, s, e) for s, e in frags]
    return tuple(sorted(f for f in out if f))


def _words(text: str, frags) -> frozenset[int]:
    out = set()
    for s, e in frags:
        out.update(s + m.start() for m in _WORD.finditer(text[s:e]))
    return frozenset(out)


def gold_attributions(doc: dict) -> list[dict]:
    text = doc["text"]
    out = []
    for a in doc["attributions"]:
        item = {"kind": a.get("quote_type_derived"), "speaker": _gold_speaker(a)}
        for role in ("content", "cue", "source"):
            span = a.get(role)
            frags = span.get("fragments") or [[span["start"], span["end"]]] if span else []
            item[role] = _frags(text, frags) if span else ()
        out.append(item)
    return out


def _gold_speaker(a: dict) -> str | None:
    if a.get("speaker_resolved_silver"):
        return a["speaker_resolved_silver"]
    if a.get("speaker_text") and not a.get("speaker_is_pronoun") and a["speaker_text"].lower() not in _PRONOUNS:
        return a["speaker_text"]
    return None


def predicted_attributions(text: str, quotes: list[dict]) -> list[dict]:
    """Our records as PolNeAR-shaped attributions: continuation chains become fragments."""
    root = list(range(len(quotes)))
    for i, q in enumerate(quotes):
        c = q.get("continues")
        if isinstance(c, int) and 0 <= c < len(quotes):
            root[i] = root[c] if c < i else c
    groups: dict[int, list[int]] = {}
    for i in range(len(quotes)):
        groups.setdefault(root[i], []).append(i)
    out = []
    for r, members in groups.items():
        head = quotes[r]
        item = {"kind": head.get("kind"), "speaker": head.get("speaker_name"), "records": members}
        item["content"] = _frags(text, [(quotes[i]["content"]["start"], quotes[i]["content"]["end"]) for i in members])
        for role in ("cue", "source"):
            span = head.get(role)
            item[role] = _frags(text, [(span["start"], span["end"])]) if span else ()
        out.append(item)
    return out


# -- matching ------------------------------------------------------------------------------------

def _pairs(text: str, gold: list[tuple], pred: list[tuple]) -> list[tuple[int, int]]:
    """One-to-one pairs of spans sharing word tokens, most shared first."""
    gw = [_words(text, g) for g in gold]
    pw = [_words(text, p) for p in pred]
    cands = []
    for i, g in enumerate(gw):
        if not g:
            continue
        for j, p in enumerate(pw):
            n = len(g & p)
            if n:
                cands.append((n, -abs(len(g) - len(p)), i, j))
    cands.sort(reverse=True)
    gi, pj, out = set(), set(), []
    for _, _, i, j in cands:
        if i not in gi and j not in pj:
            gi.add(i)
            pj.add(j)
            out.append((i, j))
    return out


def _score_role(text: str, gold: list[tuple], pred: list[tuple], tally: Counter, role: str, dedupe: bool) -> None:
    gold = [g for g in gold if g]
    pred = [p for p in pred if p]
    if dedupe:
        gold, pred = list(dict.fromkeys(gold)), list(dict.fromkeys(pred))
    tally[f"{role}_gold"] += len(gold)
    tally[f"{role}_pred"] += len(pred)
    tally[f"{role}_exact"] += sum((Counter(gold) & Counter(pred)).values())
    tally[f"{role}_overlap"] += len(_pairs(text, gold, pred))
    gw = frozenset().union(*(_words(text, g) for g in gold)) if gold else frozenset()
    pw = frozenset().union(*(_words(text, p) for p in pred)) if pred else frozenset()
    tally[f"{role}_tok_gold"] += len(gw)
    tally[f"{role}_tok_pred"] += len(pw)
    tally[f"{role}_tok_hit"] += len(gw & pw)


def _name_words(name: str) -> list[str]:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"'s\b|’s\b", "", name)
    return _WORD.findall(name)


def speaker_match(gold: str, pred: str | None) -> bool:
    """Same speaker when the head (last word) of one name is among the words of the other."""
    if not pred:
        return False
    g, p = _name_words(gold), _name_words(pred)
    if not g or not p:
        return False
    return g[-1] in p or p[-1] in g


def score_document(doc: dict, quotes: list[dict], tally: Counter, misses: list | None = None) -> None:
    text = doc["text"]
    gold = gold_attributions(doc)
    pred = predicted_attributions(text, quotes)
    for role, dedupe in (("content", False), ("cue", True), ("source", True)):
        _score_role(text, [g[role] for g in gold], [p[role] for p in pred], tally, role, dedupe)
    # per-attribution view: content pairs, then their sources and speakers
    pairs = _pairs(text, [g["content"] for g in gold], [p["content"] for p in pred])
    for g in gold:
        tally[f"kind_gold_{g['kind']}"] += 1
    matched_g = set()
    for i, j in pairs:
        g, p = gold[i], pred[j]
        matched_g.add(i)
        tally[f"kind_found_{g['kind']}"] += 1
        src_ok = (not g["source"] and not p["source"]) or bool(
            g["source"] and p["source"] and _words(text, g["source"]) & _words(text, p["source"]))
        tally["attr_match"] += src_ok
        if g["speaker"]:
            tally["spk_n"] += 1
            ok = speaker_match(g["speaker"], p["speaker"])
            tally["spk_ok"] += ok
            tally["spk_none"] += p["speaker"] is None
            tally[f"spk_n_{g['kind']}"] += 1
            tally[f"spk_ok_{g['kind']}"] += ok
    tally["attr_gold"] += len(gold)
    tally["attr_pred"] += len(pred)
    if misses is not None:
        for i, g in enumerate(gold):
            if i not in matched_g:
                misses.append((doc["doc_id"], "miss", g))
        got = {j for _, j in pairs}
        for j, p in enumerate(pred):
            if j not in got:
                misses.append((doc["doc_id"], "extra", p))


def _prf(hit: int, n_pred: int, n_gold: int) -> dict:
    p = hit / n_pred if n_pred else 0.0
    r = hit / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1)}


def summarise(tally: Counter) -> dict:
    out = {}
    for role in ("content", "cue", "source"):
        g, pr = tally[f"{role}_gold"], tally[f"{role}_pred"]
        out[role] = {
            "exact": _prf(tally[f"{role}_exact"], pr, g),
            "overlap": _prf(tally[f"{role}_overlap"], pr, g),
            "token": _prf(tally[f"{role}_tok_hit"], tally[f"{role}_tok_pred"], tally[f"{role}_tok_gold"]),
            "gold": g, "pred": pr,
        }
    out["attribution"] = _prf(tally["attr_match"], tally["attr_pred"], tally["attr_gold"])
    n = tally["spk_n"]
    out["speaker"] = {"accuracy": round(100 * tally["spk_ok"] / n, 1) if n else 0.0, "n": n,
                      "unresolved": tally["spk_none"],
                      "by_kind": {k: round(100 * tally[f"spk_ok_{k}"] / tally[f"spk_n_{k}"], 1)
                                  for k in ("direct", "mixed", "indirect") if tally[f"spk_n_{k}"]}}
    out["recall_by_kind"] = {k: round(100 * tally[f"kind_found_{k}"] / tally[f"kind_gold_{k}"], 1)
                             for k in ("direct", "mixed", "indirect") if tally[f"kind_gold_{k}"]}
    return out


# -- running -------------------------------------------------------------------------------------

def _pipeline(model: str | None):
    from ..extract import quotes as _quotes  # noqa: F401  (registers "quotes")
    from ..pipeline import Pipeline

    return Pipeline(model, extractors=["quotes"])


def evaluate(model: str = "md", limit: int | None = None, misses: list | None = None) -> dict:
    """Run the pipeline over the PolNeAR dev half and score its quotes."""
    docs = load_gold(limit=limit)
    pipe = _pipeline(model)
    records = [{"id": d["doc_id"], "text": d["text"], "published": d.get("publication_date"),
                "title": d.get("title")} for d in docs]
    t0 = time.perf_counter()
    results = list(pipe.pipe(records))
    seconds = time.perf_counter() - t0
    tally: Counter = Counter()
    errors = []
    for d, r in zip(docs, results):
        if "error" in r:
            errors.append((d["doc_id"], r["error"]))
            r = {"quotes": []}
        score_document(d, r.get("quotes", []), tally, misses)
    out = summarise(tally)
    words = sum(len(d["text"].split()) for d in docs)
    out.update({"model": pipe.model_label, "docs": len(docs), "words": words, "seconds": round(seconds, 1),
                "errors": errors, "anchors": ANCHORS, "bars": BARS})
    out["bars_met"] = {k: out[k.split("_")[0]][k.split("_")[1]]["f1"] >= v for k, v in BARS.items()}
    return out


def render(result: dict) -> list:
    title = (f"quotes on PolNeAR dev ({result['docs']} docs, {result['words']:,} words, model {result['model']}, "
             f"{result['seconds']} s)")
    t = Table("role", "measure", "P", "R", "F1", "gold", "ours", title=title, header_style="bold")
    for role in ("content", "source", "cue"):
        r = result[role]
        for measure in ("exact", "overlap", "token"):
            m = r[measure]
            bar = BARS.get(f"{role}_{measure}")
            f1 = f"{m['f1']:.1f}"
            if bar is not None:
                style = "green" if m["f1"] >= bar else "red"
                f1 = f"[{style}]{f1}[/{style}] (bar {bar:g})"
            t.add_row(role, measure, f"{m['p']:.1f}", f"{m['r']:.1f}", f1,
                      str(r["gold"]) if measure == "exact" else "", str(r["pred"]) if measure == "exact" else "")
    a = result["attribution"]
    t.add_row("content+source", "overlap", f"{a['p']:.1f}", f"{a['r']:.1f}", f"{a['f1']:.1f}", "", "")
    s = result["speaker"]
    t.add_row("speaker", "accuracy", "", "", f"{s['accuracy']:.1f}", f"{s['n']} matched", f"{s['unresolved']} unresolved")
    kinds = Table("gold kind", "content recall (overlap)", "speaker accuracy", title="by kind of quote",
                  header_style="bold")
    for k, v in result["recall_by_kind"].items():
        kinds.add_row(k, f"{v:.1f}", f"{result['speaker']['by_kind'].get(k, 0.0):.1f}")
    anchors = Table("system", "content exact", "content overlap", "source exact", "source overlap", "cue exact",
                    "speaker acc", title="anchors (docs/anchors.md)", header_style="bold")
    ours = {"content_exact": result["content"]["exact"]["f1"], "content_overlap": result["content"]["overlap"]["f1"],
            "source_exact": result["source"]["exact"]["f1"], "source_overlap": result["source"]["overlap"]["f1"],
            "cue_exact": result["cue"]["exact"]["f1"], "speaker_acc": result["speaker"]["accuracy"]}
    cols = ("content_exact", "content_overlap", "source_exact", "source_overlap", "cue_exact", "speaker_acc")
    anchors.add_row(f"[bold]wiresift ({result['model']})[/bold]", *(f"{ours[c]:.1f}" for c in cols))
    for name, figs in result["anchors"].items():
        anchors.add_row(name, *(f"{figs[c]:.1f}" if c in figs else "-" for c in cols))
    out = [t, kinds, anchors]
    met = result["bars_met"]
    out.append("bars: " + ", ".join(f"{k.replace('_', ' ')} F1 ≥ {BARS[k]:g} {'met' if v else 'NOT met'}"
                                    for k, v in met.items()))
    if result["errors"]:
        out.append(f"[red]{len(result['errors'])} document(s) failed[/red]: " + "; ".join(
            f"{i}: {e}" for i, e in result["errors"][:5]))
    return out
