"""The gold matching rules shared by `eval seeds` and `eval samples` (wiresift/eval/seeds.py)."""
from __future__ import annotations

from wiresift.eval.seeds import _actor_ok, _norm


def test_names_match_without_diacritics():
    # wire copy writes "Antonio Guterres", the knowledge base keeps "António Guterres"
    assert _norm("António Guterres") == _norm("Antonio Guterres")
    assert _norm("Recep Tayyip Erdoğan") == _norm("Recep Tayyip Erdogan")
    assert _norm("Félix Tshisekedi") != _norm("Felix Tshisekedi Tshilombo")


def test_actor_side_by_name_or_country():
    actors = {"p:x": {"name": "Pedro Sánchez", "country": "ESP"}}
    assert _actor_ok("Pedro Sanchez", ["p:x"], actors)
    assert _actor_ok({"country": ["FRA", "ESP"]}, ["p:x"], actors)
    assert not _actor_ok("Pedro Pascal", ["p:x"], actors)
