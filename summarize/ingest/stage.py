"""Ingest stage: files, folders and JSON/JSONL records → `Article`s, plus a skipped list.

Every input either becomes an article or is recorded in `skipped` with a reason;
nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import outlet_for_url
from .feeds import FEED_SUFFIXES, is_url, read_feed
from .textnorm import arabic_ratio, match_key, strip_invisible
from .types import Article, Skipped
from .webpage import HTML_SUFFIXES, read_html

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
RECORD_SUFFIXES = {".json", ".jsonl"}
MANIFEST_NAME = "manifest.jsonl"
# Anything bigger is almost certainly not one article (a dump, a log); the caps
# bound per-article work. Files are checked before reading, texts after decoding.
MAX_ARTICLE_BYTES = 2_000_000
MAX_ARTICLE_CHARS = 1_000_000
# Fewer letters than this is not an article (a stray label, an empty template).
MIN_LETTERS = 20
META_FIELDS = ("outlet", "title", "url", "published")


@dataclass
class Ingested:
    """Articles read so far and inputs skipped, in input order."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    manifests: dict[Path, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def skip(self, what: str, reason: str) -> None:
        """Record an unusable input."""
        log.warning("skipped %s: %s", what, reason)
        self.skipped.append(Skipped(what, reason))


@dataclass(frozen=True)
class IngestOptions:
    """What some inputs need: feeds (since, timeout, size cap) and outlet names by domain (summarize.toml)."""

    since: dt.datetime | None = None
    outlets: Mapping[str, str] = field(default_factory=dict)
    feed_timeout_s: float = 10.0
    feed_max_bytes: int = 5_000_000


def ingest(paths: Iterable[str | Path], options: IngestOptions | None = None) -> Ingested:
    """Read every path (file, folder recursively, or feed URL) into articles, skipping bad input with a reason."""
    opts = options or IngestOptions()
    out = Ingested()
    seen_ids: set[str] = set()
    seen_texts: dict[tuple[str | None, str], str] = {}
    for raw in paths:
        if isinstance(raw, str) and is_url(raw):
            files: Iterable[Path | str] = [raw]
        else:
            path = Path(raw)
            if not path.exists() and not path.is_symlink():
                out.skip(str(path), "no such file or folder")
                continue
            files = _walk(path, out)
        for file in files:
            for article in _read_any(file, out, opts):
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


def _walk(path: Path, out: Ingested) -> Iterator[Path]:
    """Yield input files under `path` in sorted order, recording unsupported files and loops."""
    if path.is_file():
        yield path
        return
    visited: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(path, followlinks=True):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in visited:
            out.skip(root, "folder already visited (symlink loop)")
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(files):
            file = Path(root) / name
            if name == MANIFEST_NAME or name.startswith("."):
                continue  # sidecar metadata and hidden files are not inputs
            if file.suffix.lower() in TEXT_SUFFIXES | RECORD_SUFFIXES | FEED_SUFFIXES | HTML_SUFFIXES:
                yield file
            else:
                out.skip(str(file), f"unsupported file type {file.suffix or '(none)'!r}")


def _read_any(file: Path | str, out: Ingested, opts: IngestOptions) -> Iterator[Article]:
    """Dispatch one input: feed URL or file, saved web page, or text/record file."""
    if isinstance(file, str) or file.suffix.lower() in FEED_SUFFIXES:
        articles, skipped = read_feed(file, since=opts.since, timeout_s=opts.feed_timeout_s,
                                      max_bytes=opts.feed_max_bytes, outlets=opts.outlets)
        for s in skipped:
            out.skip(s.input, s.reason)
        yield from articles
    elif file.suffix.lower() in HTML_SUFFIXES:
        got = read_html(file, opts.outlets)
        if isinstance(got, Skipped):
            out.skip(got.input, got.reason)
        else:
            yield got
    else:
        for article in _read_file(file, out):
            url_outlet = None if article.outlet else outlet_for_url(article.url, opts.outlets)
            yield dataclasses.replace(article, outlet=url_outlet) if url_outlet else article


