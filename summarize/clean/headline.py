"""An article's own headline: its title field, else a line of its text that reads as a headline.

Scraped pages rarely carry a title field; their headline is usually in the text:
repeated (once in the title bar, once above the body, often glued to a site
name or a menu), or a short first line with no final full stop followed by body
text. Candidates are the pieces the prose filter kept (so never a menu or a
dateline), cut at a site-name separator ("Headline | Site"), and judged by shape.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarize.text.tokens import tokens, word_spans

# A headline has this many words (fewer is a label or a site name; more is a sentence of the body).
MIN_WORDS = 4
MAX_WORDS = 25
# Only the top of an article holds its headline: candidates start within this many characters.
HEAD_CHARS = 1500
_FINAL_STOP = re.compile(r"[.:;؛،,]\s*$")
_SITE_SPLIT = re.compile(r"\s[|]\s|\s[-–—]\s(?=[^\d\s]+(?:\s[^\d\s]+){0,3}\s*$)")


def clean_title(title: str) -> str:
    """A title without a trailing site name ("Headline | Site", "Headline - Site") and extra spaces."""
    text = " ".join(title.split()).strip(" |-–—:")
    parts = [p.strip() for p in _SITE_SPLIT.split(text) if p.strip()]
    return max(parts, key=lambda p: len(p.split())) if parts else text


def find_headline(text: str, title: str | None, kept: Sequence[tuple[int, int]],
                  boundaries: Sequence[int] = ()) -> str | None:
    """The article's headline, or None when it has none that can be told apart from its body.

    `kept` are the article's story stretches (sentences trimmed of furniture) from the prose filter;
    `boundaries` the offsets where its pieces start (a headline glued to a menu starts at one).
    """
    if title and len(tokens(title)) >= 2:
        return clean_title(title)
    body = _body_start(text, kept)
    lead_end = next((b for a, b in kept if a >= body), body)
    starts = set(boundaries) | {a for a, _ in kept} | {0} | {i + 1 for i, c in enumerate(text[:lead_end]) if c == "\n"}
    repeated = _repeated_run(text, kept, lead_end, starts)
    if repeated:
        return repeated
    candidates = [text[a:b] for a, b in kept if a < body]
    for n, line in enumerate(candidates):
        if _headline_shape(line) and _body_follows([text[a:b] for a, b in kept][n + 1 :]):
            return clean_title(line)
    return None


def _body_start(text: str, kept: Sequence[tuple[int, int]]) -> int:
    """Where the body begins: the first kept stretch that is a full sentence of some length."""
    for a, b in kept:
        if len(tokens(text[a:b])) > MAX_WORDS // 2 and _FINAL_STOP.search(text[a:b]):
            return a
    return min(HEAD_CHARS, len(text))


def _headline_shape(text: str) -> bool:
    """Short, with several words, and no final full stop or comma."""
    n = len(tokens(text))
    return MIN_WORDS <= n <= MAX_WORDS and not _FINAL_STOP.search(text)


def _body_follows(rest: Sequence[str]) -> bool:
    """Whether a longer, sentence-like stretch follows within the next two."""
    return any(len(tokens(t)) > MAX_WORDS // 2 and _FINAL_STOP.search(t) for t in rest[:2])


def _repeated_run(text: str, kept: Sequence[tuple[int, int]], top: int, starts: set[int]) -> str | None:
    """The longest run of MIN_WORDS..MAX_WORDS words, starting where a piece starts before the end of the
    lead sentence (`top`), that the page repeats further down.

    Title bar and article top both carry the headline, glued to whatever surrounds them, so the repeated
    words are found wherever they stand. The run must lie mostly in story text (a repeated menu is not a
    headline) and is cut at a site-name separator.
    """
    words = word_spans(text[: HEAD_CHARS * 3])
    keys = [w for w, _, _ in words]
    in_story = _story_chars(kept, len(text))
    for length in range(min(MAX_WORDS, len(words) // 2), MIN_WORDS - 1, -1):
        seen: dict[tuple[str, ...], int] = {}
        for i in range(len(keys) - length + 1):
            gram = tuple(keys[i : i + length])
            first = seen.get(gram)
            if first is None:
                if words[i][1] < top and words[i][1] in starts:
                    seen[gram] = i
                continue
            if first + length <= i:
                a, b = words[first][1], words[first + length - 1][2]
                if sum(in_story[a:b]) * 2 >= b - a:
                    return clean_title(text[a:b])
    return None


def _story_chars(kept: Sequence[tuple[int, int]], n: int) -> list[bool]:
    """Per character: inside a kept stretch."""
    mask = [False] * n
    for a, b in kept:
        mask[a:b] = [True] * (b - a)
    return mask
