"""Expand what the user named (files, directories, globs, ``-``) into readable sources."""
from __future__ import annotations

import glob
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..records import IngestError

# Files in a corpus folder that document it rather than hold articles.
SKIP_NAMES = ("readme", "license", "licence", "changelog", "notice")
HEAD_BYTES = 64 * 1024


@dataclass
class Source:
    name: str  # what errors and the store call it
    path: Path | None = None
    data: bytes | None = None  # stdin, read once

    def open(self):
        return io.BytesIO(self.data) if self.data is not None else open(self.path, "rb")

    def head(self, n: int = HEAD_BYTES) -> bytes:
        with self.open() as f:
            return f.read(n)

    def size(self) -> int:
        return len(self.data) if self.data is not None else self.path.stat().st_size


def _skip(p: Path) -> bool:
    name = p.name.lower()
    return name.startswith(".") or name.startswith(SKIP_NAMES)


def expand(paths: list[str], stdin=None) -> Iterator[Source | IngestError]:
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield Source("<stdin>", data=stream.read())
            continue
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and not _skip(f)
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not files:
                yield IngestError(raw, None, "empty directory", "no files to ingest")
            for f in files:
                yield Source(str(f), path=f)
        elif p.is_file():
            yield Source(str(p), path=p)
        elif any(ch in raw for ch in "*?["):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if os.path.isfile(m))
            if not matches:
                yield IngestError(raw, None, "no files match this pattern")
            for m in matches:
                yield Source(m, path=Path(m))
        else:
            yield IngestError(raw, None, "no such file or directory")
