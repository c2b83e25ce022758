"""Count page furniture in what a dev brief shows: titles, summary sentences, confirmed and disputed statements.

    python bench/furniture_in_brief.py BRIEF.json      # a brief of ../shared/data/events/dev.jsonl

Each shown text is located in its source article (only spaces and punctuation may differ) and checked
against the blind labels in bench/data/furniture/; prints the counts and the items that hold furniture.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from summarize.clean.train import gold_mask

from _common import REPO, load_jsonl, shared_file

LABELS = REPO / "bench" / "data" / "furniture"


def locate(shown: str, source: str) -> tuple[int, int] | None:
    """Where `shown` stands in `source`, comparing letters and digits only."""
    keep = [i for i, c in enumerate(source) if c.isalnum()]
    stream = "".join(source[i] for i in keep)
    want = "".join(c for c in shown if c.isalnum())
    at = stream.find(want) if want else -1
    return (keep[at], keep[at + len(want) - 1] + 1) if at >= 0 else None


def main() -> int:
    """Print furniture counts for one brief."""
    brief = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    lines: dict[str, dict[int, list[dict[str, object]]]] = defaultdict(dict)
    for f in sorted(LABELS.glob("labels_*.jsonl")):
        for rec in load_jsonl(f):
            lines[rec["article"]][rec["line"]] = rec["spans"]
    texts = {r["id"]: r["text"] for r in load_jsonl(shared_file("data", "events", "dev.jsonl"))}
    masks = {aid: gold_mask(t, lines[aid]) for aid, t in texts.items()}
    shown: list[tuple[str, str, list[str]]] = []
    for e in brief["events"]:
        shown += [("title", t.removesuffix(" …"), e["sources"]) for t in e["title"].values() if t]
        shown += [("summary", s["text"], s["sources"]) for m in e["summary"].values() for s in m["sentences"]]
        shown += [(c["status"], st["text"], st["sources"]) for c in e["claims"] if c["status"] != "single_source"
                  for st in c["statements"]]
    total, bad = Counter(), Counter()
    for kind, text, ids in shown:
        total[kind] += 1
        for aid in ids:
            span = locate(text, texts[aid])
            if span:
                if (masks[aid][span[0] : span[1]] == 1).sum():
                    bad[kind] += 1
                    print(f"{kind}: {text[:100]}")
                break
    print({k: f"{bad[k]} of {total[k]}" for k in total})
    return 0


if __name__ == "__main__":
    sys.exit(main())
