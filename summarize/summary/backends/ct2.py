"""ct2 backend: the same seq2seq model converted with CTranslate2 to int8, for CPU speed.

Conversion runs once per (model, revision, quantization) and is cached under
`<cache_dir>/ct2/`; the tokenizer stays the transformers one, so inputs,
prompts, batching, chunking and language control are shared with hf.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from summarize.summary.backends.base import SummarizerUnavailable
from summarize.summary.backends.generate import GenParams, Seq2SeqSummarizer
from summarize.summary.backends.hf import (
    DEFAULT_MAX_INPUT_TOKENS,
    ResolvedModel,
    input_limit,
    output_limit,
    resolve_model,
)
from summarize.summary.backends.presets import Family, family_for, parse_model_spec
from summarize.summary.gencache import GenCache

log = logging.getLogger(__name__)

QUANTIZATION = "int8"


def _slug(name: str) -> str:
    """A filesystem-safe name for a model id or directory."""
    return re.sub(r"[^A-Za-z0-9._-]+", "--", name.strip("/"))[-80:]


def converted_dir(resolved: ResolvedModel, cache_dir: Path, quantization: str = QUANTIZATION) -> Path:
    """Where the converted model for this model, revision and quantization lives."""
    return cache_dir / "ct2" / f"{_slug(resolved.name)}--{resolved.revision}--{quantization}"


def convert(resolved: ResolvedModel, cache_dir: Path, quantization: str = QUANTIZATION) -> Path:
    """Convert a transformers model with ctranslate2 unless already cached; return its directory."""
    out = converted_dir(resolved, cache_dir, quantization)
    if (out / "model.bin").is_file():
        return out
    try:
        from ctranslate2.converters import TransformersConverter
    except ImportError as exc:
        raise SummarizerUnavailable("the ct2 backend needs ctranslate2: pip install ctranslate2") from exc
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=out.name + ".", dir=out.parent))
    try:
        log.info("converting %s to CTranslate2 %s in %s", resolved.name, quantization, out)
        TransformersConverter(str(resolved.path), low_cpu_mem_usage=True).convert(
            str(tmp / "model"), quantization=quantization, force=True)
        (tmp / "model" / "source.json").write_text(json.dumps(
            {"model": resolved.name, "revision": resolved.revision, "quantization": quantization}), encoding="utf-8")
        os.replace(tmp / "model", out)  # atomic: a half-written conversion is never used
    except OSError:
        if not (out / "model.bin").is_file():
            raise
    except Exception as exc:
        raise SummarizerUnavailable(f"ctranslate2 cannot convert {resolved.name}: {exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


class CT2Generator:
    """A CTranslate2 Translator plus the model's transformers tokenizer."""

    def __init__(self, resolved: ResolvedModel, cache_dir: Path, *, device: str = "cpu",
                 max_input_tokens: int = DEFAULT_MAX_INPUT_TOKENS, threads: int = 0,
                 quantization: str = QUANTIZATION) -> None:
        """Convert if needed, then load translator and tokenizer."""
        try:
            import ctranslate2
            from transformers import AutoConfig, AutoTokenizer
        except ImportError as exc:
            raise SummarizerUnavailable("the ct2 backend needs ctranslate2 and transformers") from exc
        path = convert(resolved, cache_dir, quantization)
        self.backend = f"ct2-{quantization}"
        self.model = resolved.name
        self.revision = resolved.revision
        self.tokenizer = AutoTokenizer.from_pretrained(str(resolved.path), local_files_only=True)
        config = AutoConfig.from_pretrained(str(resolved.path), local_files_only=True)
        self.family: Family = family_for(str(config.model_type), resolved.name)
        self.max_input_tokens = input_limit(self.tokenizer, config, max_input_tokens)
        self.max_output_tokens = output_limit(config)
        self.translator = ctranslate2.Translator(str(path), device=device, compute_type=quantization,
                                                 intra_threads=threads)
        log.info("loaded %s from %s (%s)", resolved.name, path, quantization)

    def count_tokens(self, text: str) -> int:
        """Input tokens for `text`, including the end-of-sequence token."""
        return len(self.tokenizer(text).input_ids)

    def generate(self, texts: Sequence[str], params: GenParams, bos_token: str | None) -> list[str]:
        """Generate one output per input; a forced first token becomes the target prefix."""
        ids = self.tokenizer(list(texts), truncation=True, max_length=self.max_input_tokens).input_ids
        source = [self.tokenizer.convert_ids_to_tokens(row) for row in ids]
        prefix = [[bos_token]] * len(source) if bos_token else None
        kwargs = ct2_kwargs(params, len(source), self.max_output_tokens)
        results = self.translator.translate_batch(source, target_prefix=prefix, **kwargs)
        outs = []
        for res in results:
            tokens = res.hypotheses[0]
            outs.append(str(self.tokenizer.decode(self.tokenizer.convert_tokens_to_ids(tokens),
                                                  skip_special_tokens=True)).strip())
        return outs


def ct2_kwargs(params: GenParams, batch: int, max_output: int | None = None) -> dict[str, Any]:
    """`translate_batch` keyword arguments equivalent to the hf generation parameters."""
    new = min(params.max_new_tokens, max_output or params.max_new_tokens)
    return {"beam_size": params.num_beams, "max_decoding_length": new,
            "min_decoding_length": min(params.min_new_tokens, new), "no_repeat_ngram_size": params.no_repeat_ngram_size,
            "repetition_penalty": params.repetition_penalty, "length_penalty": params.length_penalty,
            "max_batch_size": batch}


@lru_cache(maxsize=4)
def load_ct2(name: str, cache_dir: Path, revision: str | None = None, offline: bool = True,
             max_input_tokens: int = DEFAULT_MAX_INPUT_TOKENS, threads: int = 0,
             quantization: str = QUANTIZATION) -> CT2Generator:
    """Cached factory: resolve, convert (once) and load one model."""
    resolved = resolve_model(name, revision=revision, offline=offline)
    try:
        return CT2Generator(resolved, cache_dir, max_input_tokens=max_input_tokens, threads=threads,
                            quantization=quantization)
    except SummarizerUnavailable:
        raise
    except Exception as exc:
        raise SummarizerUnavailable(f"cannot load {name} with ctranslate2: {type(exc).__name__}: {exc}") from exc


class CT2Summarizer(Seq2SeqSummarizer):
    """The ct2 backend: `name` is "ct2:<preset, hub id or directory>"."""

    def __init__(self, model: str | None = None, *, cache_dir: Path, revision: str | None = None,
                 offline: bool = True, cache: GenCache | None = None, params: GenParams | None = None,
                 prompts_dir: Path | None = None, batch_size: int = 8,
                 max_input_tokens: int = DEFAULT_MAX_INPUT_TOKENS, threads: int = 0,
                 quantization: str = QUANTIZATION) -> None:
        """Configure the backend; conversion and loading happen on first use or `load()`."""
        spec = parse_model_spec(model)

        def load(name: str) -> CT2Generator:
            """Load one of the spec's models."""
            return load_ct2(name, cache_dir, revision, offline, max_input_tokens, threads, quantization)

        super().__init__(f"ct2:{spec.label}", spec, load, params=params, cache=cache,
                         prompts_dir=prompts_dir, batch_size=batch_size)
