"""`summarize.toml`: inputs, outlet names by domain, thresholds, model, languages, output folder.

Looked up in the working directory, else `$XDG_CONFIG_HOME/summarize/summarize.toml`
(`~/.config/...`), or at `$SUMMARIZE_CONFIG`. This is a trust boundary: every key
is checked, unknown keys are errors (a typo must not be silently ignored), and
relative paths are resolved against the file's folder. Precedence, applied by
`merge`: defaults < config file < environment < flags.

    inputs = ["crawl/", "https://example.com/rss.xml"]
    out = "briefs"
    formats = ["md", "html"]
    languages = ["ar", "en"]
    lang = "both"              # which summaries the brief shows: ar, en, both
    summarizer = "extractive"
    model = "bigscience/mt0-base"
    translator = "opus-mt"     # translate claims (off when absent)
    embedder = "use"
    since = "24h"
    state = "state.sqlite"
    bidi = "auto"
    [thresholds]
    cluster = 0.5
    summary_sentences = 4
    [feeds]
    timeout_s = 10
    max_bytes = 5000000
    [outlets]
    "example-news.com" = "Example News"
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from summarize.ingest.common import host_of

CONFIG_NAME = "summarize.toml"
ENV_CONFIG = "SUMMARIZE_CONFIG"

# key → (type check, description) for top-level scalars and lists.
_STR_KEYS = {"out", "summarizer", "model", "translator", "embedder", "since", "state", "bidi", "lang", "date"}
_LIST_KEYS = {"inputs", "formats", "languages"}
_TABLES = {"thresholds": {"cluster": float, "summary_sentences": int},
           "feeds": {"timeout_s": float, "max_bytes": int}}
_CHOICES = {"bidi": ("auto", "on", "off"), "lang": ("ar", "en", "both"),
            "summarizer": ("auto", "hf", "ct2", "extractive"), "embedder": ("use", "hashing")}
_PATH_KEYS = {"out", "state"}
# Environment variables that override the file (and are overridden by flags).
ENV_KEYS = {"SUMMARIZE_MODEL": "model", "SUMMARIZE_OUT": "out", "SUMMARIZE_LANG": "lang",
            "SUMMARIZE_STATE": "state", "SUMMARIZE_SUMMARIZER": "summarizer"}


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file, the key and the fix."""


def find_config(cwd: Path, env: Mapping[str, str]) -> Path | None:
    """The config file to use: $SUMMARIZE_CONFIG, ./summarize.toml, else the user's config dir; None if none."""
    explicit = env.get(ENV_CONFIG)
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise ConfigError(f"{ENV_CONFIG}={explicit}: no such file")
        return path
    local = cwd / CONFIG_NAME
    if local.is_file():
        return local
    base = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else Path(env.get("HOME", "~")) / ".config"
    user = base.expanduser() / "summarize" / CONFIG_NAME
    return user if user.is_file() else None


def load_config(cwd: Path, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Read and validate the config file; `{}` when there is none. `_path` records where it came from."""
    env = os.environ if env is None else env
    path = find_config(cwd, env)
    if path is None:
        return {}
    import tomllib

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    config = validate(raw, path)
    config["_path"] = path
    return config


def validate(raw: Mapping[str, Any], path: Path) -> dict[str, Any]:
    """Check every key and value; resolve relative paths against the file's folder."""
    known = _STR_KEYS | _LIST_KEYS | set(_TABLES) | {"outlets"}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            hint = difflib.get_close_matches(key, sorted(known), n=1)
            raise ConfigError(f"{path}: unknown key {key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
        if key in _STR_KEYS:
            out[key] = _string(key, value, path)
        elif key in _LIST_KEYS:
            out[key] = _strings(key, value, path)
        elif key == "outlets":
            out[key] = _outlets(value, path)
        else:
            out[key] = _table(key, value, path)
    for key in _PATH_KEYS & out.keys():
        out[key] = _resolve(out[key], path)
    if "inputs" in out:
        out["inputs"] = [s if "://" in s else str(_resolve(s, path)) for s in out["inputs"]]
    return out


def _string(key: str, value: Any, path: Path) -> str:
    """A string value, checked against its choices if it has any."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{path}: {key} must be a non-empty string")
    if key in _CHOICES and value not in _CHOICES[key]:
        raise ConfigError(f"{path}: {key} = {value!r}; use one of {', '.join(_CHOICES[key])}")
    return value.strip()


def _strings(key: str, value: Any, path: Path) -> list[str]:
    """A list of non-empty strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f'{path}: {key} must be a list of strings, e.g. {key} = ["a", "b"]')
    return [v.strip() for v in value]


def _table(key: str, value: Any, path: Path) -> dict[str, Any]:
    """A table of typed numbers ([thresholds], [feeds])."""
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{key}] must be a table")
    spec = _TABLES[key]
    out: dict[str, Any] = {}
    for name, v in value.items():
        if name not in spec:
            raise ConfigError(f"{path}: unknown key {key}.{name}; known: {', '.join(spec)}")
        kind = spec[name]
        ok = isinstance(v, int | float) and not isinstance(v, bool) and (kind is float or isinstance(v, int))
        if not ok or v <= 0:
            raise ConfigError(f"{path}: {key}.{name} must be a positive {kind.__name__}")
        out[name] = kind(v)
    return out


def _outlets(value: Any, path: Path) -> dict[str, str]:
    """Domain → outlet name, domains lower-cased without a leading www."""
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ConfigError(f'{path}: [outlets] maps domains to names, e.g. "example-news.com" = "Example News"')
    return {host_of(k): v.strip() for k, v in value.items() if v.strip()}


def _resolve(value: str, path: Path) -> Path:
    """A path from the config, relative to the config file's folder."""
    p = Path(value).expanduser()
    return p if p.is_absolute() else path.parent / p


def merge(config: Mapping[str, Any], env: Mapping[str, str], flags: Mapping[str, Any]) -> dict[str, Any]:
    """Effective options: config file < environment (SUMMARIZE_*) < flags (None means "not given")."""
    out = {k: v for k, v in config.items() if not k.startswith("_")}
    for var, key in ENV_KEYS.items():
        if env.get(var):
            out[key] = Path(env[var]) if key in _PATH_KEYS else env[var]
    for key, value in flags.items():
        if value is not None and value != []:
            out[key] = value
    return out
