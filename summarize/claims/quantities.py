"""Figures in a statement and what they count: digits in any script and number words, with their unit."""

from __future__ import annotations

import re

from summarize.model import Quantity
from summarize.text.lexicons import NUMBER_WORDS, QUANTITY_NOUNS, SCALE_WORDS, VAGUE_NUMBER_WORDS
from summarize.text.normalize import match_key, normalize_digits
from summarize.text.tokens import word_spans

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_AND_NUMBER = re.compile(r"^[وو]?(\d+(?:[.,]\d+)?)$")
_CLITIC = re.compile(r"^(?:وال|بال|فال|لل|ال|وب|و|ب|ل)(?=\w{3,})")
Words = list[tuple[str, int, int]]
_YEAR_CUES = frozenset([match_key(w) for w in ["عام", "سنة", "منذ", "العام"]] + ["in", "since", "year"])


def _number_value(words: Words, i: int) -> tuple[float, int] | None:
    """The number starting at word `i` and how many words it spans, if any."""
    w = words[i][0]
    m = _AND_NUMBER.match(w)  # "و79": a number joined to the conjunction
    if m:
        value, span = float(m.group(1).replace(",", "")), 1
    elif w in NUMBER_WORDS and w not in VAGUE_NUMBER_WORDS:
        value, span = NUMBER_WORDS[w], 1
    else:
        return None
    if i + 1 < len(words) and words[i + 1][0] in SCALE_WORDS:
        value, span = value * SCALE_WORDS[words[i + 1][0]], 2
    return value, span


def _unit(words: Words, i: int, span: int) -> str | None:
    """What the number at word `i` counts: the quantity noun right after or shortly before it."""
    prev = words[i - 1][0] if i else ""
    value_word = words[i][0].lstrip("و")
    if _NUMBER.match(value_word) and len(value_word) == 4 and value_word[:2] in ("19", "20") and (
        prev in _YEAR_CUES or not any(_quantity_noun(words[j][0]) for j in range(i + 1, min(len(words), i + 2)))
    ):
        return "year"
    for j in [*range(i + span, min(len(words), i + span + 2)), *range(i - 1, max(-1, i - 7), -1)]:
        unit = _quantity_noun(words[j][0])
        if unit == "people":  # "12 people were killed": the verb says what happened to them
            later = (_quantity_noun(w) for w, _, _ in words[j + 1 : j + 4])
            unit = next((u for u in later if u == "killed"), unit)
        if unit:
            return unit
    return None


def _quantity_noun(word: str) -> str | None:
    """The unit a folded word names, with or without a leading article or clitic ("القتلى", "بمقتل")."""
    for cand in (word, _CLITIC.sub("", word)):
        if cand in QUANTITY_NOUNS:
            return QUANTITY_NOUNS[cand]
    return None


def quantities(text: str) -> tuple[Quantity, ...]:
    """Numbers in `text` (digits in any script, number words) with the unit they count."""
    words = word_spans(normalize_digits(text))
    out: list[Quantity] = []
    i = 0
    while i < len(words):
        got = _number_value(words, i)
        if got is None:
            i += 1
            continue
        value, span = got
        raw = text[words[i][1] : words[i + span - 1][2]]
        # "two women and a man": a part of an enumeration is not the toll itself
        unit = None if _coordinated(words, i + span) else _unit(words, i, span)
        out.append(Quantity(value=value, raw=raw, unit=unit))
        i += span
    return tuple(out)


def _coordinated(words: Words, j: int) -> bool:
    """True when the count ending before word `j` is followed by "noun and <count>" ("اثنان ... و...")."""
    for k in range(j, min(len(words) - 1, j + 2)):
        w = words[k][0]
        if w == "and" or (w.startswith("و") and len(w) > 1 and _number_value([(w[1:], 0, 0)], 0)):
            nxt = words[k + 1][0] if w == "and" else w[1:]
            if nxt in ("a", "an") or _number_value([(nxt, 0, 0)], 0):
                return True
    return False
