"""Which reader a file needs, decided by content first and name second.

Scrapers name files carelessly (HTML saved as .txt, JSON lines as .json), so an unambiguous
signature in the first bytes wins; the extension decides only between plain formats.
"""
from __future__ import annotations

import gzip
import json
import zlib

FORMATS = ("text", "jsonl", "json", "html", "warc")

_EXT = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc", ".arc": "warc",
}
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<meta", b"<div", b"<p>")


def gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64 * 1024)
    except zlib.error:
        return b""


def by_name(name: str) -> str | None:
    low = name.lower()
    if low.endswith(".gz"):
        low = low[:-3]
    for ext, fmt in _EXT.items():
        if low.endswith(ext):
            return fmt
    return None


def detect(name: str, head: bytes) -> tuple[str, bool]:
    """(format, gzipped) for a file called ``name`` starting with ``head``."""
    gz = head[:2] == b"\x1f\x8b"
    body = gunzip_head(head) if gz else head
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    low = stripped[:512].lower()
    if stripped.startswith(b"WARC/"):
        return "warc", gz
    if any(low.startswith(m) for m in _HTML_MARKS) or (low.startswith(b"<?xml") and b"<html" in low):
        return "html", gz
    named = by_name(name)
    if stripped.startswith(b"{"):
        first = stripped.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl", gz
        except ValueError:
            if named in ("jsonl", "json"):
                return "jsonl", gz  # the reader reports the malformed lines
    if stripped.startswith(b"[") and named in ("json", "jsonl", None):
        return "json", gz
    if named in ("jsonl", "json"):
        return "jsonl", gz
    return named if named in ("text", "html", "warc") else "text", gz


def open_maybe_gzip(path, gz: bool):
    return gzip.open(path, "rb") if gz else open(path, "rb")
