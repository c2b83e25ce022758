"""Numbers written in digits, in any script, in canonical form (for matching, never for display)."""

from __future__ import annotations

import re

from summarize.text.normalize import normalize_digits

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _norm_number(raw: str) -> str:
    """Canonical number text: thousands commas dropped, leading zeros dropped."""
    raw = raw.strip(".,")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        raw = raw.replace(",", "")
    return raw.lstrip("0") or "0"


def numbers_in(text: str) -> list[str]:
    """Numbers written in digits in `text`, canonical (Arabic-Indic digits and thousands separators handled)."""
    return [_norm_number(m.group()) for m in _NUMBER.finditer(normalize_digits(text))]
