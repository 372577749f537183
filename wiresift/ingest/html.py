"""HTML pages: the article's main text via trafilatura, with its title, date and outlet.

The stored text is trafilatura's plain text (paragraphs on their own lines); offsets refer
to it. Page furniture that trafilatura keeps (captions, credits) is handled by the cleaner
like any other text.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator

from ..records import Article, IngestError, parse_iso_date
from .decode import decode

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def read_html_data(data: bytes, origin: str, locator: str | None = None, fmt: str = "html",
                   meta: dict | None = None) -> Iterator[Article | IngestError]:
    text, warn = decode(data, origin, locator)
    if warn:
        yield warn
    yield from html_article(text, origin, locator, fmt, meta or {})


def html_article(html: str, origin: str, locator: str | None, fmt: str, meta: dict) -> Iterator[Article | IngestError]:
    from trafilatura import bare_extraction  # noqa: PLC0415  (slow import; only when needed)

    from .text import text_article  # noqa: PLC0415

    try:
        doc = bare_extraction(html, url=meta.get("url"), with_metadata=True, include_comments=False,
                              include_tables=False, deduplicate=False)
    except Exception as exc:  # noqa: BLE001 - lxml raises many kinds on broken markup
        yield IngestError(origin, locator, "unreadable HTML", f"{type(exc).__name__}: {exc}")
        return
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        yield IngestError(origin, locator, "no article text found in HTML",
                          "the page has no main text block (broken, empty or not an article)")
        return
    meta = dict(meta)
    meta["title"] = meta.get("title") or getattr(doc, "title", None)
    meta["url"] = meta.get("url") or getattr(doc, "url", None)
    meta["outlet"] = meta.get("outlet") or getattr(doc, "sitename", None) or getattr(doc, "hostname", None)
    if meta.get("published") is None and getattr(doc, "date", None):
        try:
            meta["published"] = parse_iso_date(doc.date)
            meta["published_origin"] = "metadata"
        except ValueError:
            pass
    extra = dict(meta.get("extra") or {})
    for key in ("author", "description", "categories", "tags"):
        val = getattr(doc, key, None)
        if val:
            extra[f"html_{key}"] = val
    meta["extra"] = extra
    yield from text_article(text, origin, locator, fmt, **meta)
