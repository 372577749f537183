"""Quotation marks to quoted spans, from the characters alone.

News text mixes curly and straight marks, loses closing marks at paragraph ends (the
multi-paragraph convention opens every paragraph and closes only the last), writes ``''``
for ``"`` (NYT), and uses ``’`` both as a closing single quote and as an apostrophe. A
parser sees none of this reliably, so we pair marks here, before any syntax:

* the direction of a mark comes from its neighbours, not its glyph: ``”Fear.`` at the start
  of a line opens a quote even though the glyph is a closing one;
* quoted spans never cross a line break: a quote left open runs to the end of its line and
  is reported ``closed=False`` (the next line's quote is then its continuation, which the
  attribution step decides);
* single marks are only quotes when they pair up (an unpaired ``’`` is an apostrophe), except
  that an opened single quote inside a double-quoted span may run to the end of that span
  ("With Putin I said, ‘If you go into Ukraine ...").

Everything here is a pure function of the text, so it is cheap and easy to test on its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE + "`"

# What may stand right before an opening mark / right after a closing mark.
_BEFORE_OPEN = set(" \t\n([{—–-―/:;,") | set(DOUBLE_OPEN + SINGLE_OPEN)
_AFTER_CLOSE = set(" \t\n.,;:!?)]}—–-―…/") | set(DOUBLE_CLOSE + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE)


@dataclass(frozen=True)
class Quoted:
    """A span of text between quotation marks.

    ``start``/``end`` include the marks; ``inner_start``/``inner_end`` do not. ``closed`` is
    False when the closing mark is missing and the span was cut at the end of the line.
    ``nested`` holds the quoted spans inside this one (single marks inside double).
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    double: bool = True
    closed: bool = True
    nested: tuple["Quoted", ...] = field(default=())

    def inner(self, text: str) -> str:
        return text[self.inner_start:self.inner_end]


@dataclass(frozen=True)
class _Mark:
    pos: int
    length: int
    double: bool
    opens: bool
    closes: bool


