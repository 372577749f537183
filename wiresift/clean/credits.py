"""Find photo credits, picture ids and bylines inside a paragraph.

Credits are recognised by shape, not by listing known credits: a trailing chain of
capitalised names joined by slashes or "via" that names a photo agency or pool
("ALEXANDER KAZAKOV/POOL/AFP via Getty Images"), a labelled credit ("(Image: Getty )",
"Photo: Reuters"), an agency picture number opening a caption ("epa10455787"), or a
byline/signature line. The agency list only has to contain one party of the chain.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import lexicon

# Where a sentence may end before a trailing credit: terminal punctuation plus closing quotes.
_SENT_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|[\"'”’]\s+")
_WORD = re.compile(r"[^\s/]+")


@dataclass(frozen=True)
class CreditHit:
    start: int
    end: int
    strong: bool  # a credit form that only photo captions carry (agency picture ids)


def _is_credit_chain(chunk: str) -> bool:
    """Does ``chunk`` look like "Name Surname/Agency via Other Agency"?"""
    lex = lexicon()
    s = chunk.strip()
    if not s or len(s) > 160:
        return False
    words = _WORD.findall(s.replace("/", " / "))
    if not words or len(words) > 16:
        return False
    if "/" not in s and not re.search(r"(?<!\w)via(?!\w)", s) and not lex.agency_re.fullmatch(s):
        return False
    if not lex.agency_re.search(s):
        return False
    for w in words:
        core = w.strip("().,;:-–—'’\"")
        if not core or not any(ch.isalpha() for ch in core):
            continue
        if core.lower() in lex.connectors:
            continue
        if not core[0].isupper():
            return False
    return True


def _is_labelled_credit(chunk: str) -> bool:
    """"Photo: Reuters", "Image: Jane Doe/AFP": a credit label followed by a short name."""
    m = re.match(r"\s*([A-Za-z]+)\s*:\s*(\S.*)$", chunk)
    if not m or m.group(1).lower() not in lexicon().credit_labels:
        return False
    name = m.group(2).strip().rstrip(".")
    if not name or len(name) > 80 or len(name.split()) > 8:
        return False
    if lexicon().agency_re.search(name) or "/" in name:
        return True
    return all(w[0].isupper() or w.lower() in lexicon().connectors for w in name.split())


def _trailing_chain(text: str, a: int, b: int) -> int | None:
    """Start of a credit chain ending the paragraph text[a:b], or None."""
    seg = text[a:b]
    cands = [m.end() for m in _SENT_END.finditer(seg)]
    for c in cands:  # earliest sentence end whose remainder is a credit: a maximal credit
        if _is_credit_chain(seg[c:]) or _is_labelled_credit(seg[c:]):
            return a + c
    if _is_credit_chain(seg):  # the whole paragraph is a credit line
        return a
    # No punctuation before the credit ("... at the Kremlin Alexander Kazakov/AFP"): start at
    # the first slash-joined word and take the photographer's name before it: a run of
    # all-caps words when the credit is in caps, otherwise one capitalised first name.
    tail = re.search(r"\S*/\S.*$", seg)
    if tail and tail.start() > 0:
        start = tail.start()
        words_before = seg[:start].split()
        caps = seg[start:].split("/")[0].isupper()
        take = 0
        for w in reversed(words_before[-3:]):
            if (caps and w.isupper()) or (not caps and take == 0 and w[:1].isupper()):
                take += 1
            else:
                break
        for _ in range(take):
            start = seg.rfind(" ", 0, start - 1) + 1
        if start > 0 and _is_credit_chain(seg[start:]):
            return a + start
    return None


def find_credits(text: str, a: int, b: int) -> list[CreditHit]:
    """Credit spans inside the paragraph text[a:b] (sorted, non-overlapping)."""
    lex = lexicon()
    hits: list[CreditHit] = []
    # Agency picture number opening an agency caption.
    m = lex.photo_id_re.match(text, a, b)
    if m:
        end = a + len(m.group(0).rstrip())
        hits.append(CreditHit(a, end, True))
        a = m.end()
    seg = text[a:b]
    low = seg.lower()
    # Byline / signature line: the whole paragraph.
    stripped = low.lstrip("(").strip()
    if any(stripped.startswith(p) for p in lex.byline_prefixes) and len(seg) < 200:
        if not stripped.startswith("by ") or _looks_like_name_list(seg.lstrip("( ")[3:]):
            return hits + [CreditHit(a, b, False)]
    # Labelled credit at the end: "(Image: Getty )", "(AP Photo/Evan Vucci)".
    m = lex.label_re.search(seg) or re.search(r"\((?:[A-Z]{2,}\s+)?Photo/[^()]*\)\s*$", seg)
    if m:
        start = a + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        hits.append(CreditHit(start, a + len(seg.rstrip()), False))
        return hits
    c = _trailing_chain(text, a, b)
    if c is not None:
        while c < b and text[c].isspace():
            c += 1
        hits.append(CreditHit(c, b, False))
    return hits


def _looks_like_name_list(s: str) -> bool:
    """"Jane Doe and John Roe, Reuters" yes; "by the end of the week" no."""
    words = [w.strip(",;()") for w in s.split()]
    words = [w for w in words if w]
    if not words or len(words) > 12:
        return False
    lex = lexicon()
    return all(w[0].isupper() or w.lower() in lex.connectors or w.lower() in {"in", "at"} for w in words)
