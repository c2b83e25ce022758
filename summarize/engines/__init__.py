"""Engines: where the pipeline's per-article and per-event work runs.

The pipeline hands an engine its stage functions; the engine only decides where they run. `local` runs
them in this process (the default, no extra dependency); `ray` runs them on Ray Data (`map_batches`
over articles and events, actor pools for the stages that hold models), on a local Ray instance or an
existing cluster. The stage functions are the same in both.
"""

from __future__ import annotations

from collections.abc import Callable

from summarize.engines.base import Batch, Engine

__all__ = ["Batch", "Engine", "get_engine"]


def get_engine(name: str, address: str | None = None, progress: Callable[[str, int, int], None] | None = None
               ) -> Engine:
    """The named engine: "local" (default) or "ray" (needs `pip install 'summarize[ray]'`)."""
    if name == "local":
        from summarize.engines.local import LocalEngine

        return LocalEngine(progress)
    if name == "ray":
        from summarize.engines.ray_data import RayEngine

        return RayEngine(address)
    raise ValueError(f"unknown engine {name!r}: local or ray")
