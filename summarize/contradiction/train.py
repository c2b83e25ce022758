"""Training the contradiction detectors on ANS (Arabic News Stance): the fallback MLP and the e5 adapters.

Train on `stance_train.csv`, choose the epoch and threshold on `stance_dev.csv`;
`bench/bench_ans.py --train` / `--train-cross-encoder` call these and score the
result on test. The hyper-parameters were fixed before looking at dev, except the
epoch and threshold; their sweeps are recorded in bench/CALIBRATION.md.
"""

from __future__ import annotations

import csv
import logging
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from summarize.contradiction.aligned_mlp import MlpEnsemble, aligned_pair_features
from summarize.contradiction.base import Pair
from summarize.contradiction.cross_encoder import (
    CrossEncoderDetector,
    PairClassifier,
    read_cross_encoder,
    save_cross_encoder,
)
from summarize.events.embed import get_embedder

log = logging.getLogger(__name__)

# MLP ensemble (fallback detector): members, hidden units, dropout, most epochs.
MEMBERS = 5
HIDDEN = 64
DROPOUT = 0.5
MAX_EPOCHS = 40
THRESHOLD_SWEEP = tuple(round(float(t), 3) for t in np.arange(0.2, 0.81, 0.025))
# Cross-encoder: LoRA rank 8 (alpha 16) on every linear layer, AdamW, linear decay after 6% warm-up,
# class-balanced loss, each training pair also seen in the other order; three seeds averaged.
CE_EPOCHS = 5
CE_SEEDS = (0, 1, 2)
CE_BATCH = 16
CE_LR = 5e-4


