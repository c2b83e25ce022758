"""Engines (issue 16): the Ray engine gives the local engine's brief; the local engine keeps order."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from summarize.config import Settings
from summarize.engines import get_engine
from summarize.engines.local import LocalEngine
from summarize.model import Brief
from summarize.pipeline import run
from summarize.render.json_brief import brief_to_dict

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "events" / "dev.jsonl"
REQUIRED = "ray" in os.environ.get("SUMMARIZE_TEST_REQUIRE", "")


def test_local_engine_keeps_order_and_checks_lengths() -> None:
    seen: list[tuple[str, int, int]] = []
    engine = LocalEngine(lambda stage, done, total: seen.append((stage, done, total)))
    assert engine.map_batches(lambda xs: [x * 2 for x in xs], list(range(10)), "double", batch_size=3) == [
        x * 2 for x in range(10)]
    assert seen[-1] == ("double", 10, 10) and len(seen) == 4
    with pytest.raises(RuntimeError, match="2 results for 3 items"):
        engine.map_batches(lambda xs: xs[:2], [1, 2, 3], "short")
    with pytest.raises(ValueError, match="local or ray"):
        get_engine("spark")


def _comparable(data: dict) -> dict:  # type: ignore[type-arg]
    """A brief's JSON without the time it was written."""
    data = json.loads(json.dumps(data))
    data.pop("generated_at")
    return data


def test_ray_engine_gives_the_local_brief_on_dev(dev_brief: Brief) -> None:
    if not REQUIRED:  # CI requires it (SUMMARIZE_TEST_REQUIRE=ray): there a missing Ray fails
        pytest.importorskip("ray", reason="the Ray extra is not installed (pip install 'summarize[ray]')")
    import ray

    settings = Settings(summarizer="extractive", date="2024-11-30")
    local = brief_to_dict(dev_brief)  # the local engine's brief, same settings
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)  # a local instance of 2 CPUs
    try:
        remote = brief_to_dict(run([DEV], settings.model_copy(update={"engine": "ray"})))
    finally:
        ray.shutdown()
    local, remote = _comparable(local), _comparable(remote)
    assert [e["sources"] for e in remote["events"]] == [e["sources"] for e in local["events"]]
    assert [[(c["status"], c["statements"]) for c in e["claims"]] for e in remote["events"]] == [
        [(c["status"], c["statements"]) for c in e["claims"]] for e in local["events"]]
    assert remote == local
