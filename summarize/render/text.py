"""Safe text helpers shared by the renderers: article text is untrusted."""

from __future__ import annotations

import re

from summarize.model import Article, Brief
from summarize.text.normalize import CONTROLS, INVISIBLE, strip_controls

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|!])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)
_SPACE = re.compile(r"\s+")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+$", re.IGNORECASE)


def md_escape(text: str) -> str:
    """Escape untrusted text for inline Markdown: no markup, no HTML, no links survive."""
    text = _SPACE.sub(" ", strip_controls(text)).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(r"\1\\\2", text)


def safe_url(url: str | None) -> str | None:
    """Return `url` if it is a plain http(s) URL, else None (no javascript:, data:, ...)."""
    if url and _SAFE_URL.match(url.strip()):
        return url.strip()
    return None


UNKNOWN_OUTLET = "unknown outlet"


def source_label(article: Article) -> str:
    """How a source is named in the brief: its outlet, else "unknown outlet" and its headline."""
    if article.outlet:
        return article.outlet
    return f"{UNKNOWN_OUTLET} ({article.title[:60]})" if article.title else UNKNOWN_OUTLET


def outlets(brief: Brief) -> tuple[int, int]:
    """Distinct known outlets among the brief's sources, and how many sources have no known outlet."""
    named = {s.article.outlet for s in brief.sources if s.article.outlet}
    return len(named), sum(1 for s in brief.sources if not s.article.outlet)


def without_controls(text: str, fmt: str) -> str:
    """A rendered file with no control character left raw (the last line of defence; ingest removes them).

    Markdown and HTML lose them; in JSON a C1 control (which `json.dumps` leaves raw) becomes a \\u escape.
    """
    if fmt == "json":
        return CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return INVISIBLE.sub("", CONTROLS.sub("", text))
