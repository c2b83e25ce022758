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
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.contradiction.aligned_mlp import (  # noqa: E402
    WEIGHTS_RESOURCE,
    AlignedMlpDetector,
    MlpEnsemble,
    aligned_pair_features,
)
from summarize.contradiction.base import ContradictionDetector  # noqa: E402
from summarize.contradiction.cross_encoder import (  # noqa: E402
    CROSS_ENCODER_RESOURCE,
    CrossEncoderDetector,
    PairClassifier,
    read_cross_encoder,
    save_cross_encoder,
)
from summarize.events.embed import get_embedder  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "ans"
BASELINE = ROOT / "bench" / "baselines" / "ans.json"
WEIGHTS = ROOT / "summarize" / "data" / WEIGHTS_RESOURCE
CROSS_ENCODER_WEIGHTS = ROOT / "summarize" / "data" / CROSS_ENCODER_RESOURCE
BASELINES = {"e5-cross-encoder-ans": BASELINE, "aligned-mlp-ans": ROOT / "bench" / "baselines" / "ans_aligned_mlp.json"}
TOLERANCE = 0.005
# MLP ensemble, swept on ANS dev (2026-11): inputs base (2060) + alignment (2063) features beat
# either alone (MLP-128: base 0.743, alignment 0.734, both 0.766; logistic 0.72-0.75);
# hidden 64, dropout 0.5, AdamW lr 3e-4, weight decay 1e-2, class-balanced loss; 5 seeds
# averaged: dev macro-F1 by epoch 0.754 (5) 0.775 (10) 0.763 (15) 0.757 (20) ... 0.764 (40).
MEMBERS = 5
HIDDEN = 64
DROPOUT = 0.5
MAX_EPOCHS = 40
THRESHOLD_SWEEP = tuple(round(t, 3) for t in np.arange(0.2, 0.81, 0.025))


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


def _fit_member(x: np.ndarray, y: np.ndarray, xdv: np.ndarray, seed: int) -> tuple[list[object], np.ndarray]:
    """Train one torch MLP; return its weights after each epoch and its dev probabilities per epoch."""
    import torch

    torch.set_num_threads(2)
    torch.manual_seed(seed)
    xt, xd, yt = (torch.tensor(a, dtype=torch.float32) for a in (x, xdv, y))
    net = torch.nn.Sequential(torch.nn.Dropout(DROPOUT), torch.nn.Linear(x.shape[1], HIDDEN), torch.nn.ReLU(),
                              torch.nn.Dropout(DROPOUT), torch.nn.Linear(HIDDEN, 1))
    opt = torch.optim.AdamW(net.parameters(), lr=3e-4, weight_decay=1e-2)
    pos_weight = torch.tensor((1 - y.mean()) / y.mean())
    snaps: list[object] = []
    dev_p = np.zeros((MAX_EPOCHS, len(xdv)))
    for ep in range(MAX_EPOCHS):
        net.train()
        perm = torch.randperm(len(xt))
        for i in range(0, len(xt), 64):
            idx = perm[i : i + 64]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                net(xt[idx]).squeeze(1), yt[idx], pos_weight=pos_weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            dev_p[ep] = torch.sigmoid(net(xd).squeeze(1)).numpy()
        snaps.append([t.detach().numpy().copy() for t in (net[1].weight, net[1].bias, net[4].weight, net[4].bias)])
    return snaps, dev_p


def train() -> None:
    """Fit on train, choose the epoch and threshold by dev macro-F1, write the weights file."""
    emb = get_embedder("use")
    (tr_pairs, ytr), (dv_pairs, ydv) = load("train"), load("dev")
    xtr, xdv = aligned_pair_features(tr_pairs, emb), aligned_pair_features(dv_pairs, emb)
    mean, scale = xtr.mean(axis=0), xtr.std(axis=0) + 1e-6
    members = [_fit_member((xtr - mean) / scale, ytr, (xdv - mean) / scale, seed) for seed in range(MEMBERS)]
    ens = np.mean([p for _, p in members], axis=0)
    best = (-1.0, 0, 0.5)
    for ep in range(MAX_EPOCHS):
        for t in THRESHOLD_SWEEP:
            f1 = scores(ydv, (ens[ep] >= t).astype(float))["macro_f1"]
            if f1 > best[0]:
                best = (f1, ep, t)
        print(f"epoch {ep + 1}: best dev macro-F1 so far {best[0]} (epoch {best[1] + 1}, threshold {best[2]})",
              file=sys.stderr)
    _, ep, t = best
    w = [snaps[ep] for snaps, _ in members]
    model = MlpEnsemble(mean, scale, np.stack([m[0].T for m in w]), np.stack([m[1] for m in w]),  # type: ignore[index]
                        np.stack([m[2][0] for m in w]), np.stack([m[3][0] for m in w]), float(t))  # type: ignore[index]
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    model.save(WEIGHTS)
    print(f"wrote {WEIGHTS} (dev macro-F1 {best[0]}, epoch {ep + 1}, threshold {t})")


