"""The fallback contradiction detector: an MLP ensemble over features that need no transformer.

Features: multilingual sentence embeddings of the two texts and of the words that
differ between them (u*v, |u-v|), lexical overlap, negation and denial
mismatches, antonym pairs, changed numbers, and word alignment (each word of one
text matched to its most similar word of the other by USE word vectors). Trained
by `bench/bench_ans.py --train`, shipped as `summarize/data/contradiction_mlp.npz`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import numpy as np

from summarize.contradiction.base import Pair
from summarize.model import Embedder
from summarize.text.lexicons import ANTONYM_STEMS, STOP_AR, STOP_EN, content_stems, is_denial, negation_count
from summarize.text.tokens import stem, tokens

WEIGHTS_RESOURCE = "contradiction_mlp.npz"
EMBED_DIM = 512  # USE multilingual v3
# A word of one text counts as aligned to its most similar word of the other;
# pairs scoring in (ALIGN_MIN, ALIGN_SAME) are "aligned but different" (yuhbit/yartafi',
# Apple/Tesla). Fixed before training (ANS train), not swept: 0.2 drops unrelated words,
# 0.999 drops identical ones. ALIGN_CUTS bin the alignment scores for the statistics.
ALIGN_MIN = 0.2
ALIGN_SAME = 0.999
ALIGN_CUTS = (0.5, 0.7, 0.9)
ALIGN_DIM = 4 + 2 * len(ALIGN_CUTS) + 5 + 4 * EMBED_DIM
_NUM = re.compile(r"\d+(?:[.,]\d+)?")
DENSE_NAMES = (
    "cos", "jaccard", "diff_a", "diff_b", "neg_xor", "neg_diff", "denial_xor", "antonym",
    "num_changed", "num_one_side", "diff_cos", "len_ratio",
)


def _frozen_numbers(text: str) -> set[str]:
    """The numbers of a text as the shipped MLP's features read them (its own reader, frozen with the weights)."""
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
    nums_a, nums_b = _frozen_numbers(a), _frozen_numbers(b)
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


def _word_vectors(words: Sequence[str], embedder: Embedder) -> dict[str, np.ndarray]:
    """USE vectors of the distinct words (the embedder's run cache makes repeats free)."""
    uniq = list(dict.fromkeys(words))
    return dict(zip(uniq, embedder.encode(uniq), strict=True)) if uniq else {}


def _align(a: str, b: str, vecs: dict[str, np.ndarray]) -> np.ndarray:
    """Word-alignment features of one pair: score statistics, unaligned-word and aligned-pair vectors."""
    ta, tb = list(dict.fromkeys(tokens(a))) or [""], list(dict.fromkeys(tokens(b))) or [""]
    zero = np.zeros(EMBED_DIM, dtype=np.float32)
    ea = np.stack([vecs.get(t, zero) for t in ta]).astype(np.float64)
    eb = np.stack([vecs.get(t, zero) for t in tb]).astype(np.float64)
    same = np.array([[float(stem(x) == stem(y)) for y in tb] for x in ta])
    sim = np.maximum(ea @ eb.T, same)  # one light stem shared counts as a perfect match
    ma, mb, ja, jb = sim.max(1), sim.max(0), sim.argmax(1), sim.argmax(0)
    cont_a = np.array([_content(t) for t in ta])
    cont_b = np.array([_content(t) for t in tb])
    ua = ((1 - np.clip(ma, 0, 1)) * cont_a) @ ea  # words of a that b does not cover
    ub = ((1 - np.clip(mb, 0, 1)) * cont_b) @ eb
    na, nb = float(np.linalg.norm(ua)), float(np.linalg.norm(ub))
    ua, ub = ua / (na or 1.0), ub / (nb or 1.0)
    links = [(i, int(ja[i]), ma[i]) for i in range(len(ta))] + [(int(jb[j]), j, mb[j]) for j in range(len(tb))]
    links = [(i, j, m) for i, j, m in links if ALIGN_MIN < m < ALIGN_SAME and cont_a[i] and cont_b[j]]
    pd, pp = np.zeros(EMBED_DIM), np.zeros(EMBED_DIM)
    for i, j, m in links:  # aligned but different words: antonyms, swapped entities
        pd += (1 - m) * np.abs(ea[i] - eb[j])
        pp += (1 - m) * ea[i] * eb[j]
    pd, pp = pd / max(1, len(links)), pp / max(1, len(links))
    ca = ma[cont_a] if cont_a.any() else np.ones(1)
    cb = mb[cont_b] if cont_b.any() else np.ones(1)
    stats = [ca.min(), cb.min(), ca.mean(), cb.mean()]
    for cut in ALIGN_CUTS:
        stats += [(ca < cut).mean(), (cb < cut).mean()]
    stats += [min(ca.min(), cb.min()), float(ua @ ub), na, nb, float(len(links))]
    return np.concatenate([stats, ua * ub, np.abs(ua - ub), pd, pp]).astype(np.float32)


