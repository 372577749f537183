"""Split text into paragraphs with offsets.

Scraped news comes in two layouts: one paragraph per line (most scrapers, JSON feeds), or
hard-wrapped lines with blank lines between paragraphs (wire services, plain-text dumps).
Treating wrapped lines as paragraphs would cut sentences in half, so we detect the layout.
"""
from __future__ import annotations

import re

TERMINAL = ".!?\"'”’:;)]…"
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def is_hard_wrapped(text: str, start: int = 0) -> bool:
    """True when blank lines separate paragraphs and single newlines only wrap lines."""
    if not _BLANK.search(text, start):
        return False
    inner = 0
    unterminated = 0
    lengths = []
    for block in _BLANK.split(text[start:]):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if len(lines) < 2:
            continue
        for ln in lines[:-1]:  # a block's last line ends the paragraph
            inner += 1
            lengths.append(len(ln))
            if ln[-1] not in TERMINAL:
                unterminated += 1
    if inner < 3:
        return False
    lengths.sort()
    median = lengths[len(lengths) // 2]
    return 30 <= median <= 100 and unterminated / inner >= 0.6


def paragraphs(text: str, start: int = 0, wrapped: bool | None = None) -> list[tuple[int, int]]:
    """Paragraph (start, end) spans over ``text[start:]``, trimmed, empty ones dropped."""
    if wrapped is None:
        wrapped = is_hard_wrapped(text, start)
    spans: list[tuple[int, int]] = []
    if wrapped:
        pos = start
        for m in _BLANK.finditer(text, start):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(text)))
    else:
        spans = _lines(text, start, len(text))
    out = []
    for a, b in spans:
        a, b = _trim(text, a, b)
        if b > a:
            out.append((a, b))
    return out
