"""WARC / WARC.gz web archives: each HTML response record is one article.

A truncated or corrupt record ends the file (a WARC stream cannot be resynchronised), but
everything read before it is kept and the error names the record number.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..records import IngestError
from .html import read_html_data


def read_warc(stream, origin: str, size: int | None = None) -> Iterator:
    """Articles from ``stream``; ``size`` (bytes) lets us notice a file cut mid-record."""
    from warcio.archiveiterator import ArchiveIterator  # noqa: PLC0415

    n = 0
    found = 0
    records = ArchiveIterator(stream)
    try:
        for record in records:
            n += 1
            loc = f"record {n}"
            if record.rec_type is None or record.length is None:  # headers cut off mid-way
                yield IngestError(origin, loc, "truncated or corrupt WARC record",
                                  f"incomplete WARC headers; {found} article(s) before it were read")
                return
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            wanted = record.rec_type == "response" and "html" in ctype.lower()
            try:
                if wanted:
                    data = record.content_stream().read()
                else:  # drain in chunks: we only need to know the record is complete
                    while record.raw_stream.read(1 << 16):
                        pass
            except Exception as exc:  # noqa: BLE001
                yield IngestError(origin, loc, "truncated WARC record", f"{type(exc).__name__}: {exc}")
                return
            missing = getattr(record.raw_stream, "limit", 0) or 0
            if missing > 0:  # the file ends before the record's declared Content-Length
                yield IngestError(origin, loc, "truncated WARC record",
                                  f"{missing:,} of {record.length:,} bytes missing; {found} article(s) before it were read")
                return
            if not wanted:
                continue
            found += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            meta = {"url": uri, "extra": {"warc_date": record.rec_headers.get_header("WARC-Date"),
                                          "warc_record_id": record.rec_headers.get_header("WARC-Record-ID")}}
            yield from read_html_data(data, origin, loc, "warc", meta)
    except Exception as exc:  # noqa: BLE001 - warcio raises ArchiveLoadFailed, EOFError, zlib.error
        yield IngestError(origin, f"record {n + 1}", "truncated or corrupt WARC record",
                          f"{type(exc).__name__}: {str(exc)[:200]}; {found} article(s) before it were read")
        return
    if size is not None and records.offset < size:
        yield IngestError(origin, f"record {n + 1}", "truncated or corrupt WARC record",
                          f"unreadable data from byte {records.offset:,} of {size:,}; {found} article(s) before it were read")
    elif n == 0:
        yield IngestError(origin, None, "empty WARC file", "no records")
