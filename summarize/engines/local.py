"""The local engine: every stage in this process, batch after batch (the default)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from summarize.engines.base import Batch


class LocalEngine:
    """Runs batch functions here; reports progress per batch."""

    name = "local"

    def __init__(self, progress: Callable[[str, int, int], None] | None = None) -> None:
        """`progress(stage, done, total)` is called after each batch."""
        self.progress = progress

    def map_batches(self, fn: Batch, items: Sequence[Any], stage: str, batch_size: int = 256) -> list[Any]:
        """`fn` over `items` in batches."""
        return self._run(fn, list(items), stage, batch_size)

    def map_with(self, factory: Callable[[], Batch], items: Sequence[Any], stage: str, batch_size: int = 64,
                 num_gpus: float = 0) -> list[Any]:
        """Build the worker once, then run it over batches."""
        return self._run(factory(), list(items), stage, batch_size)

    def _run(self, fn: Batch, items: list[Any], stage: str, batch_size: int) -> list[Any]:
        """Apply `fn` batch by batch, checking it returns one result per item."""
        out: list[Any] = []
        for start in range(0, len(items), max(1, batch_size)):
            batch = items[start:start + batch_size]
            results = fn(batch)
            if len(results) != len(batch):
                raise RuntimeError(f"stage {stage}: {len(results)} results for {len(batch)} items")
            out += results
            if self.progress is not None:
                self.progress(stage, len(out), len(items))
        return out
