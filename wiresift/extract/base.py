"""The per-document extraction contract, as Python.

An extractor is a pure function from a ``ParsedDoc`` to a list of JSON-ready dicts (the
shapes in docs/extract.schema.json). Extractors are registered by name with the outputs of
earlier extractors they need, spaCy-style, so the pipeline can order them and later issues
can add one without touching the others. Offsets in every record are offsets into
``ParsedDoc.text``, the article as ingested; because cleaning blanks noise out instead of
deleting it, spaCy token offsets already are such offsets.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..parse.docs import doc_text
from ..records import Section


@dataclass
class ParsedDoc:
    id: str
    text: str  # the original article text; all offsets point here
    published: dt.date | None
    sections: list[Section]
    doc: Any  # spacy.tokens.Doc over the cleaned text (same length as ``text``)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    results: dict[str, list[dict]] = field(default_factory=dict)  # outputs of earlier extractors
    # Run settings extractors may read, e.g. {"actors_files": ["my_actors.yaml"]} (--actors).
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def nlp_text(self) -> str:
        """The cleaned text the parse ran on (noise blanked, same length as ``text``); built once,
        as spaCy rebuilds ``Doc.text`` from every token on each access."""
        seen = self.__dict__.get("_nlp_text")
        if seen is None:
            seen = doc_text(self.doc) if self.doc is not None else self.text
            if len(seen) != len(self.text):
                seen = self.text
            self.__dict__["_nlp_text"] = seen
        return seen

    def span(self, start: int, end: int) -> dict:
        """``{"start", "end", "text"}`` for evidence, trimmed of what the NLP did not see.

        A sentence's character range can run over noise the cleaner blanked (a photo credit
        glued to the end of a paragraph: "... left thousands dead. NAME/AFP via Getty
        Images"). The parse saw only spaces there, so trimming white space in the cleaned
        text keeps the credit out of the evidence a user reads."""
        seen = self.nlp_text
        while start < end and seen[start].isspace():
            start += 1
        while end > start and seen[end - 1].isspace():
            end -= 1
        return {"start": start, "end": end, "text": self.text[start:end]}

    def section_at(self, char: int) -> Section | None:
        """The section holding character ``char`` (None in the whitespace between sections)."""
        lo, hi = 0, len(self.sections)
        while lo < hi:
            mid = (lo + hi) // 2
            s = self.sections[mid]
            if char < s.start:
                hi = mid
            elif char >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def section_kind(self, char: int) -> str:
        s = self.section_at(char)
        return s.kind if s else "body"

    def section_index(self, char: int) -> int | None:
        s = self.section_at(char)
        return self.sections.index(s) if s else None


Extractor = Callable[[ParsedDoc], list[dict]]


@dataclass(frozen=True)
class Registered:
    name: str
    func: Extractor
    requires: tuple[str, ...]


_REGISTRY: dict[str, Registered] = {}


def extractor(name: str, requires: tuple[str, ...] = ()):
    """Register ``func`` as the extractor that fills the contract key ``name``."""

    def deco(func: Extractor) -> Extractor:
        _REGISTRY[name] = Registered(name, func, tuple(requires))
        return func

    return deco


def registered() -> dict[str, Registered]:
    return dict(_REGISTRY)


def ordered(names: list[str] | None = None) -> list[Registered]:
    """Extractors in dependency order (stable in registration order otherwise)."""
    pool = registered()
    wanted = list(pool) if names is None else names
    out: list[Registered] = []
    seen: set[str] = set()

    def visit(n: str, stack: tuple[str, ...] = ()) -> None:
        if n in seen:
            return
        if n in stack:
            raise ValueError(f"extractor dependency cycle: {' -> '.join(stack + (n,))}")
        if n not in pool:
            raise KeyError(f"unknown extractor {n!r}; known: {', '.join(pool)}")
        for dep in pool[n].requires:
            visit(dep, stack + (n,))
        seen.add(n)
        out.append(pool[n])

    for n in wanted:
        visit(n)
    return out
