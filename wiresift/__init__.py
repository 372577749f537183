"""wiresift: news articles in, an auditable record of political events out.

The data flows ingest -> clean -> parse -> extract -> link -> store -> serve; each stage is
a subpackage. ``wiresift.api`` (re-exported here) mirrors the command line.
"""
import importlib

__version__ = "0.1.0"

_API = ("ingest", "extract", "extract_file", "articles", "article", "errors", "events", "quotes", "highlights",
        "export", "summary", "samples_dir", "stories", "story", "merged_events", "quote_variants", "disputes",
        "pubdates", "unmerge", "relink", "accept_date")


def __getattr__(name):  # lazy: `import wiresift` must not load spaCy or DuckDB
    if name in _API:
        return getattr(importlib.import_module("wiresift.api"), name)
    raise AttributeError(f"module 'wiresift' has no attribute {name!r}")
