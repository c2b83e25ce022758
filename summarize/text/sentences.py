"""Sentences stage: split text into sentences that keep their character offsets.

Ends: `. ! ? ؟ …` followed by space, and line breaks. `،` (Arabic comma) and `؛`
(Arabic semicolon) never end a sentence. A dot between digits (3.5) or after a
single capital letter (U.S., J. Smith) does not end one either.
"""

from __future__ import annotations

import re

from summarize.model import Sentence

# A sentence ends after terminal punctuation (plus closing quotes/brackets) that
# is followed by whitespace, or at a line break.
_END = re.compile(
    r"""(?:(?<![A-Z]\.)(?<!\b[A-Z])[.!?؟…]+["'”’»)\]]*(?=\s)|\n+)""",
)
# Hard cap so one run-on scrape cannot become a 5,000-word "sentence".
MAX_SENTENCE_CHARS = 1000


def split_sentences(text: str, article_id: str, lang: str) -> list[Sentence]:
    """Split `text` into `Sentence`s with offsets into `text` (blank pieces dropped)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out: list[Sentence] = []
    for s, e in spans:
        for cs, ce in _cap(text, s, e):
            cs, ce = _trim(text, cs, ce)
            if ce > cs:
                out.append(Sentence(article_id, len(out), cs, ce, text[cs:ce], lang))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Move `start`/`end` inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cap(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long span at spaces so no piece exceeds MAX_SENTENCE_CHARS."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces
