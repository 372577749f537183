"""Where things live: the package's own data, and the optional ../shared development material.

The product never needs ../shared to install, run or test; only build scripts (which convert
its raw data into wiresift/data) and `wiresift eval` read it. WIRESIFT_SHARED overrides the
default location next to the checkout.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
REPO_DIR = PACKAGE_DIR.parent


def parse_yaml(text: str | bytes):
    """YAML text parsed by libyaml when PyYAML has it (about 5x faster than the pure Python
    parser, same objects: both feed PyYAML's own safe constructor)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_yaml(path: Path):
    """A YAML data file, parsed as `parse_yaml` does."""
    return parse_yaml(Path(path).read_text(encoding="utf-8"))


def read_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    """The records of a JSON-lines data file (blank lines skipped), the first ``limit`` only
    when given: the gold sets are read this way."""
    import json

    out: list[dict] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(out) >= limit:
                break
            if line.strip():
                out.append(json.loads(line))
    return out


def shared_dir() -> Path | None:
    """The shared development material, or None when this checkout has none."""
    env = os.environ.get("WIRESIFT_SHARED")
    candidates = [Path(env)] if env else [REPO_DIR.parent / "shared", Path.cwd().parent / "shared"]
    for c in candidates:
        if (c / "gold").is_dir() or (c / "eval").is_dir():
            return c.resolve()
    return None


def require_shared(*parts: str) -> Path:
    """A path inside ../shared, or a clear error saying how to point at it."""
    base = shared_dir()
    if base is None:
        raise FileNotFoundError(
            "this needs the shared development material (../shared next to the checkout); "
            "set WIRESIFT_SHARED=/path/to/shared"
        )
    p = base.joinpath(*parts)
    if not p.exists():
        raise FileNotFoundError(f"missing {p}")
    return p
