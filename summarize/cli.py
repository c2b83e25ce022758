"""Command line: parse → settings → library → render → exit code. Nothing else lives here."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarize import __version__

if TYPE_CHECKING:
    from summarize.config import Settings

EXAMPLES = """examples:
  summarize brief examples/seeds                 # brief of the bundled example into outputs/
  summarize brief crawl/ --out briefs --format md,json --no-preview
  summarize brief https://example.com/rss.xml saved/*.html --since 24h
  summarize brief crawl/ --since-last             # mark events new / updated since the previous brief
  summarize brief crawl/ --lang ar                # Arabic summaries only
  summarize preview outputs/brief-2024-11-30.md --bidi off   # terminal that does bidi itself
  summarize show 2                                # event 2 of the latest brief in outputs/
  summarize models check                          # which seq2seq models load offline
  summarize brief examples/seeds --summarizer ct2 --model ./my-mt0   # a local model, CTranslate2 int8

configuration: summarize.toml in the working directory, else $XDG_CONFIG_HOME/summarize/summarize.toml
(inputs, out, formats, languages, lang, summarizer, model, embedder, since, state, bidi, [thresholds],
[feeds], [outlets]); precedence: defaults < config file < SUMMARIZE_* environment < flags.
terminal: --bidi auto reorders Arabic for terminals without bidi; SUMMARIZE_BIDI=off in a terminal
that does bidi itself (mlterm, Konsole, GNOME Terminal), SUMMARIZE_RESHAPE=off if it joins letters.
"""
EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
# How far this run got, so that an interruption message says what really happened.
_PROGRESS: dict[str, bool] = {"published": False}


class UsageError(Exception):
    """A problem with flags, config or files that the user can fix; exit code 2."""


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    common = argparse.ArgumentParser(add_help=False)  # -q/-v before or after the command
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log details")
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="only errors")
    view = argparse.ArgumentParser(add_help=False)
    view.add_argument("--lang", choices=["ar", "en", "both"], help="summaries to show: ar, en or both (default: both)")
    view.add_argument("--bidi", choices=["auto", "on", "off"],
                      help="reorder Arabic for the terminal (default auto; env SUMMARIZE_BIDI)")
    view.add_argument("--no-pager", action="store_true", help="print the preview instead of paging it")
    fmt = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(prog="summarize", parents=[common], epilog=EXAMPLES, formatter_class=fmt,
                                description="Multilingual (Arabic/English) morning brief from a day's articles.")
    p.add_argument("--version", action="version", version=f"summarize {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("brief", parents=[common, view], epilog=EXAMPLES, formatter_class=fmt,
                       help="write a brief from files, folders, JSONL, saved pages or feeds")
    b.add_argument("inputs", nargs="*", help=".txt/.md (manifest.jsonl sidecar), .json/.jsonl, .html, "
                   ".rss/.atom/.xml, folders, feed URLs (default: inputs from summarize.toml)")
    b.add_argument("--out", type=Path, help="output folder (default: outputs/)")
    b.add_argument("--format", help="comma list of md, html, json (default: all)")
    b.add_argument("--no-preview", action="store_true", help="do not preview in the terminal")
    b.add_argument("--summarizer", choices=["auto", "hf", "ct2", "extractive"],
                   help="auto: a seq2seq model if one loads offline, else extractive (default auto)")
    b.add_argument("--model", help="preset, hub id or local directory of a seq2seq model")
    b.add_argument("--translator", help="translate claims: opus-mt, a hub id or dir, or ar-en=DIR,en-ar=DIR")
    b.add_argument("--embedder", choices=["use", "hashing"],
                   help="document vectors for grouping events: use (multilingual, default) or hashing (tests)")
    b.add_argument("--date", help="brief date YYYY-MM-DD (default: latest publication date, else today)")
    b.add_argument("--since", help="feeds: only entries published since YYYY-MM-DD, an ISO time, 24h or 2d")
    b.add_argument("--since-last", action="store_true", help="mark events new / updated since the previous brief")
    b.add_argument("--state", type=Path, help="state database for --since-last (default: XDG state dir)")
    b.add_argument("--engine", choices=["local", "ray"],
                   help="where the work runs: local (default) or ray (pip install 'summarize[ray]')")
    b.add_argument("--ray-address", help="with --engine ray: an existing cluster (auto, ray://HOST:10001); "
                   "default: start Ray on this machine")
    pv = sub.add_parser("preview", parents=[common, view], help="show a Markdown brief in the terminal")
    pv.add_argument("brief", type=Path, help="a brief-DATE.md written by `summarize brief`")
    md = sub.add_parser("models", parents=[common], help="list, fetch or check seq2seq models")
    md.add_argument("action", choices=["list", "fetch", "check"])
    md.add_argument("names", nargs="*", help="presets or hub ids (fetch: exactly one)")
    md.add_argument("--revision", help="fetch: a hub revision (commit, tag or branch)")
    sh = sub.add_parser("show", parents=[common, view], help="show one event of a brief in the terminal")
    sh.add_argument("event", help="event number (2, e2) or words of its title")
    sh.add_argument("--brief", type=Path, help="Markdown brief (default: the latest in the output folder)")
    p.set_defaults(subparsers=sub.choices)
    return p


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line; an unknown option is reported with the usage of its subcommand."""
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        args.subparsers[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    args = _parse(argv)
    _PROGRESS["published"] = False
    args.quiet, args.verbose = getattr(args, "quiet", False), getattr(args, "verbose", False)
    level = logging.ERROR if args.quiet else logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    from summarize.summary.backends.base import SummarizerUnavailable

    signal.signal(signal.SIGTERM, _interrupted)  # SIGTERM unwinds like Ctrl-C: temp files removed
    try:
        options = _options(args)
        if args.command == "preview":
            return _preview(args.brief, None, options, args.no_pager)
        if args.command == "show":
            return _preview(args.brief or _latest_brief(options), args.event, options, args.no_pager)
        if args.command == "models":
            return _models(args)
        return _brief(args, options)
    except (UsageError, SummarizerUnavailable) as exc:
        print(f"summarize: error: {_safe(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        done = ("the new brief was written; the state store is unchanged" if _PROGRESS["published"]
                else "earlier briefs and the state store are unchanged")
        print(f"summarize: interrupted; {done}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug, not the user's fault: say so without a wall of traceback
        logging.getLogger("summarize").info("internal error", exc_info=True)
        print(f"summarize: internal error: {type(exc).__name__}: {_safe(str(exc))} (run with -v for details)",
              file=sys.stderr)
        return EXIT_INTERNAL


def _interrupted(signum: int, frame: object) -> None:
    """Signal handler: turn SIGTERM into KeyboardInterrupt so `finally` and cleanup code run."""
    raise KeyboardInterrupt


def _models(args: argparse.Namespace) -> int:
    """The `models` command: list presets, fetch one into the HF cache, or check what loads offline."""
    from summarize.summary.backends.modelhub import HubUnreachable, check_models, fetch_model, list_models

    if args.action == "list":
        for m in list_models():
            flags = ", ".join(f for f, on in (("default", m.default), ("cached", m.cached),
                                              ("non-commercial", not m.commercial_use)) if on)
            print(f"{m.preset:10} {m.task:10} {m.target:4} {m.model}  [{m.licence}{', ' + flags if flags else ''}]")
        return EXIT_OK
    if args.action == "fetch":
        if len(args.names) != 1:
            raise UsageError("models fetch takes exactly one preset or hub id")
        try:
            checks = fetch_model(args.names[0], revision=args.revision)
        except (HubUnreachable, ValueError) as exc:
            raise UsageError(str(exc)) from exc
    else:
        checks = check_models(args.names or None)
    fetchable = False
    for c in checks:
        where = (c.path if c.loadable else c.reason) or ""
        if "; run `summarize models fetch" in where:  # the same advice for each: said once, below
            where, fetchable = where.split(";", 1)[0].replace(f"model {c.model} ", ""), True
        print(f"{'ok ' if c.loadable else 'no '} {c.name:10} {c.model}  {where}")
    if fetchable:
        print("\nto use a model: `summarize models fetch NAME` where the Hugging Face hub is reachable, "
              "or pass --model DIR with a saved model")
    return EXIT_OK if all(c.loadable for c in checks) else EXIT_NOTHING


def _options(args: argparse.Namespace) -> Settings:
    """The run's settings: defaults < summarize.toml < SUMMARIZE_* environment < flags."""
    from summarize.config import ConfigError, load_settings

    flags = {name: getattr(args, name, None) for name in
             ("out", "summarizer", "model", "translator", "embedder", "date", "since", "state", "lang", "bidi",
              "engine", "ray_address")}
    flags["inputs"] = tuple(getattr(args, "inputs", None) or ())
    fmt = getattr(args, "format", None)
    flags["formats"] = tuple(f.strip() for f in fmt.split(",") if f.strip()) if fmt else None
    try:
        return load_settings(flags, Path.cwd(), os.environ)
    except (ConfigError, ValueError) as exc:
        raise UsageError(str(exc)) from exc


def _console(stderr: bool = False) -> Any:
    """A rich console (stderr for progress, stdout for the preview)."""
    from rich.console import Console

    return Console(stderr=stderr)


def _brief(args: argparse.Namespace, settings: Settings) -> int:
    """The `brief` command: check where it writes, build, write the set, then record the state."""
    from summarize.events.cluster import TooManyArticles
    from summarize.pipeline import NothingToSummarize, run
    from summarize.render.files import OutputError, check_out_dir, write_brief
    from summarize.render.terminal import StepProgress, preview
    from summarize.state import StateError, StateStore, annotate, default_state_path

    inputs = settings.inputs
    if not inputs:
        raise UsageError("no inputs: name files, folders or feed URLs, or set inputs in summarize.toml")
    try:
        check_out_dir(settings.out)  # before the work, not after it
        store = StateStore(settings.state or default_state_path()) if args.since_last else None
    except (OutputError, StateError) as exc:
        raise UsageError(str(exc)) from exc
    with contextlib.ExitStack() as stack:
        if store is not None:
            stack.callback(store.close)
        try:
            with StepProgress(_console(stderr=True), enabled=not args.quiet) as progress:
                brief = run(inputs, settings, progress)
        except NothingToSummarize as exc:
            print(f"summarize: {_safe(str(exc))}", file=sys.stderr)
            return EXIT_NOTHING
        except TooManyArticles as exc:
            raise UsageError(str(exc)) from exc
        marks: dict[str, str] = {}
        if store is not None:
            changes = store.compare(brief)
            brief = annotate(brief, changes, store.previous_date(brief))
            marks = {str(n): changes[e.id].status.upper() for n, e in enumerate(brief.events, 1)
                     if changes[e.id].status != "unchanged"}
        try:
            paths = write_brief(brief, settings.out, settings.formats, settings.show_langs)
        except OutputError as exc:
            raise UsageError(str(exc)) from exc
        _PROGRESS["published"] = True
        if store is not None:
            store.record(brief)  # only once the files are out: a failed write leaves tomorrow's "new" intact
    if not args.quiet:
        skipped = f", {len(brief.skipped)} input(s) skipped (listed in the brief)" if brief.skipped else ""
        print(f"wrote {', '.join(_safe(str(p)) for p in paths)}{skipped}", file=sys.stderr)
    if sys.stdout.isatty() and not args.no_preview:
        console = _console()
        with _paged(console, not args.no_pager):
            preview(brief, console, options=_bidi(settings, console), langs=settings.show_langs, marks=marks)
    return EXIT_OK


def _safe(text: str) -> str:
    """Untrusted text (paths, reasons) for the terminal: control characters shown escaped, line breaks kept."""
    from summarize.ingest.common import printable

    return printable(text, keep_lines=True)


def _bidi(settings: Settings, console: Any) -> Any:
    """Bidi handling for this console: --bidi > $SUMMARIZE_BIDI > config > detection."""
    from summarize.render.bidi import resolve

    return resolve(settings.bidi, os.environ, console.is_terminal)


def _latest_brief(settings: Settings) -> Path:
    """The newest brief-*.md in the output folder."""
    folder = settings.out
    found = sorted(folder.glob("brief-*.md"))
    if not found:
        raise UsageError(f"no brief-*.md in {folder}/; run `summarize brief` first or pass --brief FILE")
    return found[-1]


@contextlib.contextmanager
def _paged(console: Any, enabled: bool) -> Iterator[None]:
    """Page what is printed inside through the user's pager (less -R by default) when on a terminal."""
    if not (enabled and console.is_terminal):
        yield
        return
    os.environ.setdefault("LESS", "-R")  # keep the colours
    with console.pager(styles=True):
        yield


def _preview(path: Path, event: str | None, settings: Settings, no_pager: bool = False) -> int:
    """The `preview` and `show` commands: drawn from the JSON brief written beside the Markdown."""
    from summarize.render.json_brief import BriefFileError, load_brief
    from summarize.render.md import render_event
    from summarize.render.terminal import preview

    if not path.exists():
        raise UsageError(f"{path} does not exist; `summarize brief` writes briefs into {settings.out}/")
    source = path if path.suffix == ".json" else path.with_suffix(".json")
    if not source.exists():
        raise UsageError(f"the preview is drawn from the JSON brief beside {path}, and {source.name} is not there; "
                         "write it too: `summarize brief ... --format md,json` (all formats are the default)")
    try:
        brief = load_brief(source)
    except BriefFileError as exc:
        raise UsageError(str(exc)) from exc
    console = _console()
    if event is not None:
        picked = render_event(brief, event, settings.show_langs)
        if picked is None:
            raise UsageError(f"no event {event!r} in {path}; use its number or words of its title")
        with _paged(console, not no_pager):
            preview(picked, console, options=_bidi(settings, console))
        return EXIT_OK
    with _paged(console, not no_pager):
        preview(brief, console, options=_bidi(settings, console), langs=settings.show_langs)
    return EXIT_OK
