"""Same-topic stress set: articles of one topic that hold different happenings must not merge.

    python bench/bench_events_stress.py            # score, compare with bench/baselines/events_stress.json
    python bench/bench_events_stress.py --show     # also list the wrong pairs

Data: bench/data/events_stress/cases.jsonl (34 cases built blind from dev.jsonl, ntrex_same_event_extra.jsonl
and ANS train/dev headlines; see its README). Each case is clustered on its own, as one run, by the same
clean and cluster stages as the brief. Pairs of articles with different gold labels must be apart
(precision: of the pairs the system puts together, how many are one event), pairs with the same label
together (recall).
"""

from __future__ import annotations

import argparse
import csv
import sys

from summarize.clean.stage import clean_articles
from summarize.events.cluster import cluster_events, document_vectors
from summarize.events.embed import get_embedder
from summarize.model import Article

from _common import REPO, gate, load_jsonl, shared_file

CASES = REPO / "bench" / "data" / "events_stress" / "cases.jsonl"


def texts() -> dict[str, tuple[str, str | None, str | None]]:
    """Article text, outlet and url by the ids the cases use ("dev" and "ntrex_extra" ids, "ans_train:N:s1")."""
    out: dict[str, tuple[str, str | None, str | None]] = {}
    for name in ("dev.jsonl", "ntrex_same_event_extra.jsonl"):
        for r in load_jsonl(shared_file("data", "events", name)):
            out[r["id"]] = (r["text"], r.get("outlet"), r.get("url"))
    for split in ("train", "dev"):
        with shared_file("data", "ans", f"stance_{split}.csv").open(encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh)):
                for col in ("s1", "s2"):
                    out[f"ans_{split}:{n}:{col}"] = (row[col], None, None)
    return out


def main() -> int:
    """Cluster every case, count pairs kept apart and together, compare with the baseline."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    corpus = texts()
    embedder = get_embedder("use")
    tp = fp = fn = tn = 0
    merged_cases = 0
    for case in load_jsonl(CASES):
        arts = [Article(id=f"{n}:{a['id']}", text=corpus[a["id"]][0], outlet=corpus[a["id"]][1],
                        url=corpus[a["id"]][2], lang=a["lang"]) for n, a in enumerate(case["articles"])]
        gold = {f"{n}:{a['id']}": a["gold"] for n, a in enumerate(case["articles"])}
        arts, cleaned = clean_articles(arts, embedder)
        vectors = document_vectors(arts, cleaned, embedder)
        pred = {aid: e.id for e in cluster_events(arts, cleaned, vectors) for aid in e.article_ids}
        ids = list(gold)
        wrong = False
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                same_gold, same_pred = gold[a] == gold[b], pred[a] == pred[b]
                tp += same_gold and same_pred
                fp += same_pred and not same_gold
                fn += same_gold and not same_pred
                tn += not same_gold and not same_pred
                if same_pred and not same_gold:
                    wrong = True
                    if args.show:
                        print(f"{case['case']}: merged {a} ({gold[a]}) with {b} ({gold[b]})")
        merged_cases += wrong
    figures = {"pairs_apart_gold": fp + tn, "pairs_together_gold": tp + fn, "wrongly_merged_pairs": fp,
               "cases_with_a_wrong_merge": merged_cases, "precision": round(tp / max(1, tp + fp), 4),
               "recall": round(tp / max(1, tp + fn), 4), "apart_kept_apart": round(tn / max(1, tn + fp), 4)}
    return gate("events_stress", figures, {"precision": ("min", 0.01), "recall": ("min", 0.02)}, args.update)


if __name__ == "__main__":
    sys.exit(main())
