"""Speed and peak memory of the full `summarize brief` command (model loading included).

Runs the CLI as a fresh process on the bundled seeds and on all of
shared/data/events/dev.jsonl; prints articles per second and peak RSS of each.

    python bench/bench_speed.py [--update]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

from _common import REPO, gate, load_jsonl, shared_file

GOAL_DEV_SECONDS = 60.0  # issue 2: a full brief of the 88 dev articles in under 60 s


def timed_brief(inputs: list[str], extra: list[str]) -> tuple[float, float]:
    """Run the CLI in a child process; returns (wall seconds, peak RSS MiB) of that child."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-m", "summarize", "-q", "brief", *inputs, "--out", out, "--no-preview", *extra]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"brief failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024


def main() -> int:
    """Time the seeds and the dev corpus; compare with the baseline and the 60 s goal."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--summarizer", default="extractive")
    args = ap.parse_args()
    dev = shared_file("data", "events", "dev.jsonl")
    n_dev = len(load_jsonl(dev))
    extra = ["--summarizer", args.summarizer]
    seeds_s, seeds_mb = timed_brief([str(REPO / "examples" / "seeds")], extra)
    dev_s, dev_mb = timed_brief([str(dev)], extra)
    figures = {
        "seeds_seconds": round(seeds_s, 2), "seeds_articles_per_s": round(5 / seeds_s, 2),
        "seeds_peak_mb": round(seeds_mb), "dev_seconds": round(dev_s, 2),
        "dev_articles_per_s": round(n_dev / dev_s, 2), "dev_peak_mb": round(dev_mb),
    }
    code = gate("speed", figures, {"dev_seconds": ("max", 2.0), "dev_peak_mb": ("max", 1.5)}, args.update)
    if dev_s > GOAL_DEV_SECONDS:
        print(f"dev brief took {dev_s:.1f} s, over the {GOAL_DEV_SECONDS:.0f} s goal")
        code = 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
