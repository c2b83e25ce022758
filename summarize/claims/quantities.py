"""Figures in a statement and what they count: digits in any script and number words, with their unit.

The unit is a quantity noun of the lexicon ("killed", "km", "percent") where one stands by the number,
else the noun the number counts, as a generic unit "n:<stem>" ("14 rifles" → "n:rifle", «ستة زوارق» →
"n:زوارق": a broken plural keeps its form), so that two statements counting the same thing can be compared. A number
that is part of a name ("AK - 47", "F-16") is no figure.
"""

from __future__ import annotations

import re

from summarize.model import Quantity
from summarize.text.arabic import strip_proclitic
from summarize.text.lexicons import QUANTITY_NOUNS, STOP_AR, STOP_EN
from summarize.text.normalize import match_key
from summarize.text.numbers import number_value, scale_of
from summarize.text.tokens import stem, word_spans

_YEAR = re.compile(r"^و?(?:19|20)\d\d$")
Words = list[tuple[str, int, int]]
# A short capitalised word, a hyphen and a number name a model or a designation ("AK - 47", "F-16").
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,4}$")
_HYPHEN = re.compile(r"^\s*-\s*$")
# A generic unit is the last of at most this many words after an English number ("26 Somali pirates").
NOUN_PHRASE_WORDS = 3
_PUNCT = re.compile(r"[^\s]")
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


def _counted_noun(words: Words, j: int, text: str) -> str | None:
    """The generic unit of a number ending before word `j`: "n:" and the stem of the noun it counts.

    English: the last word of the short phrase after the number ("three boats", "26 Somali pirates",
    "five - boat"), up to punctuation or a function word. Arabic: the word right after it («ستة زوارق»)."""
    phrase: list[str] = []
    end = words[j - 1][2]
    k = j
    while k < min(len(words), j + NOUN_PHRASE_WORDS + 2) and len(phrase) < NOUN_PHRASE_WORDS:
        w, a, b = words[k]
        gap = text[end:a]
        if _PUNCT.search(gap) and not _HYPHEN.match(gap):
            break
        k += 1
        if k < len(words) and _designation(words, k, text):
            end, k = words[k][2], k + 1  # "14 AK - 47 rifles": the model name is no noun of the count
            continue
        if not w.isalpha() or w in STOP_EN or w in STOP_AR or number_value(w) is not None or len(w) < 3:
            break
        phrase.append(w)
        end = b
        if not w.isascii():
            break  # Arabic: the counted noun follows the number directly
    return f"n:{stem(strip_proclitic(phrase[-1]))}" if phrase else None


def _tokenised_decimal(words: Words, i: int, text: str) -> bool:
    """True when word `i` and the next are the halves of a decimal a tokeniser spaced out ("7 . 3", and
    before Arabic text "7 , 3")."""
    if i + 1 >= len(words) or not (words[i][0].isdigit() and words[i + 1][0].isdigit()):
        return False
    gap = text[words[i][2] : words[i + 1][1]]
    if gap == " , ":  # a decimal comma, as Arabic writes it, only before an Arabic word ("7 , 3 درجات")
        after = words[i + 2][0] if i + 2 < len(words) else ""
        return len(words[i + 1][0]) == 1 and bool(after) and not after.isascii() and not after.isdigit()
    return len(words[i + 1][0]) <= 2 and gap == " . "


def _designation(words: Words, i: int, text: str) -> bool:
    """True when the number at word `i` is part of a name ("AK - 47", "F-16", "Su-35")."""
    if i == 0:
        return False
    prev = text[words[i - 1][1] : words[i - 1][2]]
    return bool(_DESIGNATION.match(prev)) and bool(_HYPHEN.match(text[words[i - 1][2] : words[i][1]]))


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
        if span == 1 and _tokenised_decimal(words, i, text):  # "7 . 3": one figure, 7.3
            value, span = float(f"{words[i][0]}.{words[i + 1][0]}"), 2
        if _designation(words, i, text):
            i += span
            continue
        raw = text[words[i][1] : words[i + span - 1][2]]
        # "two women and a man": a part of an enumeration is not the toll itself
        unit = None if _coordinated(words, i + span) else (
            _unit(words, i, span) or _counted_noun(words, i + span, text))
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
