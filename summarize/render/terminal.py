"""Terminal preview of a brief with rich: bidi-correct Arabic, article text never read as markup.

The Markdown brief is parsed into blocks (markdown-it, which rich already
depends on); each block's plain text is wrapped, reordered for display and, when
it is Arabic, right-aligned (see `bidi.py`). Text reaches rich only as `Text`
objects, so `[bold]` in a headline prints as `[bold]`. The CLI owns the console.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

from summarize.model import Brief
from summarize.render import bidi
from summarize.render.bidi import BidiOptions

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

SECTIONS = {"confirmed": "confirmed", "disputed": "disputed", "single source": "single_source"}
SECTION_STYLE = {"confirmed": "green", "disputed": "bold red", "single_source": "yellow"}
SECTION_MARK = {"confirmed": "✓", "disputed": "!", "single_source": "·"}
HEADING_STYLE = {"h1": "bold underline", "h2": "bold cyan", "h3": "bold"}
STAGE_LABELS = {"ingest": "reading inputs", "language": "detecting languages", "clean": "cleaning pages",
                "sentences": "splitting sentences", "embed": "embedding articles",
                "cluster": "grouping articles into events", "claims": "claims of each event",
                "summarize": "writing summaries"}


@dataclass(frozen=True, slots=True)
class Block:
    """One displayable block of the brief: its kind, plain text, list marker and nesting."""

    kind: str  # h1, h2, h3, p, li, quote
    text: str
    marker: str = ""
    depth: int = 0
    section: str | None = None


def preview(
    source: str | Brief,
    console: Console,
    *,
    options: BidiOptions | None = None,
    langs: tuple[str, ...] = ("en", "ar"),
    marks: Mapping[str, str] | None = None,
) -> None:
    """Print a brief (a `Brief` or its Markdown) to `console`; `marks` maps event numbers to badges."""
    if isinstance(source, Brief):
        from summarize.render.md import render_markdown

        source = render_markdown(source, langs)
    if options is None:
        options = bidi.resolve(None, os.environ, console.is_terminal)
    for row in render_lines(source, console.width, options, marks or {}):
        console.print(row, soft_wrap=True, highlight=False)


def render_lines(
    markdown_text: str, columns: int, options: BidiOptions, marks: Mapping[str, str] | None = None
) -> Iterator[Text]:
    """The preview as rich `Text` rows of at most `columns` cells."""
    from rich.text import Text

    previous = ""
    for block in blocks(markdown_text):
        if previous and not (block.kind == "li" and previous == "li"):
            yield Text("")
        text = block.text
        if block.kind == "h2" and marks:
            number = text.split(".", 1)[0]
            text = f"{text} [{marks[number]}]" if number in marks else text
        yield from _rows(block, text, columns, options)
        previous = block.kind


# English labels that must stay on one line with their numbers and citations, even inside Arabic lines.
_LABEL = re.compile(r"(?:(?:\[\d+\])+ · )?(?:\d+ independent origins|one origin|\d+ reports|side \d+:?)")


def _rows(block: Block, text: str, columns: int, options: BidiOptions) -> Iterator[Text]:
    """Lay out one block: wrapped, reordered, Arabic right-aligned, list markers on the reading side."""
    from rich.text import Text

    indent = "  " * block.depth
    marker = _marker(block)
    style = HEADING_STYLE.get(block.kind, "italic" if block.kind == "quote" else "")
    mark_style = SECTION_STYLE.get(block.section or "", "dim")
    if block.kind == "h3" and block.section:
        style = f"bold {SECTION_STYLE[block.section]}"
    clean = _LABEL.sub(lambda m: m.group().replace(" ", "\u00a0"), bidi.clean(text))  # labels never split
    rtl = bidi.is_rtl(clean)
    gutter = bidi.width(marker) + 1 if marker else 0
    avail = max(columns - len(indent) - gutter, 8)
    for n, line in enumerate(bidi.layout(clean, avail, options, rtl)):
        shown = marker if n == 0 else " " * bidi.width(marker)
        row = Text()
        if rtl and options.reorder:
            row.append(line, style)
            row.append(" " + bidi.visual(shown, True, options) if marker else "", mark_style)
            row.append(indent)
        else:
            row.append(indent)
            row.append(shown + " " if marker else "", mark_style)
            row.append(line, style)
        yield row


def _marker(block: Block) -> str:
    """The list marker shown before (or, in Arabic, after) a list item."""
    if block.kind == "quote":
        return "│"
    if block.kind != "li":
        return ""
    if block.section and block.depth == 0:
        return SECTION_MARK[block.section]
    return block.marker or "•"


def blocks(markdown_text: str) -> Iterator[Block]:
    """Parse Markdown into displayable blocks, tracking list nesting and claim sections."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown_text)
    lists: list[list[int]] = []  # per open list: [ordered?, next number]
    pending: str | None = None  # marker of a list item whose first paragraph is next
    quote = 0
    section: str | None = None
    kind = "p"
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1) if tok.type == "ordered_list_open" else 0
            lists.append([int(tok.type == "ordered_list_open"), start])
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "list_item_open":
            ordered, number = lists[-1]
            pending = f"{number}." if ordered else "•"
            lists[-1][1] = number + 1
        elif tok.type == "blockquote_open":
            quote += 1
        elif tok.type == "blockquote_close":
            quote -= 1
        elif tok.type == "heading_open":
            kind = tok.tag if tok.tag in HEADING_STYLE else "h3"
        elif tok.type == "paragraph_open":
            kind = "li" if pending else "quote" if quote else "p"
        elif tok.type == "inline":
            text = inline_text(tok.children or [])
            if kind in ("h2", "h3"):
                section = SECTIONS.get(text.strip().lower()) if kind == "h3" else None
            depth = max(len(lists) - 1, 0)
            yield Block(kind, text, pending or "", depth, section if kind in ("h3", "li") else None)
            pending = None
            kind = "p"


def inline_text(children: list[Any]) -> str:
    """Plain text of an inline token's children: escapes resolved, emphasis and links flattened."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):  # html_inline is the renderer's own anchors, not text
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


class StepProgress:
    """Progress on stderr for the pipeline's stages: a bar where the total is known, nothing when not a terminal."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        """Prepare (but do not start) a progress display on `console`."""
        self._console = console
        self._enabled = enabled and console.is_terminal
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> StepProgress:
        """Start the display."""
        if self._enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                      MofNCompleteColumn(), console=self._console, transient=True)
            self._progress.start()
            self._task = self._progress.add_task("starting", total=None)
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Show a pipeline progress event; a known total also moves the bar."""
        if self._progress is None:
            return
        label = STAGE_LABELS.get(stage, stage)
        self._progress.update(self._task, description=label, completed=done, total=total or None)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Stop the display (it leaves nothing behind)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
