"""Rows of the `numeric_claims` table from the `numbers` extractor's records.

Kept apart from writer.py so the numbers extractor and its table travel together; the batch
writer calls ``write_numbers`` last, in the same transaction, with the same items.
"""
from __future__ import annotations

import json
from collections.abc import Sequence

from .db import insert_rows

COLUMNS = ("id", "article_id", "idx", "quantity", "low", "high", "unit", "qualifier", "start_char", "end_char", "text",
           "subject", "subject_class", "countries", "evidence_start", "evidence_end", "section", "record")


def write_numbers(con, items: Sequence[tuple]) -> int:
    """Replace the numeric claims of the batch's articles; returns the rows written."""
    ids = [art.id for art, _, _ in items]
    if not ids:
        return 0
    con.execute("DELETE FROM numeric_claims WHERE article_id IN (SELECT unnest($1))", [ids])
    rows = []
    for art, res, _ in items:
        for i, c in enumerate(res.get("numbers") or []):
            span = c.get("text") or {}
            ev = c.get("evidence") or {}
            rows.append((f"{art.id}:n{i}", art.id, i, c.get("quantity"), c.get("low"), c.get("high"), c.get("unit"),
                         c.get("qualifier"), span.get("start"), span.get("end"), span.get("text"), c.get("subject"),
                         c.get("subject_class"), list(c.get("countries") or []), ev.get("start"), ev.get("end"),
                         c.get("section"), json.dumps(c, ensure_ascii=False, sort_keys=True)))
    return insert_rows(con, "numeric_claims", COLUMNS, rows)
