"""Generation cache: sqlite + JSON, keyed by everything that changes the output."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from summarize.summary.gencache import GenCache, cache_key

BASE: dict[str, object] = {"backend": "hf", "model": "m", "revision": "r1", "prompt_sha256": "p",
                           "input_text": "نص المدخل", "params": {"max_new_tokens": 64, "num_beams": 1}}


def key(**changes: object) -> str:
    """cache_key over BASE with some fields changed."""
    return cache_key(**(BASE | changes))  # type: ignore[arg-type]


def test_every_component_changes_the_key() -> None:
    """Backend, model, revision, prompt, input and each parameter all matter; dict order does not."""
    variants = [key(backend="ct2-int8"), key(model="m2"), key(revision="r2"), key(prompt_sha256="q"),
                key(input_text="نص آخر"), key(params={"max_new_tokens": 65, "num_beams": 1})]
    assert len({key(), *variants}) == 1 + len(variants)
    assert key(params={"num_beams": 1, "max_new_tokens": 64}) == key()


def test_round_trip_persists_as_json(tmp_path: Path) -> None:
    """Values survive a new GenCache on the same file and are stored as JSON text, not pickle."""
    path = tmp_path / "sub" / "gen.sqlite3"
    GenCache(path).put(key(), "ملخص: قتل 12 شخصا.", {"model": "m"})
    again = GenCache(path)
    assert again.get(key()) == "ملخص: قتل 12 شخصا." and again.hits == 1
    assert again.get(key(model="other")) is None and again.misses == 1
    with sqlite3.connect(path) as db:
        value, meta = db.execute("SELECT value, meta FROM generations").fetchone()
    assert json.loads(value) == "ملخص: قتل 12 شخصا." and json.loads(meta) == {"model": "m"}
    assert len(again) == 1
