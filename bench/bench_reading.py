"""Reading time of the brief: words in each story card, words at the top of the brief, claims reachable.

For each corpus (the bundled seeds and the dev set) it builds the brief (extractive) and prints:
- card words: every whitespace token of each event's story card (from its heading to its details),
  the largest and how many exceed the 120-word goal;
- top words: the contents plus the cards of the five first events, counting words a reader reads
  (tokens with a letter: citation numbers, bullets and link targets are not words), goal at most 600,
  about two minutes at 300 words a minute; all whitespace tokens are printed beside it;
- contents: whether every event is linked from the contents;
- claims in the HTML: how many of the JSON's claims have their lead statement in the HTML page.

    python bench/bench_reading.py [--update]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from _common import REPO, gate

CARD_GOAL, TOP_GOAL, TOP_EVENTS = 120, 600, 5
_TAGS = re.compile(r"<[^>]+>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_LETTER = re.compile(r"[^\W\d_]")


def reading_words(text: str) -> int:
    """Words a reader reads: tokens with a letter (not citation numbers, bullets, "·" or link targets)."""
    return sum(bool(_LETTER.search(t)) for t in _LINK_TARGET.sub("] ", text).split())


def card_words(markdown: str) -> list[int]:
    """Words of each numbered event's story card: from its heading to `### Details`."""
    counts = []
    for block in re.split(r"\n(?=## )", markdown):
        if re.match(r"## \d+\. ", block):
            card = block.split("\n### Details", 1)[0]
            counts.append(len(card.split()))
    return counts


def top_words(markdown: str, events: int = TOP_EVENTS) -> tuple[int, int]:
    """Reading words and all tokens of the contents plus the first `events` cards (the header line and
    notes are not counted)."""
    blocks = re.split(r"\n(?=## )", markdown)
    contents = next((b for b in blocks if b.startswith("## Contents")), "")
    cards = [b.split("\n### Details", 1)[0] for b in blocks if re.match(r"## \d+\. ", b)][:events]
    text = "\n".join([contents, *cards])
    return reading_words(text), len(text.split())


def claims_in_html(data: dict, page: str) -> tuple[int, int]:  # type: ignore[type-arg]
    """(claims whose lead statement text is on the page, claims in the JSON)."""
    import html

    text = " ".join(html.unescape(_TAGS.sub("", page)).split())
    claims = [c for e in data["events"] for c in e["claims"]]
    found = sum(" ".join(c["statements"][0]["text"].split()) in text for c in claims)
    return found, len(claims)


def measure(name: str, inputs: list[Path]) -> dict[str, float]:
    """Build one brief and measure it."""
    from summarize.config import Settings
    from summarize.pipeline import run
    from summarize.render.files import render_all

    brief = run(inputs, Settings(summarizer="extractive", date="2024-11-30"))
    out = render_all(brief, ("md", "html", "json"))
    cards = card_words(out["md"])
    top, tokens = top_words(out["md"])
    contents = out["md"].split("\n## ", 2)[1] if "## Contents" in out["md"] else ""
    linked = sum(f"(#event-{n})" in contents for n in range(1, len(brief.events) + 1))
    found, total = claims_in_html(json.loads(out["json"]), out["html"])
    print(f"{name}: {len(cards)} cards, largest {max(cards, default=0)} words, "
          f"{sum(c > CARD_GOAL for c in cards)} over {CARD_GOAL}; top of brief {top} words (goal {TOP_GOAL}; "
          f"{tokens} tokens with numbers and marks); "
          f"contents links {linked} of {len(brief.events)} events; claims in the HTML {found} of {total}")
    return {f"{name}_card_max": max(cards, default=0), f"{name}_top_words": top,
            f"{name}_claims_missing_html": total - found, f"{name}_events_unlinked": len(brief.events) - linked}


def main() -> int:
    """Measure the seeds and dev briefs and compare with the baseline (lower is better for every figure)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--update", action="store_true", help="write the figures as the new baseline")
    args = ap.parse_args()
    figures = measure("seeds", [REPO / "examples" / "seeds"])
    figures |= measure("dev", [REPO.parent / "shared" / "data" / "events" / "dev.jsonl"])
    rules = {key: ("max", 1.0) for key in figures}  # none may grow: a longer top or a lost claim is a regression
    return gate("reading", figures, rules, args.update)


if __name__ == "__main__":
    raise SystemExit(main())
