"""Contradiction detection between two statements, behind a small protocol.

The default detector is a numpy logistic regression over features that need no
hub model: multilingual sentence embeddings of the two texts and of the words
that differ between them (u*v, |u-v|), lexical overlap, negation and denial
mismatches, antonym pairs and changed numbers. Weights are trained on the ANS
corpus (Arabic news stance) by `bench/bench_ans.py --train` and shipped as
`summarize/data/contradiction_lr.json`. An NLI model can replace it by
implementing `ContradictionDetector`.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

import numpy as np

from .embed import Embedder
from .lexicons import (
    ANTONYMS_AR,
    ANTONYMS_EN,
    content_stems,
    is_denial,
    negation_count,
    stem,
    tokens,
)

log = logging.getLogger(__name__)

Pair = tuple[str, str]
WEIGHTS_RESOURCE = "contradiction_lr.json"
_NUM = re.compile(r"\d+(?:[.,]\d+)?")
_ANTONYMS = frozenset(ANTONYMS_AR + ANTONYMS_EN) | frozenset((b, a) for a, b in ANTONYMS_AR + ANTONYMS_EN)
ANTONYM_STEMS = frozenset((stem(a), stem(b)) for a, b in _ANTONYMS)
DENSE_NAMES = (
    "cos", "jaccard", "diff_a", "diff_b", "neg_xor", "neg_diff", "denial_xor", "antonym",
    "num_changed", "num_one_side", "diff_cos", "len_ratio",
)


class ContradictionDetector(Protocol):
    """Anything that scores pairs of statements with a probability that they disagree."""

    name: str

    def score(self, pairs: Sequence[Pair]) -> np.ndarray:
        """Return P(disagree) for each (text_a, text_b) pair, shape (len(pairs),)."""
        ...


def _numbers(text: str) -> set[str]:
    """The numbers written in digits in a folded text."""
    return set(_NUM.findall(" ".join(tokens(text))))


def _lexical(a: str, b: str) -> tuple[list[float], None, tuple[str, str]]:
    """Dense lexical features and the two diff-word strings of one pair."""
    ta, tb = tokens(a), tokens(b)
    sa, sb = content_stems(a), content_stems(b)
    only_a, only_b = sa - sb, sb - sa
    jac = len(sa & sb) / max(1, len(sa | sb))
    na, nb = negation_count(ta), negation_count(tb)
    da, db = any(is_denial(t) for t in ta), any(is_denial(t) for t in tb)
    ant = any((x, y) in ANTONYM_STEMS for x in only_a | sa for y in only_b | sb if x != y)
    nums_a, nums_b = _numbers(a), _numbers(b)
    num_changed = bool(nums_a and nums_b and nums_a != nums_b)
    num_one = bool(nums_a) != bool(nums_b)
    dense = [
        0.0, jac, len(only_a) / max(1, len(sa)), len(only_b) / max(1, len(sb)),
        float((na > 0) != (nb > 0)), float(abs(na - nb)), float(da != db), float(ant),
        float(num_changed), float(num_one), 0.0, min(len(ta), len(tb)) / max(1, len(ta), len(tb)),
    ]
    return dense, None, (" ".join(sorted(only_a)), " ".join(sorted(only_b)))


def pair_features(pairs: Sequence[Pair], embedder: Embedder) -> np.ndarray:
    """Feature rows: DENSE_NAMES, then u*v and |u-v| of the differing words, then of the whole texts."""
    dim = len(DENSE_NAMES)
    if not pairs:
        return np.zeros((0, dim), dtype=np.float32)
    lex = [_lexical(a, b) for a, b in pairs]
    vec = embedder.encode([t for a, b in pairs for t in (a, b)])
    dvec = embedder.encode([t for _, _, d in lex for t in d])
    u, v, du, dv = vec[0::2], vec[1::2], dvec[0::2], dvec[1::2]
    dense = np.asarray([d for d, _, _ in lex], dtype=np.float32)
    dense[:, 0] = (u * v).sum(axis=1)
    has_diff = np.asarray([bool(x and y) for _, _, (x, y) in lex])
    dense[:, 10] = np.where(has_diff, (du * dv).sum(axis=1), 1.0)
    return np.hstack([dense, du * dv, np.abs(du - dv), u * v, np.abs(u - v)]).astype(np.float32)


@dataclass(frozen=True)
class LogisticModel:
    """Standardised logistic regression: P = sigmoid(((x - mean) / scale) · w + b)."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probabilities for feature rows `x`."""
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))), dtype=np.float64)

    def to_json(self) -> dict[str, object]:
        """A JSON-serialisable dict of the model (rounded to keep the file small)."""
        return {
            "features": [*DENSE_NAMES, "diff_words u*v, |u-v|", "texts u*v, |u-v|"],
            "mean": [round(float(v), 5) for v in self.mean],
            "scale": [round(float(v), 5) for v in self.scale],
            "weights": [round(float(v), 5) for v in self.weights],
            "bias": round(self.bias, 5),
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> LogisticModel:
        """Rebuild a model from `to_json` output."""
        arr = {k: np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "weights")}
        return cls(arr["mean"], arr["scale"], arr["weights"], float(data["bias"]),  # type: ignore[arg-type]
                   float(data["threshold"]))  # type: ignore[arg-type]


def train_logistic(x: np.ndarray, y: np.ndarray, l2: float, epochs: int = 2000) -> LogisticModel:
    """Fit a standardised L2 logistic regression by full-batch gradient descent (deterministic)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    w = np.zeros(z.shape[1])
    b = 0.0
    rate = 0.5
    for _ in range(epochs):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w + b, -30, 30)))
        g = p - y
        w -= rate * (z.T @ g / len(y) + l2 * w)
        b -= rate * float(g.mean())
    return LogisticModel(mean, scale, w, b, 0.5)


@lru_cache(maxsize=1)
def load_model() -> LogisticModel:
    """Load the shipped contradiction weights from package data."""
    text = resources.files("summarize").joinpath("data", WEIGHTS_RESOURCE).read_text(encoding="utf-8")
    return LogisticModel.from_json(json.loads(text))


class LexicalLogisticDetector:
    """The default detector: embedding + lexical features, logistic regression trained on ANS."""

    name = "lexical-logistic-ans"

    def __init__(self, embedder: Embedder | None = None, model: LogisticModel | None = None) -> None:
        """Use `model` (default: the shipped weights) with the embedder it was trained with (default USE)."""
        if embedder is None:
            from .embed import get_embedder

            embedder = get_embedder("use")
        self.embedder = embedder
        self.model = model or load_model()
        self.threshold = self.model.threshold

    def score(self, pairs: Sequence[Pair]) -> np.ndarray:
        """Return P(disagree) for each pair."""
        if not pairs:
            return np.zeros(0, dtype=np.float64)
        return self.model.predict(pair_features(pairs, self.embedder))
