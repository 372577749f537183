"""The `wiresift` command line: one module per area registers its commands on one app."""
from . import articles, evals, events  # noqa: F401  (register commands)
from . import stories  # noqa: F401  (stories, story, disputes, unmerge, relink, pubdates, accept-date)
from .app import app

__all__ = ["app"]
