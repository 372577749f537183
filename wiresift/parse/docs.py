"""Turn cleaned text into parsed spaCy Docs, respecting section boundaries.

We tokenise ourselves and mark the first token of every kept section as a sentence start
before the parser runs: scraped text often puts a caption or heading on its own line with no
final full stop, and without the mark the parser glues it to the next paragraph, which then
yields events whose evidence straddles a caption and the story.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy
from spacy.attrs import IDX

from ..records import NLP_KINDS, Section


# Where make_doc keeps the string it tokenised (see doc_text).
TEXT_KEY = "wiresift.text"


def doc_text(doc) -> str:
    """``doc.text``, without the rebuild: spaCy joins every token's text on each access (about
    1 ms for a news article, paid by every extractor that asks). spaCy's tokenizer keeps the
    text exactly, so the string make_doc tokenised is the same text."""
    data = getattr(doc, "user_data", None)  # anything with a .text will do
    text = data.get(TEXT_KEY) if data else None
    return doc.text if text is None else text


def text_of(span) -> str:
    """``span.text``, cut from doc_text (spaCy joins the span's tokens on each access)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def make_doc(nlp, cleaned_text: str, sections: Sequence[Section]):
    doc = nlp.make_doc(cleaned_text)
    doc.user_data[TEXT_KEY] = cleaned_text
    starts = sorted({s.start for s in sections if s.kind in NLP_KINDS})
    if not starts or len(doc) == 0:
        return doc
    # char -> token index by binary search over the token offsets (an array, so no Token
    # objects are made for the thousand tokens that start no section).
    idx = doc.to_array(IDX)
    for i, start in zip(numpy.searchsorted(idx, starts).tolist(), starts):
        if 0 < i < len(idx) and idx[i] == start:
            doc[i].is_sent_start = True
    return doc


def parse_docs(nlp, docs: Iterable, batch_size: int = 64) -> Iterator:
    """Run the model's components over pre-tokenised Docs (order preserved)."""
    yield from nlp.pipe(docs, batch_size=batch_size)
