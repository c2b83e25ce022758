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
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from summarize.ingest.common import (
    clean_meta,
    clean_text,
    display_path,
    html_to_text,
    outlet_for_url,
    printable,
    unusable_reason,
)
from summarize.ingest.fetch import MAX_BYTES, TIMEOUT_S, FeedError, fetch, is_url
from summarize.model import Article, Skipped

log = logging.getLogger(__name__)

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
# A day of a busy outlet's feed has a few hundred entries; more is a dump, not a feed (the rest are
# counted in one skipped line).
MAX_ITEMS = 2_000
_RELATIVE = re.compile(r"^\s*(\d+)\s*([hd])\s*$", re.IGNORECASE)


def read_feed(
    source: str | Path,
    *,
    since: dt.datetime | None = None,
    timeout_s: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    outlets: Mapping[str, str] | None = None,
    allow_hosts: Collection[str] = (),
) -> tuple[list[Article], list[Skipped]]:
    """Read one RSS/Atom feed (path or URL) into articles; problems and old entries become `Skipped`."""
    where = clean_meta(str(source)) or "" if is_url(source) else display_path(source)
    try:
        data = (fetch(str(source), timeout_s, max_bytes, allow_hosts) if is_url(source)
                else _read_file(Path(source), max_bytes))
    except FeedError as exc:
        log.warning("skipped feed %s: %s", printable(where), printable(str(exc)))
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
    for n, entry in enumerate(parsed.entries[:MAX_ITEMS], 1):
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
    if len(parsed.entries) > MAX_ITEMS:
        skipped.append(Skipped(where, f"{len(parsed.entries) - MAX_ITEMS} entries beyond the first {MAX_ITEMS:,} "
                                      "(a feed this long is a dump, not a day's news)"))
    if old:
        skipped.append(Skipped(where, f"{old} entries published before {since.isoformat() if since else ''}"))
    return articles, skipped


def _article(entry: Any, feed: Any, feed_lang: str, published: dt.datetime | None, where: str,
             outlets: Mapping[str, str]) -> Article:
    """One feed entry as an article: full content if the feed has it, else the summary."""
    link = clean_meta(entry.get("link"))
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
        text=clean_text(body), outlet=outlet, title=title, url=link,
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
    return clean_meta(html_to_text(value)) if isinstance(value, str) else None


def _read_file(path: Path, max_bytes: int) -> bytes:
    """A local feed file's bytes, refusing files over the size cap."""
    try:
        if path.stat().st_size > max_bytes:
            raise FeedError(f"larger than {max_bytes:,} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise FeedError(f"unreadable: {exc.strerror or exc}") from exc


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
