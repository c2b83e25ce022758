"""The prose filter's last pass: furniture words glued to either end of a kept stretch are cut off.

Pieces (`segments`) end only where scrapers leave a separator, so a menu word
glued to a headline ("NEWS Macron calls …", «أخبار دولية وعربية ماكرون يدعو …»),
a time stamp run into the lead («05 م احدث الأخبار …») or a "change language"
link after a headline stays inside a piece the filter keeps. This pass judges
the first and last EDGE_WORDS words of each kept stretch, one by one, from:
their shape (script, capitals, digits, punctuation, function word) and that of
the two words on each side; how often the word and the word trigram around it
recur across the run's and the outlet's pages (a site's template repeats, a
story's sentences rarely do); where the word sits in its stretch; and the
piece-level verdict of its piece. A logistic model (`Logistic`, trained with
the piece model by `bench/bench_furniture.py --train`) gives P(furniture) per
word, and each end is cut where the summed log-odds of the words before the
cut is largest, so one odd word does not stop a cut and one menu-like word
inside a sentence does not start one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from summarize.text.lexicons import STOP_AR, STOP_EN, is_reporting
from summarize.text.normalize import ARABIC_CHAR, LATIN_CHAR, match_key

# Words judged at each end of a stretch (glued furniture is a few words: a section name, a stamp, a link).
EDGE_WORDS = 8
# Word trigrams are counted across the run's pages; keys carry a prefix (a NUL, which cleaned text never
# holds) so they never meet piece keys in the same counter.
NGRAM = 3
WORD_KEY, GRAM_KEY = "\x00w:", "\x00g:"
_WORD = re.compile(r"\S+")
_TERMINAL = re.compile(r"[.!?؟…]+['\"”’»)\]]*$")
_SEPARATOR = re.compile(r"^[-–—:|/•·»«()\[\]]+$")
_URLISH = re.compile(r"https?:|www\.|\.(?:com|net|org|html?)\b|@\w|\w{3,}\d{6,}|[{}#*=<>]", re.IGNORECASE)
SHAPE = ("latin", "own_script", "digit", "punct", "terminal", "separator", "capitalised", "all_caps", "stop",
         "reporting", "urlish", "log_len", "mixed_script", "run_word", "run_trigram", "outlet_trigram", "inside")
WINDOW = (-2, -1, 1, 2)
POSITION = ("log_from_start", "log_from_end", "log_stretch_words", "lead_zone", "piece_start", "piece_probability")
NAMES = SHAPE + tuple(f"{n}@{d}" for d in WINDOW for n in SHAPE) + POSITION


@dataclass(frozen=True)
class WordTable:
    """The words of an article's pieces: offsets, matching keys, and the trigram key starting at each word."""

    starts: np.ndarray
    ends: np.ndarray
    raw: list[str]
    keys: list[str]
    grams: list[str | None]  # GRAM_KEY + the trigram starting at word i (None past the last whole trigram)


def word_table(text: str, spans: Iterable[tuple[int, int]]) -> WordTable:
    """The words of `text` within `spans` (an article's pieces), in order."""
    found = [m for a, b in spans for m in _WORD.finditer(text, a, b)]
    raw = [m.group() for m in found]
    keys = [_key(w) for w in raw]
    grams: list[str | None] = [GRAM_KEY + " ".join(keys[i : i + NGRAM]) for i in range(len(keys) - NGRAM + 1)]
    grams += [None] * (len(keys) - len(grams))
    return WordTable(np.array([m.start() for m in found], dtype=np.int64),
                     np.array([m.end() for m in found], dtype=np.int64), raw, keys, grams)


def ngram_keys(table: WordTable) -> set[str]:
    """The article's word and word-trigram keys, for counting in how many of a run's pages each occurs."""
    return {WORD_KEY + k for k in table.keys} | {g for g in table.grams if g is not None}


def word_shapes(table: WordTable, lang: str, run: Mapping[str, int], outlet: Mapping[str, int]) -> np.ndarray:
    """SHAPE columns for every word of the table."""
    n = len(table.raw)
    shape = np.array([_own(w, lang) for w in table.raw], dtype=np.float32).reshape(n, len(SHAPE))
    if not n:
        return shape
    shape[:, SHAPE.index("run_word")] = _log_repeats_of(run, [WORD_KEY + k for k in table.keys])
    for column, counts in (("run_trigram", run), ("outlet_trigram", outlet)):
        starting = _log_repeats_of(counts, table.grams)
        covering = starting.copy()  # the largest count among the trigrams that hold each word
        for d in range(1, NGRAM):
            covering[d:] = np.maximum(covering[d:], starting[:-d])
        shape[:, SHAPE.index(column)] = covering
    return shape


