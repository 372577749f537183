"""Extract: pure functions from a parsed document to contract records.

Importing this package registers every extractor; the pipeline runs them in dependency
order. Each module fills one key of the extraction contract (docs/extract.schema.json).
"""
from . import entities, timexes, toponyms  # noqa: F401  (each module registers its extractor)
from .base import ParsedDoc, extractor, ordered, registered

CONTRACT_KEYS = ("actors", "events", "quotes", "timexes", "toponyms")

__all__ = ["CONTRACT_KEYS", "ParsedDoc", "extractor", "ordered", "registered"]
