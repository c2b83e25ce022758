"""Calibrates attribute.SUPPORT_THRESHOLD on shared/data/events/dev.jsonl.

Recall: NTREX English/Arabic translation pairs (sentence i of the English
article against sentence i of its Arabic translation, articles whose sentence
counts match). False support: for multi-outlet events, each sentence against
the closest sentence of *another* article of the same event in the same
language whose wording differs (content-word overlap < 0.3): same topic,
different statement. Prints both rates for a sweep of thresholds.

    python bench/bench_attribution.py [--update]
"""

from __future__ import annotations

import argparse
from collections import defaultdict

import numpy as np

from summarize.events.embed import get_embedder
from summarize.summary.attribute import SUPPORT_THRESHOLD
from summarize.summary.backends.extractive import is_candidate
from summarize.text.normalize import match_key
from summarize.text.sentences import split_sentences

from _common import gate, load_jsonl, shared_file


def _overlap(a: str, b: str) -> float:
    """Share of a's words found in b (normalised)."""
    wa, wb = set(match_key(a).split()), set(match_key(b).split())
    return len(wa & wb) / max(1, len(wa))


def main() -> int:
    """Sweep thresholds; gate the chosen one's recall and false-support rate."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    rows = load_jsonl(shared_file("data", "events", "dev.jsonl"))
    emb = get_embedder("use")
    by_event: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_event[r["event_id"]].append(r)
    pos: list[float] = []
    neg: list[float] = []
    for members in by_event.values():
        sents = {r["id"]: [s for s in split_sentences(r["text"], r["id"], r["lang"]) if is_candidate(s)]
                 for r in members}
        langs = {r["lang"] for r in members}
        if langs == {"ar", "en"} and len(members) == 2:
            en, ar = (sents[r["id"]] for r in sorted(members, key=lambda r: r["lang"] != "en"))
            if len(en) == len(ar) and en:
                sims = emb.encode([s.text for s in en]) @ emb.encode([s.text for s in ar]).T
                pos += list(np.diag(sims))
            continue
        ids = [r["id"] for r in members]
        for a in ids:
            others = [s for b in ids if b != a for s in sents[b]]
            if not sents[a] or not others:
                continue
            sims = emb.encode([s.text for s in sents[a]]) @ emb.encode([s.text for s in others]).T
            for i, s in enumerate(sents[a]):
                far = [j for j in range(len(others)) if _overlap(s.text, others[j].text) < 0.3]
                if far:
                    neg.append(float(max(sims[i, j] for j in far)))
    p, n = np.array(pos), np.array(neg)
    print(f"{len(p)} translation pairs, {len(n)} same-event different-statement sentences")
    for t in (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85):
        print(f"threshold {t:.2f}: translation recall {(p >= t).mean():.3f}  false support {(n >= t).mean():.3f}")
    figures = {"threshold": SUPPORT_THRESHOLD, "translation_recall": round(float((p >= SUPPORT_THRESHOLD).mean()), 4),
               "false_support": round(float((n >= SUPPORT_THRESHOLD).mean()), 4)}
    rules = {"translation_recall": ("min", 0.02), "false_support": ("max", 1.25)}
    return gate("attribution", figures, rules, args.update)


if __name__ == "__main__":
    raise SystemExit(main())
