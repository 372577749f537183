"""The plain records that flow between stages.

Every stage takes and returns these (or dicts shaped by docs/extract.schema.json), never
framework objects, so a stage can be run, tested and replaced on its own. Offsets are always
Python string indices (Unicode code points) into ``Article.text`` exactly as ingested.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Section kinds, in the order a reader meets them on a news page.
SECTION_KINDS = ("header", "heading", "body", "caption", "credit", "tag", "unrelated")
# Kinds whose text the NLP stages see. Captions are parsed but flagged downstream.
NLP_KINDS = frozenset({"heading", "body", "caption"})


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    kind: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind}


@dataclass
class Article:
    """One article as read from its source, before any NLP.

    ``published_origin`` says where the date came from: ``header`` (a ``date YYYY-MM-DD``
    first line), ``metadata`` (a JSONL field, HTML metadata, WARC headers) or ``missing``.
    Analysts need to know which dates are the outlet's and which are absent, so we never
    fill a missing one here.
    """

    id: str
    text: str
    content_hash: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_origin: str = "missing"
    format: str = "text"
    origin: str = "-"  # file path or "<stdin>"
    locator: str | None = None  # "line 12", "record 3" inside the origin
    source_id: str | None = None  # the id the source gave, if any
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{self.origin}:{self.locator}" if self.locator else self.origin

    def as_input(self) -> dict:
        """The extraction-contract input line for this article."""
        d = {"id": self.id, "text": self.text,
             "published": self.published.isoformat() if self.published else None}
        for k in ("title", "url"):
            if getattr(self, k):
                d[k] = getattr(self, k)
        if self.outlet:
            d["source"] = self.outlet
        return d


@dataclass
class IngestError:
    """Bad input, reported once, stored, and never fatal to the batch."""

    origin: str
    locator: str | None
    reason: str
    detail: str = ""
    severity: str = "error"  # "error": nothing ingested from it; "warning": ingested with a repair

    def __str__(self) -> str:
        where = f"{self.origin}:{self.locator}" if self.locator else self.origin
        tail = f" ({self.detail})" if self.detail else ""
        return f"{where}: {self.reason}{tail}"


def parse_iso_date(value: Any) -> dt.date | None:
    """A date from an ISO-ish string (``2025-12-02``, ``2025-12-02T10:00:00Z``, ``20251202``).

    Raises ValueError with a readable message on anything else, so callers can report the
    exact field that was wrong instead of silently dropping a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    if len(s) == 8 and s.isdigit():
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    from dateutil import parser as dateutil_parser

    try:
        return dateutil_parser.isoparse(s).date()
    except (ValueError, OverflowError):
        raise ValueError(f"not a date: {s[:40]!r} (expected YYYY-MM-DD)") from None
