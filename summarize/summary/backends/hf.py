"""hf backend: a transformers seq2seq model (hub id or local directory), placed with accelerate.

fp32 on CPU; bf16 on a CUDA device that supports it, else fp32 — never fp16,
in which the mT5 family overflows to NaN. Offline (the default), only the
local directory or the Hugging Face cache is used (`local_files_only`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from summarize.summary.backends.base import SummarizerUnavailable
from summarize.summary.backends.generate import GenParams, Seq2SeqSummarizer
from summarize.summary.backends.presets import Family, ModelSpec, family_for, parse_model_spec
from summarize.summary.gencache import GenCache

log = logging.getLogger(__name__)

# mT5 uses relative positions and accepts any length, but mt0 was fine-tuned
# on inputs of at most 1024 tokens and attention cost grows quadratically; 512
# keeps a CPU batch of 8 under a few seconds per encoder pass.
DEFAULT_MAX_INPUT_TOKENS = 512
MODEL_FILES = ["*.json", "*.model", "*.spm", "*.txt", "*.safetensors", "*.bin", "*.tiktoken"]
SKIP_FILES = ["*.msgpack", "*.h5", "*.ot", "*onnx*", "tf_*", "flax_*", "rust_*"]


@dataclass(frozen=True, slots=True)
class ResolvedModel:
    """A model available on local disk: its directory and a revision string."""

    name: str
    path: Path
    revision: str


def dir_fingerprint(path: Path) -> str:
    """A revision for a local directory: hash of its files' names, sizes and mtimes."""
    h = hashlib.sha256()
    for f in sorted(p for p in path.iterdir() if p.is_file()):
        st = f.stat()
        h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return "dir-" + h.hexdigest()[:16]


def resolve_model(name: str, *, revision: str | None = None, offline: bool = True) -> ResolvedModel:
    """Find (or, online, download) a model; raise SummarizerUnavailable with a fix hint."""
    path = Path(name).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise SummarizerUnavailable(f"{path} has no config.json: not a transformers model directory")
        return ResolvedModel(name, path.resolve(), dir_fingerprint(path))
    if path.is_absolute() or name.startswith((".", "~")):
        raise SummarizerUnavailable(f"model directory {name} does not exist")
    try:
        from huggingface_hub import snapshot_download
    except ImportError as exc:  # pragma: no cover - transformers depends on it
        raise SummarizerUnavailable("huggingface_hub is not installed: pip install huggingface_hub") from exc
    try:
        local = Path(snapshot_download(name, revision=revision, local_files_only=offline,
                                       allow_patterns=MODEL_FILES, ignore_patterns=SKIP_FILES))
    except Exception as exc:
        hint = (f"run `summarize models fetch {name}` where the Hugging Face hub is reachable, "
                "or pass --model DIR with a saved model") if offline else "check the model id and network access"
        raise SummarizerUnavailable(f"model {name} is not available ({type(exc).__name__}); {hint}") from exc
    if not (local / "config.json").is_file():
        raise SummarizerUnavailable(f"model {name} in the cache at {local} has no config.json")
    return ResolvedModel(name, local, local.name)


def pick_device(device: str) -> tuple[str, Any]:
    """Device string and torch dtype: accelerate's choice for "auto", fp32 unless bf16 is safe."""
    import torch

    if device == "auto":
        from accelerate import PartialState

        device = str(PartialState(cpu=not torch.cuda.is_available()).device)
    if device.startswith("cuda") and torch.cuda.is_bf16_supported():
        return device, torch.bfloat16
    return device, torch.float32


