"""Bytes to text, with bad bytes reported rather than fatal.

Scraped text is UTF-8 with the odd broken byte; dropping a whole article for one byte loses
more than it protects. We decode with replacement and report the first bad line, so the user
sees exactly where the file is damaged. Binary files are refused outright.
"""
from __future__ import annotations

from ..records import IngestError

_TEXT_CONTROL = {9, 10, 12, 13}


def looks_binary(head: bytes) -> str | None:
    """A reason if ``head`` (the first KBs) is not text, else None."""
    if not head:
        return None
    if b"\x00" in head:
        return "binary file (NUL bytes)"
    ctrl = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROL)
    if ctrl / len(head) > 0.05:
        return f"binary file ({ctrl} control bytes in the first {len(head)})"
    return None


def decode(data: bytes, origin: str, locator: str | None = None, line_base: int = 1) -> tuple[str, IngestError | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = line_base + data.count(b"\n", 0, exc.start)
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd")
        where = locator or f"line {line}"
        return text, IngestError(origin, where, "undecodable bytes",
                                 f"{bad} invalid UTF-8 byte sequence(s), first at byte {exc.start}; replaced with U+FFFD",
                                 severity="warning")