def _read_file(file: Path, out: Ingested) -> Iterator[Article]:
    """Turn one file into zero or more articles."""
    try:
        if file.stat().st_size > MAX_ARTICLE_BYTES and file.suffix.lower() in TEXT_SUFFIXES:
            out.skip(str(file), f"larger than {MAX_ARTICLE_BYTES:,} bytes")
            return
        data = file.read_bytes()
    except OSError as exc:
        out.skip(str(file), f"unreadable: {exc.strerror or exc}")
        return
    text, problem = decode(data)
    if text is None:
        out.skip(str(file), problem or "cannot decode")
        return
    if file.suffix.lower() in RECORD_SUFFIXES:
        yield from _read_records(file, text, out)
        return
    if file.parent not in out.manifests:
        out.manifests[file.parent] = _manifest(file.parent)
    meta = out.manifests[file.parent].get(file.name, {})
    article = _make_article(file.stem, text, meta, str(file))
    reason = unusable_reason(article.text)
    if reason:
        out.skip(str(file), reason)
    else:
        yield article


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


def _manifest(folder: Path) -> dict[str, dict[str, Any]]:
    """Read `manifest.jsonl` beside the files (file → metadata); bad lines are ignored with a warning."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    meta: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8-sig", errors="replace").splitlines(), 1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            if line.strip():
                log.warning("%s:%d: not JSON, ignored", path, n)
            continue
        if isinstance(rec, dict) and isinstance(rec.get("file"), str):
            meta[rec["file"]] = rec
    return meta


def _read_records(file: Path, text: str, out: Ingested) -> Iterator[Article]:
    """Read a .jsonl (one record a line) or .json (a record or a list of records) file."""
    if file.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            out.skip(str(file), f"invalid JSON: {exc.msg} at line {exc.lineno}")
            return
        items = data if isinstance(data, list) else [data]
        for n, rec in enumerate(items, 1):
            yield from _record(rec, f"{file}#{n}", str(file), out)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            out.skip(f"{file}:{n}", f"invalid JSON line: {exc.msg}")
            continue
        yield from _record(rec, f"{file}:{n}", str(file), out)


def _record(rec: Any, where: str, path: str, out: Ingested) -> Iterator[Article]:
    """Validate one JSON record (trust boundary) and turn it into an article."""
    if not isinstance(rec, dict):
        out.skip(where, "record is not a JSON object")
        return
    text = rec.get("text")
    if not isinstance(text, str):
        out.skip(where, "record has no 'text' string")
        return
    rid = rec.get("id")
    rid = str(rid) if isinstance(rid, str | int) and str(rid).strip() else Path(where).name
    article = _make_article(rid, text, rec, where)
    reason = unusable_reason(article.text)
    if reason:
        out.skip(where, reason)
    else:
        yield article


def _make_article(aid: str, text: str, meta: dict[str, Any], path: str) -> Article:
    """Build an `Article`, keeping only string metadata and normalising line endings."""
    text = strip_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
    if looks_like_html(text):
        text = html_to_text(text)
    fields = {k: _clean(meta.get(k)) for k in META_FIELDS}
    fields["published"] = normalize_date(fields["published"], aid)
    lang = _clean(meta.get("lang") or meta.get("language")) or "und"
    return Article(id=aid, text=text, path=path, lang=lang, **fields)


_TAG = re.compile(r"</?(?:p|div|span|br|a|script|style|img|table|tr|td|li|ul|ol|h[1-6]|iframe|body|html)\b[^>]*>",
                  re.IGNORECASE)
# Three or more real HTML tags: the scraper kept markup; read the text out of it.
HTML_MIN_TAGS = 3


def looks_like_html(text: str) -> bool:
    """Whether the text still carries HTML markup."""
    return len(_TAG.findall(text[:20000])) >= HTML_MIN_TAGS


def html_to_text(markup: str) -> str:
    """Text content of HTML, with script/style dropped and block tags as line breaks."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            """Collect text pieces."""
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            """Enter script/style, or break a line before blocks."""
            self.skip += tag in ("script", "style")
            self.parts.append("\n" if tag in ("p", "div", "br", "li", "tr", "h1", "h2", "h3") else "")

        def handle_endtag(self, tag: str) -> None:
            """Leave script/style."""
            self.skip -= tag in ("script", "style") and self.skip > 0

        def handle_data(self, data: str) -> None:
            """Keep text outside script/style."""
            if not self.skip:
                self.parts.append(data)

    parser = _Text()
    parser.feed(markup)
    parser.close()
    return re.sub(r"\n\s*\n+", "\n", "".join(parser.parts)).strip()


def normalize_date(value: str | None, aid: str) -> str | None:
    """An ISO 8601 form of a publication date (ISO or RFC 2822 input), or None if it cannot be read."""
    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        log.warning("%s: unreadable publication date %r ignored", aid, value)
        return None


def _clean(value: Any) -> str | None:
    """A metadata value as a stripped string, or None."""
    if isinstance(value, str) and value.strip():
        return strip_invisible(value.strip())
    return None
