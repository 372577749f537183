"""Linking evaluation: the clustering scores, the project's gold sets, the seeds' `across` items."""
from __future__ import annotations

import pytest

from wiresift.eval import clusters
from wiresift.eval.stories import load_hard_negatives, load_reuters_gold


def test_pairwise_and_bcubed_on_a_toy_clustering():
    gold = {"a": 1, "b": 1, "c": 2, "d": 3}
    perfect = clusters.scores(gold, gold)
    assert perfect["pairwise"]["f1"] == 1.0 and perfect["bcubed"]["f1"] == 1.0
    lumped = clusters.scores(gold, {k: 0 for k in gold})
    assert lumped["pairwise"]["precision"] == pytest.approx(1 / 6) and lumped["pairwise"]["recall"] == 1.0
    assert lumped["bcubed"]["recall"] == 1.0 and lumped["bcubed"]["precision"] == pytest.approx((2 / 4 * 2 + 1 / 4 * 2) / 4)
    split = clusters.scores(gold, {k: k for k in gold})
    assert split["pairwise"]["recall"] == 0.0 and split["bcubed"]["precision"] == 1.0
    assert clusters.false_merges(gold, {"a": 0, "b": 0, "c": 0, "d": 9}) == [("a", "c"), ("b", "c")]


def test_reuters_gold_is_well_formed():
    gold = load_reuters_gold()
    assert len(gold) >= 300
    assert len({g["id"] for g in gold}) == len(gold)
    stories = {}
    for g in gold:
        stories.setdefault(g["copy_group"], set()).add(g["story"])
    assert all(len(s) == 1 for s in stories.values())  # copies are always in one story
    assert sum(1 for g in gold if g["copy_group"] != f"copy-{g['id'].split('-')[1]}") >= 20


def test_hard_negatives_are_well_formed():
    items = load_hard_negatives()
    assert len(items) >= 15 and len({i["event"] for i in items}) >= 12
    assert any(i["published"] is None for i in items)  # some give the linker no date to lean on
    assert all(set(i) >= {"id", "event", "text", "published"} for i in items)


def test_seeds_across(shared, nlp_sm):
    """The seeds' `across` section through the real pipeline (sm) and incremental linking."""
    import importlib

    from wiresift.eval.seeds import run_seeds
    from wiresift.eval.stories import check_across

    for name in ("quotes", "events"):  # the across items need them; register them if the package does not yet
        importlib.import_module(f"wiresift.extract.{name}")

    results = {g["file"]: (art, res) for g, art, res in run_seeds("sm")}
    rows = check_across(results)
    by = {r["item"]: r for r in rows}
    assert by["001 + 003 one story"]["ok"]
    assert all(r["ok"] for r in rows if r["part"] == "across stories"), [r for r in rows if not r["ok"]]
    assert all(r["ok"] for r in rows if r["part"] in ("across quotes", "across numbers")), [r for r in rows if not r["ok"]]
