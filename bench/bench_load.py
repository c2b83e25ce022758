"""Load: a realistic day of news, 10,000 and 50,000 articles — wall time and peak memory in one run.

The day is built from the shared data (never the held-out file) so that its events have a realistic size:
- small stories (90% of the articles): each Arabic News Stance story (a headline, with the headlines
  that agree with it as its paraphrases) is one event of 1 to 5 reports (sizes drawn 1,1,1,2,2,3,4,5),
  each report its headline and paraphrases in a shuffled order under a different outlet. ANS has about
  2,500 such stories in train + dev, so past about 7,000 articles a story comes back as a second
  event: at 50,000 articles the small stories are events of about 18 reports each (the corpus can give
  no more distinct stories; the note on issue 16 says so);
- large stories (10%): the 20 dev events, each report a dev article of that event, hundreds per event.
Every sentence carries a unique marker, so no two articles share a text (the embedding cache and the
duplicate check get no free hits); marked copies of one text exercise the copy-detection path, so the
many-origin cost is the dev events' own (measured by bench/bench_speed.py on dev).

    python bench/bench_load.py [--articles 10000 50000] [--update]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from summarize.text.sentences import split_sentences

from _common import REPO, gate, load_jsonl, shared_file

GOAL_SECONDS = {10_000: 180.0, 50_000: 900.0}
GOAL_PEAK_MB = 3072.0
SMALL_SIZES = (1, 1, 1, 2, 2, 3, 4, 5)
LARGE_SHARE = 0.10


def _ans_stories() -> list[list[str]]:
    """ANS train + dev as stories: a headline and the headlines that agree with it."""
    stories: dict[str, list[str]] = defaultdict(list)
    for name in ("stance_train.csv", "stance_dev.csv"):
        with shared_file("data", "ans", name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                stories[row["s1"]]
                if row["stance"] == "agree":
                    stories[row["s1"]].append(row["s2"])
    return [[head, *sorted(set(rest))] for head, rest in sorted(stories.items())]


def make_corpus(path: Path, n: int, seed: int = 0) -> dict[str, int]:
    """Write a day of n articles as JSONL; returns what it is made of."""
    rng = random.Random(seed)
    dev = load_jsonl(shared_file("data", "events", "dev.jsonl"))
    by_event: dict[str, list[str]] = defaultdict(list)
    for rec in dev:
        by_event[rec["event_id"]].append(rec["text"])
    stories = _ans_stories()
    records: list[tuple[str, str]] = []  # (story key, text)
    large = int(n * LARGE_SHARE)
    events = sorted(by_event)
    for k in range(large):
        ev = events[k % len(events)]
        records.append((f"dev-{ev}", by_event[ev][(k // len(events)) % len(by_event[ev])]))
    k = 0
    small_events = 0
    while len(records) < n:
        story = stories[k % len(stories)]
        for _ in range(min(rng.choice(SMALL_SIZES), n - len(records))):
            lines = story[:]
            rng.shuffle(lines)
            records.append((f"ans-{k % len(stories)}", "\n".join(lines)))
        small_events += 1
        k += 1
    with path.open("w", encoding="utf-8") as fh:
        for m, (key, text) in enumerate(records):
            parts = [f"{s.text} ({m}.{i})" for i, s in enumerate(split_sentences(text, "x", "und"))]
            rec = {"id": f"load-{m}", "text": "\n".join(parts), "outlet": f"outlet-{m % 97}", "story": key}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return {"large_articles": large, "large_stories": len(events), "small_articles": n - large,
            "small_story_events": small_events, "distinct_small_stories": min(k, len(stories))}


def run_one(n: int, tmp: Path) -> dict[str, float]:
    """Build the day, run the CLI on it in a child process, return time, peak memory and shape."""
    corpus = tmp / f"load-{n}.jsonl"
    made = make_corpus(corpus, n)
    cmd = [sys.executable, "-m", "summarize", "-q", "brief", str(corpus), "--out", str(tmp / f"out-{n}"),
           "--summarizer", "extractive", "--format", "json", "--no-preview"]
    env = {**os.environ, "SUMMARIZE_CACHE_DIR": str(tmp / f"cache-{n}")}  # a cold cache: everything embedded
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"load brief of {n} articles failed")
    brief = json.loads(next(p for p in (tmp / f"out-{n}").glob("brief-*.json")
                            if not p.name.endswith(".manifest.json")).read_text(encoding="utf-8"))
    sizes = sorted((len(e["sources"]) for e in brief["events"]), reverse=True)
    figures = {"seconds": round(wall, 1), "peak_mb": round(usage.ru_maxrss / 1024), "events": len(sizes),
               "largest_event": sizes[0] if sizes else 0, "single_report_events": sizes.count(1)}
    print(f"{n} articles ({made}): {figures}")
    return {f"{k}_{n}": v for k, v in figures.items()}


def main() -> int:
    """Run each size in one session and report time, peak memory and the time ratio."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, nargs="+", default=[10_000, 50_000])
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.articles:
            figures |= run_one(n, Path(tmp))
    sizes = sorted(args.articles)
    if len(sizes) > 1:
        ratio = figures[f"seconds_{sizes[-1]}"] / figures[f"seconds_{sizes[0]}"]
        figures["time_ratio"] = round(ratio, 2)
        print(f"time({sizes[-1]}) / time({sizes[0]}) = {ratio:.2f} for {sizes[-1] / sizes[0]:.0f}x the articles")
    rules = {k: ("max", 1.5) for k in figures if k.startswith(("seconds", "peak_mb"))}
    code = gate("load_" + "_".join(map(str, sizes)), figures, rules, args.update)
    for n in sizes:
        if figures[f"seconds_{n}"] > GOAL_SECONDS.get(n, 1e9) or figures[f"peak_mb_{n}"] > GOAL_PEAK_MB:
            print(f"{n} articles: over the goal ({GOAL_SECONDS.get(n, 0):.0f} s, {GOAL_PEAK_MB:.0f} MB)")
            code = 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
