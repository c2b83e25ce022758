"""Words of a text in matching form (folded, lower-cased), with or without their character spans.

The one tokenizer every stage uses: a word is a run of letters and digits (Arabic
diacritics and tatweel included, then folded away), a number keeps its decimal
and thousands separators ("3.5", "1,234", "٣٤٣"), and "%" and "$" are words of
their own.
"""

from __future__ import annotations

import re

from summarize.text.arabic import light_stem
from summarize.text.normalize import match_key

_WORD = re.compile(
    r"\d+(?:[.,٫٬]\d+)+(?![^\W_])"  # a number with separators (not the start of a longer word)
    r"|(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])+"  # letters, digits, Arabic marks
    r"|[%٪$]",
    re.UNICODE,
)


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Folded words of `text` with their character spans in `text`."""
    return [(match_key(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def tokens(text: str) -> list[str]:
    """Folded words of `text` (digits normalised, Arabic folded, lower-cased)."""
    return [w for w, _, _ in word_spans(text) if w]


def stem(token: str) -> str:
    """A light stem of a folded token: Arabic clitics and endings stripped, an English plural "s" dropped."""
    if token.isascii():
        return token[:-1] if len(token) > 4 and token.endswith("s") else token
    return light_stem(token)
