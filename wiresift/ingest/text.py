"""Plain-text articles: one file, one article, optional ``date YYYY-MM-DD`` first line."""
from __future__ import annotations

from collections.abc import Iterator

from ..clean.header import parse_header
from ..records import Article, IngestError
from .decode import decode
from .identity import article_id, content_hash
from .limits import MAX_CHARS, too_long


def read_text_data(data: bytes, origin: str, fmt: str = "text") -> Iterator[Article | IngestError]:
    # A file this many bytes is over the character limit whatever its encoding.
    if len(data) > 4 * MAX_CHARS:
        yield too_long(origin, None, len(data), unit="bytes")
        return
    text, warn = decode(data, origin)
    if warn:
        yield warn
    yield from text_article(text, origin, None, fmt)


def text_article(text: str, origin: str, locator: str | None, fmt: str = "text",
                 **meta) -> Iterator[Article | IngestError]:
    if not text.strip():
        yield IngestError(origin, locator, "empty article", "no text")
        return
    if len(text) > MAX_CHARS:
        yield too_long(origin, locator, len(text))
        return
    published, origin_kind = meta.pop("published", None), meta.pop("published_origin", None)
    if published is None:
        header = parse_header(text)
        if header and header.published:
            published, origin_kind = header.published, "header"
        elif header and header.error:
            yield IngestError(origin, locator or "line 1", "bad date header", header.error, severity="warning")
    url = meta.get("url")
    yield Article(id=article_id(text, url), text=text, content_hash=content_hash(text),
                  published=published, published_origin=origin_kind or ("metadata" if published else "missing"),
                  format=fmt, origin=origin, locator=locator, **meta)
