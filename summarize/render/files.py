"""Write a brief's files atomically: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from summarize.model import Brief
from summarize.render.html_page import render_html
from summarize.render.json_brief import render_json
from summarize.render.md import render_markdown


def render_all(brief: Brief, formats: tuple[str, ...], langs: tuple[str, ...] = ("en", "ar")) -> dict[str, str]:
    """Render the requested formats ("md", "html", "json") to strings; `langs` picks the summaries shown."""
    markdown_text = render_markdown(brief, langs)
    out: dict[str, str] = {}
    for fmt in formats:
        if fmt == "md":
            out[fmt] = markdown_text
        elif fmt == "html":
            out[fmt] = render_html(markdown_text, f"Morning brief — {brief.date}")
        elif fmt == "json":
            out[fmt] = render_json(brief)
    return out


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_brief(brief: Brief, out_dir: Path, formats: tuple[str, ...],
                langs: tuple[str, ...] = ("en", "ar")) -> list[Path]:
    """Write `brief-<date>.<fmt>` for each format into `out_dir`; returns the paths written."""
    written = []
    for fmt, text in render_all(brief, formats, langs).items():
        path = out_dir / f"brief-{brief.date}.{fmt}"
        write_atomic(path, text)
        written.append(path)
    return written
