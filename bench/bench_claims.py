"""Claims on blind labels: disputes, confirmations and speakers, with Wilson 95% intervals.

    python bench/bench_claims.py              # the test part (no rule or model was tuned on it)
    python bench/bench_claims.py --part tune  # the tuning part
    python bench/bench_claims.py --show       # also list the wrong pairs

Data: bench/data/claims/pairs.jsonl, speakers.jsonl and speakers_round2.jsonl (labelled before looking at any
output; see GUIDELINES.md). Each labelled event (a dev event, or the seeds) is run on its own through the clean, claims
and corroborate stages, and each labelled statement is found among the brief's statements by its offsets.
A pair is predicted:
- conflict: the two statements are on different sides of one disputed claim;
- confirmed: both in one confirmed claim, from different origins (the brief calls them independent);
- together: both in one claim otherwise (one side of a dispute, a single-source claim);
- apart: in different claims, or one of them is no claim at all.
Dispute precision = gold conflicts among predicted conflicts; recall = predicted conflicts among gold ones.
Confirmed precision = pairs both in a confirmed claim that are the same fact (agree or update) from
independent origins (gold `independent` not false). Speaker accuracy: the speaker of the claim holding the
labelled statement names the gold party (token overlap with the gold span or its canonical name; none = none).
Goals (issue 13): dispute precision >= 0.90, recall >= 0.80, confirmed precision >= 0.95, speakers >= 0.90.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from typing import Any

from summarize.claims.stage import event_claims
from summarize.clean.stage import clean_articles
from summarize.config import Settings
from summarize.contradiction import default_detector
from summarize.events.embed import get_embedder
from summarize.ingest.language import article_sentences
from summarize.model import Article, ClaimGroup, Event
from summarize.text.tokens import tokens

from _common import REPO, gate, load_jsonl, shared_file

DATA = REPO / "bench" / "data" / "claims"
# Speaker labels: the first draw (ranks 0-144) and a second round (ranks 145-344), both labelled blind.
SPEAKER_FILES = ("speakers.jsonl", "speakers_round2.jsonl")


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson score 95% interval of k successes in n."""
    if n == 0:
        return 0.0, 1.0
    z, p = 1.96, k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(centre - half, 3), round(centre + half, 3)


def events() -> dict[str, list[Article]]:
    """The labelled events' articles: dev events by gold id, and the seeds."""
    out: dict[str, list[Article]] = defaultdict(list)
    for r in load_jsonl(shared_file("data", "events", "dev.jsonl")):
        out[r["event_id"]].append(Article(id=r["id"], text=r["text"], outlet=r.get("outlet"), url=r.get("url"),
                                          lang=r["lang"]))
    seeds = shared_file("seeds")
    manifest = {r["file"]: r for r in load_jsonl(seeds / "manifest.jsonl")}
    for path in sorted(seeds.glob("*.txt")):
        meta = manifest.get(path.name, {})
        out["seeds"].append(Article(id=path.name, text=path.read_text(encoding="utf-8"), outlet=meta.get("outlet"),
                                    lang="ar"))
    return out


def run_event(articles: list[Article]) -> list[ClaimGroup]:
    """The claim groups of one event, as the pipeline makes them."""
    embedder = get_embedder(Settings().embedder)
    arts, cleaned = clean_articles(articles, embedder)
    sentences = {a.id: article_sentences(a, cleaned[a.id]) for a in arts}
    event = Event("e", tuple(a.id for a in arts), tuple(a.id for a in arts))
    text, _ = event_claims(event, {a.id: a for a in arts}, sentences, embedder, default_detector())
    return list(text.claims)


def locate(groups: list[ClaimGroup], article: str, start: int, end: int) -> tuple[int, int] | None:
    """(group index, statement index) of the statement that overlaps [start, end) of `article` most."""
    best, where = 0, None
    for g, group in enumerate(groups):
        for s, st in enumerate(group.statements):
            for aid, a, b in st.spans:
                overlap = min(b, end) - max(a, start)
                if aid == article and overlap > best:
                    best, where = overlap, (g, s)
    return where if best >= 0.5 * (end - start) else None


def predict(groups: list[ClaimGroup], a: tuple[int, int] | None, b: tuple[int, int] | None) -> str:
    """conflict / confirmed / together / apart for two located statements."""
    if a is None or b is None or a[0] != b[0]:
        return "apart"
    group = groups[a[0]]
    sa, sb = group.statements[a[1]], group.statements[b[1]]
    if group.status == "disputed":
        return "conflict" if sa.side != sb.side else "together"
    # confirmed only where the brief claims these two statements are independent: different origins
    confirmed = group.status == "confirmed" and sa.origin != sb.origin
    return "confirmed" if confirmed else "together"


def speaker_right(found: str | None, gold: dict[str, Any]) -> bool:
    """Whether a found speaker names the gold party (none for none)."""
    if gold["speaker"] is None:
        return found is None
    if found is None:
        return False
    have = set(tokens(found))
    want = set(tokens(gold["speaker"])) | set(tokens(gold.get("speaker_norm") or ""))
    return bool(have) and len(have & want) / len(have) >= 0.5


