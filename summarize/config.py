"""Settings: one options model for `summarize.toml`, the `SUMMARIZE_*` environment and the flags.

Every option has one name, used as the TOML key, the environment variable
(`SUMMARIZE_<NAME>`, tables as `SUMMARIZE_FEEDS__TIMEOUT_S`) and, where there is
one, the flag (`--out`, `--lang`, `--model`; `--format md,json` sets `formats`).
Precedence: defaults < config file < environment < flags (pydantic-settings does
the layering and the validation).

The config file is `$SUMMARIZE_CONFIG`, else `summarize.toml` in the working
directory, else `$XDG_CONFIG_HOME/summarize/summarize.toml`. It is a trust
boundary: unknown keys are errors with a "did you mean", values are checked,
and relative paths are resolved against the file's folder.

    inputs = ["crawl/", "https://example.com/rss.xml"]
    out = "briefs"
    formats = ["md", "html"]
    languages = ["ar", "en"]      # articles in other languages are skipped
    lang = "both"                 # which summaries the brief shows: ar, en, both
    summarizer = "extractive"
    model = "bigscience/mt0-base"
    translator = "opus-mt"        # translate claims (off when absent)
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

import contextvars
import datetime as dt
import difflib
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from summarize.events.cluster import EVENT_THRESHOLD
from summarize.ingest.common import clean_meta, host_of
from summarize.ingest.feeds import parse_since

CONFIG_NAME = "summarize.toml"
ENV_CONFIG = "SUMMARIZE_CONFIG"
Format = Literal["md", "html", "json"]
LANG_CHOICES = {"ar": ("ar",), "en": ("en",), "both": ("en", "ar")}
_PATH_KEYS = ("out", "state")


class ConfigError(ValueError):
    """The options cannot be used; the message names where they came from and the fix."""


def default_cache_dir() -> Path:
    """Where generated text and converted models are cached (XDG cache dir)."""
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "summarize"


class Thresholds(BaseModel):
    """`[thresholds]`: the event-clustering cut and the summary length."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    cluster: float = Field(default=EVENT_THRESHOLD, gt=0, lt=1)
    summary_sentences: int = Field(default=4, ge=1, le=50)


class Feeds(BaseModel):
    """`[feeds]`: limits for fetching RSS/Atom feeds."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    timeout_s: float = Field(default=10.0, gt=0, le=3600, allow_inf_nan=False)
    max_bytes: int = Field(default=5_000_000, gt=0, le=1_000_000_000)
    # Feeds are fetched from public addresses only; name a private host here for an intranet feed.
    allow_hosts: tuple[str, ...] = ()


# The config file's data for the settings being built (set by `load_settings`).
_FILE_DATA: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("summarize_file_data", default=None)
_USE_ENV: contextvars.ContextVar[bool] = contextvars.ContextVar("summarize_use_env", default=True)


class _FileSource(PydanticBaseSettingsSource):
    """The config file's (already read and checked) values, below the environment and the flags."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        """Per-field access (unused: `__call__` returns the whole table)."""
        return (_FILE_DATA.get() or {}).get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        """The file's values."""
        return dict(_FILE_DATA.get() or {})


