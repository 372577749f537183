"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent (a user's clone)."""
from __future__ import annotations

import pytest

from wiresift.paths import shared_dir


@pytest.fixture(scope="session")
def shared():
    base = shared_dir()
    if base is None:
        pytest.skip("../shared is not present in this checkout")
    return base


@pytest.fixture(scope="session")
def nlp_sm():
    """The small spaCy model: unit tests use it for speed; eval uses md."""
    from wiresift.parse import load_model

    return load_model("sm")
