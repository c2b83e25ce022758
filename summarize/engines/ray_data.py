"""The Ray engine: the same stage functions on Ray Data.

Items travel as pickled bytes in a two-column dataset (index, payload), so any of the pipeline's typed
objects can cross process boundaries unchanged; results are put back in input order by index (and
Ray Data is also asked to preserve order). Pure batch functions run as `map_batches` tasks; stages
that load models (embedding, claims, summaries) run as actor pools, each actor building its worker
once, with `num_gpus` where a stage can use a GPU. Clustering, cleaning (run-wide statistics) and
the brief's assembly stay on the driver.

    summarize brief crawl/ --engine ray                       # a local Ray instance on this machine
    summarize brief crawl/ --engine ray --ray-address ADDR    # an existing cluster ("auto", ray://host:10001)
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any

from summarize.engines.base import Batch

log = logging.getLogger(__name__)


class _Apply:
    """A Ray Data batch callable: unpickle the items, run the worker, pickle the results."""

    def __init__(self, factory: Callable[[], Batch]) -> None:
        """Build the worker (for an actor: once, when the actor starts)."""
        self.fn = factory()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        """One batch of rows {"i", "x"} → rows {"i", "y"}."""
        import numpy as np

        items = [pickle.loads(x) for x in batch["x"]]
        results = self.fn(items)
        if len(results) != len(items):
            raise RuntimeError(f"{len(results)} results for {len(items)} items")
        return {"i": np.asarray(batch["i"]), "y": np.array([pickle.dumps(r) for r in results], dtype=object)}


class _Pure:
    """Wrap a pure batch function as a factory (so tasks and actors share `_Apply`)."""

    def __init__(self, fn: Batch) -> None:
        """Keep the function."""
        self.fn = fn

    def __call__(self) -> Batch:
        """The function itself."""
        return self.fn


class RayEngine:
    """Runs the pipeline's batch functions on Ray Data."""

    name = "ray"

    def __init__(self, address: str | None = None) -> None:
        """Connect to `address`, or start a local Ray instance sized to this machine."""
        try:
            import ray
        except ImportError as exc:
            raise RuntimeError("--engine ray needs Ray: pip install 'summarize[ray]'") from exc
        if not ray.is_initialized():
            ray.init(address=address, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True,
                     logging_level=logging.WARNING, num_cpus=None if address else os.cpu_count())
        from ray.data import DataContext

        ctx = DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        self.cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]

    def map_batches(self, fn: Batch, items: Sequence[Any], stage: str, batch_size: int = 256) -> list[Any]:
        """`fn` over `items` as Ray Data tasks."""
        return self._run(_Pure(fn), items, stage, batch_size, actors=False, num_gpus=0)

    def map_with(self, factory: Callable[[], Batch], items: Sequence[Any], stage: str, batch_size: int = 64,
                 num_gpus: float = 0) -> list[Any]:
        """`factory()` once per actor of a pool, then batches of `items` through it."""
        return self._run(factory, items, stage, batch_size, actors=True, num_gpus=num_gpus)

    def _run(self, factory: Callable[[], Batch], items: Sequence[Any], stage: str, batch_size: int,
             actors: bool, num_gpus: float) -> list[Any]:
        """Build the dataset, map it, and return the results in input order."""
        import ray.data

        if not items:
            return []
        rows = [{"i": k, "x": pickle.dumps(item)} for k, item in enumerate(items)]
        blocks = max(1, min(len(rows), self.cpus * 2))
        ds: Any = ray.data.from_items(rows, override_num_blocks=blocks)
        size = max(1, min(batch_size, -(-len(rows) // blocks)))
        if actors:
            pool = max(1, min(self.cpus, blocks))
            ds = ds.map_batches(_Apply, fn_constructor_args=(factory,), batch_size=size, batch_format="numpy",
                                compute=ray.data.ActorPoolStrategy(size=pool), num_gpus=num_gpus or None)
        else:  # a pure function: plain tasks
            def task(batch: dict[str, Any]) -> dict[str, Any]:
                return _Apply(factory)(batch)

            ds = ds.map_batches(task, batch_size=size, batch_format="numpy")
        out: dict[int, Any] = {}
        for row in ds.iter_rows():
            out[int(row["i"])] = pickle.loads(row["y"])
        log.info("stage %s: %d items on Ray", stage, len(out))
        return [out[k] for k in range(len(items))]
