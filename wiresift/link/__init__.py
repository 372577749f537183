"""Link: across articles. Copy groups, stories, merged events, quote variants, disputed
numbers and publication-date estimates, computed incrementally as articles are stored.

``update(con, article_ids)`` runs inside the ingest transaction of each batch (see
wiresift/jobs.py); ``relink(con)`` recomputes everything with the settings in force;
``unmerge`` and ``accept_pubdate`` record user decisions that survive both. Article-level
records are only read, never changed. Design notes: docs/linking.md.
"""
from .settings import load as load_settings
from .update import accept_pubdate, relink, unmerge, update

__all__ = ["accept_pubdate", "load_settings", "relink", "unmerge", "update"]
