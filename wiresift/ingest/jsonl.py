"""JSON-lines (and JSON array) feeds: one article per object.

Known fields are mapped (``id``, ``text`` or ``html``, ``title``, ``url``,
``source``/``outlet``, ``published``/``date``); everything else is kept in ``extra`` so no
source field is lost. Every bad line is reported with its number and the rest is read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..records import Article, IngestError, parse_iso_date
from .decode import decode
from .limits import MAX_LINE_BYTES

TEXT_FIELDS = ("text", "body", "content")
HTML_FIELDS = ("html", "raw_html")
OUTLET_FIELDS = ("source", "outlet", "publisher", "site", "sitename", "domain")
DATE_FIELDS = ("published", "date", "published_at", "publication_date", "pubdate", "datetime")
KNOWN = set(TEXT_FIELDS + HTML_FIELDS + OUTLET_FIELDS + DATE_FIELDS + ("id", "title", "url", "link"))


def iter_lines(stream, max_bytes: int = MAX_LINE_BYTES) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes or None when too long, length) without holding an overlong line."""
    n = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while True:  # skip the rest of the overlong line in chunks
                chunk = stream.readline(max_bytes)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield n, None, size
            continue
        yield n, line, len(line)


def read_jsonl(stream, origin: str) -> Iterator[Article | IngestError]:
    from .text import text_article  # noqa: PLC0415  (avoid an import cycle at module load)

    seen_any = False
    for n, line, size in iter_lines(stream):
        loc = f"line {n}"
        if line is None:
            yield IngestError(origin, loc, "line too long", f"{size:,} bytes; the limit is {MAX_LINE_BYTES:,}")
            continue
        if not line.strip():
            continue
        seen_any = True
        text, warn = decode(line, origin, loc)
        if warn:
            yield warn
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield IngestError(origin, loc, "malformed JSON", f"{exc.msg} at column {exc.colno}")
            continue
        yield from record_article(obj, origin, loc, "jsonl", text_article)
    if not seen_any:
        yield IngestError(origin, None, "empty file", "no JSON lines")


def read_json_array(data: bytes, origin: str) -> Iterator[Article | IngestError]:
    from .text import text_article  # noqa: PLC0415

    text, warn = decode(data, origin)
    if warn:
        yield warn
    try:
        arr = json.loads(text)
    except json.JSONDecodeError as exc:
        yield IngestError(origin, f"line {exc.lineno}", "malformed JSON", f"{exc.msg} at column {exc.colno}")
        return
    items = arr if isinstance(arr, list) else [arr]
    for i, obj in enumerate(items, 1):
        yield from record_article(obj, origin, f"item {i}", "json", text_article)


def record_article(obj, origin: str, loc: str, fmt: str, text_article) -> Iterator[Article | IngestError]:
    if not isinstance(obj, dict):
        yield IngestError(origin, loc, "not a JSON object", f"got {type(obj).__name__}")
        return
    meta: dict = {"title": _s(obj.get("title")), "url": _s(obj.get("url") or obj.get("link")),
                  "outlet": _s(next((obj[k] for k in OUTLET_FIELDS if obj.get(k)), None)),
                  "source_id": _s(obj.get("id"))}
    raw_date = next((obj[k] for k in DATE_FIELDS if obj.get(k)), None)
    if raw_date is not None:
        try:
            meta["published"] = parse_iso_date(raw_date)
            meta["published_origin"] = "metadata"
        except ValueError as exc:
            yield IngestError(origin, loc, "bad published date", str(exc), severity="warning")
    meta["extra"] = {k: v for k, v in obj.items() if k not in KNOWN}
    text = next((obj[k] for k in TEXT_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()), None)
    if text is None:
        html = next((obj[k] for k in HTML_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()), None)
        if html is None:
            yield IngestError(origin, loc, "no article text", "expected a non-empty 'text' or 'html' field")
            return
        from .html import html_article  # noqa: PLC0415

        yield from html_article(html, origin, loc, fmt, meta)
        return
    yield from text_article(text, origin, loc, fmt, **meta)


def _s(v) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None
