"""JSON and JSON Lines records → `Article`s: one record a line, or a record or list of records per file.

This is a trust boundary: a record must be an object with a `text` string; its
metadata is kept only where it is a string.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from summarize.ingest.common import clean_meta, decode, display_path, make_article, unusable_reason
from summarize.model import Article

RECORD_SUFFIXES = {".json", ".jsonl"}
# One record is one article: 2 MB of text is far above any (the article cap is 1M characters); a .json
# file holds several records and may be larger, but not without bound (use JSON Lines for big sets).
MAX_RECORD_CHARS = 2_000_000
MAX_JSON_CHARS = 50_000_000
Skip = Callable[[str, str], None]


def read_records(file: Path, text: str, skip: Skip) -> Iterator[Article]:
    """Read a .json file: a record or a list of records (.jsonl files are streamed by `read_jsonl_file`)."""
    if len(text) > MAX_JSON_CHARS:
        skip(display_path(file), f"larger than {MAX_JSON_CHARS:,} characters (use .jsonl, one record a line)")
        return
    data = _parse(text, display_path(file), skip, "invalid JSON")
    if data is _BAD:
        return
    items = data if isinstance(data, list) else [data]
    for n, rec in enumerate(items, 1):
        yield from _record(rec, f"{display_path(file)}#{n}", skip)


_BAD = object()  # what `_parse` returns for text that is not JSON (the skip is already recorded)


def _parse(text: str, where: str, skip: Skip, problem: str) -> Any:
    """`text` as JSON, or _BAD with one skip saying why (invalid, or nested too deeply)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        skip(where, f"{problem}: {exc.msg}" + (f" at line {exc.lineno}" if problem == "invalid JSON" else ""))
    except RecursionError:
        skip(where, "JSON nested too deeply")
    return _BAD


def _record(rec: Any, where: str, skip: Skip) -> Iterator[Article]:
    """Validate one JSON record (trust boundary) and turn it into an article."""
    if not isinstance(rec, dict):
        skip(where, "record is not a JSON object")
        return
    text = rec.get("text")
    if not isinstance(text, str):
        skip(where, "record has no 'text' string")
        return
    rid = rec.get("id")
    rid = clean_meta(str(rid)) if isinstance(rid, str | int) and str(rid).strip() else None
    rid = rid or Path(where).name
    article = make_article(rid, text, rec, where)
    reason = unusable_reason(article.text)
    if reason:
        skip(where, reason)
    else:
        yield article


def read_jsonl_file(file: Path, skip: Skip) -> Iterator[Article]:
    """Stream a .jsonl file one line at a time: memory is bounded by MAX_RECORD_CHARS, whatever the file."""
    try:
        fh = file.open("rb")
    except OSError as exc:
        skip(display_path(file), f"unreadable: {exc.strerror or exc}")
        return
    with fh:
        n = 0
        while True:
            line = fh.readline(MAX_RECORD_CHARS + 1)
            if not line:
                return
            n += 1
            where = f"{display_path(file)}:{n}"
            if len(line) > MAX_RECORD_CHARS and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # the rest of the over-long line
                    line = fh.readline(1 << 20)
                skip(where, f"record longer than {MAX_RECORD_CHARS:,} bytes")
                continue
            text, problem = decode(line)
            if text is None:
                skip(where, problem or "cannot decode")
                continue
            if n == 1:
                text = text.lstrip("\ufeff")
            if not text.strip():
                continue
            rec = _parse(text, where, skip, "invalid JSON line")
            if rec is not _BAD:
                yield from _record(rec, where, skip)
