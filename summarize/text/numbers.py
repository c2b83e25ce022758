"""The one number reader: numbers written in digits (any script) or as words, in canonical form.

Canonical text is for matching ("1,234" and "١٢٣٤" are both "1234"); values are
for comparing figures. Number words and scale words come from `lexicons`. Text
shown to readers is never rewritten.
"""

from __future__ import annotations

import re

from summarize.text.lexicons import NUMBER_WORDS, SCALE_WORDS, VAGUE_NUMBER_WORDS
from summarize.text.tokens import tokens

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# A number glued to the conjunction و ("و79": "and 79").
_AND_NUMBER = re.compile(r"^و?(\d+(?:[.,]\d+)*)$")


def canonical_number(raw: str) -> str:
    """Canonical number text: outer separators and thousands commas dropped, leading zeros dropped."""
    raw = raw.strip(".,")
    if _THOUSANDS.fullmatch(raw):
        raw = raw.replace(",", "")
    return raw.lstrip("0") or "0"


def numbers_in(text: str) -> list[str]:
    """Numbers written in digits in `text`, canonical (Arabic-Indic digits and thousands separators handled)."""
    return [canonical_number(m.group()) for t in tokens(text) for m in _DIGITS.finditer(t)]


def number_value(token: str) -> float | None:
    """The value of one folded token: digits ("1,234", "3.5", "و79") or a precise number word; else None."""
    m = _AND_NUMBER.match(token)
    if m:
        text = canonical_number(m.group(1))
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")  # a decimal comma ("3,5"): thousands commas are gone already
        return _plain(text)
    if token in NUMBER_WORDS and token not in VAGUE_NUMBER_WORDS:
        return NUMBER_WORDS[token]
    return None


def _plain(text: str) -> float | None:
    """A canonical number as a float; None for digit groups that are no number ("1.2.3")."""
    try:
        return float(text)
    except ValueError:
        return None


def scale_of(token: str) -> float | None:
    """The multiplier a scale word gives the number before it ("million", «ألف»), if it is one."""
    return SCALE_WORDS.get(token)
