"""Sentences stage: split text into sentences that keep their character offsets.

Line breaks always end a sentence; within a line, `sentencex` (rule-based, with
abbreviation lists per language) finds the ends: "Dr. Smith said U.S. troops
left at 3.5 p.m." stays one sentence, `،` `؛` and `:` never end one, and its
pieces join back into the exact line, so offsets survive. A boundary is kept only
where whitespace follows it, so agency abbreviations written without spaces
(«أ.ف.ب») stay inside their sentence.
"""

from __future__ import annotations

import re

from summarize.model import Sentence

# Hard cap so one run-on scrape cannot become a 5,000-word "sentence".
MAX_SENTENCE_CHARS = 1000
_LINE = re.compile(r"[^\n]+")
# A sentence piece ending in a digit and a spaced point: the first half of a tokenised decimal ("7 . 3").
_SPLIT_DECIMAL = re.compile(r"\d\s\.\s*$")
# sentencex knows these; anything else (und, fa, ...) is segmented with the English rules.
_SEGMENTER_LANGS = frozenset({"ar", "en", "fr", "es", "de", "it", "pt", "tr", "nl", "fa", "ur"})


def split_sentences(text: str, article_id: str, lang: str) -> list[Sentence]:
    """Split `text` into `Sentence`s with offsets into `text` (blank pieces dropped)."""
    out: list[Sentence] = []
    for line in _LINE.finditer(text):
        for s, e in _line_spans(line.group(), lang):
            for cs, ce in _cap(text, line.start() + s, line.start() + e):
                cs, ce = _trim(text, cs, ce)
                if ce > cs:
                    out.append(Sentence(article_id, len(out), cs, ce, text[cs:ce], lang))
    return out


def _line_spans(line: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of one line: sentencex's pieces, rejoined where no whitespace follows a boundary."""
    from sentencex import segment

    spans: list[tuple[int, int]] = []
    start = end = 0
    for piece in segment(lang if lang in _SEGMENTER_LANGS else "en", line):
        end += len(piece)
        if end == len(line) or piece[-1:].isspace():
            spans.append((start, end))
            start = end
    if start < len(line):
        spans.append((start, len(line)))
    return _rejoin_decimals(line, spans)


def _rejoin_decimals(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans rejoined where a tokenised decimal was cut at its point ("بقوة 7 ." | "3 درجات")."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _SPLIT_DECIMAL.search(line[out[-1][0] : out[-1][1]]) and line[s:e][:1].isdigit():
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
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
