"""Event clustering quality on shared/data/events/dev.jsonl: pairwise and B-cubed P/R/F1.

    python bench/bench_cluster.py [--sweep] [--update]
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter

from summarize.clean.stage import clean_articles
from summarize.events.cluster import EVENT_THRESHOLD, cluster_events, document_vectors
from summarize.events.embed import get_embedder
from summarize.model import Article

from _common import gate, load_jsonl, shared_file


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 over all article pairs."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        g, p = gold[a] == gold[b], pred[a] == pred[b]
        tp, fp, fn = tp + (g and p), fp + (p and not g), fn + (g and not p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (per-article averages)."""
    gsize, psize = Counter(gold.values()), Counter(pred.values())
    both = Counter((gold[a], pred[a]) for a in gold)
    prec = sum(both[(gold[a], pred[a])] / psize[pred[a]] for a in gold) / len(gold)
    rec = sum(both[(gold[a], pred[a])] / gsize[gold[a]] for a in gold) / len(gold)
    return prec, rec, 2 * prec * rec / (prec + rec)


def _topic(event_id: str) -> str:
    """The topic of a gold event: ECB+ topics hold two events ("en-ecbplus-t12-ecb" and "-ecbplus")."""
    return event_id.rsplit("-", 1)[0] if "ecbplus-t" in event_id else event_id


def main() -> int:
    """Cluster dev.jsonl, print the scores, compare with the baseline."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--sweep", action="store_true", help="also print F1 for a range of thresholds")
    args = ap.parse_args()
    rows = load_jsonl(shared_file("data", "events", "dev.jsonl"))
    articles = [Article(id=r["id"], text=r["text"], outlet=r.get("outlet"), title=r.get("title"), lang=r["lang"])
                for r in rows]
    gold = {r["id"]: r["event_id"] for r in rows}
    embedder = get_embedder("use")
    articles, cleaned = clean_articles(articles, embedder)  # as the pipeline cleans: with the run's embedder
    vectors = document_vectors(articles, cleaned, embedder)
    thresholds = [0.40, 0.45, 0.50, 0.55, 0.60, 0.65] if args.sweep else []
    for t in thresholds:
        pred = {aid: e.id for e in cluster_events(articles, cleaned, vectors, t) for aid in e.article_ids}
        print(f"threshold {t:.2f}: pairwise F1 {pairwise(gold, pred)[2]:.3f}  B-cubed F1 {bcubed(gold, pred)[2]:.3f}")
    by_threshold = {t: {aid: e.id for e in cluster_events(articles, cleaned, vectors, t) for aid in e.article_ids}
                    for t in (0.40, 0.45, 0.50, 0.55, 0.60, 0.65)}
    topic = {r["id"]: _topic(r["event_id"]) for r in rows}
    held_out: dict[str, str] = {}
    for t_name in sorted(set(topic.values())):  # leave one topic out: its threshold chosen on the others
        rest = {a: g for a, g in gold.items() if topic[a] != t_name}
        best = max(by_threshold,
                   key=lambda t: (pairwise(rest, {a: by_threshold[t][a] for a in rest})[2], -abs(t - 0.5)))
        held_out.update({a: f"{best}/{by_threshold[best][a]}" for a in gold if topic[a] == t_name})
    loto = pairwise(gold, held_out)[2]
    events = cluster_events(articles, cleaned, vectors, EVENT_THRESHOLD)
    pred = {aid: e.id for e in events for aid in e.article_ids}
    p, r, f = pairwise(gold, pred)
    bp, br, bf = bcubed(gold, pred)
    figures = {"threshold": EVENT_THRESHOLD, "events_found": len(events), "events_gold": len(set(gold.values())),
               "pairwise_precision": round(p, 4), "pairwise_recall": round(r, 4), "pairwise_f1": round(f, 4),
               "bcubed_precision": round(bp, 4), "bcubed_recall": round(br, 4), "bcubed_f1": round(bf, 4),
               "pairwise_f1_leave_one_topic_out": round(loto, 4)}
    for g in sorted(set(gold.values())):
        found = sorted({pred[a] for a in gold if gold[a] == g})
        mixed = sorted({gold[a] for a in gold if pred[a] in found} - {g})
        if len(found) > 1 or mixed:
            print(f"{g}: in {len(found)} event(s){', with ' + ', '.join(mixed) if mixed else ''}")
    return gate("cluster", figures, {"pairwise_f1": ("min", 0.01), "bcubed_f1": ("min", 0.01)}, args.update)


if __name__ == "__main__":
    raise SystemExit(main())
