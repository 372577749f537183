"""Ingest: read articles from files, folders, globs, stdin; text, JSONL, HTML and WARC."""
from .identity import article_id, content_hash
from .read import read_articles, read_source

__all__ = ["article_id", "content_hash", "read_articles", "read_source"]
