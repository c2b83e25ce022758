"""Saved web pages (.html) → `Article` with trafilatura: main text without navigation, ads or scripts.

Metadata comes from the page (title, site name, publication date, canonical URL,
`<html lang>`), and the URL also from the "saved from url=" comment browsers
write. The page is never fetched again and nothing it links to is loaded.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from summarize.ingest.common import clean_meta, clean_text, display_path, outlet_for_url, unusable_reason
from summarize.model import Article, Skipped
from summarize.text.normalize import strip_invisible

log = logging.getLogger(__name__)

HTML_SUFFIXES = {".html", ".htm"}
# Saved pages carry inline CSS and scripts: 10 MB is far above any article page.
MAX_PAGE_BYTES = 10_000_000
# A saved article page has a few thousand elements; a flat DOM of hundreds of thousands takes the parser
# minutes (a 9.5 MB one took 326 s), so pages with more tags than this are skipped.
MAX_ELEMENTS = 200_000
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.IGNORECASE)
_HTML_LANG = re.compile(rb"<html[^>]*\blang=[\"']?([A-Za-z]{2})", re.IGNORECASE)


def read_html(path: Path, outlets: Mapping[str, str] | None = None, source_id: str | None = None
              ) -> Article | Skipped:
    """Extract one saved page's article (id = `source_id`, else the file name), or say why it cannot be used."""
    where = display_path(path)
    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            return Skipped(where, f"larger than {MAX_PAGE_BYTES:,} bytes")
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(where, f"unreadable: {exc.strerror or exc}")
    elements = data.count(b"<")
    if elements > MAX_ELEMENTS:
        return Skipped(where, f"more than {MAX_ELEMENTS:,} HTML elements (not an article page)")
    try:
        meta = extract(data)
    except ImportError as exc:
        return Skipped(where, str(exc))
    except (RecursionError, ValueError, MemoryError) as exc:
        return Skipped(where, f"page cannot be parsed ({type(exc).__name__})")
    if meta is None:
        return Skipped(where, "no article text found in the page")
    text = clean_text(_body(meta))
    reason = unusable_reason(text)
    if reason:
        return Skipped(where, f"{reason} after removing the page's navigation and boilerplate")
    url = _url(data, meta)
    lang_tag = _HTML_LANG.search(data[:4096])
    return Article(
        id=source_id or display_path(path.name), text=text, path=where, url=url,
        outlet=outlet_for_url(url, outlets or {}) or clean_meta(meta.get("source-hostname"))
        or clean_meta(meta.get("hostname"))
        or outlet_for_url(url, {}, bare_domain=True),
        title=clean_meta(meta.get("title")), published=_str(meta.get("date")),
        lang=lang_tag.group(1).decode("ascii").lower() if lang_tag else "und",
    )


def extract(data: bytes) -> dict[str, Any] | None:
    """trafilatura's main text and metadata for a page, or None when it finds no text."""
    try:
        import trafilatura
    except ImportError as exc:
        raise ImportError("reading saved web pages needs trafilatura: pip install trafilatura") from exc
    result = trafilatura.extract(data, output_format="json", with_metadata=True, include_comments=False,
                                 include_tables=False, include_links=False, include_images=False)
    if not result:
        return None
    meta: dict[str, Any] = json.loads(result)
    return meta


def _body(meta: Mapping[str, Any]) -> str:
    """The article text, without the headline line trafilatura puts first (the title is kept apart)."""
    text = strip_invisible(str(meta.get("text") or "")).strip()
    title = _str(meta.get("title"))
    first, _, rest = text.partition("\n")
    return rest.strip() if title and first.strip() == title and rest.strip() else text


def _url(data: bytes, meta: Mapping[str, Any]) -> str | None:
    """The page's address: the "saved from" comment, else the canonical URL trafilatura found."""
    saved = _SAVED_FROM.search(data[:4096])
    if saved:
        return saved.group(1).decode("ascii", "replace")
    source = _str(meta.get("source") or meta.get("url"))
    return source if source and source.startswith(("http://", "https://")) else None


def _str(value: Any) -> str | None:
    """A non-empty stripped string, or None."""
    return value.strip() if isinstance(value, str) and value.strip() else None
