"""Linking settings: thresholds, windows and weights, read from wiresift/data/link/settings.yaml.

Settings live in a data file so an analyst can change how eagerly wiresift merges without
touching code, then `wiresift relink` to recompute. The hash of the settings in force is
kept in the store (link_state), so the store says which settings its links came from.
"""
from __future__ import annotations

import copy
import functools
import hashlib
import json
from pathlib import Path

from ..paths import DATA_DIR, read_yaml

SETTINGS_FILE = DATA_DIR / "link" / "settings.yaml"


@functools.lru_cache(maxsize=4)
def _read(path: str) -> dict:
    return read_yaml(Path(path))


def load(path: str | Path | None = None, **overrides) -> dict:
    """The settings, with ``overrides`` like ``stories={"threshold": 0.3}`` merged in."""
    s = copy.deepcopy(_read(str(path or SETTINGS_FILE)))
    for section, values in overrides.items():
        if isinstance(values, dict):
            s.setdefault(section, {}).update(values)
        else:
            s[section] = values
    return s


def settings_hash(settings: dict) -> str:
    return hashlib.sha1(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:12]
