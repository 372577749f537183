"""Size limits, shared by every reader so the same input gets the same answer everywhere."""
from __future__ import annotations

from ..records import IngestError

MAX_CHARS = 1_000_000  # spaCy's nlp.max_length: longer texts are refused, never truncated
MAX_LINE_BYTES = 16 * 1024 * 1024  # a JSONL line may carry HTML, so it may exceed MAX_CHARS


def too_long(origin: str, locator: str | None, size: int, unit: str = "characters") -> IngestError:
    limit = MAX_CHARS if unit == "characters" else 4 * MAX_CHARS
    return IngestError(origin, locator, "article too long",
                       f"{size:,} {unit}; the limit is {limit:,} (spaCy's max_length), so it was skipped, not truncated")
