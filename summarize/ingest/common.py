"""What every reader of the ingest stage shares: decoding, usability, HTML to text, dates, outlets.

Each reader (files, records, feeds, saved pages) turns one input into articles or
skips; the rules for what makes a usable article live here, once.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import os
import re
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from summarize.model import Article
from summarize.text.normalize import CONTROLS, INVISIBLE, arabic_ratio, strip_controls

log = logging.getLogger(__name__)

# Anything bigger is almost certainly not one article (a dump, a log); the cap
# bounds per-article work. Texts are checked after decoding.
MAX_ARTICLE_CHARS = 1_000_000
# Fewer letters than this is not an article (a stray label, an empty template).
MIN_LETTERS = 20
META_FIELDS = ("outlet", "title", "url", "published")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Decode bytes as UTF-8 (BOM allowed), else Windows-1256 if that yields Arabic; None + reason if binary."""
    if b"\x00" in data[:8192]:
        return None, "binary file (NUL bytes)"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None, "not valid UTF-8 or Windows-1256 text"
    # cp1256 maps almost every byte to something; accept it only when the result
    # reads as Arabic (most letters Arabic-script), as a legacy Arabic file would.
    if arabic_ratio(text) > 0.5:
        log.info("decoded as Windows-1256")
        return text, None
    return None, "not valid UTF-8 text"


def unusable_reason(text: str) -> str | None:
    """Why `text` cannot be an article (empty, no letters, control junk), or None if usable."""
    if not text.strip():
        return "empty text"
    if len(text) > MAX_ARTICLE_CHARS:
        return f"longer than {MAX_ARTICLE_CHARS:,} characters"
    letters = sum(ch.isalpha() for ch in text)
    if letters < MIN_LETTERS:
        return f"too little text ({letters} letters)"
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > len(text) * 0.01:
        return "looks binary (control characters)"
    return None


def make_article(aid: str, text: str, meta: Mapping[str, Any], path: str) -> Article:
    """Build an `Article`, keeping only string metadata and normalising line endings."""
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    if looks_like_html(text):
        text = html_to_text(text)
    fields = {k: clean_meta(meta.get(k)) for k in META_FIELDS}
    fields["published"] = normalize_date(fields["published"], aid)
    lang = clean_meta(meta.get("lang") or meta.get("language")) or "und"
    return Article(id=aid, text=text, path=path, lang=lang, **fields)


_TAG = re.compile(r"</?(?:p|div|span|br|a|script|style|img|table|tr|td|li|ul|ol|h[1-6]|iframe|body|html)\b[^>]*>",
                  re.IGNORECASE)
# Three or more real HTML tags: the scraper kept markup; read the text out of it.
HTML_MIN_TAGS = 3


def looks_like_html(text: str) -> bool:
    """Whether the text still carries HTML markup."""
    return len(_TAG.findall(text[:20000])) >= HTML_MIN_TAGS


class _Text(HTMLParser):
    """Plain text of an HTML fragment: script/style dropped, block ends become line breaks."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "svg"})
    _BREAK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"})

    def __init__(self) -> None:
        """Start with no text."""
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Enter a tag."""
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BREAK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        """Leave a tag."""
        if tag in self._SKIP:
            self._skipping = max(self._skipping - 1, 0)
        elif tag in self._BREAK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        """Keep text outside skipped elements."""
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of HTML (feed content, records that kept markup): one paragraph a line."""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def normalize_date(value: str | None, aid: str) -> str | None:
    """An ISO 8601 form of a publication date (ISO or RFC 2822 input), or None if it cannot be read."""
    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value).isoformat()  # 2024-99-99 is no date
        except ValueError:
            log.warning("%s: impossible publication date %r ignored", printable(aid), printable(value))
            return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        log.warning("%s: unreadable publication date %r ignored", printable(aid), printable(value))
        return None


# Metadata longer than this is cut: a title or outlet name is a line, not a page (hostile inputs send 1 MB).
MAX_META_CHARS = 500


def clean_text(text: str) -> str:
    """Text without control characters, bidi overrides or zero-width marks (line breaks and tabs kept)."""
    return strip_controls(text)


def clean_meta(value: Any) -> str | None:
    """A metadata value as one clean line of at most MAX_META_CHARS characters, or None."""
    if isinstance(value, str) and value.strip():
        line = " ".join(clean_text(value).split())[:MAX_META_CHARS]
        return line or None
    return None


def display_path(path: str | Path) -> str:
    """A path as text that can be written anywhere: undecodable bytes of a file name shown as \\xNN escapes,
    control characters shown escaped."""
    raw = os.fsencode(path) if isinstance(path, Path) else str(path).encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8", "backslashreplace")
    return printable(text)


def printable(text: str, keep_lines: bool = False) -> str:
    """Untrusted text safe for a terminal or a log line: control and bidi characters escaped, not removed
    (`keep_lines`: line breaks and tabs kept, for multi-line messages)."""

    def shown(c: str) -> str:
        if (keep_lines and c in "\n\t") or not (CONTROLS.match(c) or c in "\r\n\t" or INVISIBLE.match(c)):
            return c
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    return "".join(shown(c) for c in text)


def host_of(domain_or_url: str) -> str:
    """The host of a URL or bare domain, lower-cased, without `www.` or a port."""
    text = domain_or_url.strip().lower()
    host = urlsplit(text if "://" in text else f"//{text}").hostname or ""
    return host.removeprefix("www.")


def outlet_for_url(url: str | None, mapping: Mapping[str, str], *, bare_domain: bool = False) -> str | None:
    """The outlet named for a URL's domain or its closest parent domain (news.bbc.co.uk → bbc.co.uk) in
    `mapping` (summarize.toml [outlets]); else, with `bare_domain`, the domain itself ("example.com")."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    host = host_of(url)
    fallback = host if bare_domain and "." in host else None
    while host:
        if host in mapping:
            return mapping[host]
        if "." not in host:
            return fallback
        host = host.split(".", 1)[1]
    return fallback


def brief_date(articles: Sequence[Article]) -> str:
    """The brief's date: the latest publication date among the sources, else today (UTC)."""
    dates = [a.published[:10] for a in articles if a.published and _DATE.match(a.published)]
    return max(dates) if dates else dt.datetime.now(dt.UTC).date().isoformat()
