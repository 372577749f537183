"""Named entities from the parse, as contract records.

spaCy's labels are kept as they are (PERSON, ORG, GPE, ...): the actor and place resolvers
build on them, and users comparing with other spaCy-based tools expect them.
"""
from __future__ import annotations

from .base import ParsedDoc, extractor


@extractor("entities")
def extract_entities(pdoc: ParsedDoc) -> list[dict]:
    out = []
    for ent in pdoc.doc.ents:
        text = pdoc.text[ent.start_char:ent.end_char]
        if not text.strip():
            continue
        out.append({
            "start": ent.start_char,
            "end": ent.end_char,
            "text": text,
            "label": ent.label_,
            "section": pdoc.section_kind(ent.start_char),
        })
    return out