# Cross-encoder fine-tuning, fixed before looking at dev except the epoch and threshold:
# LoRA rank 8 (alpha 16) on every linear layer, plus biases, LayerNorms and a linear head on
# the mean token state; AdamW lr 5e-4, weight decay 0.01, batch 16, linear decay after 6% warm-up;
# class-balanced loss; each training pair also seen in the other order.
CE_EPOCHS = 5
# Shipped: the mean of three adapters (seeds 0, 1, 2), threshold chosen for the mean on dev.
# Seed 0 alone: dev macro-F1 0.8317 (epoch 5, threshold 0.625), test 0.7964; the ensemble was
# decided after that single test reading, to cut seed variance, and scored on test once.
CE_SEEDS = (0, 1, 2)
CE_BATCH = 16
CE_LR = 5e-4


def train_cross_encoder(seed: int = 0, epochs: int = CE_EPOCHS, limit: int | None = None,
                        out: Path = CROSS_ENCODER_WEIGHTS) -> None:
    """LoRA-tune e5 on ANS train; keep the epoch and threshold with the best dev macro-F1; write the adapter.

    `limit` keeps the first pairs of train and dev only (a quick check of this code, not a model).
    """
    import math

    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    (tr_pairs, ytr), (dv_pairs, ydv) = load("train"), load("dev")
    if limit:
        tr_pairs, ytr, dv_pairs, ydv = tr_pairs[:limit], ytr[:limit], dv_pairs[:limit], ydv[:limit]
    x = tr_pairs + [(b, a) for a, b in tr_pairs]
    y = np.concatenate([ytr, ytr]).astype(np.float32)
    model = PairClassifier()
    params = model.parameters()
    opt = torch.optim.AdamW(params, lr=CE_LR, weight_decay=0.01)
    steps = epochs * math.ceil(len(x) / CE_BATCH)
    warm = int(0.06 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / max(1, warm), max(0.0, (steps - s) / max(1, steps - warm))))
    pos_weight = torch.tensor((1 - y.mean()) / y.mean())
    best: tuple[float, int, float, dict[str, np.ndarray]] = (-1.0, 0, 0.5, {})
    for ep in range(epochs):
        model.encoder.train()
        order = rng.permutation(len(x))
        for i in range(0, len(x), CE_BATCH):
            idx = order[i : i + CE_BATCH]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                model.logits([x[k] for k in idx]), torch.from_numpy(y[idx]), pos_weight=pos_weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        p = model.predict(dv_pairs)
        f1, t = max((scores(ydv, (p >= t).astype(float))["macro_f1"], t) for t in THRESHOLD_SWEEP)
        print(f"epoch {ep + 1}: dev macro-F1 {f1} at threshold {t}", file=sys.stderr)
        if f1 > best[0]:
            best = (f1, ep, t, model.adapter_state())
    f1, ep, t, snapshot = best
    model.load_adapter(snapshot)
    save_cross_encoder(out, [model], threshold=t)
    print(f"wrote {out} (dev macro-F1 {f1}, epoch {ep + 1}, threshold {t})")


def train_cross_encoder_ensemble(seeds: Sequence[int], workdir: Path) -> None:
    """Train one adapter per seed (kept in `workdir`, so an interrupted run resumes), then ship them together
    at the threshold that gives the members' mean probability the best dev macro-F1."""
    workdir.mkdir(parents=True, exist_ok=True)
    members: list[PairClassifier] = []
    for seed in seeds:
        path = workdir / f"seed{seed}.npz"
        if not path.exists():
            train_cross_encoder(seed, out=path)
        members += read_cross_encoder(path)[0]
    dv_pairs, ydv = load("dev")
    p = CrossEncoderDetector(members).score(dv_pairs)
    f1, t = max((scores(ydv, (p >= t).astype(float))["macro_f1"], t) for t in THRESHOLD_SWEEP)
    save_cross_encoder(CROSS_ENCODER_WEIGHTS, members, threshold=t)
    print(f"wrote {CROSS_ENCODER_WEIGHTS}: {len(members)} members (seeds {list(seeds)}), "
          f"dev macro-F1 {f1} at threshold {t}")


def detector_named(name: str) -> ContradictionDetector:
    """The shipped detector called `name`."""
    if name == AlignedMlpDetector.name:
        return AlignedMlpDetector(get_embedder("use"))
    return CrossEncoderDetector()


def evaluate(split: str = "test", name: str = CrossEncoderDetector.name) -> dict[str, float]:
    """Score a shipped detector on one split at its shipped threshold."""
    detector = detector_named(name)
    pairs, y = load(split)
    p = detector.score(pairs)
    return {**scores(y, (p >= detector.threshold).astype(float)), "n": len(y)}


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
    if args.train:
        train()
    if args.train_cross_encoder:
        train_cross_encoder_ensemble(args.seeds, args.workdir)
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
