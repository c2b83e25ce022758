"""Terminal preview of a Markdown brief with rich (the CLI owns the console)."""

from __future__ import annotations

from typing import Any


def preview(markdown_text: str, console: Any) -> None:
    """Print the Markdown brief to `console` (a rich Console the caller configured)."""
    from rich.markdown import Markdown

    console.print(Markdown(markdown_text))
