"""Command line: parse → settings → library → render → exit code. Nothing else lives here."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import __version__

EXAMPLES = """examples:
  summarize brief examples/seeds                 # brief of the bundled example into outputs/
  summarize brief crawl/ --out briefs --format md,json --no-preview
  summarize preview outputs/brief-2024-11-30.md
"""
EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    p = argparse.ArgumentParser(
        prog="summarize", description="Multilingual (Arabic/English) morning brief from a day's articles.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"summarize {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    p.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("brief", help="write a brief from files, folders or JSONL", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("inputs", nargs="+", help=".txt/.md files (manifest.jsonl sidecar), .json/.jsonl, folders")
    b.add_argument("--out", type=Path, default=Path("outputs"), help="output folder (default: outputs/)")
    b.add_argument("--format", default="md,html,json", help="comma list of md, html, json")
    b.add_argument("--no-preview", action="store_true", help="do not preview in the terminal")
    b.add_argument("--summarizer", default="auto", choices=["auto", "hf", "ct2", "extractive"])
    b.add_argument("--model", help="hub id or local directory of a seq2seq model")
    b.add_argument("--embedder", default="use", choices=["use", "hashing"])
    b.add_argument("--date", help="brief date YYYY-MM-DD (default: latest publication date, else today)")
    pv = sub.add_parser("preview", help="show a Markdown brief in the terminal")
    pv.add_argument("brief", type=Path)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    args = _parser().parse_args(argv)
    level = logging.ERROR if args.quiet else logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "preview":
        return _preview(args.brief)
    return _brief(args)


def _console(stderr: bool = False) -> object:
    """A rich console (stderr for progress, stdout for the preview)."""
    from rich.console import Console

    return Console(stderr=stderr)


def _brief(args: argparse.Namespace) -> int:
    """The `brief` command."""
    from .pipeline import NothingToSummarize, run
    from .render.files import render_all, write_brief
    from .render.terminal import preview
    from .settings import Settings

    try:
        formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
        settings = Settings(out_dir=args.out, formats=formats, summarizer=args.summarizer,
                            model=args.model, embedder=args.embedder, date=args.date)
    except ValueError as exc:
        print(f"summarize: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    err = _console(stderr=True)
    progress = None if args.quiet or not sys.stderr.isatty() else (lambda m: err.log(m))  # type: ignore[attr-defined]
    try:
        brief = run(args.inputs, settings, progress)
    except NothingToSummarize as exc:
        print(f"summarize: {exc}", file=sys.stderr)
        return EXIT_NOTHING
    paths = write_brief(brief, settings.out_dir, settings.formats)
    if not args.quiet:
        skipped = f", {len(brief.skipped)} input(s) skipped (listed in the brief)" if brief.skipped else ""
        print(f"wrote {', '.join(map(str, paths))}{skipped}", file=sys.stderr)
    if sys.stdout.isatty() and not args.no_preview:
        preview(render_all(brief, ("md",))["md"], _console())
    return EXIT_OK


def _preview(path: Path) -> int:
    """The `preview` command."""
    from .render.terminal import preview

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"summarize: cannot read {path}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    preview(text, _console())
    return EXIT_OK
