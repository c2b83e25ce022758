"""Word tokens of text in matching form (folded, lower-cased), with or without their character spans."""

from __future__ import annotations

import re

from summarize.text.normalize import match_key

_AR_PREFIX = re.compile(r"^(?:وال|بال|فال|كال|لل|ال|و|ف)(?=\w{3,})")
_AR_SUFFIX = re.compile(r"(?<=\w{3})(?:ات|ون|ين|ها|هم|ه|ي)$")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def stem(token: str) -> str:
    """Return a light stem of a folded token (Arabic clitics and plural endings stripped, English lower)."""
    if token.isascii():
        return token[:-1] if len(token) > 4 and token.endswith("s") else token
    return _AR_SUFFIX.sub("", _AR_PREFIX.sub("", token))


def tokens(text: str) -> list[str]:
    """Folded word tokens of `text` (digits normalised, Arabic folded, lower-cased)."""
    return _WORD.findall(match_key(text))




# A word: letters and digits plus Arabic diacritics and tatweel (combining marks are not \w), or a
# percent or dollar sign, which count as words of their own ("%", "$").
_SPAN_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])+|[%٪$]", re.UNICODE)
_RAW_WORD = re.compile(r"\S+")


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Folded words of `text` with their character spans in `text`."""
    out = []
    for m in _RAW_WORD.finditer(text):
        for w in _SPAN_WORD.finditer(m.group()):
            out.append((match_key(w.group()), m.start() + w.start(), m.start() + w.end()))
    return out
