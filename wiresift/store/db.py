"""The embedded DuckDB store: connections, migrations and bulk inserts.

DuckDB lets one process write a file and refuses other processes while it does. To let
analysts query while a long ingest runs, the writer holds the file only for the few
hundred milliseconds it takes to commit a batch and readers open it read-only for one query;
both sides wait and retry when the other holds it. Within one process, connections are
cheap to open, so nothing keeps a handle between batches.
"""
from __future__ import annotations

import contextlib
import json
import os
import random
import re
import time
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

import duckdb

DEFAULT_DB = os.environ.get("WIRESIFT_DB", "wiresift.duckdb")
LOCK_WAIT_SECONDS = float(os.environ.get("WIRESIFT_LOCK_WAIT", "60"))


class StoreError(RuntimeError):
    pass


def dict_rows(con, sql: str, params=()) -> list[dict]:
    """The result of one query as plain dicts keyed by column name: what every read query
    returns, so one row serves a rich table, a CSV export and a JSON API."""
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def from_json(value, default=None):
    """A JSON column's value as Python objects (DuckDB hands JSON back as text); ``default``
    when it is not JSON at all."""
    if value is None or isinstance(value, (dict, list)):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return default


class StoreBusy(StoreError):
    pass


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration shipped with the package, in order."""
    out = []
    for entry in resources.files("wiresift.store").joinpath("migrations").iterdir():
        m = re.match(r"(\d+)_(.+)\.sql$", entry.name)
        if m:
            out.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(out)


SCHEMA_VERSION = max(v for v, _, _ in migrations())


def _is_lock_error(exc: Exception) -> bool:
    msg = str(exc)
    return "Could not set lock" in msg or "Conflicting lock" in msg


class Store:
    """A wiresift database file. ``with store.write() as con:`` is one transaction."""

    def __init__(self, path: str | os.PathLike = DEFAULT_DB, lock_wait: float = LOCK_WAIT_SECONDS):
        self.path = Path(path)
        self.lock_wait = lock_wait

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_wait
        delay = 0.05
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.IOException as exc:
                if not _is_lock_error(exc):
                    raise StoreError(f"cannot open {self.path}: {exc}") from None
                if time.monotonic() >= deadline:
                    pid = re.search(r"PID (\d+)", str(exc))
                    who = f" (process {pid.group(1)})" if pid else ""
                    raise StoreBusy(
                        f"{self.path} is held by another wiresift process{who} for more than "
                        f"{self.lock_wait:.0f} s; try again when it finishes"
                    ) from None
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)

    @contextlib.contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection, released as soon as the block ends."""
        if not self.exists:
            raise StoreError(f"no database at {self.path}: run `wiresift ingest PATH --db {self.path}` first")
        con = self._connect(read_only=True)
        try:
            version = self._version(con)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {version}, newer than this wiresift "
                    f"({SCHEMA_VERSION}); upgrade wiresift")
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def write(self, threads: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction on a read-write connection; rolled back on any exception.

        ``threads`` caps DuckDB's worker threads for this connection (default: one per core)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self._connect(read_only=False)
        try:
            if threads:
                con.execute(f"SET threads = {int(threads)}")
            self._migrate(con)
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        finally:
            con.close()

    def migrate(self) -> int:
        """Create or upgrade the schema; returns the version now in place."""
        with self.write():
            pass
        return SCHEMA_VERSION

    @staticmethod
    def _version(con) -> int:
        try:
            row = con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.CatalogException:
            return 0
        return row[0] or 0

    def _migrate(self, con) -> None:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR, "
            "applied_at TIMESTAMP DEFAULT current_timestamp)")
        current = self._version(con)
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {current}, newer than this wiresift ({SCHEMA_VERSION})")
        for version, name, sql in migrations():
            if version <= current:
                continue
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(sql)
                con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise

    # -- convenience for readers ------------------------------------------------------------
    def query(self, sql: str, params: Sequence | None = None) -> list[dict]:
        with self.read() as con:
            return dict_rows(con, sql, params or [])

    def scalar(self, sql: str, params: Sequence | None = None):
        with self.read() as con:
            row = con.execute(sql, params or []).fetchone()
            return row[0] if row else None


def insert_rows(con, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> int:
    """Bulk insert: one statement per table and batch, columns passed as lists.

    ``executemany`` costs about 1 ms a row in DuckDB; unnesting column lists is ~100x faster,
    which is what keeps storage out of the throughput budget.
    """
    if not rows:
        return 0
    cols = list(zip(*rows))
    unnests = ", ".join(f"unnest(${i + 1})" for i in range(len(columns)))
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {unnests}", [list(c) for c in cols])
    return len(rows)
