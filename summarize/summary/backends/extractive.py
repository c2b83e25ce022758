"""Extractive summarizer: central, non-redundant source sentences in the target language.

Every word comes from a source, so nothing can be invented; the price is that a
language with no source gets no summary (the brief says so instead).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from summarize.model import LANG_NAMES, Embedder, Sentence, Summary, SummarySentence
from summarize.summary.backends.base import SummaryRequest
from summarize.text.detokenize import detokenize

# A summary sentence reads like prose: enough words, not too many, mostly letters.
MIN_WORDS = 6
MAX_WORDS = 70
MIN_LETTER_SHARE = 0.6
# Two picked sentences this similar say the same thing (near-paraphrase; bench/CALIBRATION.md).
REDUNDANCY_THRESHOLD = 0.80
# Lead sentences carry the news; the bonus decays with position in the article.
LEAD_WEIGHT = 0.15
_URLISH = re.compile(r"https?://|www\.|@\w|\.com\b", re.IGNORECASE)


def is_candidate(sentence: Sentence) -> bool:
    """Whether a sentence is prose fit for a summary (not a menu, caption, URL or fragment)."""
    text = sentence.text
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or _URLISH.search(text):
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters / max(1, len(text.replace(" ", ""))) >= MIN_LETTER_SHARE


class ExtractiveSummarizer:
    """Picks sentences by centrality to the event plus a lead bonus, with redundancy removal."""

    name = "extractive"

    def __init__(self, embedder: Embedder, max_sentences: int = 4) -> None:
        """Use `embedder` for centrality; pick at most `max_sentences` per summary."""
        self.embedder = embedder
        self.max_sentences = max_sentences

    def summarize(self, requests: Sequence[SummaryRequest]) -> list[Summary]:
        """Summarize each request from its own-language sentences."""
        return [self._one(r) for r in requests]

    def _one(self, request: SummaryRequest) -> Summary:
        """Summarize one event in one language, or say why it cannot."""
        lang = request.target_lang
        # Only prose of this language from articles in this language: an English menu line inside an
        # Arabic page is not an English source.
        in_lang = {a.id for a in request.articles if a.lang == lang}
        pool = [s for s in request.sentences if s.lang == lang and s.article_id in in_lang and is_candidate(s)]
        if not pool:
            has_lang = any(a.lang == lang for a in request.articles)
            name = LANG_NAMES.get(lang, lang)
            why = (
                f"no {name} sentence fit for a summary in this event's sources"
                if has_lang
                else f"this event has no {name} source, and writing one needs a seq2seq model"
            )
            return Summary(lang, "unavailable", (), why)
        every = [s for s in request.sentences if is_candidate(s)] or pool
        centroid = self.embedder.encode([s.text for s in every]).mean(axis=0)
        vecs = self.embedder.encode([s.text for s in pool])
        scores = vecs @ centroid / max(float(np.linalg.norm(centroid)), 1e-9)
        scores += LEAD_WEIGHT / (1.0 + np.array([s.index for s in pool]))
        picked = self._select(scores, vecs)
        return Summary(lang, "extractive",
                       tuple(SummarySentence(detokenize(pool[i].text), (pool[i].article_id,)) for i in picked))

    def _select(self, scores: np.ndarray, vecs: np.ndarray) -> list[int]:
        """Greedy best-first picking that skips near-duplicates of what is already picked."""
        picked: list[int] = []
        for i in np.argsort(-scores, kind="stable"):
            if all(float(vecs[i] @ vecs[j]) < REDUNDANCY_THRESHOLD for j in picked):
                picked.append(int(i))
            if len(picked) == self.max_sentences:
                break
        return picked
