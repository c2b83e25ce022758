"""The brief command end to end with a seq2seq backend (tiny random MT5 built by the tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tiny_models import tiny_models_fixture  # noqa: F401


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_brief_with_a_local_seq2seq_model(backend: str, tiny_models: dict[str, Path], seeds_dir: Path,
                                          tmp_path: Path) -> None:
    model = tiny_models["mt5"]
    proc = subprocess.run(
        [sys.executable, "-m", "summarize", "brief", str(seeds_dir), "--out", str(tmp_path), "--format", "json,md",
         "--summarizer", backend, "--model", str(model), "--no-preview"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads((tmp_path / "brief-2024-11-30.json").read_text(encoding="utf-8"))
    assert data["summarizer"].startswith(f"{backend}:")
    (event,) = data["events"]
    for lang in ("ar", "en"):
        summary = event["summary"][lang]
        assert summary["method"] in ("generated", "extractive", "unavailable")
        assert all(s["sources"] for s in summary["sentences"])
    # random weights write nonsense: the guard must have removed it, never shown it as a summary
    assert data["stats"].get("guard_removed_sentences", 0) + data["stats"].get("extractive_fallbacks", 0) > 0
    assert f"summarizer: {backend}:" in (tmp_path / "brief-2024-11-30.md").read_text(encoding="utf-8")


def test_unloadable_model_is_a_clear_error(tmp_path: Path, seeds_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "summarize", "brief", str(seeds_dir), "--out", str(tmp_path),
         "--summarizer", "hf", "--model", str(tmp_path / "no-such-model")],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "summarize: error:" in proc.stderr


def test_auto_falls_back_to_extractive_and_says_why(tmp_path: Path, seeds_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "summarize", "brief", str(seeds_dir), "--out", str(tmp_path), "--format", "json"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads((tmp_path / "brief-2024-11-30.json").read_text(encoding="utf-8"))
    assert data["summarizer"] == "extractive"
    assert "could not be loaded" in data["notes"][0]


def test_translator_gives_claims_a_translation(tiny_models: dict[str, Path], seeds_dir: Path, tmp_path: Path) -> None:
    spec = f"ar-en={tiny_models['marian']},en-ar={tiny_models['marian_b']}"
    proc = subprocess.run(
        [sys.executable, "-m", "summarize", "brief", str(seeds_dir), "--out", str(tmp_path), "--format", "json",
         "--summarizer", "extractive", "--translator", spec, "--no-preview"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads((tmp_path / "brief-2024-11-30.json").read_text(encoding="utf-8"))
    statements = [st for c in data["events"][0]["claims"] for st in c["statements"]]
    translated = [st for st in statements if st["translation"]]
    # every statement was either translated or its translation rejected (numbers differed), and counted
    assert len(translated) + data["stats"]["rejected_translations"] == len(statements)
    assert translated