def load_ans(data: Path, split: str) -> tuple[list[Pair], np.ndarray]:
    """Agree/disagree pairs of one ANS split and their labels (1 = disagree); "other" pairs are left out."""
    with (data / f"stance_{split}.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["stance"] in ("agree", "disagree")]
    return [(r["s1"], r["s2"]) for r in rows], np.array([r["stance"] == "disagree" for r in rows], float)


def agree_disagree_scores(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """Macro-F1 over {agree, disagree} and accuracy."""
    f1s = []
    for c in (0.0, 1.0):
        tp = float(((pred == c) & (y == c)).sum())
        fp = float(((pred == c) & (y != c)).sum())
        fn = float(((pred != c) & (y == c)).sum())
        f1s.append(2 * tp / max(1.0, 2 * tp + fp + fn))
    return {"macro_f1": round(float(np.mean(f1s)), 4), "accuracy": round(float((pred == y).mean()), 4)}


def best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """(macro-F1, threshold) of the best threshold in THRESHOLD_SWEEP."""
    return max((agree_disagree_scores(y, (p >= t).astype(float))["macro_f1"], t) for t in THRESHOLD_SWEEP)


def _fit_member(x: np.ndarray, y: np.ndarray, xdv: np.ndarray, seed: int) -> tuple[list[list[np.ndarray]], np.ndarray]:
    """Train one torch MLP; return its weights after each epoch and its dev probabilities per epoch."""
    import torch

    torch.manual_seed(seed)
    xt, xd, yt = (torch.tensor(a, dtype=torch.float32) for a in (x, xdv, y))
    hidden, head = torch.nn.Linear(x.shape[1], HIDDEN), torch.nn.Linear(HIDDEN, 1)
    net = torch.nn.Sequential(torch.nn.Dropout(DROPOUT), hidden, torch.nn.ReLU(), torch.nn.Dropout(DROPOUT), head)
    opt = torch.optim.AdamW(net.parameters(), lr=3e-4, weight_decay=1e-2)
    pos_weight = torch.tensor((1 - y.mean()) / y.mean())
    snaps: list[list[np.ndarray]] = []
    dev_p = np.zeros((MAX_EPOCHS, len(xdv)))
    for ep in range(MAX_EPOCHS):
        net.train()
        perm = torch.randperm(len(xt))
        for i in range(0, len(xt), 64):
            idx = perm[i : i + 64]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                net(xt[idx]).squeeze(1), yt[idx], pos_weight=pos_weight)
            opt.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            opt.step()
        net.eval()
        with torch.no_grad():
            dev_p[ep] = torch.sigmoid(net(xd).squeeze(1)).numpy()
        layers = (hidden.weight, hidden.bias, head.weight, head.bias)
        snaps.append([t.detach().numpy().copy() for t in layers])
    return snaps, dev_p


def train_mlp(data: Path, out: Path) -> float:
    """Fit the fallback MLP ensemble on train, choose epoch and threshold by dev macro-F1, write `out`."""
    emb = get_embedder("use")
    (tr_pairs, ytr), (dv_pairs, ydv) = load_ans(data, "train"), load_ans(data, "dev")
    xtr, xdv = aligned_pair_features(tr_pairs, emb), aligned_pair_features(dv_pairs, emb)
    mean, scale = xtr.mean(axis=0), xtr.std(axis=0) + 1e-6
    members = [_fit_member((xtr - mean) / scale, ytr, (xdv - mean) / scale, seed) for seed in range(MEMBERS)]
    ens = np.mean([p for _, p in members], axis=0)
    best = max(((*best_threshold(ydv, ens[e]), e) for e in range(MAX_EPOCHS)), key=lambda r: r[0])
    f1, t, ep = best
    w = [snaps[ep] for snaps, _ in members]
    model = MlpEnsemble(mean, scale, np.stack([m[0].T for m in w]), np.stack([m[1] for m in w]),
                        np.stack([m[2][0] for m in w]), np.stack([m[3][0] for m in w]), float(t))
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    log.info("wrote %s (dev macro-F1 %s, epoch %d, threshold %s)", out, f1, ep + 1, t)
    return f1


def train_cross_encoder(data: Path, out: Path, seed: int = 0, epochs: int = CE_EPOCHS,
                        limit: int | None = None) -> float:
    """LoRA-tune e5 on ANS train; keep the epoch and threshold with the best dev macro-F1; write the adapter.

    `limit` keeps the first pairs of train and dev only (a quick check of this code, not a model).
    """
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    (tr_pairs, ytr), (dv_pairs, ydv) = load_ans(data, "train"), load_ans(data, "dev")
    if limit:
        tr_pairs, ytr, dv_pairs, ydv = tr_pairs[:limit], ytr[:limit], dv_pairs[:limit], ydv[:limit]
    x = tr_pairs + [(b, a) for a, b in tr_pairs]
    y = np.concatenate([ytr, ytr]).astype(np.float32)
    model = PairClassifier()
    model.packed.warm_token_cache([t for pair in x + dv_pairs for t in pair])
    opt = torch.optim.AdamW(model.parameters(), lr=CE_LR, weight_decay=0.01)
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
            loss.backward()  # type: ignore[no-untyped-call]
            opt.step()
            sched.step()
        f1, t = best_threshold(ydv, model.predict(dv_pairs))
        log.info("epoch %d: dev macro-F1 %s at threshold %s", ep + 1, f1, t)
        if f1 > best[0]:
            best = (f1, ep, t, model.adapter_state())
    f1, ep, t, snapshot = best
    model.load_adapter(snapshot)
    save_cross_encoder(out, [model], threshold=t)
    log.info("wrote %s (dev macro-F1 %s, epoch %d, threshold %s)", out, f1, ep + 1, t)
    return f1


def train_cross_encoder_ensemble(data: Path, out: Path, seeds: Sequence[int], workdir: Path) -> float:
    """One adapter per seed (kept in `workdir`, so an interrupted run resumes), shipped together at the
    threshold that gives the members' mean probability the best dev macro-F1."""
    workdir.mkdir(parents=True, exist_ok=True)
    members: list[PairClassifier] = []
    for seed in seeds:
        path = workdir / f"seed{seed}.npz"
        if not path.exists():
            train_cross_encoder(data, path, seed)
        members += read_cross_encoder(path)[0]
    dv_pairs, ydv = load_ans(data, "dev")
    f1, t = best_threshold(ydv, CrossEncoderDetector(members).score(dv_pairs))
    save_cross_encoder(out, members, threshold=t)
    log.info("wrote %s: %d members (seeds %s), dev macro-F1 %s at threshold %s", out, len(members), list(seeds), f1, t)
    return f1
