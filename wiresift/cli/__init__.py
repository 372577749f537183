"""The `wiresift` command line: one module per area registers its commands on one app."""
from . import articles, evals, events  # noqa: F401  (register commands)
from .app import app

__all__ = ["app"]
