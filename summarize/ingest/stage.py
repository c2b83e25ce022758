"""Ingest stage: files, folders, JSON/JSONL records, saved pages and feeds → `Article`s, plus a skipped list.

Every input either becomes an article or is recorded in `skipped` with a reason;
nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from summarize.ingest.common import display_path, outlet_for_url, printable
from summarize.ingest.feeds import FEED_SUFFIXES, read_feed
from summarize.ingest.fetch import is_url
from summarize.ingest.files import TEXT_SUFFIXES, TextFiles, walk
from summarize.ingest.records import RECORD_SUFFIXES
from summarize.ingest.webpage import HTML_SUFFIXES, read_html
from summarize.model import Article, Skipped
from summarize.text.normalize import match_key

log = logging.getLogger(__name__)

SUFFIXES = TEXT_SUFFIXES | RECORD_SUFFIXES | FEED_SUFFIXES | HTML_SUFFIXES


@dataclass
class Ingested:
    """Articles read so far and inputs skipped, in input order."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def skip(self, what: str, reason: str) -> None:
        """Record an unusable input."""
        log.warning("skipped %s: %s", printable(what), printable(reason))
        self.skipped.append(Skipped(what, reason))


@dataclass(frozen=True)
class IngestOptions:
    """What some inputs need: feeds (since, timeout, size cap) and outlet names by domain (summarize.toml)."""

    since: dt.datetime | None = None
    outlets: Mapping[str, str] = field(default_factory=dict)
    feed_timeout_s: float = 10.0
    feed_max_bytes: int = 5_000_000
    feed_allow_hosts: tuple[str, ...] = ()  # private hosts feeds may be fetched from (an intranet)


def ingest(paths: Iterable[str | Path], options: IngestOptions | None = None) -> Ingested:
    """Read every path (file, folder recursively, or feed URL) into articles, skipping bad input with a reason.

    The result does not depend on the order of the inputs: articles come sorted by id, and where two
    inputs clash (one id twice, one outlet's text twice) the one kept is the first in that order.
    """
    opts = options or IngestOptions()
    out = Ingested()
    texts = TextFiles(out.skip)
    found: list[Article] = []
    for raw in paths:
        if isinstance(raw, str) and is_url(raw):
            files: Iterable[tuple[Path | str, str | None]] = [(raw, None)]
        else:
            path = Path(raw)
            if not path.exists() and not path.is_symlink():
                out.skip(display_path(path), "no such file or folder")
                continue
            files = walk(path, SUFFIXES, out.skip)
        for file, source_id in files:
            found.extend(_read_any(file, source_id, out, texts, opts))
    seen_ids: set[str] = set()
    seen_texts: dict[tuple[str | None, str], str] = {}
    for article in sorted(found, key=lambda a: (a.id, a.text, a.path or "")):
        if article.id in seen_ids:
            out.skip(_where(article), f"duplicate id {article.id!r}")
            continue
        # The same text twice from one outlet is a duplicate; from two
        # outlets it is syndication, which the claims stage counts as one source.
        text_key = (article.outlet, hashlib.sha256(match_key(article.text).encode()).hexdigest())
        if text_key in seen_texts:
            out.skip(_where(article), f"same text as {seen_texts[text_key]!r} from the same outlet")
            continue
        seen_ids.add(article.id)
        seen_texts[text_key] = article.id
        out.articles.append(article)
    return out


def _where(article: Article) -> str:
    """Where an article came from, for the skipped list."""
    return article.path or article.id


def _read_any(file: Path | str, source_id: str | None, out: Ingested, texts: TextFiles, opts: IngestOptions
              ) -> Iterator[Article]:
    """Dispatch one input: feed URL or file, saved web page, or text/record file."""
    if isinstance(file, str) or file.suffix.lower() in FEED_SUFFIXES:  # a feed's entries have ids of their own
        articles, skipped = read_feed(file, since=opts.since, timeout_s=opts.feed_timeout_s,
                                      max_bytes=opts.feed_max_bytes, outlets=opts.outlets,
                                      allow_hosts=opts.feed_allow_hosts)
        for s in skipped:
            out.skip(s.input, s.reason)
        yield from articles
    elif file.suffix.lower() in HTML_SUFFIXES:
        got = read_html(file, opts.outlets, source_id)
        if isinstance(got, Skipped):
            out.skip(got.input, got.reason)
        else:
            yield got
    else:
        for article in texts.read(file, source_id):
            url_outlet = None if article.outlet else outlet_for_url(article.url, opts.outlets, bare_domain=True)
            yield dataclasses.replace(article, outlet=url_outlet) if url_outlet else article
