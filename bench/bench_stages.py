"""Where a realistic day's time goes: seconds per pipeline stage (progress events), cold and warm cache.

Builds the realistic day of bench/bench_load.py at N articles, runs `pipeline.run` with a fresh cache,
then again with the vectors stored by the first run, and prints each stage's seconds and share.

    python bench/bench_stages.py [--articles 3000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench_load import make_corpus

from summarize.config import Settings
from summarize.pipeline import run

from _common import REPO  # noqa: F401  (puts the repository on sys.path)


def timed(corpus: Path, cache: Path) -> list[tuple[str, float]]:
    """Seconds spent in each stage, in order."""
    marks: list[tuple[str, float]] = []

    def progress(stage: str, done: int, total: int) -> None:
        if not marks or marks[-1][0] != stage:
            marks.append((stage, time.perf_counter()))

    run([corpus], Settings(summarizer="extractive", date="2024-11-30", cache_dir=cache), progress)
    marks.append(("end", time.perf_counter()))
    return [(stage, marks[k + 1][1] - at) for k, (stage, at) in enumerate(marks[:-1])]


def main() -> int:
    """Cold, then warm."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=3000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "day.jsonl"
        print(make_corpus(corpus, args.articles))
        for label in ("cold cache", "warm cache"):
            stages = timed(corpus, Path(tmp) / "cache")
            total = sum(s for _, s in stages)
            print(f"{label}: {total:.1f} s · " + " | ".join(f"{n} {s:.1f} s ({s / total:.0%})" for n, s in stages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
