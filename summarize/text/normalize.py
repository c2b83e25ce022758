"""Text normalisation for matching keys only; displayed text is never altered.

Arabic: alef variants → ا, ى → ي, ة → ه, diacritics and tatweel removed.
Digits: Arabic-Indic and Persian digits → ASCII. Bidi and zero-width marks removed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Bidi embeddings/isolates/marks and zero-width characters: invisible, but they
# break matching and can reorder displayed text.
INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]")
# C0 and C1 controls except tab and line breaks: ESC starts terminal escape sequences, and `cat brief.md`
# must never run one.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
ARABIC_CHAR = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_CHAR = re.compile(r"[A-Za-z\u00c0-\u024f]")


def normalize_digits(text: str) -> str:
    """Map Arabic-Indic and Persian digits (and the Arabic decimal separator) to ASCII."""
    return text.translate(_DIGITS).replace("٫", ".").replace("٬", ",")


def strip_invisible(text: str) -> str:
    """Remove bidi control and zero-width characters."""
    return INVISIBLE.sub("", text)


def strip_controls(text: str) -> str:
    """Remove control characters (tab and line breaks kept), bidi overrides and zero-width marks."""
    return INVISIBLE.sub("", CONTROLS.sub("", text))


@lru_cache(maxsize=1 << 16)
def match_key(text: str) -> str:
    """Return a folded, lower-cased, whitespace-collapsed key for comparing texts."""
    text = unicodedata.normalize("NFKC", strip_invisible(text))
    text = _DIACRITICS.sub("", normalize_digits(text)).translate(_FOLD)
    return _SPACE.sub(" ", text.lower()).strip()


def arabic_ratio(text: str) -> float:
    """Share of letters in `text` that are Arabic-script (0.0 when it has no letters)."""
    arabic = len(ARABIC_CHAR.findall(text))
    latin = len(LATIN_CHAR.findall(text))
    return arabic / (arabic + latin) if arabic + latin else 0.0
