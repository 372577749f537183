"""Store: the embedded DuckDB database (schema migrations, batch writes, short-lived reads)."""
from .db import DEFAULT_DB, SCHEMA_VERSION, Store, StoreBusy, StoreError, insert_rows
from .writer import write_batch

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Store", "StoreBusy", "StoreError", "insert_rows", "write_batch"]
