"""Files and folders → inputs: folders walked in sorted order, text files read with their manifest sidecar.

`.txt`/`.md` files become one article each (id = file stem), with metadata from
a `manifest.jsonl` beside them; record files are handed to `records`.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from summarize.ingest.common import decode, make_article, unusable_reason
from summarize.ingest.records import RECORD_SUFFIXES, read_records
from summarize.model import Article

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
MANIFEST_NAME = "manifest.jsonl"
# Anything bigger is almost certainly not one article (a dump, a log); checked before reading.
MAX_ARTICLE_BYTES = 2_000_000
Skip = Callable[[str, str], None]


def walk(path: Path, suffixes: set[str], skip: Skip) -> Iterator[Path]:
    """Yield input files under `path` in sorted order, recording unsupported files and loops."""
    if path.is_file():
        yield path
        return
    visited: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(path, followlinks=True):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in visited:
            skip(root, "folder already visited (symlink loop)")
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(files):
            file = Path(root) / name
            if name == MANIFEST_NAME or name.startswith("."):
                continue  # sidecar metadata and hidden files are not inputs
            if file.suffix.lower() in suffixes:
                yield file
            else:
                skip(str(file), f"unsupported file type {file.suffix or '(none)'!r}")


class TextFiles:
    """Reads text and record files; remembers each folder's manifest."""

    def __init__(self, skip: Skip) -> None:
        """Report unusable inputs through `skip(input, reason)`."""
        self.skip = skip
        self.manifests: dict[Path, dict[str, dict[str, Any]]] = {}

    def read(self, file: Path) -> Iterator[Article]:
        """Turn one file into zero or more articles."""
        try:
            if file.stat().st_size > MAX_ARTICLE_BYTES and file.suffix.lower() in TEXT_SUFFIXES:
                self.skip(str(file), f"larger than {MAX_ARTICLE_BYTES:,} bytes")
                return
            data = file.read_bytes()
        except OSError as exc:
            self.skip(str(file), f"unreadable: {exc.strerror or exc}")
            return
        text, problem = decode(data)
        if text is None:
            self.skip(str(file), problem or "cannot decode")
            return
        if file.suffix.lower() in RECORD_SUFFIXES:
            yield from read_records(file, text, self.skip)
            return
        if file.parent not in self.manifests:
            self.manifests[file.parent] = read_manifest(file.parent)
        meta = self.manifests[file.parent].get(file.name, {})
        article = make_article(file.stem, text, meta, str(file))
        reason = unusable_reason(article.text)
        if reason:
            self.skip(str(file), reason)
        else:
            yield article


def read_manifest(folder: Path) -> dict[str, dict[str, Any]]:
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
