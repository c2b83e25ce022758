"""Functions behind `summarize models list|fetch|check`; they return data and never print.

- `list_models()`: the presets, one row per model, with licence and whether it is cached.
- `fetch_model(name)`: download a preset or hub id into the normal Hugging Face
  cache; raises HubUnreachable at once when the hub cannot be reached.
- `check_models(names)`: what is loadable offline, without loading weights.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from summarize.summary.backends.base import SummarizerUnavailable
from summarize.summary.backends.hf import MODEL_FILES, SKIP_FILES, resolve_model
from summarize.summary.backends.presets import DEFAULT_PRESET, PRESETS, parse_model_spec

log = logging.getLogger(__name__)

WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json",
                "pytorch_model.bin.index.json")
TOKENIZER_FILES = ("tokenizer.json", "spiece.model", "sentencepiece.bpe.model", "source.spm", "vocab.json")
FETCH_TIMEOUT_S = 10.0


class HubUnreachable(RuntimeError):
    """The Hugging Face hub cannot be reached from this machine."""


@dataclass(frozen=True, slots=True)
class ModelEntry:
    """One row of `models list`."""

    preset: str
    task: str
    target: str
    model: str
    family: str
    licence: str
    commercial_use: bool
    default: bool
    cached: bool
    note: str


@dataclass(frozen=True, slots=True)
class ModelCheck:
    """One row of `models check`: can this model be loaded offline, and from where."""

    name: str
    model: str
    loadable: bool
    path: str | None
    revision: str | None
    reason: str | None


def list_models() -> list[ModelEntry]:
    """Every preset model, with licence and whether it is already in the local cache."""
    rows = []
    for p in PRESETS.values():
        for target, model in p.models.items():
            cached = check_one(p.name, model).loadable
            rows.append(ModelEntry(p.name, p.task, target, model, p.family, p.licence, p.commercial_use,
                                   p.name == DEFAULT_PRESET, cached, p.note))
    return rows


def check_one(name: str, model: str) -> ModelCheck:
    """Whether one model id or directory has config, tokenizer and weights on local disk."""
    try:
        resolved = resolve_model(model, offline=True)
    except SummarizerUnavailable as exc:
        return ModelCheck(name, model, False, None, None, str(exc))
    files = {p.name for p in resolved.path.iterdir()}
    missing = [kind for kind, need in (("weights", WEIGHT_FILES), ("tokenizer", TOKENIZER_FILES))
               if not files.intersection(need)]
    reason = f"no {' or '.join(missing)} files in {resolved.path}" if missing else None
    return ModelCheck(name, model, not missing, str(resolved.path), resolved.revision, reason)


def check_models(names: list[str] | None = None) -> list[ModelCheck]:
    """Check presets, hub ids or directories (default: every preset) for offline use."""
    out = []
    for name in names or list(PRESETS):
        for model in parse_model_spec(name).model_ids():
            out.append(check_one(name, model))
    return out


def _hub_offline() -> bool:
    """True when the environment forbids hub access."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def _weights_to_skip(model: str, timeout: float) -> list[str]:
    """Ask the hub which files the repo has; skip .bin weights when safetensors exist."""
    from huggingface_hub import HfApi

    try:
        info = HfApi().model_info(model, timeout=timeout)
    except Exception as exc:
        if type(exc).__name__ in ("RepositoryNotFoundError", "GatedRepoError", "RevisionNotFoundError"):
            raise ValueError(f"{model}: {exc}") from exc
        endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
        raise HubUnreachable(
            f"cannot reach the Hugging Face hub at {endpoint} ({type(exc).__name__}: {exc}). "
            "Fetch the model on a machine with access and copy its directory here (use --model DIR), "
            "or copy that machine's Hugging Face cache, or set HF_ENDPOINT to a reachable mirror."
        ) from exc
    names = [s.rfilename for s in info.siblings or []]
    return ["*.bin"] if any(n.endswith(".safetensors") for n in names) else []


def fetch_model(name: str, *, revision: str | None = None, timeout: float = FETCH_TIMEOUT_S) -> list[ModelCheck]:
    """Download a preset or hub id into the Hugging Face cache; return its check rows."""
    if _hub_offline():
        raise HubUnreachable("HF_HUB_OFFLINE is set: unset it to download, or copy the model directory here")
    from huggingface_hub import snapshot_download

    out = []
    for model in parse_model_spec(name).model_ids():
        if Path(model).expanduser().is_dir():
            out.append(check_one(name, model))
            continue
        skip = _weights_to_skip(model, timeout)
        log.info("downloading %s", model)
        snapshot_download(model, revision=revision, allow_patterns=MODEL_FILES, ignore_patterns=SKIP_FILES + skip,
                          etag_timeout=timeout)
        out.append(check_one(name, model))
    return out
