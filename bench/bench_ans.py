"""Contradiction detection on ANS (Arabic News Stance): agree vs disagree macro-F1 and accuracy.

    python bench/bench_ans.py            # score the shipped weights on test, compare with the baseline
    python bench/bench_ans.py --train    # retrain on train, tune L2 and threshold on dev, write weights
    python bench/bench_ans.py --update   # rewrite bench/baselines/ans.json with the current figures

Data: ../shared/data/ans/stance_{train,dev,test}.csv (pairs labelled "other" are left out).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.embed import get_embedder  # noqa: E402
from summarize.stance import (  # noqa: E402
    WEIGHTS_RESOURCE,
    LexicalLogisticDetector,
    LogisticModel,
    pair_features,
    train_logistic,
)

DATA = ROOT.parent / "shared" / "data" / "ans"
BASELINE = ROOT / "bench" / "baselines" / "ans.json"
WEIGHTS = ROOT / "summarize" / "data" / WEIGHTS_RESOURCE
TOLERANCE = 0.005
L2_SWEEP = (0.03, 0.1, 0.3)
THRESHOLD_SWEEP = tuple(round(t, 2) for t in np.arange(0.3, 0.81, 0.05))


def load(split: str) -> tuple[list[tuple[str, str]], np.ndarray]:
    """Agree/disagree pairs of one split and labels (1 = disagree)."""
    with (DATA / f"stance_{split}.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["stance"] in ("agree", "disagree")]
    return [(r["s1"], r["s2"]) for r in rows], np.array([r["stance"] == "disagree" for r in rows], float)


def scores(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """Macro-F1 over {agree, disagree} and accuracy."""
    f1s = []
    for c in (0.0, 1.0):
        tp = float(((pred == c) & (y == c)).sum())
        fp = float(((pred == c) & (y != c)).sum())
        fn = float(((pred != c) & (y == c)).sum())
        f1s.append(2 * tp / max(1.0, 2 * tp + fp + fn))
    return {"macro_f1": round(float(np.mean(f1s)), 4), "accuracy": round(float((pred == y).mean()), 4)}


def train() -> None:
    """Fit on train, choose L2 and threshold by dev macro-F1, write the weights file."""
    emb = get_embedder("use")
    (tr_pairs, ytr), (dv_pairs, ydv) = load("train"), load("dev")
    xtr, xdv = pair_features(tr_pairs, emb), pair_features(dv_pairs, emb)
    best: tuple[float, LogisticModel | None] = (-1.0, None)
    for l2 in L2_SWEEP:
        model = train_logistic(xtr, ytr, l2, epochs=600)
        p = model.predict(xdv)
        for t in THRESHOLD_SWEEP:
            f1 = scores(ydv, (p >= t).astype(float))["macro_f1"]
            print(f"l2={l2} threshold={t} dev macro-F1={f1}", file=sys.stderr)
            if f1 > best[0]:
                best = (f1, LogisticModel(model.mean, model.scale, model.weights, model.bias, float(t)))
    assert best[1] is not None
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    WEIGHTS.write_text(json.dumps(best[1].to_json()), encoding="utf-8")
    print(f"wrote {WEIGHTS} (dev macro-F1 {best[0]}, threshold {best[1].threshold})")


def evaluate() -> dict[str, float]:
    """Score the shipped detector on the test split at its shipped threshold."""
    detector = LexicalLogisticDetector(get_embedder("use"))
    pairs, y = load("test")
    p = detector.score(pairs)
    return {**scores(y, (p >= detector.threshold).astype(float)), "n": len(y)}


def main() -> int:
    """Run the benchmark; exit 1 on regression against the committed baseline."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", action="store_true", help="retrain the weights from ANS train/dev")
    ap.add_argument("--update", action="store_true", help="rewrite the baseline with current figures")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"ANS data not found at {DATA}", file=sys.stderr)
        return 2
    if args.train:
        train()
    got = evaluate()
    print(f"ANS test (agree vs disagree, n={got['n']}): macro-F1 {got['macro_f1']:.4f}  "
          f"accuracy {got['accuracy']:.4f}")
    if args.update or not BASELINE.exists():
        BASELINE.write_text(json.dumps(got, indent=2) + "\n", encoding="utf-8")
        print(f"baseline written to {BASELINE}")
        return 0
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    worse = [k for k in ("macro_f1", "accuracy") if got[k] < base[k] - TOLERANCE]
    for k in worse:
        print(f"REGRESSION: {k} {got[k]:.4f} < baseline {base[k]:.4f}", file=sys.stderr)
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
