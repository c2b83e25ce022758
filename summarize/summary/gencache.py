"""On-disk cache of generated text (sqlite, JSON values; never pickle).

Key = SHA-256 over a canonical JSON of (backend, model, revision, prompt hash,
input hash, generation parameters), so changing any of them misses the cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

SCHEMA = ("CREATE TABLE IF NOT EXISTS generations "
          "(key TEXT PRIMARY KEY, value TEXT NOT NULL, meta TEXT NOT NULL, created REAL NOT NULL)")
Scalar = str | int | float | bool | None


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a UTF-8 string."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_key(
    *, backend: str, model: str, revision: str, prompt_sha256: str, input_text: str,
    params: Mapping[str, Scalar],
) -> str:
    """Canonical key for one generation."""
    payload = {
        "backend": backend, "model": model, "revision": revision, "prompt": prompt_sha256,
        "input": sha256_text(input_text), "params": dict(sorted(params.items())),
    }
    return sha256_text(json.dumps(payload, sort_keys=True, ensure_ascii=False))


class GenCache:
    """A sqlite file mapping cache keys to generated strings."""

    def __init__(self, path: Path) -> None:
        """Open (creating if needed) the cache database at `path`."""
        self.path = path
        self.hits = 0
        self.misses = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A short-lived connection, committed and closed on exit (sqlite serialises writers)."""
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:
                yield db
        finally:
            db.close()

    def get(self, key: str) -> str | None:
        """The cached text for `key`, or None."""
        with self._connect() as db:
            row = db.execute("SELECT value FROM generations WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        value = json.loads(row[0])
        return value if isinstance(value, str) else None

    def put(self, key: str, value: str, meta: Mapping[str, Scalar] | None = None) -> None:
        """Store `value` under `key` (overwriting), with metadata for inspection."""
        meta_json = json.dumps(dict(meta or {}), ensure_ascii=False)
        row = (key, json.dumps(value, ensure_ascii=False), meta_json, time.time())
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO generations VALUES (?, ?, ?, ?)", row)

    def __len__(self) -> int:
        """Number of cached generations."""
        with self._connect() as db:
            (count,) = db.execute("SELECT COUNT(*) FROM generations").fetchone()
        return int(count)
