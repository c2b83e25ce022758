"""One settings object per run, built in one place and passed explicitly."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from summarize.events.cluster import EVENT_THRESHOLD

FORMATS = ("md", "html", "json")


def default_cache_dir() -> Path:
    """Where generated text and converted models are cached (XDG cache dir)."""
    explicit = os.environ.get("SUMMARIZE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "summarize"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run needs to know; defaults work offline on the bundled example."""

    out_dir: Path = Path("outputs")
    formats: tuple[str, ...] = FORMATS
    summarizer: str = "auto"
    model: str | None = None
    translator: str | None = None  # claim translation model (preset, id, dir or ar-en=..,en-ar=..); None = off
    embedder: str = "use"
    cluster_threshold: float = EVENT_THRESHOLD
    languages: tuple[str, ...] = ("ar", "en")
    date: str | None = None
    cache_dir: Path = field(default_factory=default_cache_dir)
    summary_sentences: int = 4
    since: dt.datetime | None = None  # feeds: leave out entries published before this (UTC)
    outlets: dict[str, str] = field(default_factory=dict)  # domain → outlet name (summarize.toml [outlets])
    feed_timeout_s: float = 10.0
    feed_max_bytes: int = 5_000_000
    show_langs: tuple[str, ...] = ("en", "ar")  # which summaries the Markdown/HTML/preview show (--lang)

    def __post_init__(self) -> None:
        """Reject settings that cannot work, with a message that says how to fix them."""
        bad = [f for f in self.formats if f not in FORMATS]
        if bad or not self.formats:
            raise ValueError(f"unknown output format(s) {bad or '(none)'}; use a comma list of {FORMATS}")
        if not 0.0 < self.cluster_threshold < 1.0:
            raise ValueError("cluster threshold must be between 0 and 1")
        if any(lang not in ("ar", "en") for lang in self.show_langs) or not self.show_langs:
            raise ValueError("--lang must be ar, en or both")
        if self.feed_timeout_s <= 0 or self.feed_max_bytes <= 0:
            raise ValueError("feed timeout and size limit must be positive")
        if self.date is not None and not _valid_date(self.date):
            raise ValueError(f"--date must be a calendar date YYYY-MM-DD, not {self.date!r}")
        if self.summary_sentences < 1:
            raise ValueError("summary sentences must be at least 1")


def _valid_date(value: str) -> bool:
    """Whether `value` is exactly a YYYY-MM-DD calendar date (it becomes part of file names)."""
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False
