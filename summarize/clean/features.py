# ruff: noqa: SIM905  (word lists are easier to read and review as split strings)
"""Features of one piece of text for the prose filter: signals that work in Arabic and English alike.

Prose has function words, sentence punctuation, letters in the article's own
script and reporting verbs; furniture is short, repeated across pages of a run,
full of digits, symbols, dates, capitalised menu words or URL shards, and comes
in runs of its kind. Each piece is also described by its neighbours and by the
sentence it belongs to.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from summarize.clean.segments import Piece
from summarize.text.lexicons import STOP_AR, STOP_EN, content_stems, is_reporting
from summarize.text.normalize import ARABIC_CHAR, LATIN_CHAR, match_key
from summarize.text.tokens import tokens

# Month names (Gregorian and Levantine, Arabic and English): dates are timestamps more often than news.
MONTHS = frozenset(
    [match_key(w) for w in (
        "يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر "
        "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين").split()]
    + ("january february march april may june july august september october november december "
       "jan feb mar apr jun jul aug sep sept oct nov dec").split()
)
_TERMINAL = re.compile(r"[.!?؟…]['\"”’»)\]]*\s*$")
_CLOCK = re.compile(r"\d{1,2}\s*:\s*\d{2}")
_URLISH = re.compile(r"https?\s*:|www\s*\.|\.\s*(?:com|net|org|html?)\b|@\s*\w|\w{3,}\d{6,}|[{}#*=<>]", re.IGNORECASE)
NAMES = (
    "log_words", "letters", "digits", "symbols", "terminal", "sentence_terminal", "function_words", "other_script",
    "capitalised", "reporting_verb", "repeated_in_run", "repeated_in_article", "date_or_time", "urlish",
    "line_position", "first_of_line", "last_of_line", "mean_word_len", "short", "log_line_pieces",
    "prev_short", "next_short", "prev_terminal", "next_terminal", "pieces_in_sentence", "ends_with_separator",
    "parenthesis", "first_of_sentence", "next_long_prose", "repeated_opening", "repeated_in_outlet",
)
# Pieces opening with the same words as other pieces of the article are captions of a gallery or items of
# a list of other stories ("City X reborn: ..."): the opening is this many words.
OPENING_WORDS = 4
# Block features: where a piece lies relative to the article's main run of story text, found by a first
# pass of the model (menus before it, bylines, galleries and related stories after it).
BLOCK_NAMES = ("first_pass", "in_main_block", "before_main_block", "after_main_block", "log_distance_to_block",
               "topic_to_block", "first_pass_prev", "first_pass_next")
# The main block is the first run of story text this long (characters); an interruption shorter than
# SHORT_INTERRUPTION characters does not end it. Fixed by reading page layouts, not swept.
MAIN_BLOCK_CHARS = 300
SHORT_INTERRUPTION = 40
_SEPARATOR_END = re.compile(r"[-–—:|/•·]\s*$")


def run_counts(texts: Sequence[Sequence[str]]) -> Counter[str]:
    """In how many articles of the run each piece text (matching key) occurs."""
    counts: Counter[str] = Counter()
    for pieces in texts:
        counts.update({match_key(p) for p in pieces})
    return counts


def _shares(text: str) -> tuple[float, float, float]:
    """Letters, digits and other symbols, as shares of the non-space characters."""
    chars = [c for c in text if not c.isspace()]
    n = max(1, len(chars))
    letters = sum(c.isalpha() for c in chars)
    digits = sum(c.isdigit() for c in chars)
    return letters / n, digits / n, (n - letters - digits) / n


def _one(text: str, lang: str) -> dict[str, float]:
    """The features of a piece that depend on its text alone."""
    toks = tokens(text)
    words = [t for t in toks if any(c.isalpha() for c in t)]
    letters, digits, symbols = _shares(text)
    latin = [w for w in text.split() if LATIN_CHAR.match(w)]
    arabic = sum(bool(ARABIC_CHAR.search(w)) for w in text.split())
    other = len(latin) if lang == "ar" else arabic if lang == "en" else 0
    return {
        "log_words": math.log1p(len(words)),
        "letters": letters,
        "digits": digits,
        "symbols": symbols,
        "terminal": float(bool(_TERMINAL.search(text))),
        "function_words": sum(t in STOP_AR or t in STOP_EN for t in toks) / max(1, len(toks)),
        "other_script": other / max(1, len(text.split())),
        "capitalised": sum(w[0].isupper() for w in latin) / max(1, len(latin)) if lang != "ar" else 0.0,
        "reporting_verb": float(any(is_reporting(t) for t in toks)),
        "date_or_time": float(bool(_CLOCK.search(text)) or any(t in MONTHS for t in toks)),
        "urlish": float(bool(_URLISH.search(text))),
        "mean_word_len": min(12.0, sum(map(len, words)) / max(1, len(words))) / 12.0,
        "short": float(len(words) < 6),
        "ends_with_separator": float(bool(_SEPARATOR_END.search(text))),
        "parenthesis": float("(" in text or ")" in text),
    }


def piece_features(text: str, lang: str, pieces: Sequence[Piece], run: Mapping[str, int],
                   n_lines: int, outlet: Mapping[str, int] | None = None) -> np.ndarray:
    """One feature row per piece (columns in NAMES order); `run` counts piece texts across the run's articles,
    `outlet` across the articles of this article's outlet (a site's template repeats on its pages)."""
    outlet = outlet or {}
    if not pieces:
        return np.zeros((0, len(NAMES)), dtype=np.float32)
    own = [_one(text[p.start : p.end], lang) for p in pieces]
    keys = [match_key(text[p.start : p.end]) for p in pieces]
    in_article = Counter(keys)
    openings = [" ".join(tokens(text[p.start : p.end])[:OPENING_WORDS]) for p in pieces]
    opening_count = Counter(o for o in openings if len(o.split()) == OPENING_WORDS)
    per_line = Counter(p.line for p in pieces)
    per_sentence = Counter(p.sentence for p in pieces)
    terminal_of = {p.sentence: own[i]["terminal"] for i, p in enumerate(pieces)}  # the sentence's last piece
    rows = []
    for i, p in enumerate(pieces):
        f = dict(own[i])
        prev, nxt = (own[i - 1] if i else None), (own[i + 1] if i + 1 < len(own) else None)
        f.update({
            "sentence_terminal": terminal_of[p.sentence],
            "repeated_in_run": math.log1p(max(0, run.get(keys[i], 1) - 1)),
            "repeated_in_article": float(in_article[keys[i]] > 1),
            "line_position": p.line / max(1, n_lines - 1),
            "first_of_line": float(p.first_of_line),
            "last_of_line": float(p.last_of_line),
            "log_line_pieces": math.log1p(per_line[p.line]),
            "prev_short": prev["short"] if prev else 1.0,
            "next_short": nxt["short"] if nxt else 1.0,
            "prev_terminal": prev["terminal"] if prev else 1.0,
            "next_terminal": nxt["terminal"] if nxt else 1.0,
            "pieces_in_sentence": math.log1p(per_sentence[p.sentence]),
            "first_of_sentence": float(i == 0 or pieces[i - 1].sentence != p.sentence),
            "next_long_prose": float(nxt is not None and nxt["terminal"] > 0 and nxt["short"] == 0),
            "repeated_opening": math.log1p(max(0, opening_count.get(openings[i], 1) - 1)),
            "repeated_in_outlet": math.log1p(max(0, outlet.get(keys[i], 1) - 1)),
        })
        rows.append([f[name] for name in NAMES])
    return np.asarray(rows, dtype=np.float32)


def block_features(pieces: Sequence[Piece], first_pass: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """BLOCK_NAMES columns: each piece's place relative to the main block of first-pass prose, and its topic.

    The main block is the first run of pieces judged prose by the first pass that holds at least
    MAIN_BLOCK_CHARS characters (else the longest run), where one short piece judged furniture may
    interrupt it (an "also read" line inside the body). Stories come first on a page; galleries and
    related stories that read like prose come after it. `topic_to_block` is the tf-idf cosine of a
    piece's content words with those of the rest of the block: another story shares few of them.
    """
    n = len(pieces)
    lo, hi = _main_block(first_pass < 0.5, [len(t) for t in texts])
    stems = [content_stems(t) for t in texts]
    df = Counter(w for s in stems for w in s)
    weight = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
    block = Counter(w for i in range(lo, hi + 1) if first_pass[i] < 0.5 for w in stems[i]) if hi >= lo else Counter()
    rows = []
    for i in range(n):
        inside = lo <= i <= hi
        distance = 0 if inside else (lo - i if i < lo else i - hi)
        rest = block - Counter(stems[i]) if inside else block
        rows.append([first_pass[i], float(inside), float(i < lo), float(i > hi >= lo), math.log1p(distance),
                     _cosine(stems[i], rest, weight), first_pass[i - 1] if i else 1.0,
                     first_pass[i + 1] if i + 1 < n else 1.0])
    return np.asarray(rows, dtype=np.float32).reshape(n, len(BLOCK_NAMES))


def _main_block(prose: np.ndarray, lengths: Sequence[int]) -> tuple[int, int]:
    """(first, last) piece index of the main block; (0, -1) when there is no prose at all."""
    runs: list[tuple[int, int, int]] = []  # (start, end, characters)
    start, chars, gap = None, 0, False
    for i, is_prose in enumerate(prose):
        if is_prose:
            start = i if start is None else start
            chars += lengths[i]
            gap = False
            runs.append((start, i, chars))
        elif start is not None and not gap and lengths[i] < SHORT_INTERRUPTION:
            gap = True
        else:
            start, chars, gap = None, 0, False
    if not runs:
        return 0, -1
    ends: dict[int, tuple[int, int]] = {}
    for a, b, c in runs:
        ends[a] = (b, c)
    first = next(((a, b) for a, (b, c) in sorted(ends.items()) if c >= MAIN_BLOCK_CHARS), None)
    return first or max(((a, b) for a, (b, c) in ends.items()), key=lambda r: ends[r[0]][1])


def _cosine(words: set[str], block: Counter[str], weight: Mapping[str, float]) -> float:
    """tf-idf cosine between a piece's content words and a block's word counts."""
    if not words or not block:
        return 0.0
    dot = sum(weight[w] * weight[w] * block[w] for w in words if w in block)
    norm_a = math.sqrt(sum(weight[w] ** 2 for w in words))
    norm_b = math.sqrt(sum((weight[w] * c) ** 2 for w, c in block.items()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0