def _classify(text: str, i: int, length: int, glyph_open: bool | None) -> tuple[bool, bool]:
    """(can open, can close) for the mark at ``text[i:i+length]``, decided by its neighbours."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + length] if i + length < len(text) else "\n"
    can_open = before in _BEFORE_OPEN and not after.isspace()
    can_close = not before.isspace() and after in _AFTER_CLOSE
    if can_open and can_close:  # e.g. a mark between two other marks: trust the glyph
        return (glyph_open is not False, glyph_open is not True)
    if not can_open and not can_close and before.isspace() and after.isspace() and length == 1 \
            and text[i] in STRAIGHT_DOUBLE + DOUBLE_OPEN + DOUBLE_CLOSE:
        # typesetters put a thin space between a single and a double mark: "... the term
        # 'outreach,' " he said" closes both, "“ ‘Fear’ is ..." opens both
        far_before = text[i - 2] if i > 1 else "\n"
        far_after = text[i + 2] if i + 2 < len(text) else "\n"
        if far_before in "'’" and glyph_open is not True:
            return (False, True)
        if far_after in "'‘" and glyph_open is not False:
            return (True, False)
    if not can_open and not can_close and glyph_open is not None:
        # spaces on both sides, or letters on both sides: only a curly glyph tells
        if before.isalnum() and after.isalnum():
            return (False, False)
        return (glyph_open, not glyph_open)
    return can_open, can_close


def _marks(text: str, lo: int, hi: int) -> list[_Mark]:
    out: list[_Mark] = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch not in ALL_MARKS:
            i += 1
            continue
        if ch in ("'", "`") and i + 1 < hi and text[i + 1] == ch:  # '' and `` stand for "
            o, c = _classify(text, i, 2, True if ch == "`" else None)
            out.append(_Mark(i, 2, True, o, c))
            i += 2
            continue
        if ch == "`":
            i += 1
            continue
        double = ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE or ch == STRAIGHT_DOUBLE
        glyph = True if ch in DOUBLE_OPEN + SINGLE_OPEN else False if ch in DOUBLE_CLOSE + SINGLE_CLOSE else None
        o, c = _classify(text, i, 1, glyph)
        if not double and i > lo and text[i - 1].isalnum() and i + 1 < hi and text[i + 1].isalnum():
            o = c = False  # an apostrophe inside a word: don't, Clinton’s
        out.append(_Mark(i, 1, double, o, c))
        i += 1
    return out


def _lines(text: str, lo: int, hi: int):
    start = lo
    while start < hi:
        nl = text.find("\n", start, hi)
        end = hi if nl < 0 else nl
        yield start, end
        start = end + 1


def _trim_end(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _pair(text: str, marks: list[_Mark], line_end: int, double: bool) -> list[Quoted]:
    """Pair opening and closing marks of one kind on one line, left to right."""
    spans: list[Quoted] = []
    open_mark: _Mark | None = None
    for m in marks:
        if m.double != double:
            continue
        if open_mark is None:
            if m.opens:
                open_mark = m
            continue
        if m.closes:
            spans.append(Quoted(open_mark.pos, m.pos + m.length, open_mark.pos + open_mark.length, m.pos,
                                double, True))
            open_mark = None
        elif m.opens:
            if double:
                # a second opening mark before any closing one: the first quote lost its
                # closing mark; end it just before the new one.
                end = _trim_end(text, open_mark.pos, m.pos)
                spans.append(Quoted(open_mark.pos, end, open_mark.pos + open_mark.length, end, double, False))
            open_mark = m
    if open_mark is not None and double:
        end = _trim_end(text, open_mark.pos, line_end)
        if end > open_mark.pos + open_mark.length:
            spans.append(Quoted(open_mark.pos, end, open_mark.pos + open_mark.length, end, double, False))
    return spans


def _singles(text: str, marks: list[_Mark], lo: int, hi: int, run_to_end: bool) -> list[Quoted]:
    """Single-quoted spans in ``text[lo:hi]``; an unclosed one runs to ``hi`` only if asked."""
    inside = [m for m in marks if not m.double and lo <= m.pos < hi]
    spans = _pair(text, inside, hi, double=False)
    if run_to_end:
        used = {q.start for q in spans}
        tail = [m for m in inside if m.opens and m.pos not in used and all(not (q.start <= m.pos < q.end) for q in spans)]
        if tail:
            m = tail[-1]
            end = _trim_end(text, m.pos, hi)
            while end > m.pos + 1 and text[end - 1] in ",":
                end -= 1
            if end > m.pos + m.length:
                spans.append(Quoted(m.pos, end, m.pos + m.length, end, False, False))
    return sorted(spans, key=lambda q: q.start)


def find_quoted(text: str, lo: int = 0, hi: int | None = None) -> list[Quoted]:
    """Top-level quoted spans in ``text[lo:hi]``, in order, each with its nested quotes.

    Double-quoted spans come first; single-quoted spans count at the top level only outside
    them (headlines and British style: ``Trump Was ‘Mocking’ Clinton Camp``).
    """
    hi = len(text) if hi is None else hi
    out: list[Quoted] = []
    for a, b in _lines(text, lo, hi):
        marks = _marks(text, a, b)
        if not marks:
            continue
        doubles = _pair(text, marks, b, double=True)
        for q in doubles:
            nested = _singles(text, marks, q.inner_start, q.inner_end, run_to_end=True)
            out.append(Quoted(q.start, q.end, q.inner_start, q.inner_end, True, q.closed, tuple(nested)))
        # single-quoted spans outside every double-quoted one
        gaps, prev = [], a
        for q in doubles:
            gaps.append((prev, q.start))
            prev = q.end
        gaps.append((prev, b))
        for ga, gb in gaps:
            out.extend(_singles(text, marks, ga, gb, run_to_end=False))
    out.sort(key=lambda q: q.start)
    return out
