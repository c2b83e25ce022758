"""The engine protocol: batch functions over items, in order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

# A batch function: a list of items in, one result per item out (the shape of Ray Data's map_batches).
Batch = Callable[[list[Any]], list[Any]]


class Engine(Protocol):
    """Runs batch functions over items, keeping their order."""

    name: str

    def map_batches(self, fn: Batch, items: Sequence[Any], stage: str, batch_size: int = 256) -> list[Any]:
        """`fn` over `items` in batches (a pure function: no model, nothing to load)."""
        ...

    def map_with(self, factory: Callable[[], Batch], items: Sequence[Any], stage: str, batch_size: int = 64,
                 num_gpus: float = 0) -> list[Any]:
        """`factory()` built once per worker (it loads models), then called on batches of `items`."""
        ...
