"""JSON and JSON Lines records → `Article`s: one record a line, or a record or list of records per file.

This is a trust boundary: a record must be an object with a `text` string; its
metadata is kept only where it is a string.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from summarize.ingest.common import make_article, unusable_reason
from summarize.model import Article

RECORD_SUFFIXES = {".json", ".jsonl"}
Skip = Callable[[str, str], None]


def read_records(file: Path, text: str, skip: Skip) -> Iterator[Article]:
    """Read a .jsonl (one record a line) or .json (a record or a list of records) file."""
    if file.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            skip(str(file), f"invalid JSON: {exc.msg} at line {exc.lineno}")
            return
        items = data if isinstance(data, list) else [data]
        for n, rec in enumerate(items, 1):
            yield from _record(rec, f"{file}#{n}", skip)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            skip(f"{file}:{n}", f"invalid JSON line: {exc.msg}")
            continue
        yield from _record(rec, f"{file}:{n}", skip)


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
    rid = str(rid) if isinstance(rid, str | int) and str(rid).strip() else Path(where).name
    article = make_article(rid, text, rec, where)
    reason = unusable_reason(article.text)
    if reason:
        skip(where, reason)
    else:
        yield article
