"""Stable article identity.

``content_hash`` hashes the text after Unicode, case and whitespace normalisation, so the
same story re-scraped with different line breaks or curly quotes is recognised. The article
``id`` adds the (normalised) url when there is one: the same wire text at two urls is two
articles of one copy group (needed to count independent sources), while the same file
ingested twice is one article.
"""
from __future__ import annotations

import hashlib
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-"})


def normalise_text(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(t.split())


def normalise_url(url: str | None) -> str | None:
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(("utm_", "fbclid", "gclid"))])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _h(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    return _h(normalise_text(text))


def article_id(text: str, url: str | None = None) -> str:
    norm = normalise_text(text)
    u = normalise_url(url)
    return _h(norm if u is None else f"{norm}\x00{u}")