def _content(token: str) -> bool:
    """True for a token that is not a stop word."""
    return token not in STOP_AR and token not in STOP_EN


def aligned_pair_features(pairs: Sequence[Pair], embedder: Embedder) -> np.ndarray:
    """`pair_features` followed by the word-alignment features of each pair."""
    base = pair_features(pairs, embedder)
    if not pairs:
        return np.zeros((0, base.shape[1] + ALIGN_DIM), dtype=np.float32)
    vecs = _word_vectors([t for a, b in pairs for t in (*tokens(a), *tokens(b))], embedder)
    return np.hstack([base, np.stack([_align(a, b, vecs) for a, b in pairs])])


@dataclass(frozen=True)
class MlpEnsemble:
    """Averaged one-hidden-layer ReLU nets over standardised features: P = mean_k sigmoid(f_k(x))."""

    mean: np.ndarray
    scale: np.ndarray
    w1: np.ndarray  # (members, features, hidden)
    b1: np.ndarray  # (members, hidden)
    w2: np.ndarray  # (members, hidden)
    b2: np.ndarray  # (members,)
    threshold: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probabilities for feature rows `x`."""
        z = ((x - self.mean) / self.scale).astype(np.float32)
        h = np.maximum(np.einsum("nf,kfh->knh", z, self.w1) + self.b1[:, None, :], 0.0)
        logit = np.einsum("knh,kh->kn", h, self.w2) + self.b2[:, None]
        p = 1.0 / (1.0 + np.exp(-np.clip(logit, -30, 30)))
        return np.asarray(p.mean(axis=0), dtype=np.float64)

    def save(self, path: Path | BinaryIO) -> None:
        """Write the model as a float16 .npz (no pickle)."""
        np.savez_compressed(path, mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32),
                            threshold=np.float64(self.threshold), w1=self.w1.astype(np.float16),
                            b1=self.b1.astype(np.float16), w2=self.w2.astype(np.float16), b2=self.b2.astype(np.float16))

    @classmethod
    def load(cls, data: BinaryIO) -> MlpEnsemble:
        """Read a model written by `save`."""
        with np.load(data, allow_pickle=False) as z:
            arr = {k: z[k].astype(np.float32) for k in ("mean", "scale", "w1", "b1", "w2", "b2")}
            return cls(**arr, threshold=float(z["threshold"]))


@lru_cache(maxsize=1)
def load_model() -> MlpEnsemble:
    """Load the shipped contradiction weights from package data."""
    with resources.files("summarize").joinpath("data", WEIGHTS_RESOURCE).open("rb") as fh:
        return MlpEnsemble.load(io.BytesIO(fh.read()))


class AlignedMlpDetector:
    """The default detector: sentence, diff-word and word-alignment features, MLP ensemble trained on ANS."""

    name = "aligned-mlp-ans"

    def __init__(self, embedder: Embedder | None = None, model: MlpEnsemble | None = None) -> None:
        """Use `model` (default: the shipped weights) with the embedder it was trained with (default USE)."""
        if embedder is None:
            from summarize.events.embed import get_embedder

            embedder = get_embedder("use")
        self.embedder = embedder
        self.model = model or load_model()
        self.threshold = self.model.threshold

    def score(self, pairs: Sequence[Pair]) -> np.ndarray:
        """Return P(disagree) for each pair."""
        if not pairs:
            return np.zeros(0, dtype=np.float64)
        return self.model.predict(aligned_pair_features(pairs, self.embedder))