def stretch_rows(table: WordTable, shape: np.ndarray, start: int, end: int, piece_starts: np.ndarray,
                 piece_probability: np.ndarray) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The judged words of the stretch [start, end) (its first and last EDGE_WORDS) and their feature rows
    (NAMES order); windows do not reach outside the stretch."""
    lo, hi = int(np.searchsorted(table.starts, start)), int(np.searchsorted(table.starts, end))
    n = hi - lo
    if n <= 0:
        return [], np.zeros((0, len(NAMES)), dtype=np.float32)
    judged = np.arange(n) if n <= 2 * EDGE_WORDS else np.r_[0:EDGE_WORDS, n - EDGE_WORDS : n]
    own = shape[lo:hi]
    padded = np.vstack([np.zeros((2, len(SHAPE)), np.float32), own, np.zeros((2, len(SHAPE)), np.float32)])
    window = [padded[judged + 2 + d] for d in WINDOW]
    at = table.starts[lo + judged]
    piece = np.searchsorted(piece_starts, at, side="right") - 1  # the table's words all lie in pieces
    position = np.column_stack([
        np.log1p(judged), np.log1p(n - 1 - judged), np.full(len(judged), math.log1p(n)),
        (judged < n - 1 - judged).astype(np.float32), (piece_starts[piece] == at).astype(np.float32),
        piece_probability[piece],
    ])
    rows = np.hstack([own[judged], *window, position]).astype(np.float32)
    words = [(int(table.starts[lo + i]), int(table.ends[lo + i])) for i in judged]
    return words, rows


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    """A word's matching key (words recur across a run's pages)."""
    return match_key(word)


@lru_cache(maxsize=65536)  # words recur across a run's pages
def _own(word: str, lang: str) -> tuple[float, ...]:
    """The word's SHAPE columns that depend on the word alone (the count columns left at 0)."""
    key = _key(word)
    latin, arabic = bool(LATIN_CHAR.search(word)), bool(ARABIC_CHAR.search(word))
    letters = [c for c in word if c.isalpha()]
    own = arabic if lang == "ar" else latin if lang == "en" else latin or arabic
    row = [latin, own, sum(c.isdigit() for c in word) / len(word), not letters and not any(c.isdigit() for c in word),
           bool(_TERMINAL.search(word)), bool(_SEPARATOR.match(word)), latin and word[0].isupper(),
           latin and len(letters) > 1 and all(c.isupper() for c in letters), key in STOP_AR or key in STOP_EN,
           is_reporting(key), bool(_URLISH.search(word)), math.log1p(len(word)), latin and arabic, 0.0, 0.0, 0.0, 1.0]
    return tuple(float(v) for v in row)


def _log_repeats_of(counts: Mapping[str, int], keys: Sequence[str | None]) -> np.ndarray:
    """log(1 + the number of other pages holding each key); 0 for None."""
    found = np.array([counts.get(k, 1) if k is not None else 1 for k in keys], dtype=np.float32)
    return np.asarray(np.log1p(np.maximum(0.0, found - 1.0)), dtype=np.float32)


def trim(words: Sequence[tuple[int, int]], probability: np.ndarray, threshold: float, start: int, end: int
         ) -> tuple[int, int]:
    """The stretch [start, end) without the furniture words at its ends: the lead is cut where the summed
    log-odds (against `threshold`) of the words cut off is largest, if positive, then the tail the same way
    among the words left. Only a stretch of at most EDGE_WORDS words can be cut whole (by its lead cut)."""
    if not len(words):
        return start, end
    p = np.clip(probability, 1e-6, 1 - 1e-6)
    score = np.log(p / (1 - p)) - math.log(threshold / (1 - threshold))
    lead = _best_cut(score[:EDGE_WORDS])
    if lead == len(words):
        return start, start
    tail = _best_cut(score[::-1][: min(EDGE_WORDS, len(words) - lead - 1)])
    first, last = words[lead][0], words[len(words) - 1 - tail][1]
    return (first if lead else start), (last if tail else end)


def _best_cut(score: np.ndarray) -> int:
    """How many leading items to cut: the prefix with the largest positive sum (0 when none is positive)."""
    sums = np.cumsum(score)
    if not len(sums) or sums.max() <= 0:
        return 0
    return int(sums.argmax()) + 1