def main() -> int:
    """Score one part of the labelled set and compare with the baseline."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=["test", "tune"], default="test")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    pairs = [p for p in load_jsonl(DATA / "pairs.jsonl") if p["split"] == args.part and p.get("source") != "ans"]
    speakers = [s for name in SPEAKER_FILES for s in load_jsonl(DATA / name) if s["split"] == args.part]
    arts = events()
    texts = {a.id: a.text for group in arts.values() for a in group}
    wanted = {p["event"] for p in pairs} | {s["event"] for s in speakers}
    claims = {e: run_event(arts[e]) for e in sorted(wanted) if e in arts}
    confusion: Counter[tuple[str, str]] = Counter()
    wrong: list[str] = []
    for p in pairs:
        groups = claims[p["event"]]
        spans = []
        for side in ("a", "b"):
            start = texts[p[side]["article"]].find(p[side]["text"])
            spans.append(locate(groups, p[side]["article"], start, start + len(p[side]["text"])))
        got = predict(groups, spans[0], spans[1])
        confusion[(p["label"], got)] += 1
        if args.show and (got == "conflict") != (p["label"] == "conflict"):
            wrong.append(f"{p['id']} gold {p['label']} got {got}: {p['a']['text'][:70]} | {p['b']['text'][:70]}")
        good_pair = p["label"] in ("agree", "update") and p["independent"] is not False
        if args.show and got == "confirmed" and not good_pair:
            wrong.append(f"{p['id']} confirmed but gold {p['label']}/{p['independent']}: {p['a']['text'][:70]}")
    right = 0
    by_round: Counter[tuple[int, bool]] = Counter()
    for s in speakers:
        groups = claims[s["event"]]
        start = texts[s["article"]].find(s["text"])
        where = locate(groups, s["article"], start, start + len(s["text"]))
        found = groups[where[0]].statements[where[1]].attributed_to if where else None
        ok = speaker_right(found, s)
        right += ok
        by_round[(int(s["draw_rank"] > 144) + 1, ok)] += 1
        if args.show and not ok:
            wrong.append(f"{s['id']} speaker {found!r}, gold {s['speaker']!r} ({s['speaker_scope']}): {s['text'][:90]}")
    pred_conflict = sum(n for (g, p), n in confusion.items() if p == "conflict")
    gold_conflict = sum(n for (g, p), n in confusion.items() if g == "conflict")
    true_conflict = confusion[("conflict", "conflict")]
    confirmed = [p for p in pairs if predict(claims[p["event"]], *_locs(claims[p["event"]], p, texts)) == "confirmed"]
    good = sum(1 for p in confirmed if p["label"] in ("agree", "update") and p["independent"] is not False)
    figures: dict[str, Any] = {
        "pairs": len(pairs), "dispute_precision": round(true_conflict / max(1, pred_conflict), 3),
        "dispute_recall": round(true_conflict / max(1, gold_conflict), 3),
        "confirmed_precision": round(good / max(1, len(confirmed)), 3),
        "speaker_accuracy": round(right / max(1, len(speakers)), 3),
        "n_predicted_disputes": pred_conflict, "n_gold_conflicts": gold_conflict, "n_confirmed": len(confirmed),
        "n_speakers": len(speakers),
    }
    print(f"{args.part} part: {len(pairs)} pairs, {len(speakers)} speakers")
    print("confusion (gold -> predicted):")
    for gold in ("agree", "conflict", "update", "different"):
        print(f"  {gold:9}", {p: confusion[(gold, p)] for p in ("conflict", "confirmed", "together", "apart")})
    print(f"dispute precision {figures['dispute_precision']} {wilson(true_conflict, pred_conflict)}, "
          f"recall {figures['dispute_recall']} {wilson(true_conflict, gold_conflict)}; confirmed precision "
          f"{figures['confirmed_precision']} {wilson(good, len(confirmed))}; speakers {figures['speaker_accuracy']} "
          f"{wilson(right, len(speakers))}")
    for r in (1, 2):
        k, n = by_round[(r, True)], by_round[(r, True)] + by_round[(r, False)]
        print(f"  speakers, draw round {r}: {k}/{n} = {k / max(1, n):.3f} {wilson(k, n)}")
    for line in wrong:
        print("  " + line)
    names = ("dispute_precision", "dispute_recall", "confirmed_precision", "speaker_accuracy")
    rules = {k: ("min", 0.02) for k in names}
    return gate(f"claims_{args.part}", figures, rules, args.update)


def _locs(groups: list[ClaimGroup], p: dict[str, Any], texts: dict[str, str]) -> tuple[Any, Any]:
    """The located statements of a pair's two sides."""
    out = []
    for side in ("a", "b"):
        start = texts[p[side]["article"]].find(p[side]["text"])
        out.append(locate(groups, p[side]["article"], start, start + len(p[side]["text"])))
    return out[0], out[1]


if __name__ == "__main__":
    sys.exit(main())
