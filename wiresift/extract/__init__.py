"""Extract: pure functions from a parsed document to contract records.

Importing this package registers every extractor; the pipeline runs them in dependency
order. Each module fills one key of the extraction contract (docs/extract.schema.json).
"""
from . import entities, timexes, toponyms  # noqa: F401  (each module registers its extractor)
from . import actors  # noqa: F401
from . import quotes, events  # noqa: F401
from . import numbers  # noqa: F401  (after toponyms and actors: it reads them)
from .base import ParsedDoc, extractor, ordered, registered

CONTRACT_KEYS = ("actors", "events", "quotes", "timexes", "toponyms", "numbers")

__all__ = ["CONTRACT_KEYS", "ParsedDoc", "extractor", "ordered", "registered"]
