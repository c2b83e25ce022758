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

from summarize.ingest.common import decode, display_path, make_article, unusable_reason
from summarize.ingest.records import MAX_JSON_CHARS, RECORD_SUFFIXES, read_jsonl_file, read_records
from summarize.model import Article

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
MANIFEST_NAME = "manifest.jsonl"
# Anything bigger is almost certainly not one article (a dump, a log); checked before reading.
MAX_ARTICLE_BYTES = 2_000_000
Skip = Callable[[str, str], None]


def walk(path: Path, suffixes: set[str], skip: Skip) -> Iterator[tuple[Path, str]]:
    """Yield (file, source id) for the input files under `path`, in sorted order.

    The id is the file's path relative to the input root ("a/index.html"), so two files of one name in two
    folders stay two sources. Hidden files and folders are not read, links are followed only within the
    root, and a folder reached twice is a link loop: each is recorded as skipped.
    """
    if path.is_file():
        yield path, path.name
        return
    root = os.path.realpath(path)
    visited: set[tuple[int, int]] = set()
    for here, dirs, files in os.walk(path, followlinks=True):
        st = os.stat(here)
        if (st.st_dev, st.st_ino) in visited:
            skip(display_path(here), "folder already visited (symlink loop)")
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        for name in sorted(dirs):
            sub = Path(here) / name
            if name.startswith("."):
                skip(display_path(sub), "hidden folder (not read)")
            elif not _inside(sub, root):
                skip(display_path(sub), "link to a folder outside the input folder (not followed)")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and _inside(Path(here) / d, root))
        for name in sorted(files):
            file = Path(here) / name
            if name == MANIFEST_NAME:
                continue  # sidecar metadata, read with the files it describes
            if name.startswith("."):
                skip(display_path(file), "hidden file (not read)")
            elif not _inside(file, root):
                skip(display_path(file), "link to a file outside the input folder (not followed)")
            elif file.suffix.lower() in suffixes:
                yield file, display_path(file.relative_to(path).as_posix())
            else:
                skip(display_path(file), f"unsupported file type {display_path(file.suffix) or '(none)'!r}")


def _inside(path: Path, root: str) -> bool:
    """Whether `path`, links resolved, lies within the folder `root` (already resolved)."""
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


class TextFiles:
    """Reads text and record files; remembers each folder's manifest."""

    def __init__(self, skip: Skip) -> None:
        """Report unusable inputs through `skip(input, reason)`."""
        self.skip = skip
        self.manifests: dict[Path, dict[str, dict[str, Any]]] = {}

    def read(self, file: Path, source_id: str | None = None) -> Iterator[Article]:
        """Turn one file into zero or more articles (a text file's id is `source_id`, else its name)."""
        where = display_path(file)
        if file.suffix.lower() == ".jsonl":
            yield from read_jsonl_file(file, self.skip)
            return
        try:
            size = file.stat().st_size
            if (size > MAX_ARTICLE_BYTES and file.suffix.lower() in TEXT_SUFFIXES) or size > MAX_JSON_CHARS:
                cap = MAX_ARTICLE_BYTES if size <= MAX_JSON_CHARS else MAX_JSON_CHARS
                self.skip(where, f"larger than {cap:,} bytes")
                return
            data = file.read_bytes()
        except OSError as exc:
            self.skip(where, f"unreadable: {exc.strerror or exc}")
            return
        text, problem = decode(data)
        if text is None:
            self.skip(where, problem or "cannot decode")
            return
        if file.suffix.lower() in RECORD_SUFFIXES:
            yield from read_records(file, text, self.skip)
            return
        if file.parent not in self.manifests:
            self.manifests[file.parent] = read_manifest(file.parent)
        meta = self.manifests[file.parent].get(file.name, {})
        article = make_article(source_id or display_path(file.name), text, meta, where)
        reason = unusable_reason(article.text)
        if reason:
            self.skip(where, reason)
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
                log.warning("%s:%d: not JSON, ignored", display_path(path), n)
            continue
        if isinstance(rec, dict) and isinstance(rec.get("file"), str):
            meta[rec["file"]] = rec
    return meta
