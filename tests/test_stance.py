"""Contradiction detector: shipped weights load without shared data and separate clear cases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from summarize.embed import get_embedder
from summarize.stance import DENSE_NAMES, LexicalLogisticDetector, load_model, pair_features, train_logistic

ANS = Path(__file__).parents[2] / "shared" / "data" / "ans"


def test_shipped_weights_match_features() -> None:
    """The package-data model has one weight per feature."""
    model = load_model()
    x = pair_features([("الذهب يرتفع في الأسواق", "الذهب ينخفض في الأسواق")], get_embedder("use"))
    assert x.shape[1] == model.weights.shape[0] > len(DENSE_NAMES)
    assert 0.0 < model.threshold < 1.0


def test_negation_and_antonym_score_higher_than_paraphrase() -> None:
    """A negated or reversed headline scores above a paraphrase of it."""
    det = LexicalLogisticDetector()
    p = det.score([
        ("الحكومة توافق على الاتفاق التجاري الجديد", "موافقة الحكومة على الاتفاق التجاري الجديد"),
        ("الحكومة توافق على الاتفاق التجاري الجديد", "الحكومة ترفض الاتفاق التجاري الجديد"),
        ("ارتفاع أسعار النفط في التعاملات المبكرة", "انخفاض أسعار النفط في التعاملات المبكرة"),
    ])
    assert p[1] > p[0] and p[2] > p[0]


def test_training_learns_a_separable_toy_problem() -> None:
    """The numpy logistic regression fits a trivially separable set."""
    x = np.array([[0.0, 1.0], [0.1, 0.9], [1.0, 0.0], [0.9, 0.1]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    model = train_logistic(x, y, l2=1e-3, epochs=300)
    assert list((model.predict(x) >= 0.5).astype(int)) == [0, 0, 1, 1]


def test_ans_dev_sample_above_chance() -> None:
    """On 100 ANS dev pairs the shipped detector beats the majority class."""
    if not ANS.exists():
        pytest.skip("shared ANS data not available")
    import csv

    with (ANS / "stance_dev.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["stance"] in ("agree", "disagree")][:100]
    det = LexicalLogisticDetector()
    pred = det.score([(r["s1"], r["s2"]) for r in rows]) >= det.threshold
    gold = np.array([r["stance"] == "disagree" for r in rows])
    assert (pred == gold).mean() > max(gold.mean(), 1 - gold.mean())
