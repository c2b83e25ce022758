"""The prose filter: which stretches of an article are the story, and which are page furniture.

Each piece (`segments`) gets a furniture probability from a logistic model over
its features (`features`), trained on blind labels of real scrapes
(`bench/data/furniture/`, `bench/bench_furniture.py --train`) and shipped as
`summarize/data/prose_filter.json`. The kept text is each run of consecutive
prose pieces within a sentence: a glued dateline or site name is trimmed, and a
sentence is split only where furniture stands inside it (a headline glued to a
site name and the body). Pieces repeated verbatim across several articles of a
run are furniture whatever the model says, unless they are long sentences
(syndicated wire copy is news, a repeated menu is not). The word pass (`words`)
then cuts furniture glued to either end of a kept stretch.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from summarize.clean.features import BLOCK_NAMES, NAMES, block_features
from summarize.clean.segments import Piece
from summarize.clean.words import NAMES as EDGE_NAMES

MODEL_RESOURCE = "prose_filter.json"
Embed = Callable[[Sequence[str]], np.ndarray]
# A piece found in this many articles of one run and shorter than REPEATED_MAX_WORDS words is site
# furniture: a menu, a cookie notice, a site slogan (bench/CALIBRATION.md).
REPEATED_MIN_ARTICLES = 3
REPEATED_MAX_WORDS = 12


@dataclass(frozen=True)
class Logistic:
    """Standardisation and logistic weights over one list of feature columns."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(positive) for feature rows `x`."""
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))), dtype=np.float64)

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {"mean": self.mean.tolist(), "scale": self.scale.tolist(), "weights": self.weights.tolist(),
                "bias": self.bias}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Logistic:
        """Read `as_dict` output."""
        return cls(np.asarray(data["mean"]), np.asarray(data["scale"]), np.asarray(data["weights"]),
                   float(data["bias"]))  # type: ignore[arg-type]


@dataclass(frozen=True)
class ProseModel:
    """Two logistic passes and a threshold: the first over a piece's own features, the second adds where the
    piece lies relative to the main block of first-pass prose (`features.block_features`). A third pass
    re-judges the pieces the second is unsure of (its probability within `band`) with their sentence
    embedding added: what a menu line or a teaser of another story says, not only its shape. It needs the
    embedder it was trained with (`embedder`, its name); without it the second pass decides, at its own
    threshold (`second_threshold`). Last, the word model that cuts furniture glued to the ends of a kept
    stretch (`words`), with its own threshold."""

    first: Logistic
    second: Logistic
    threshold: float
    edges: Logistic | None = None
    edge_threshold: float = 0.5
    third: Logistic | None = None
    band: tuple[float, float] = (0.0, 1.0)
    embedder: str | None = None
    second_threshold: float | None = None

    def threshold_for(self, embed: Embed | None) -> float:
        """The furniture threshold for the passes that run: all three with the embedder, else two."""
        if self.third is not None and embed is None and self.second_threshold is not None:
            return self.second_threshold
        return self.threshold

    def furniture_probability(self, x: np.ndarray, found: Sequence[Piece], texts: Sequence[str],
                              embed: Embed | None = None) -> np.ndarray:
        """P(furniture) for the pieces of one article, given their texts and `piece_features` rows, and the
        model's embedder (`embed`, texts to unit vectors) for the third pass."""
        if not len(found):
            return np.zeros(0)
        first = self.first.probability(x)
        xb = np.hstack([x, block_features(found, first, texts)])
        prob = self.second.probability(xb)
        if self.third is None or embed is None:
            return prob
        unsure = np.flatnonzero((prob >= self.band[0]) & (prob < self.band[1]))
        if len(unsure):
            vectors = embed([texts[int(i)] for i in unsure])
            prob[unsure] = self.third.probability(np.hstack([xb[unsure], vectors]))
        return prob

    def with_threshold(self, threshold: float) -> ProseModel:
        """The same model at another threshold."""
        return dataclasses.replace(self, threshold=threshold)

    def save(self, path: Path) -> None:
        """Write the model as JSON (readable in review, no pickle)."""
        data: dict[str, object] = {"features": list(NAMES), "block_features": list(BLOCK_NAMES),
                                   "first": self.first.as_dict(), "second": self.second.as_dict(),
                                   "threshold": self.threshold}
        if self.edges is not None:
            data.update({"edge_features": list(EDGE_NAMES), "edges": self.edges.as_dict(),
                         "edge_threshold": self.edge_threshold})
        if self.third is not None:
            data.update({"third": self.third.as_dict(), "band": list(self.band), "embedder": self.embedder,
                         "second_threshold": self.second_threshold})
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, text: str) -> ProseModel:
        """Read a model written by `save`; its features must be this version's."""
        data = json.loads(text)
        if (data["features"] != list(NAMES) or data["block_features"] != list(BLOCK_NAMES)
                or data.get("edge_features", list(EDGE_NAMES)) != list(EDGE_NAMES)):
            raise ValueError("prose filter weights were trained on other features; retrain them")
        edges = Logistic.from_dict(data["edges"]) if "edges" in data else None
        third = Logistic.from_dict(data["third"]) if "third" in data else None
        band = data.get("band", [0.0, 1.0])
        return cls(Logistic.from_dict(data["first"]), Logistic.from_dict(data["second"]), float(data["threshold"]),
                   edges, float(data.get("edge_threshold", 0.5)), third, (float(band[0]), float(band[1])),
                   data.get("embedder"), data.get("second_threshold"))


