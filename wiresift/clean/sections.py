"""Split an article into typed sections with offsets into the original text.

Noise is kept as data, never deleted: every credit, tag line and unrelated headline stays in
the store as a section, so a user can see what was set aside and why, and later stages can
use captions while flagging what only a caption states.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..records import NLP_KINDS, Section
from . import shapes
from .credits import find_credits
from .header import parse_header
from .paragraphs import is_hard_wrapped, paragraphs


@dataclass
class Segmentation:
    sections: list[Section]
    published: dt.date | None = None
    header_error: str | None = None
    # Caption candidates that only a trailing credit marks; the tense check after parsing
    # decides (captions describe the photo in the present tense, see clean.captions).
    weak_captions: set[int] = field(default_factory=set)
    wrapped: bool = False


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


@dataclass
class _Para:
    start: int
    end: int
    credits: list  # CreditHit
    rest: tuple[int, int] | None  # the paragraph minus its credits
    kind: str = "body"
    weak: bool = False


def _classify(text: str, a: int, b: int) -> _Para:
    hits = find_credits(text, a, b)
    ra, rb = a, b
    for h in hits:
        if h.start <= ra:
            ra = max(ra, h.end)
        else:
            rb = min(rb, h.start)
    ra, rb = _trim(text, ra, rb)
    p = _Para(a, b, hits, (ra, rb) if rb > ra else None)
    if p.rest is None:
        p.kind = "credit"
        return p
    s = text[ra:rb]
    if shapes.unrelated_prefix(s):
        p.kind = "unrelated"
    elif shapes.is_tag_line(s):
        p.kind = "tag"
    elif hits or shapes.has_position_marker(s):
        strong = any(h.strong for h in hits) or shapes.has_position_marker(s) or not shapes.ends_sentence(s)
        p.kind, p.weak = "caption", not strong
    elif shapes.is_heading(s):
        p.kind = "heading"
    return p


def _mark_trailing_unrelated(text: str, paras: list[_Para]) -> None:
    """Headlines of other stories trailing after the story ends become ``unrelated``.

    Walk back from the end over headline-like lines (skipping credits and tags); stop at the
    first story paragraph. Nothing is marked if no story paragraph would remain before them.
    """
    run: list[_Para] = []
    vocab: dict[int, set[str]] | None = None
    for p in reversed(paras):
        if p.kind in ("credit", "tag", "unrelated"):
            continue
        s = text[p.rest[0]:p.rest[1]]
        if p.kind not in ("body", "heading"):
            break
        if shapes.is_headline_like(s):
            run.append(p)
            continue
        # Sentence-case headlines ("Heatwave grips southern Europe as temperatures top 40C"):
        # short, no full stop, and about something the story never mentions.
        if not shapes.ends_sentence(s) and len(s.split()) <= 20:
            if vocab is None:
                vocab = {id(q): shapes.content_words(text[q.rest[0]:q.rest[1]]) for q in paras if q.kind == "body"}
            story_words = set().union(*(w for k, w in vocab.items() if k != id(p) and k not in {id(r) for r in run}))
            own = shapes.content_words(s)
            if own and len(own & story_words) / len(own) < 0.5:
                run.append(p)
                continue
        break
    story_left = any(p.kind in ("body", "caption") and p not in run for p in paras)
    if run and story_left:
        for p in run:
            p.kind = "unrelated"
    # A "Related:" / "Read more" marker line turns the headline-like lines after it unrelated.
    after_marker = False
    for p in paras:
        if p.kind == "unrelated" and p.rest and shapes.unrelated_prefix(text[p.rest[0]:p.rest[1]]):
            after_marker = True
            continue
        if after_marker and p.kind in ("body", "heading") and shapes.is_headline_like(text[p.rest[0]:p.rest[1]]):
            p.kind = "unrelated"
        elif p.kind not in ("credit", "tag"):
            after_marker = False


def segment(text: str) -> Segmentation:
    """Typed sections covering every non-blank character of ``text``, in order."""
    seg = Segmentation(sections=[])
    pos = 0
    header = parse_header(text)
    out: list[Section] = []
    if header:
        out.append(Section(header.start, header.end, "header"))
        seg.published, seg.header_error = header.published, header.error
        pos = header.end
    seg.wrapped = is_hard_wrapped(text, pos)
    paras = [_classify(text, a, b) for a, b in paragraphs(text, pos, seg.wrapped)]
    _mark_trailing_unrelated(text, paras)
    for p in paras:
        pieces = [Section(h.start, h.end, "credit") for h in p.credits]
        if p.rest is not None and p.kind != "credit":
            pieces.append(Section(p.rest[0], p.rest[1], p.kind))
        for s in sorted(pieces, key=lambda s: s.start):
            if p.weak and s.kind == "caption":
                seg.weak_captions.add(len(out))
            out.append(s)
    seg.sections = out
    return seg


_NOT_NEWLINE = re.compile(r"[^\n]")


def nlp_text(text: str, sections: list[Section], wrapped: bool = False) -> str:
    """The text the NLP sees: same length as ``text``, non-NLP sections blanked to spaces.

    Newlines are kept so paragraph structure survives; inside hard-wrapped paragraphs single
    newlines become spaces so the parser does not split sentences at line wraps.
    """
    parts: list[str] = []
    pos = 0
    for s in sections:
        if s.kind not in NLP_KINDS:
            continue
        if s.start > pos:
            parts.append(_NOT_NEWLINE.sub(" ", text[pos:s.start]))
        chunk = text[s.start:s.end]
        parts.append(chunk.replace("\n", " ") if wrapped else chunk)
        pos = s.end
    parts.append(_NOT_NEWLINE.sub(" ", text[pos:]))
    return "".join(parts)
