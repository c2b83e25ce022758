"""Ingest stage: files, folders and JSON/JSONL records → `Article`s, plus a skipped list.

Every input either becomes an article or is recorded in `skipped` with a reason;
nothing is dropped silently.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .textnorm import arabic_ratio, strip_invisible
from .types import Article, Skipped

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
RECORD_SUFFIXES = {".json", ".jsonl"}
MANIFEST_NAME = "manifest.jsonl"
# Anything bigger is almost certainly not one article; the cap bounds per-article work.
MAX_ARTICLE_BYTES = 2_000_000
# Fewer letters than this is not an article (a stray label, an empty template).
MIN_LETTERS = 20
META_FIELDS = ("outlet", "title", "url", "published")


@dataclass
class Ingested:
    """Articles read so far and inputs skipped, in input order."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def skip(self, what: str, reason: str) -> None:
        """Record an unusable input."""
        log.warning("skipped %s: %s", what, reason)
        self.skipped.append(Skipped(what, reason))


def ingest(paths: Iterable[str | Path]) -> Ingested:
    """Read every path (file or folder, recursively) into articles, skipping bad input with a reason."""
    out = Ingested()
    seen_ids: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            out.skip(str(path), "no such file or folder")
            continue
        for file in _walk(path, out):
            for article in _read_file(file, out):
                if article.id in seen_ids:
                    out.skip(_where(article), f"duplicate id {article.id!r}")
                    continue
                seen_ids.add(article.id)
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
            if file.suffix.lower() in TEXT_SUFFIXES | RECORD_SUFFIXES:
                yield file
            else:
                out.skip(str(file), f"unsupported file type {file.suffix or '(none)'!r}")


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
    meta = _manifest(file.parent).get(file.name, {})
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
    fields = {k: _clean(meta.get(k)) for k in META_FIELDS}
    lang = _clean(meta.get("lang") or meta.get("language")) or "und"
    return Article(id=aid, text=text, path=path, lang=lang, **fields)


def _clean(value: Any) -> str | None:
    """A metadata value as a stripped string, or None."""
    if isinstance(value, str) and value.strip():
        return strip_invisible(value.strip())
    return None
