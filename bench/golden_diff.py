"""Summarise how a brief changed: events, summary sentences, claims and statuses, with examples.

    python bench/golden_diff.py OLD.json NEW.json          # two brief JSON files
    python bench/golden_diff.py --git REV tests/golden/dev.json   # the file at REV against the working tree

Used for the notes of changes that update the golden briefs (tests/golden/).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from typing import Any


def _load(args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, Any]]:
    """The old and new brief data."""
    if args.git:
        old = subprocess.run(["git", "show", f"{args.git}:{args.new}"], capture_output=True, text=True, check=True)
        return json.loads(old.stdout), json.load(open(args.new, encoding="utf-8"))
    return json.load(open(args.old, encoding="utf-8")), json.load(open(args.new, encoding="utf-8"))


def _statements(brief: dict[str, Any]) -> dict[str, str]:
    """Each statement text → the status of the claim it belongs to (first seen)."""
    out: dict[str, str] = {}
    for event in brief["events"]:
        for claim in event["claims"]:
            for st in claim["statements"]:
                out.setdefault(st["text"], claim["status"])
    return out


def _sentences(brief: dict[str, Any]) -> set[str]:
    """Every summary sentence of the brief."""
    return {s["text"] for e in brief["events"] for summ in e["summary"].values() for s in summ["sentences"]}


def main() -> int:
    """Print the summary of changes."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old", nargs="?")
    ap.add_argument("new")
    ap.add_argument("--git", help="compare NEW with its committed version at this revision")
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args()
    old, new = _load(args)
    groups = lambda b: sorted(tuple(sorted(e["sources"])) for e in b["events"])  # noqa: E731
    print(f"events: {len(old['events'])} -> {len(new['events'])}; partition "
          f"{'unchanged' if groups(old) == groups(new) else 'changed'}")
    for key in sorted(set(old.get("stats", {})) | set(new.get("stats", {}))):
        a, b = old.get("stats", {}).get(key), new.get("stats", {}).get(key)
        if a != b:
            print(f"stats.{key}: {a} -> {b}")
    so, sn = _sentences(old), _sentences(new)
    print(f"summary sentences: {len(so)} -> {len(sn)} ({len(sn - so)} new, {len(so - sn)} gone)")
    for text in sorted(sn - so)[: args.examples]:
        print(f"  + {text[:160]}")
    for text in sorted(so - sn)[: args.examples]:
        print(f"  - {text[:160]}")
    count = lambda b: Counter(c["status"] for e in b["events"] for c in e["claims"])  # noqa: E731
    print(f"claims by status: {dict(count(old))} -> {dict(count(new))}")
    to, tn = _statements(old), _statements(new)
    print(f"statements: {len(to)} -> {len(tn)} ({len(set(tn) - set(to))} new, {len(set(to) - set(tn))} gone)")
    moved = Counter((to[t], tn[t]) for t in set(to) & set(tn) if to[t] != tn[t])
    print(f"statements whose claim status changed: {dict(moved)}")
    for (a, b) in moved:
        ex = [t for t in set(to) & set(tn) if (to[t], tn[t]) == (a, b)][: args.examples]
        for text in ex:
            print(f"  {a} -> {b}: {text[:160]}")
    for text in sorted(set(tn) - set(to))[: args.examples]:
        print(f"  + [{tn[text]}] {text[:160]}")
    for text in sorted(set(to) - set(tn))[: args.examples]:
        print(f"  - [{to[text]}] {text[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
