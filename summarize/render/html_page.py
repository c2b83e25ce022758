"""HTML brief: the Markdown through python-markdown, Arabic blocks marked right-to-left."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from typing import Any

from ..textnorm import arabic_ratio

# Block elements whose direction is decided by their own text.
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "blockquote", "td", "th"}
# More than this share of Arabic letters makes a block right-to-left; a block
# with some Arabic but less gets dir="auto" so the browser decides per paragraph.
RTL_SHARE = 0.5

_CSS = """
body{font-family:system-ui,"Noto Naskh Arabic","Noto Sans",sans-serif;max-width:52rem;margin:2rem auto;
padding:0 1rem;line-height:1.6;color:#1b1b1b}
[dir=rtl]{font-family:"Noto Naskh Arabic","Amiri","Noto Sans Arabic",serif;text-align:right}
h2{border-top:1px solid #ccc;padding-top:1rem}
h3{margin-bottom:.3rem}
@media print{body{max-width:none;margin:0}a{color:inherit}}
"""


def _text_of(el: ET.Element) -> str:
    """All text inside an element."""
    return "".join(el.itertext())


def _mark_direction(root: ET.Element) -> None:
    """Set dir/lang on every block element whose text is Arabic."""
    for el in root.iter():
        if el.tag not in _BLOCKS:
            continue
        share = arabic_ratio(_text_of(el))
        if share > RTL_SHARE:
            el.set("dir", "rtl")
            el.set("lang", "ar")
        elif share > 0:
            el.set("dir", "auto")


def _extension() -> Any:
    """A python-markdown extension that runs `_mark_direction` on the parsed tree."""
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class DirectionProcessor(Treeprocessor):  # type: ignore[misc]
        def run(self, root: ET.Element) -> None:
            """Mark Arabic blocks."""
            _mark_direction(root)

    class DirectionExtension(Extension):  # type: ignore[misc]
        def extendMarkdown(self, md: Any) -> None:
            """Register the processor after inline processing."""
            md.treeprocessors.register(DirectionProcessor(md), "direction", 1)

    return DirectionExtension()


def render_html(markdown_text: str, title: str) -> str:
    """Render the Markdown brief as a standalone HTML page."""
    import markdown

    body = markdown.markdown(markdown_text, extensions=["sane_lists", _extension()], output_format="html")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
