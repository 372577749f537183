"""Turn the inputs a user names into a stream of articles and errors, never raising.

Every problem with one file, line or record becomes an ``IngestError`` in the stream and
reading goes on with the next one; this is what lets a batch of 10,000 scraped files with a
few broken ones finish.
"""
from __future__ import annotations

import gzip
import io
from collections.abc import Iterator

from ..records import Article, IngestError
from .decode import looks_binary
from .detect import detect
from .html import read_html_data
from .jsonl import read_json_array, read_jsonl
from .sources import HEAD_BYTES, Source, expand
from .text import read_text_data
from .warc import read_warc


def read_source(src: Source) -> Iterator[Article | IngestError]:
    try:
        head = src.head(HEAD_BYTES)
    except OSError as exc:
        yield IngestError(src.name, None, "cannot read file", str(exc))
        return
    if not head.strip():
        yield IngestError(src.name, None, "empty file")
        return
    fmt, gz = detect(src.name, head)
    if fmt != "warc":
        probe = head
        if gz:
            from .detect import gunzip_head

            probe = gunzip_head(head)
        reason = looks_binary(probe)
        if reason:
            yield IngestError(src.name, None, reason, "not a text, JSONL, HTML or WARC file")
            return
    try:
        if fmt == "warc":
            with src.open() as f:
                yield from read_warc(f, src.name, src.size())
            return
        with src.open() as raw:
            stream = gzip.GzipFile(fileobj=raw) if gz else raw
            if fmt == "jsonl":
                yield from read_jsonl(stream, src.name)
                return
            data = stream.read()
        if fmt == "json":
            yield from read_json_array(data, src.name)
        elif fmt == "html":
            yield from read_html_data(data, src.name)
        else:
            yield from read_text_data(data, src.name)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield IngestError(src.name, None, "cannot read file", f"{type(exc).__name__}: {exc}")


def read_articles(paths: list[str], stdin: io.BufferedReader | None = None) -> Iterator[Article | IngestError]:
    """Articles and errors from files, directories, globs and ``-`` (stdin), in order."""
    for src in expand(paths, stdin):
        if isinstance(src, IngestError):
            yield src
            continue
        yield from read_source(src)
