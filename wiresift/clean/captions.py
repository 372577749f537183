"""Decide, once the text is parsed, whether a paragraph that ends in a photo credit is a caption.

Agency captions describe the picture in the present tense ("Putin meets Witkoff at the
Kremlin."); story paragraphs that a scraper glued to a credit are written in the past or
perfect ("Zelensky has repeatedly visited Washington ..."). The first sentence's main verb
tells them apart without a list of caption phrases.
"""
from __future__ import annotations

from dataclasses import replace

from ..records import Section

_PERFECT_AUX = {"have", "has", "had"}
_PRESENT_TAGS = {"VBZ", "VBP"}


def is_present_tense_description(span) -> bool:
    """True when the sentence's root verb is in the simple present (active or passive)."""
    root = span.root
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _PERFECT_AUX or a.tag_ in ("VBD", "MD") for a in aux):
        return False
    if root.tag_ in _PRESENT_TAGS:
        return True
    # The small tagger reads caption verbs as plural nouns ("Trump greets Putin", "A jet
    # launches from ..."): a plural-noun root that is not the first word is such a verb.
    if root.tag_ == "NNS" and root.i > span.start and root.lower_.endswith("s"):
        return True
    # "X is greeted by Y", "X is seen during ...": present passive / progressive.
    return root.tag_ in ("VBN", "VBG") and any(a.tag_ in _PRESENT_TAGS for a in aux)


def refine(sections: list[Section], weak: set[int], doc) -> list[Section]:
    """Turn weak caption candidates that are not present-tense descriptions back into body."""
    if not weak:
        return sections
    out = list(sections)
    for i in weak:
        s = out[i]
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            continue
        sents = list(span.sents)
        first = sents[0] if sents else span
        if len(sents) > 2 or not is_present_tense_description(first):
            out[i] = replace(s, kind="body")
    return out
