"""Shared helpers for the event-coding tests: the small model over one sentence, and readers
of the records it returns (sides by country, events by type or trigger)."""
from __future__ import annotations

import pytest

from wiresift.pipeline import Pipeline


@pytest.fixture(scope="module")
def run():
    """The pipeline (sm, loaded once per test module) on one text; fails on an error record."""
    pipe = Pipeline("sm")

    def _run(text: str, published: str | None = "2025-06-10") -> dict:
        rec = {"id": "t", "text": text}
        if published:
            rec["published"] = published
        out = pipe(rec)
        assert "error" not in out, out.get("error")
        return out

    return _run


def country_list(result: dict, ids: list[str]) -> list[str]:
    """The country of each actor id, in order (the group code when the actor has none)."""
    by_id = {a["id"]: a for a in result["actors"]}
    return [(by_id.get(i) or {}).get("country") or i[2:5] for i in ids]


def countries(result: dict, ids: list[str]) -> set[str]:
    return set(country_list(result, ids))


def find(result: dict, etype: str) -> list[dict]:
    return [e for e in result["events"] if e["type"] == etype]


def one(result: dict, etype: str, trigger: str | None = None) -> dict:
    """The surest event of a type (on a given trigger word), asserting there is one."""
    hits = [e for e in find(result, etype) if trigger is None or e["trigger"]["text"] == trigger]
    assert hits, f"no {etype} in {[(e['type'], e['trigger']['text']) for e in result['events']]}"
    return max(hits, key=lambda e: e["confidence"])


def by_trigger(result: dict, word: str) -> dict:
    hits = [e for e in result["events"] if e["trigger"]["text"] == word]
    assert hits, f"no event on {word!r}: {[(e['type'], e['trigger']['text']) for e in result['events']]}"
    return hits[0]


def types(result: dict) -> list[str]:
    return [e["type"] for e in result["events"]]
