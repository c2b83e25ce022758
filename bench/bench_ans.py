"""Contradiction detection on ANS (Arabic News Stance): agree vs disagree macro-F1 and accuracy.

    python bench/bench_ans.py            # score the default detector on test, compare with the baseline
    python bench/bench_ans.py --detector aligned-mlp-ans   # score the fallback detector instead
    python bench/bench_ans.py --train-cross-encoder    # LoRA-tune e5 on train, pick epoch and threshold on dev
    python bench/bench_ans.py --train    # retrain the fallback MLP on train, pick epochs and threshold on dev
    python bench/bench_ans.py --dev      # also print the shipped model's dev figures
    python bench/bench_ans.py --update   # rewrite bench/baselines/ans.json with the current figures

Data: ../shared/data/ans/stance_{train,dev,test}.csv (pairs labelled "other" are left out).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.contradiction import detector_named  # noqa: E402
from summarize.contradiction.aligned_mlp import WEIGHTS_RESOURCE  # noqa: E402
from summarize.contradiction.cross_encoder import CROSS_ENCODER_RESOURCE, CrossEncoderDetector  # noqa: E402
from summarize.contradiction.train import (  # noqa: E402
    CE_SEEDS,
    agree_disagree_scores,
    load_ans,
    train_cross_encoder_ensemble,
    train_mlp,
)

DATA = ROOT.parent / "shared" / "data" / "ans"
BASELINE = ROOT / "bench" / "baselines" / "ans.json"
WEIGHTS = ROOT / "summarize" / "data" / WEIGHTS_RESOURCE
CROSS_ENCODER_WEIGHTS = ROOT / "summarize" / "data" / CROSS_ENCODER_RESOURCE
BASELINES = {"e5-cross-encoder-ans": BASELINE, "aligned-mlp-ans": ROOT / "bench" / "baselines" / "ans_aligned_mlp.json"}
TOLERANCE = 0.005


def evaluate(split: str = "test", name: str = CrossEncoderDetector.name) -> dict[str, float]:
    """Score a shipped detector on one split at its shipped threshold."""
    detector = detector_named(name)
    pairs, y = load_ans(DATA, split)
    p = detector.score(pairs)
    threshold = float(getattr(detector, "threshold", 0.5))
    return {**agree_disagree_scores(y, (p >= threshold).astype(float)), "n": len(y)}


def main() -> int:
    """Run the benchmark; exit 1 on regression against the committed baseline."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--detector", choices=sorted(BASELINES), default=CrossEncoderDetector.name,
                    help="which shipped detector to score (default: the pipeline's default)")
    ap.add_argument("--train", action="store_true", help="retrain the fallback MLP from ANS train/dev")
    ap.add_argument("--train-cross-encoder", action="store_true", help="retrain the e5 adapter from ANS train/dev")
    ap.add_argument("--seeds", type=int, nargs="+", default=list(CE_SEEDS),
                    help="cross-encoder members, one per training seed")
    ap.add_argument("--workdir", type=Path, default=ROOT / "outputs" / "ans-cross-encoder",
                    help="where each seed's adapter is kept (an existing one is reused, not retrained)")
    ap.add_argument("--update", action="store_true", help="rewrite the baseline with current figures")
    ap.add_argument("--dev", action="store_true", help="also print the dev figures (selection split)")
    ap.add_argument("--dev-only", action="store_true", help="print the dev figures and stop (no test scoring)")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"ANS data not found at {DATA}", file=sys.stderr)
        return 2
    if args.train or args.train_cross_encoder:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    if args.train:
        train_mlp(DATA, WEIGHTS)
    if args.train_cross_encoder:
        train_cross_encoder_ensemble(DATA, CROSS_ENCODER_WEIGHTS, args.seeds, args.workdir)
    if args.dev or args.dev_only:
        dev = evaluate("dev", args.detector)
        print(f"{args.detector}: ANS dev (agree vs disagree, n={dev['n']}): macro-F1 {dev['macro_f1']:.4f}  "
              f"accuracy {dev['accuracy']:.4f}")
        if args.dev_only:
            return 0
    got = evaluate("test", args.detector)
    print(f"{args.detector}: ANS test (agree vs disagree, n={got['n']}): macro-F1 {got['macro_f1']:.4f}  "
          f"accuracy {got['accuracy']:.4f}")
    baseline = BASELINES[args.detector]
    if args.update or not baseline.exists():
        baseline.write_text(json.dumps(got, indent=2) + "\n", encoding="utf-8")
        print(f"baseline written to {baseline}")
        return 0
    base = json.loads(baseline.read_text(encoding="utf-8"))
    worse = [k for k in ("macro_f1", "accuracy") if got[k] < base[k] - TOLERANCE]
    for k in worse:
        print(f"REGRESSION: {k} {got[k]:.4f} < baseline {base[k]:.4f}", file=sys.stderr)
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