class HFGenerator:
    """A loaded tokenizer + AutoModelForSeq2SeqLM that generates text in batches."""

    backend = "hf"

    def __init__(self, resolved: ResolvedModel, *, device: str = "auto",
                 max_input_tokens: int = DEFAULT_MAX_INPUT_TOKENS,
                 max_memory: dict[int | str, int | str] | None = None, offload_dir: Path | None = None) -> None:
        """Load tokenizer and model from the resolved local directory.

        With `device="auto"` accelerate places the model (`device_map="auto"`): on the GPUs there
        are, then the CPU, and what fits in neither (or exceeds `max_memory`) offloaded to
        `offload_dir`, so a model larger than memory still runs, slowly.
        """
        try:
            import torch
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        except ImportError as exc:
            raise SummarizerUnavailable("the hf backend needs torch and transformers: pip install summarize") from exc
        self.model = resolved.name
        self.revision = resolved.revision
        self.device, dtype = pick_device(device)
        self.tokenizer = AutoTokenizer.from_pretrained(str(resolved.path), local_files_only=True)
        placement: dict[str, Any] = {}
        if device == "auto":
            placement = {"device_map": "auto", "max_memory": max_memory,
                         "offload_folder": str(offload_dir) if offload_dir else None}
        self.net = AutoModelForSeq2SeqLM.from_pretrained(str(resolved.path), local_files_only=True, dtype=dtype,
                                                         **placement)
        if not placement:
            self.net.to(self.device)
        self.net.eval()
        self.placement = dict(getattr(self.net, "hf_device_map", None) or {"": self.device})
        self._torch = torch
        self.family: Family = family_for(str(self.net.config.model_type), resolved.name)
        self.max_input_tokens = input_limit(self.tokenizer, self.net.config, max_input_tokens)
        self.max_output_tokens = output_limit(self.net.config)
        log.info("loaded %s (%s), placed %s, %s", resolved.name, self.family, self.placement, dtype)

    def count_tokens(self, text: str) -> int:
        """Input tokens for `text`, including the end-of-sequence token."""
        return len(self.tokenizer(text).input_ids)

    def generate(self, texts: Sequence[str], params: GenParams, bos_token: str | None) -> list[str]:
        """Generate one output per input with greedy or beam search."""
        enc = self.tokenizer(list(texts), return_tensors="pt", padding=True, truncation=True,
                             max_length=self.max_input_tokens).to(self.net.device)
        with self._torch.inference_mode():
            kwargs = hf_generate_kwargs(params, self.bos_id(bos_token), self.max_output_tokens)
            out = self.net.generate(**enc, **kwargs)
        return [str(t).strip() for t in self.tokenizer.batch_decode(out, skip_special_tokens=True)]

    def bos_id(self, bos_token: str | None) -> int | None:
        """Token id of a forced first token; raise LookupError when the vocabulary lacks it."""
        if bos_token is None:
            return None
        tid = self.tokenizer.convert_tokens_to_ids(bos_token)
        if not isinstance(tid, int) or tid == self.tokenizer.unk_token_id:
            raise LookupError(f"{self.model} has no token {bos_token!r}")
        return tid


def input_limit(tokenizer: Any, config: Any, wanted: int) -> int:
    """The smaller of the wanted input length and the model's own limits."""
    limits = [wanted]
    tok_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(tok_max, int) and 0 < tok_max < 1_000_000:
        limits.append(tok_max)
    pos = getattr(config, "max_position_embeddings", None)
    if isinstance(pos, int) and pos > 0:
        limits.append(pos)
    return min(limits)


def output_limit(config: Any) -> int | None:
    """Most tokens the decoder can emit: learned/sinusoidal positions cap it (Marian), T5 does not."""
    pos = getattr(config, "max_position_embeddings", None)
    return pos - 1 if isinstance(pos, int) and pos > 1 else None


def hf_generate_kwargs(params: GenParams, bos_id: int | None, max_output: int | None = None) -> dict[str, Any]:
    """`model.generate` keyword arguments for `params` (deterministic decoding)."""
    new = min(params.max_new_tokens, max_output or params.max_new_tokens)
    kw: dict[str, Any] = {"max_new_tokens": new, "num_beams": params.num_beams, "do_sample": False}
    if params.min_new_tokens:
        kw["min_new_tokens"] = min(params.min_new_tokens, new)
    if params.no_repeat_ngram_size:
        kw["no_repeat_ngram_size"] = params.no_repeat_ngram_size
    if params.repetition_penalty != 1.0:
        kw["repetition_penalty"] = params.repetition_penalty
    if params.num_beams > 1:
        kw["length_penalty"] = params.length_penalty
    if bos_id is not None:
        kw["forced_bos_token_id"] = bos_id
    return kw


@lru_cache(maxsize=4)
def load_hf(name: str, revision: str | None = None, offline: bool = True, device: str = "auto",
            max_input_tokens: int = DEFAULT_MAX_INPUT_TOKENS) -> HFGenerator:
    """Cached factory: resolve and load one model (raises SummarizerUnavailable)."""
    from summarize.config import default_cache_dir

    resolved = resolve_model(name, revision=revision, offline=offline)
    try:
        return HFGenerator(resolved, device=device, max_input_tokens=max_input_tokens,
                           offload_dir=default_cache_dir() / "offload" / Path(resolved.path).name)
    except SummarizerUnavailable:
        raise
    except Exception as exc:
        raise SummarizerUnavailable(f"cannot load {name}: {type(exc).__name__}: {exc}") from exc


class HFSummarizer(Seq2SeqSummarizer):
    """The hf backend: `name` is "hf:<preset, hub id or directory>"."""

    def __init__(self, model: str | None = None, *, revision: str | None = None, offline: bool = True,
                 device: str = "auto", cache: GenCache | None = None, params: GenParams | None = None,
                 prompts_dir: Path | None = None, batch_size: int = 8,
                 max_input_tokens: int = DEFAULT_MAX_INPUT_TOKENS) -> None:
        """Configure the backend; models load lazily on first use or on `load()`."""
        spec: ModelSpec = parse_model_spec(model)

        def load(name: str) -> HFGenerator:
            """Load one of the spec's models."""
            return load_hf(name, revision, offline, device, max_input_tokens)

        super().__init__(f"hf:{spec.label}", spec, load, params=params, cache=cache,
                         prompts_dir=prompts_dir, batch_size=batch_size)
