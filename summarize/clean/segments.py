"""Units the prose filter judges: each line's sentences, cut further at the separators scrapers leave.

A scraped line can hold a menu, a headline, a dateline and the first sentence
together. Sentences come from `text.sentences`; inside a sentence, " | ", " - ",
" / ", " • ", "»" and a colon after a short prefix mark where page furniture
usually meets story text, so each sentence is cut into pieces there. The filter
then keeps, per sentence, the stretch from its first to its last prose piece:
a dateline or a site name glued to a sentence is trimmed, the sentence itself is
never split.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from summarize.text.sentences import split_sentences

# Where furniture meets story text inside one sentence: pipes, spaced dashes and slashes, bullets, guillemet
# runs, and a colon or dash after a short lead ("إيلاف من لندن:", "WASHINGTON (Reuters) -").
# A spaced hyphen between a Latin letter or digit and a lower-case letter or digit is a tokenised compound
# ("anti - piracy", "AK - 47", "five - boat"), not a separator.
_CUT = re.compile(r"\s[|•·]\s|(?<![A-Za-z0-9])\s[-–—]+\s|\s[-–—]+\s(?![a-z0-9])|\s/\s|(?<=[:：])\s|\s(?=\|)"
                  r"|(?<=\|)\s|\s»\s")


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of one sentence, with offsets into the article text."""

    start: int
    end: int
    line: int  # index of the line in the article
    sentence: int  # index of the sentence in the article
    first_of_line: bool
    last_of_line: bool


def pieces(text: str, lang: str) -> list[Piece]:
    """The pieces of an article's text, in order (whitespace-only stretches left out)."""
    out: list[Piece] = []
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    sentences = split_sentences(text, "", lang)
    for n, sent in enumerate(sentences):
        line = _line_of(line_starts, sent.start)
        cuts = [sent.start] + [sent.start + m.end() for m in _CUT.finditer(sent.text)] + [sent.end]
        spans = [(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip()]
        before = _line_of(line_starts, sentences[n - 1].start) if n else -1
        after = _line_of(line_starts, sentences[n + 1].start) if n + 1 < len(sentences) else -1
        for k, (a, b) in enumerate(spans):
            a, b = _trim(text, a, b)
            first = k == 0 and before != line
            last = k == len(spans) - 1 and after != line
            out.append(Piece(a, b, line, n, first, last))
    return out


def _line_of(line_starts: list[int], offset: int) -> int:
    """The index of the line holding `offset`."""
    lo, hi = 0, len(line_starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if line_starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Move `start`/`end` inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
