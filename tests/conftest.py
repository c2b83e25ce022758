"""Shared fixtures: every test runs with isolated cache/config dirs and no network."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def env_setup(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point caches and config at a temp dir and forbid hub access."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture
def seeds_dir() -> Path:
    """The bundled seed example (five Arabic reports of one event)."""
    return SEEDS


@pytest.fixture
def dev_jsonl() -> Path:
    """The shared multi-event dev corpus; skips when shared/ is not beside the repo."""
    path = SHARED / "data" / "events" / "dev.jsonl"
    if not path.exists():
        pytest.skip("shared/data/events/dev.jsonl not available")
    return path


@pytest.fixture(scope="session")
def dev_brief() -> object:
    """The dev set's brief (extractive, dated 2024-11-30), built once for every test that only reads it."""
    from summarize.config import Settings
    from summarize.pipeline import run

    path = SHARED / "data" / "events" / "dev.jsonl"
    if not path.exists():
        pytest.skip("shared/data/events/dev.jsonl not available")
    return run([path], Settings(summarizer="extractive", date="2024-11-30"))
