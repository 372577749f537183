"""Clustering scores: pairwise and B-cubed precision, recall and F1.

Pairwise scores count pairs of items put together, which big clusters dominate; B-cubed
(Bagga and Baldwin 1998) scores each item by how much of its predicted cluster is in its
gold cluster and the other way round, so one wrong giant cluster and many small mistakes
weigh what they affect. Both are reported because they disagree in informative ways.
Inputs are {item: label} maps over the same items.
"""
from __future__ import annotations

from collections import defaultdict


def _groups(labels: dict) -> dict:
    g = defaultdict(set)
    for item, lab in labels.items():
        g[lab].add(item)
    return g


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(gold: dict, pred: dict) -> dict:
    items = sorted(set(gold) & set(pred))
    gp = {frozenset((a, b)) for grp in _groups({i: gold[i] for i in items}).values() for a in grp for b in grp if a < b}
    pp = {frozenset((a, b)) for grp in _groups({i: pred[i] for i in items}).values() for a in grp for b in grp if a < b}
    tp = len(gp & pp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    return {"precision": p, "recall": r, "f1": _f1(p, r), "gold_pairs": len(gp), "predicted_pairs": len(pp), "true_pairs": tp}


def bcubed(gold: dict, pred: dict) -> dict:
    items = sorted(set(gold) & set(pred))
    gg = _groups({i: gold[i] for i in items})
    pg = _groups({i: pred[i] for i in items})
    ps, rs = [], []
    for i in items:
        g, c = gg[gold[i]], pg[pred[i]]
        both = len(g & c)
        ps.append(both / len(c))
        rs.append(both / len(g))
    p = sum(ps) / len(ps) if ps else 1.0
    r = sum(rs) / len(rs) if rs else 1.0
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def scores(gold: dict, pred: dict) -> dict:
    items = set(gold) & set(pred)
    return {"items": len(items), "gold_clusters": len({gold[i] for i in items}),
            "predicted_clusters": len({pred[i] for i in items}),
            "pairwise": pairwise(gold, pred), "bcubed": bcubed(gold, pred)}


def false_merges(gold: dict, pred: dict) -> list[tuple]:
    """Pairs put in one predicted cluster whose gold labels differ."""
    items = sorted(set(gold) & set(pred))
    out = []
    for grp in _groups({i: pred[i] for i in items}).values():
        g = sorted(grp)
        for i, a in enumerate(g):
            for b in g[i + 1:]:
                if gold[a] != gold[b]:
                    out.append((a, b))
    return out
