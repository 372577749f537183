"""The optional ``date YYYY-MM-DD`` first line that scrapers prepend to plain-text articles.

The rest of that line is the article's first sentence (see the seeds), so the header is a
span, not a line. A malformed date is reported, never guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

HEADER_RE = re.compile(r"^[ \t\ufeff]*date:?[ \t]+(\d{4}-\d{1,2}-\d{1,2}|\d{8})(?=[ \t]|$)[ \t]*", re.IGNORECASE)


@dataclass(frozen=True)
class Header:
    start: int
    end: int  # end of the date token (the header section); the first sentence follows
    published: dt.date | None
    error: str | None


def parse_header(text: str) -> Header | None:
    m = HEADER_RE.match(text)
    if not m:
        return None
    token = m.group(1)
    start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t\ufeff"))
    end = m.end(1)
    s = token if "-" in token else f"{token[:4]}-{token[4:6]}-{token[6:]}"
    y, mo, d = (int(x) for x in s.split("-"))
    try:
        return Header(start, end, dt.date(y, mo, d), None)
    except ValueError as exc:
        return Header(start, end, None, f"bad date {token!r} in the date header: {exc}")
