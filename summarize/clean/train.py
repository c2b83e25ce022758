"""Training the prose filter from labelled lines: piece labels from character labels, and a logistic fit.

The labels (`bench/data/furniture/*.jsonl`) mark every character of every line
as prose, headline or furniture. A piece is furniture when most of its
non-space characters are. `bench/bench_furniture.py` trains with leave-outlet-out
folds to score, and on everything to ship.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from summarize.clean.features import block_features
from summarize.clean.prose import Logistic, ProseModel
from summarize.clean.segments import Piece

# L2 penalty of the logistic fit (on standardised features); fixed, not swept. The third pass, with its 512
# embedding columns, takes THIRD_L2 (1, 10 and 50 measured on 6 outlet-grouped folds: bench/CALIBRATION.md).
L2 = 1.0
THIRD_L2 = 10.0
# The second pass's probabilities the third pass re-judges (bench/CALIBRATION.md).
BAND = (0.1, 0.97)


@dataclass(frozen=True, slots=True)
class Labelled:
    """One labelled article: its text, language, and per character 1 = furniture, 0 = story, -1 = space."""

    id: str
    group: str  # the outlet, for leave-outlet-out folds
    text: str
    lang: str
    gold: np.ndarray
    headline: np.ndarray  # per character: part of a headline span


def gold_mask(text: str, lines: Mapping[int, Sequence[Mapping[str, object]]]) -> np.ndarray:
    """Per character of `text`: 1 furniture, 0 prose or headline, -1 whitespace or unlabelled."""
    mask = np.full(len(text), -1, dtype=np.int8)
    start = 0
    for n, line in enumerate(text.split("\n")):
        for span in lines.get(n, ()):
            a, b = int(span["start"]), int(span["end"])  # type: ignore[call-overload]
            mask[start + a : start + b] = 1 if span["label"] == "furniture" else 0
        start += len(line) + 1
    mask[[i for i, c in enumerate(text) if c.isspace()]] = -1
    return mask


def piece_label(piece: Piece, gold: np.ndarray) -> int:
    """1 when most labelled characters of the piece are furniture, else 0."""
    return max(0, span_label(piece.start, piece.end, gold))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> Logistic:
    """Logistic regression by Newton's method on standardised features, L2-penalised, classes balanced."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    pos = max(1e-6, float(y.mean()))
    sample = np.where(y == 1, 0.5 / pos, 0.5 / max(1e-6, 1 - pos))
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (sample * (p - y)) + penalty * w
        hess = (z * (sample * p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Logistic(mean, scale, w[:-1], float(w[-1]))


def span_label(start: int, end: int, gold: np.ndarray) -> int:
    """1 when most labelled characters of [start, end) are furniture, 0 when most are story, -1 unlabelled."""
    part = gold[start:end]
    part = part[part >= 0]
    return -1 if not part.size else int(part.mean() > 0.5)


def fit(articles: Sequence[tuple[Sequence[Piece], np.ndarray, np.ndarray, Sequence[str]]],
        threshold: float = 0.5, vectors: Sequence[np.ndarray] | None = None, embedder: str | None = None
        ) -> ProseModel:
    """The passes from (pieces, feature rows, labels, piece texts) per article: the second sees the first's
    verdicts; with `vectors` (each article's piece embeddings from the embedder named `embedder`) a third
    pass over features, first-pass block features and embeddings, for the pieces the second is unsure of."""
    x = np.vstack([f for _, f, _, _ in articles])
    y = np.concatenate([lab for _, _, lab, _ in articles])
    first = fit_logistic(x, y)
    block = np.vstack([block_features(p, first.probability(f), texts) for p, f, _, texts in articles])
    second = fit_logistic(np.hstack([x, block]), y)
    if vectors is None:
        return ProseModel(first, second, threshold)
    third = fit_logistic(np.hstack([x, block, np.vstack(vectors)]), y, THIRD_L2)
    return ProseModel(first, second, threshold, third=third, band=BAND, embedder=embedder)
