"""RSS/Atom feeds → `Article`s (feedparser), from a file or a URL fetched with a timeout and a size cap.

The network is touched only when an http(s) URL is given, and feedparser is
only ever handed bytes (given a string that looks like a URL it would fetch it
itself, with no limits). Entries published before `since` are left out and
counted in one `Skipped` line per feed, so nothing disappears without a trace.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from summarize.ingest.common import html_to_text, outlet_for_url, unusable_reason
from summarize.model import Article, Skipped
from summarize.text.normalize import strip_invisible

log = logging.getLogger(__name__)

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
TIMEOUT_S = 10.0
# A day of a busy outlet's feed is well under 1 MB; 5 MB bounds memory and parse time.
MAX_BYTES = 5_000_000
USER_AGENT = "summarize/0.1 (+morning brief; feedparser)"
_CHUNK = 65_536
_RELATIVE = re.compile(r"^\s*(\d+)\s*([hd])\s*$", re.IGNORECASE)


class FeedError(RuntimeError):
    """A feed could not be fetched or read; the message says why."""


def is_url(source: str | Path) -> bool:
    """Whether `source` is an http(s) URL (anything else is a local path)."""
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def read_feed(
    source: str | Path,
    *,
    since: dt.datetime | None = None,
    timeout_s: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    outlets: Mapping[str, str] | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read one RSS/Atom feed (path or URL) into articles; problems and old entries become `Skipped`."""
    where = str(source)
    try:
        data = fetch(where, timeout_s, max_bytes) if is_url(source) else _read_file(Path(source), max_bytes)
    except FeedError as exc:
        log.warning("skipped feed %s: %s", where, exc)
        return [], [Skipped(where, str(exc))]
    try:
        import feedparser
    except ImportError:
        return [], [Skipped(where, "reading feeds needs feedparser: pip install feedparser")]
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})" if parsed.bozo else "feed has no entries"
        return [], [Skipped(where, why)]
    return _entries(parsed, where, since, outlets or {})


def _entries(parsed: Any, where: str, since: dt.datetime | None,
             outlets: Mapping[str, str]) -> tuple[list[Article], list[Skipped]]:
    """Turn parsed entries into articles, skipping unusable ones and counting old ones."""
    feed = parsed.feed
    feed_lang = _lang(feed.get("language"))
    articles: list[Article] = []
    skipped: list[Skipped] = []
    old = 0
    for n, entry in enumerate(parsed.entries, 1):
        published = _published(entry)
        if since is not None and published is not None and published < since:
            old += 1
            continue
        article = _article(entry, feed, feed_lang, published, f"{where}#{n}", outlets)
        reason = unusable_reason(article.text)
        if reason:
            skipped.append(Skipped(f"{where}#{n}", reason))
        else:
            articles.append(article)
    if old:
        skipped.append(Skipped(where, f"{old} entries published before {since.isoformat() if since else ''}"))
    return articles, skipped


def _article(entry: Any, feed: Any, feed_lang: str, published: dt.datetime | None, where: str,
             outlets: Mapping[str, str]) -> Article:
    """One feed entry as an article: full content if the feed has it, else the summary."""
    link = entry.get("link") or None
    title = _clean(entry.get("title"))
    contents = entry.get("content") or []
    body = html_to_text(contents[0].get("value", "") if contents else entry.get("summary", ""))
    if unusable_reason(body) and title:
        body = f"{title}\n{body}".strip()  # summary-only feeds: the headline is part of the news
    key = entry.get("id") or link or f"{title}|{entry.get('published', '')}"
    lang = _lang(contents[0].get("language") if contents else None) or feed_lang or "und"
    outlet = outlet_for_url(link, outlets) or _clean(feed.get("title")) or outlet_for_url(link, {}, bare_domain=True)
    return Article(
        id="feed-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12],
        text=strip_invisible(body), outlet=outlet, title=title, url=link,
        published=published.isoformat() if published else None, path=where, lang=lang,
    )


def _published(entry: Any) -> dt.datetime | None:
    """The entry's publication (else update) time in UTC, if the feed gives one."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC)


def _lang(value: Any) -> str:
    """A feed language tag ("ar", "en-US") as a two-letter code, or ""."""
    return value.split("-")[0].strip().lower()[:2] if isinstance(value, str) and value.strip() else ""


def _clean(value: Any) -> str | None:
    """A metadata string without markup or invisible characters, or None."""
    text = html_to_text(value) if isinstance(value, str) else ""
    return text or None


def _read_file(path: Path, max_bytes: int) -> bytes:
    """A local feed file's bytes, refusing files over the size cap."""
    try:
        if path.stat().st_size > max_bytes:
            raise FeedError(f"larger than {max_bytes:,} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise FeedError(f"unreadable: {exc.strerror or exc}") from exc


def fetch(url: str, timeout_s: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> bytes:
    """GET an http(s) URL with a timeout, reading at most `max_bytes` (FeedError otherwise)."""
    import urllib.error
    import urllib.request

    if not is_url(url):
        raise FeedError("only http(s) URLs are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FeedError(f"larger than {max_bytes:,} bytes ({int(declared):,} declared)")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise FeedError(f"larger than {max_bytes:,} bytes")
                chunks.append(chunk)
    except urllib.error.HTTPError as exc:
        raise FeedError(f"HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FeedError(f"cannot fetch ({reason}; timeout {timeout_s:g} s)") from exc
    return b"".join(chunks)


def parse_since(text: str, now: dt.datetime | None = None) -> dt.datetime:
    """`--since`: YYYY-MM-DD, an ISO date-time, or "24h" / "2d" before `now`; always timezone-aware UTC."""
    now = now or dt.datetime.now(dt.UTC)
    m = _RELATIVE.match(text)
    if m:
        amount = int(m.group(1))
        return now - (dt.timedelta(hours=amount) if m.group(2).lower() == "h" else dt.timedelta(days=amount))
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(f"--since {text!r}: use YYYY-MM-DD, an ISO date-time, or 24h / 2d") from exc
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
