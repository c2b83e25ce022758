"""Figures in a statement and what they count: digits in any script and number words, with their unit."""

from __future__ import annotations

import re

from summarize.model import Quantity
from summarize.text.arabic import strip_proclitic
from summarize.text.lexicons import QUANTITY_NOUNS
from summarize.text.normalize import match_key
from summarize.text.numbers import number_value, scale_of
from summarize.text.tokens import word_spans

_YEAR = re.compile(r"^و?(?:19|20)\d\d$")
Words = list[tuple[str, int, int]]
_YEAR_CUES = frozenset([match_key(w) for w in ["عام", "سنة", "منذ", "العام"]] + ["in", "since", "year"])


def _number_value(words: Words, i: int) -> tuple[float, int] | None:
    """The number starting at word `i` and how many words it spans, if any."""
    value = number_value(words[i][0])
    if value is None:
        return None
    scale = scale_of(words[i + 1][0]) if i + 1 < len(words) else None
    return (value * scale, 2) if scale is not None else (value, 1)


def _unit(words: Words, i: int, span: int) -> str | None:
    """What the number at word `i` counts: the quantity noun right after or shortly before it."""
    prev = words[i - 1][0] if i else ""
    if _YEAR.match(words[i][0]) and (
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
    """The unit a folded word names, with or without a proclitic ("القتلى", "بمقتل").

    Only proclitics: stripping endings too would read the feminine ending (folded ة → ه) as a
    pronoun, and "المسلحة" (armed, of forces) would count fighters.
    """
    for form in (word, strip_proclitic(word)):
        if form in QUANTITY_NOUNS:
            return QUANTITY_NOUNS[form]
    return None


def quantities(text: str) -> tuple[Quantity, ...]:
    """Numbers in `text` (digits in any script, number words) with the unit they count."""
    words = word_spans(text)
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
