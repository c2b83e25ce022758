"""Write a brief's files as one set: all or nothing, never a new .md beside an old .json.

Every file is first written in full to a temporary name in the output folder (so a full disk fails
before anything is replaced), then the files are renamed into place one after another with SIGINT and
SIGTERM held back for those few microseconds, and a manifest naming the set, with each file's SHA-256,
is written last. A run killed outright between two renames leaves a manifest that no longer matches:
`verify_set` says so. Temporary files of runs that were killed are removed by the next run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from summarize.model import Brief
from summarize.render.html_page import render_html
from summarize.render.json_brief import render_json
from summarize.render.md import render_markdown
from summarize.render.text import without_controls

# Temporary names carry the writing process's id, so a later run can tell a dead run's leftovers.
_TEMP = re.compile(r"^\.brief-.+\.(\d+)\.[A-Za-z0-9_]+\.tmp$")


class OutputError(Exception):
    """The brief cannot be written where asked; the message says why and what to do."""


def render_all(brief: Brief, formats: tuple[str, ...], langs: tuple[str, ...] = ("en", "ar")) -> dict[str, str]:
    """Render the requested formats ("md", "html", "json") to strings; `langs` picks the summaries shown."""
    markdown_text = render_markdown(brief, langs)
    out: dict[str, str] = {}
    for fmt in formats:
        if fmt == "md":
            out[fmt] = markdown_text
        elif fmt == "html":
            # The page folds details away, so it shows every claim (the .md cuts long lists with a count).
            out[fmt] = render_html(brief, langs)
        elif fmt == "json":
            out[fmt] = render_json(brief)
    return {fmt: without_controls(text, fmt) for fmt, text in out.items()}


def check_out_dir(out_dir: Path) -> None:
    """Fail early (OutputError) if `out_dir` cannot hold the brief: a file in the way, or not writable."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"--out {out_dir} is a file, not a folder: name a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {out_dir}: {exc.strerror or exc}") from exc
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"the output folder {out_dir} is not writable: choose another with --out")


def write_brief(brief: Brief, out_dir: Path, formats: tuple[str, ...],
                langs: tuple[str, ...] = ("en", "ar")) -> list[Path]:
    """Write `brief-<date>.<fmt>` for each format, and `brief-<date>.manifest.json`, into `out_dir` as one set.

    Returns the brief files written. Raises OutputError (nothing replaced) when the folder cannot take them.
    """
    check_out_dir(out_dir)
    remove_leftovers(out_dir)
    texts = {out_dir / f"brief-{brief.date}.{fmt}": text for fmt, text in render_all(brief, formats, langs).items()}
    manifest = out_dir / f"brief-{brief.date}.manifest.json"
    temps: dict[Path, Path] = {}
    try:
        for path, text in texts.items():
            temps[path] = _write_temp(path, text)
        temps[manifest] = _write_temp(manifest, _manifest(brief, texts))
        with _signals_held():
            for path in texts:
                os.replace(temps.pop(path), path)
            os.replace(temps.pop(manifest), manifest)
    except OSError as exc:
        raise OutputError(f"cannot write the brief into {out_dir}: {exc.strerror or exc}; "
                          "the briefs already there are unchanged") from exc
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
    return list(texts)


def verify_set(manifest: Path) -> list[str]:
    """Problems with the set a manifest names (files missing or not the ones written with it); [] if whole."""
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{manifest.name}: unreadable manifest ({exc})"]
    problems = []
    for name, digest in listed.items():
        path = manifest.parent / name
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                problems.append(f"{name} is not the file written with this set")
        except OSError:
            problems.append(f"{name} is missing")
    return problems


def remove_leftovers(out_dir: Path) -> list[Path]:
    """Delete temporary files left in `out_dir` by runs that were killed (their process is gone)."""
    removed = []
    for path in out_dir.glob(".brief-*.tmp"):
        m = _TEMP.match(path.name)
        if m and not _alive(int(m.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_temp(path: Path, text: str) -> Path:
    """Write `text` in full (flushed to disk) to a temporary file beside `path`, with the mode a new file gets."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a brief is for reading, as `touch` would make it
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _manifest(brief: Brief, texts: dict[Path, str]) -> str:
    """The manifest naming the set: each file's name and SHA-256."""
    files = {path.name: hashlib.sha256(text.encode("utf-8")).hexdigest() for path, text in texts.items()}
    return json.dumps({"date": brief.date, "generated_at": brief.generated_at, "files": files}, indent=2) + "\n"


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (main thread only) until the block ends; they are delivered after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
