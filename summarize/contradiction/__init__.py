"""Contradiction detection: P(two statements disagree), behind one protocol (see `base`)."""

from summarize.contradiction.base import ContradictionDetector, Pair
from summarize.contradiction.registry import default_detector, detector_named

__all__ = ["ContradictionDetector", "Pair", "default_detector", "detector_named"]