class Settings(BaseSettings):
    """Everything a run needs to know; the defaults work offline on the bundled example."""

    model_config = SettingsConfigDict(env_prefix="SUMMARIZE_", env_nested_delimiter="__", extra="forbid",
                                      frozen=True)

    inputs: tuple[str, ...] = ()
    out: Path = Path("outputs")
    formats: tuple[Format, ...] = Field(default=("md", "html", "json"), min_length=1)
    languages: tuple[str, ...] = Field(default=("ar", "en"), min_length=1)
    lang: Literal["ar", "en", "both"] = "both"
    summarizer: Literal["auto", "hf", "ct2", "extractive"] = "auto"
    model: str | None = None
    translator: str | None = None  # claim translation model (preset, id, dir or ar-en=..,en-ar=..); None = off
    embedder: Literal["use", "hashing"] = "use"
    since: dt.datetime | None = None  # feeds: leave out entries published before this (UTC)
    state: Path | None = None
    bidi: Literal["auto", "on", "off"] | None = None
    date: str | None = None
    cache_dir: Path = Field(default_factory=default_cache_dir)
    thresholds: Thresholds = Thresholds()
    feeds: Feeds = Feeds()
    outlets: dict[str, str] = {}  # domain → outlet name
    engine: Literal["local", "ray"] = "local"  # where per-article and per-event work runs
    ray_address: str | None = None  # an existing Ray cluster ("auto", "ray://host:10001"); None = start one here
    ray_gpus: float = Field(default=0.0, ge=0, le=64, allow_inf_nan=False)  # GPUs per summarizer actor (ray)

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Flags (init arguments) over the environment over the config file."""
        file = _FileSource(settings_cls)
        return (init_settings, env_settings, file) if _USE_ENV.get() else (init_settings, file)

    @field_validator("since", mode="before")
    @classmethod
    def _since(cls, value: Any) -> Any:
        """`since` also takes "24h" / "2d" (relative to now)."""
        return parse_since(value) if isinstance(value, str) else value

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        """The brief date becomes part of file names: exactly a YYYY-MM-DD calendar date."""
        if value is not None:
            try:
                ok = dt.date.fromisoformat(value).isoformat() == value
            except ValueError:
                ok = False
            if not ok:
                raise ValueError(f"must be a calendar date YYYY-MM-DD, not {value!r}")
        return value

    @field_validator("outlets", mode="before")
    @classmethod
    def _outlets(cls, value: Any) -> Any:
        """Domains lower-cased without www; names must be strings (kept as one clean line)."""
        if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str)
                                                      for k, v in value.items()):
            raise ValueError('[outlets] maps domains to names, e.g. "example-news.com" = "Example News"')
        names = {host_of(k): clean_meta(v) for k, v in value.items()}
        return {k: v for k, v in names.items() if v}

    @property
    def show_langs(self) -> tuple[str, ...]:
        """The summaries the Markdown, HTML and preview show (`lang`)."""
        return LANG_CHOICES[self.lang]


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


def read_config(path: Path) -> dict[str, Any]:
    """The config file as data: unknown keys refused with a hint, relative paths resolved against its folder."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    known = sorted(Settings.model_fields)
    for key in raw:
        if key not in known or key == "cache_dir":
            hint = difflib.get_close_matches(key, known, n=1)
            raise ConfigError(f"{path}: unknown key {key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    data = dict(raw)
    for key in _PATH_KEYS:
        if isinstance(data.get(key), str):
            data[key] = _resolve(data[key], path)
    if isinstance(data.get("inputs"), list):
        data["inputs"] = [s if not isinstance(s, str) or "://" in s else str(_resolve(s, path))
                          for s in data["inputs"]]
    return data


def _resolve(value: str, path: Path) -> Path:
    """A path from the config, relative to the config file's folder."""
    p = Path(value).expanduser()
    return p if p.is_absolute() else path.parent / p


def load_settings(flags: Mapping[str, Any], cwd: Path, env: Mapping[str, str] | None = None) -> Settings:
    """The run's settings: defaults < config file < SUMMARIZE_* environment < flags (None = flag not given)."""
    env = os.environ if env is None else env
    path = find_config(cwd, env)
    data = read_config(path) if path else {}
    given = {k: v for k, v in flags.items() if v is not None and v != [] and v != ()}
    token = _FILE_DATA.set(data)
    try:
        if path is not None:
            no_env = _USE_ENV.set(False)
            try:
                _build({}, f"{path}")  # the file alone, so that its errors name it
            finally:
                _USE_ENV.reset(no_env)
        return _build(given, "options (flags or SUMMARIZE_* environment)")
    finally:
        _FILE_DATA.reset(token)


def _build(flags: Mapping[str, Any], where: str) -> Settings:
    """Settings from the active sources; a validation error becomes a ConfigError naming `where`."""
    try:
        return Settings(**flags)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{where}: {problems}") from None
