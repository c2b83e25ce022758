"""Claim translation: give each Arabic/English claim statement a translation in the other language.

Default models: the `opus-mt` preset (Marian, Helsinki-NLP/opus-mt-ar-en and
opus-mt-en-ar). `--translator` may also name `ar-en=DIR,en-ar=DIR`, or one
instruction model (mt0) that is prompted with `prompts/translate.<lang>.txt`.
The same loaders as the summarizers are used (hf or ct2), with the same cache.
A translation whose numbers differ from its source is discarded, not shown.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from summarize.model import ClaimGroup, EventText
from summarize.summary.backends.base import SummarizerUnavailable
from summarize.summary.backends.generate import Generator, GenParams, generate_cached
from summarize.summary.backends.presets import PRESETS
from summarize.summary.gencache import GenCache
from summarize.summary.prompts import load_prompt
from summarize.text.numbers import numbers_in

log = logging.getLogger(__name__)

PAIRS = ("ar-en", "en-ar")
OTHER = {"ar": "en", "en": "ar"}
# Claims are single sentences; 256 new tokens covers the longest seed sentence twice over.
TRANSLATE_PARAMS = GenParams(max_new_tokens=256, no_repeat_ngram_size=0, num_beams=1)


def parse_translator_spec(value: str | None) -> dict[str, str]:
    """Map "ar-en"/"en-ar" (or "*" for one prompted model) to a model id or directory."""
    value = (value or "opus-mt").strip()
    if value in PRESETS:
        return dict(PRESETS[value].models)
    if "=" in value:
        return {k.strip(): v.strip() for k, v in (p.split("=", 1) for p in value.split(",") if p.strip())}
    return {"*": value}


def numbers_agree(source: str, translation: str) -> bool:
    """True when the translation has exactly the source's set of numbers."""
    return set(numbers_in(source)) == set(numbers_in(translation))


class ClaimTranslator:
    """Translate statements between Arabic and English with seq2seq models."""

    def __init__(self, model: str | None = None, *, backend: str = "hf", cache_dir: Path | None = None,
                 cache: GenCache | None = None, offline: bool = True, batch_size: int = 16,
                 prompts_dir: Path | None = None, params: GenParams = TRANSLATE_PARAMS) -> None:
        """Configure; models load lazily on first use or `load()`."""
        if backend == "ct2" and cache_dir is None:
            raise ValueError("the ct2 backend needs cache_dir for converted models")
        self.models = parse_translator_spec(model)
        self.name = f"{backend}:{model or 'opus-mt'}"
        self.backend = backend
        self.cache_dir = cache_dir
        self.cache = cache
        self.offline = offline
        self.batch_size = batch_size
        self.prompts_dir = prompts_dir
        self.params = params

    def _generator(self, pair: str) -> Generator:
        """Loaded generator for a language pair such as "ar-en"."""
        model = self.models.get(pair) or self.models.get("*")
        if model is None:
            raise SummarizerUnavailable(f"no translation model for {pair}")
        if self.backend == "ct2":
            from summarize.summary.backends.ct2 import load_ct2

            assert self.cache_dir is not None
            return load_ct2(model, self.cache_dir, None, self.offline)
        from summarize.summary.backends.hf import load_hf

        return load_hf(model, None, self.offline)

    def load(self) -> None:
        """Load both directions now (raises SummarizerUnavailable)."""
        for pair in PAIRS:
            self._generator(pair)

    def translate(self, texts: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        """Translate texts from `source_lang` to `target_lang` (batched, cached)."""
        gen = self._generator(f"{source_lang}-{target_lang}")
        prompt = None if gen.family == "marian" else load_prompt("translate", target_lang, self.prompts_dir)
        items = [(prompt.render(t) if prompt else t, prompt.sha256 if prompt else "") for t in texts]
        return generate_cached(gen, items, None, self.params, self.cache, self.batch_size)

    def translate_claims(self, groups: Sequence[ClaimGroup]) -> tuple[list[ClaimGroup], int]:
        """Fill `Statement.translation` for ar/en statements; return groups and rejected count."""
        todo: dict[str, list[tuple[int, int]]] = {"ar": [], "en": []}
        for gi, group in enumerate(groups):
            for si, st in enumerate(group.statements):
                if st.language in todo and st.translation is None:
                    todo[st.language].append((gi, si))
        new = [list(g.statements) for g in groups]
        rejected = 0
        for lang, where in todo.items():
            if not where:
                continue
            texts = [groups[gi].statements[si].text for gi, si in where]
            for (gi, si), text, out in zip(where, texts, self.translate(texts, lang, OTHER[lang]), strict=True):
                if out and numbers_agree(text, out):
                    new[gi][si] = replace(new[gi][si], translation=out)
                else:
                    rejected += 1
                    log.info("translation of %r rejected (numbers differ or empty): %r", text[:60], out[:60])
        return [replace(g, statements=tuple(s)) for g, s in zip(groups, new, strict=True)], rejected


def translated_texts(groups: Sequence[ClaimGroup]) -> list[str]:
    """Every translation in `groups`, for use as extra guard sources."""
    return [s.translation for g in groups for s in g.statements if s.translation]



def load_translator(model: str | None, summarizer_kind: str, cache_dir: Path,
                    cache_file: str) -> ClaimTranslator | None:
    """The claim translator, loaded now so a missing model fails before any work (None when off)."""
    if not model:
        return None
    backend = "ct2" if summarizer_kind == "ct2" else "hf"
    translator = ClaimTranslator(model, backend=backend, cache_dir=cache_dir, cache=GenCache(cache_dir / cache_file))
    translator.load()
    return translator


def translate_event(text: EventText, translator: ClaimTranslator | None) -> tuple[EventText, int]:
    """The event with its claims translated into the other language (when on), and how many were rejected."""
    if translator is None:
        return text, 0
    claims, lost = translator.translate_claims(text.claims)
    return dataclasses.replace(text, claims=tuple(claims), extra_sources=tuple(translated_texts(claims))), lost