@lru_cache(maxsize=1)
def shipped_model() -> ProseModel:
    """The prose filter shipped in the package."""
    return ProseModel.from_json(resources.files("summarize").joinpath("data", MODEL_RESOURCE).read_text("utf-8"))


@dataclass(frozen=True, slots=True)
class Judged:
    """An article's pieces with their furniture probabilities and the verdict per piece."""

    pieces: tuple[Piece, ...]
    probability: tuple[float, ...]
    furniture: tuple[bool, ...]


def judge_features(found: Sequence[Piece], x: np.ndarray, texts: Sequence[str], model: ProseModel | None = None,
                   embed: Embed | None = None) -> Judged:
    """Judge pieces from their texts and feature rows (`piece_features`); `embed` is the model's embedder."""
    model = model or shipped_model()
    prob = model.furniture_probability(x, found, texts, embed)
    repeated = (x[:, NAMES.index("repeated_in_run")] >= np.log1p(REPEATED_MIN_ARTICLES - 1)) & (
        np.expm1(x[:, NAMES.index("log_words")]) < REPEATED_MAX_WORDS) if len(found) else np.zeros(0, bool)
    threshold = model.threshold_for(embed)
    verdict = tuple(bool(p >= threshold or r) for p, r in zip(prob, repeated, strict=True))
    return Judged(tuple(found), tuple(float(p) for p in prob), verdict)


def kept_spans(judged: Judged) -> list[tuple[int, int]]:
    """The story stretches: runs of consecutive prose pieces within one sentence (furniture cuts a run)."""
    spans: list[tuple[int, int]] = []
    previous: tuple[int, bool] | None = None  # (sentence, furniture) of the piece before
    for piece, furniture in zip(judged.pieces, judged.furniture, strict=True):
        if not furniture:
            if previous == (piece.sentence, False):
                spans[-1] = (spans[-1][0], piece.end)
            else:
                spans.append((piece.start, piece.end))
        previous = (piece.sentence, furniture)
    return spans


def dropped_chars(text: str, kept: Sequence[tuple[int, int]]) -> int:
    """Non-space characters of `text` outside the kept spans."""
    inside = sum(_visible(text[a:b]) for a, b in kept)
    return _visible(text) - inside


def _visible(text: str) -> int:
    """The number of non-space characters of `text`."""
    return len("".join(text.split()))
