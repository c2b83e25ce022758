"""Model presets and output-language control for each seq2seq model family.

`--model` accepts a preset name (`mt0-base`), a hub id or local directory, or
one model per target language (`ar=DIR_OR_ID,en=DIR_OR_ID`). `route()` then
says, for a target language, which model to run and how to make it write in
that language:

- `prompt`: instruction models (mt0, flan-style mT5) get `prompts/<task>.<lang>.txt`;
- `target_model`: one model per output language (CrossSum many-to-one pairs);
- `forced_bos`: mBART-50 / NLLB-style models get the language code as the
  first generated token;
- `none`: the model has one fixed output language (Marian opus-mt pairs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Control = Literal["prompt", "target_model", "forced_bos", "none"]
Family = Literal["mt5-instruct", "mt5-target", "mbart", "nllb", "marian"]
Task = Literal["summarize", "translate"]

DEFAULT_PRESET = "mt0-base"
LANG_CODES: dict[str, dict[str, str]] = {
    "mbart": {"ar": "ar_AR", "en": "en_XX"},
    "nllb": {"ar": "arb_Arab", "en": "eng_Latn"},
}
_CROSSSUM_M2O = re.compile(r"m2o_(arabic|english)_crosssum", re.IGNORECASE)
_LANG_NAMES = {"arabic": "ar", "english": "en"}


@dataclass(frozen=True, slots=True)
class Preset:
    """A named model choice: hub ids per target language (or "*"), family, licence."""

    name: str
    task: Task
    family: Family
    models: dict[str, str]
    licence: str
    commercial_use: bool
    note: str = ""


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("mt0-base", "summarize", "mt5-instruct", {"*": "bigscience/mt0-base"}, "Apache-2.0", True,
               "default; one instruction-tuned model prompted per language (580M parameters)"),
        Preset("mt0-large", "summarize", "mt5-instruct", {"*": "bigscience/mt0-large"}, "Apache-2.0", True,
               "better summaries, about 3x slower (1.2B parameters)"),
        Preset("crosssum", "summarize", "mt5-target",
               {"ar": "csebuetnlp/mT5_m2o_arabic_crossSum", "en": "csebuetnlp/mT5_m2o_english_crossSum"},
               "CC BY-NC-SA 4.0", False,
               "any language -> Arabic / English summaries; NON-COMMERCIAL licence"),
        Preset("opus-mt", "translate", "marian",
               {"ar-en": "Helsinki-NLP/opus-mt-ar-en", "en-ar": "Helsinki-NLP/opus-mt-en-ar"},
               "CC-BY-4.0", True, "translates claim statements between Arabic and English"),
    )
}


@dataclass(frozen=True, slots=True)
class Route:
    """How to produce text in one target language: which model, and how to steer it."""

    model: str
    control: Control
    family: Family
    prompt_task: str | None = None
    bos_token: str | None = None


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """A parsed `--model` value: models keyed by target language ("*" = any)."""

    label: str
    models: dict[str, str]
    family: Family | None = None
    preset: Preset | None = None

    def model_ids(self) -> list[str]:
        """Distinct model ids or directories this spec needs, in order."""
        return list(dict.fromkeys(self.models.values()))


def parse_model_spec(value: str | None) -> ModelSpec:
    """Parse a preset name, a hub id / directory, or `ar=X,en=Y`; None means the default preset."""
    value = (value or DEFAULT_PRESET).strip()
    if value in PRESETS:
        p = PRESETS[value]
        return ModelSpec(p.name, dict(p.models), p.family, p)
    if "=" in value:
        pairs = [part.split("=", 1) for part in value.split(",") if part.strip()]
        models = {k.strip(): v.strip() for k, v in pairs}
        return ModelSpec(value, models)
    return ModelSpec(value, {"*": value})


def family_for(model_type: str, model: str) -> Family:
    """The family of a model from its config's `model_type` and its name."""
    if model_type == "marian":
        return "marian"
    if model_type == "mbart":
        return "mbart"
    if model_type in ("m2m_100", "nllb", "nllb_moe"):
        return "nllb"
    if _CROSSSUM_M2O.search(model):
        return "mt5-target"
    return "mt5-instruct"


def crosssum_target(model: str) -> str | None:
    """The output language of a CrossSum many-to-one model id, if it is one."""
    m = _CROSSSUM_M2O.search(model)
    return _LANG_NAMES[m.group(1).lower()] if m else None


def route(spec: ModelSpec, target_lang: str, family: Family, *, task: str = "summarize") -> Route:
    """Decide model and language control for `target_lang`; raise LookupError if impossible."""
    model = spec.models.get(target_lang) or spec.models.get("*")
    if model is None:
        raise LookupError(f"model {spec.label!r} has no model for target language {target_lang!r}")
    if family in LANG_CODES:
        code = LANG_CODES[family].get(target_lang)
        if code is None:
            raise LookupError(f"no {family} language code for {target_lang!r}")
        return Route(model, "forced_bos", family, bos_token=code)
    if family == "marian":
        return Route(model, "none", family)
    if "*" not in spec.models or family == "mt5-target":
        fixed = crosssum_target(model)
        if fixed is not None and fixed != target_lang:
            raise LookupError(f"{model} writes {fixed}, not {target_lang}")
        return Route(model, "target_model", family)
    return Route(model, "prompt", family, prompt_task=task)
