"""Backend selection (auto / hf / ct2 / extractive) and the `models` command functions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from summarize.summary.backends import modelhub
from summarize.summary.backends.base import SummarizerUnavailable
from summarize.summary.backends.registry import get_summarizer

from tiny_models import tiny_models_fixture  # noqa: F401


class HashEmbedder:
    """A deterministic stand-in embedder (the extractive backend only needs the interface here)."""

    name = "hash"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One-hot-ish unit vectors from a hash of each text."""
        rows = np.zeros((len(texts), 8), dtype=np.float32)
        for i, text in enumerate(texts):
            rows[i, hash(text) % 8] = 1.0
        return rows


def test_auto_uses_a_loadable_local_model(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    """auto picks ct2 (ctranslate2 is installed) for a model directory, with no fallback reason."""
    summarizer, reason = get_summarizer("auto", str(tiny_models["mt5"]), cache_dir=tmp_path, embedder=HashEmbedder())
    assert reason is None and summarizer.name == f"ct2:{tiny_models['mt5']}"
    assert (tmp_path / "generations.sqlite3").is_file() and any((tmp_path / "ct2").iterdir())


def test_auto_falls_back_to_extractive_with_the_reason(tmp_path: Path) -> None:
    """An uncached hub model (offline) gives the extractive backend and says why."""
    summarizer, reason = get_summarizer("auto", None, cache_dir=tmp_path, embedder=HashEmbedder())
    assert summarizer.name == "extractive"
    assert reason is not None and "mt0-base" in reason and "models fetch" in reason


def test_explicit_backends_raise_when_unavailable(tmp_path: Path) -> None:
    """hf and ct2 fail loudly instead of silently falling back; unknown kinds are rejected."""
    for kind in ("hf", "ct2"):
        with pytest.raises(SummarizerUnavailable):
            get_summarizer(kind, str(tmp_path / "missing"), cache_dir=tmp_path)
    with pytest.raises(ValueError, match="unknown summarizer"):
        get_summarizer("gpt", None, cache_dir=tmp_path)
    summarizer, reason = get_summarizer("extractive", None, cache_dir=tmp_path, embedder=HashEmbedder())
    assert summarizer.name == "extractive" and reason is None


def test_models_list_and_check(tiny_models: dict[str, Path]) -> None:
    """Presets list their licences; check finds a local directory loadable and uncached ids not."""
    rows = modelhub.list_models()
    crosssum = [r for r in rows if r.preset == "crosssum"]
    assert {r.target for r in crosssum} == {"ar", "en"} and not any(r.commercial_use for r in crosssum)
    assert [r.preset for r in rows if r.default] == ["mt0-base"] and not any(r.cached for r in rows)
    local, missing = modelhub.check_models([str(tiny_models["mt5"]), "mt0-base"])
    assert local.loadable and local.reason is None and local.revision
    assert not missing.loadable and "models fetch" in (missing.reason or "")


def test_fetch_fails_fast_offline() -> None:
    """With HF_HUB_OFFLINE set (tests), fetch refuses at once with a way forward."""
    with pytest.raises(modelhub.HubUnreachable, match="HF_HUB_OFFLINE"):
        modelhub.fetch_model("mt0-base")
