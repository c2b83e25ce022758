"""Prompt templates, loaded by name from `prompts/` and hashed into cache keys.

Templates are plain UTF-8 files named `<task>.<lang>.txt` (e.g.
`summarize.ar.txt`) with one `{text}` placeholder. An installed wheel ships
them as `summarize/prompts/`; an editable checkout reads the repository's
top-level `prompts/`. A directory given explicitly wins over both.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from summarize.text.normalize import match_key

log = logging.getLogger(__name__)

PLACEHOLDER = "{text}"
_REPO_PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


class PromptNotFound(LookupError):
    """No template of that name exists in any prompts directory."""


@dataclass(frozen=True, slots=True)
class Prompt:
    """One template: its name ("summarize.ar"), text, and SHA-256 of the text."""

    name: str
    template: str
    sha256: str

    def render(self, text: str) -> str:
        """Insert `text` at the placeholder (the inserted text is never re-interpreted)."""
        head, _, tail = self.template.partition(PLACEHOLDER)
        return f"{head}{text}{tail}"

    def overhead(self) -> str:
        """The template with an empty placeholder, for counting the prompt's own tokens."""
        return self.render("")


def prompt_dirs(directory: Path | None = None) -> list[Path]:
    """Directories searched for templates, first match wins."""
    dirs: list[Path] = [directory] if directory is not None else []
    try:
        packaged = importlib.resources.files("summarize") / "prompts"
        if packaged.is_dir():
            dirs.append(Path(str(packaged)))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):  # pragma: no cover
        pass
    dirs.append(_REPO_PROMPTS)
    return dirs


def load_prompt(task: str, lang: str, directory: Path | None = None) -> Prompt:
    """Load the template `<task>.<lang>.txt`; raise PromptNotFound with the places searched."""
    return _load(f"{task}.{lang}", tuple(prompt_dirs(directory)))


@lru_cache(maxsize=64)
def _load(name: str, dirs: tuple[Path, ...]) -> Prompt:
    """Read and hash one template from the first directory that has it."""
    for d in dirs:
        path = d / f"{name}.txt"
        if path.is_file():
            text = path.read_text(encoding="utf-8").rstrip("\n")
            if PLACEHOLDER not in text and not name.startswith("guard_vocab"):
                raise PromptNotFound(f"prompt {path} has no {PLACEHOLDER} placeholder")
            log.debug("prompt %s from %s", name, path)
            return Prompt(name, text, hashlib.sha256(text.encode("utf-8")).hexdigest())
    searched = ", ".join(str(d) for d in dirs)
    raise PromptNotFound(f"no prompt template {name}.txt in {searched}")


def has_prompt(task: str, lang: str, directory: Path | None = None) -> bool:
    """True when a template `<task>.<lang>` exists."""
    try:
        load_prompt(task, lang, directory)
    except PromptNotFound:
        return False
    return True


def guard_vocabulary(lang: str, directory: Path | None = None) -> frozenset[str]:
    """Words (match_key form) a generated `lang` summary may use without a source for them."""
    try:
        prompt = load_prompt("guard_vocab", lang, directory)
    except PromptNotFound:
        return frozenset()
    lines = (line.strip() for line in prompt.template.splitlines())
    return frozenset(match_key(line) for line in lines if line and not line.startswith("#"))
