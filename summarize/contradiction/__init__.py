"""Contradiction detection: P(two statements disagree), behind one protocol (see `base`)."""

from summarize.contradiction.base import ContradictionDetector, Pair, default_detector

__all__ = ["ContradictionDetector", "Pair", "default_detector"]
