"""Load: a brief of 10,000 articles — wall time and peak memory (goal: < 10 min, < 4 GB).

The corpus is made from the dev articles and the seeds: article k is base text
k mod N with every sentence given a unique marker, so no two articles share a
sentence (the embedding cache gets no free hits) and the duplicate-text check
does not remove them; outlets are spread over 50 names.

    python bench/bench_load.py [--articles 10000] [--update]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from summarize.text.sentences import split_sentences

from _common import REPO, gate, load_jsonl, shared_file

GOAL_SECONDS = 600.0
GOAL_PEAK_MB = 4096.0


def make_corpus(path: Path, n: int) -> None:
    """Write n synthetic-variant articles as JSONL."""
    bases = [r["text"] for r in load_jsonl(shared_file("data", "events", "dev.jsonl"))]
    bases += [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples" / "seeds").glob("*.txt"))]
    with path.open("w", encoding="utf-8") as fh:
        for k in range(n):
            text = bases[k % len(bases)]
            parts = [f"{s.text} ({k}.{i})" for i, s in enumerate(split_sentences(text, "x", "und"))]
            rec = {"id": f"load-{k}", "text": "\n".join(parts), "outlet": f"outlet-{k % 50}"}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main() -> int:
    """Build the corpus, run the CLI on it in a child process, report time and peak RSS."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "load.jsonl"
        make_corpus(corpus, args.articles)
        cmd = [sys.executable, "-m", "summarize", "-q", "brief", str(corpus), "--out", str(Path(tmp) / "out"),
               "--summarizer", "extractive", "--format", "json,md", "--no-preview"]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit("load brief failed")
        brief = json.loads(next((Path(tmp) / "out").glob("*.json")).read_text(encoding="utf-8"))
    peak = usage.ru_maxrss / 1024
    figures = {"articles": args.articles, "seconds": round(wall, 1), "peak_mb": round(peak),
               "events": len(brief["events"]), "sources": len(brief["sources"]), "skipped": len(brief["skipped"])}
    code = gate(f"load_{args.articles}", figures, {"seconds": ("max", 2.0), "peak_mb": ("max", 1.5)}, args.update)
    if wall > GOAL_SECONDS or peak > GOAL_PEAK_MB:
        print(f"over the goal ({GOAL_SECONDS:.0f} s, {GOAL_PEAK_MB:.0f} MB)")
        code = 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
