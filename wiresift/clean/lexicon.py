"""The cleaner's word lists (wiresift/data/clean/noise.yaml), loaded once per process."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..paths import DATA_DIR, read_yaml


@dataclass(frozen=True)
class NoiseLexicon:
    agencies: tuple[str, ...]
    agency_re: re.Pattern
    connectors: frozenset[str]
    label_re: re.Pattern
    credit_labels: frozenset[str]
    photo_id_re: re.Pattern
    byline_prefixes: tuple[str, ...]
    boilerplate: frozenset[str]
    tag_prefixes: tuple[str, ...]
    unrelated_prefixes: tuple[str, ...]
    position_re: re.Pattern
    minor_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def lexicon() -> NoiseLexicon:
    raw = read_yaml(DATA_DIR / "clean" / "noise.yaml")
    agencies = tuple(sorted(raw["agencies"], key=len, reverse=True))
    agency_re = re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(a) for a in agencies) + r")(?![\w])", re.IGNORECASE
    )
    labels = "|".join(re.escape(w) for w in raw["credit_labels"])
    label_re = re.compile(rf"\(\s*(?:{labels})\s*:[^()]*\)\s*$|^\s*(?:{labels})\s*:\s*\S.*$", re.IGNORECASE)
    prefixes = "|".join(re.escape(p) for p in raw["photo_id_prefixes"])
    photo_id_re = re.compile(rf"(?:{prefixes})\d{{6,}}\b[ \t]*", re.IGNORECASE)
    position_re = re.compile("|".join(raw["caption_position_markers"]), re.IGNORECASE)
    return NoiseLexicon(
        agencies=agencies,
        agency_re=agency_re,
        connectors=frozenset(w.lower() for w in raw["credit_connectors"]),
        label_re=label_re,
        credit_labels=frozenset(w.lower() for w in raw["credit_labels"]),
        photo_id_re=photo_id_re,
        byline_prefixes=tuple(p.lower() for p in raw["byline_prefixes"]),
        boilerplate=frozenset(w.lower() for w in raw["boilerplate"]),
        tag_prefixes=tuple(p.lower() for p in raw["tag_prefixes"]),
        unrelated_prefixes=tuple(p.lower() for p in raw["unrelated_prefixes"]),
        position_re=position_re,
        minor_words=frozenset(w.lower() for w in raw["title_case_minor"]),
    )
