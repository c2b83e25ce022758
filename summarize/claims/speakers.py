# ruff: noqa: SIM905  (word lists are easier to read and review as split strings)
"""Who says a statement, and whether they assert or deny it: reporting verbs, "according to", headline colons.

Arabic verb-subject order ("أكد المرصد أن") takes the phrase after the verb,
English and Arabic headline subject-verb order the phrase before it; a denial
verb makes the stance `deny`.
"""

from __future__ import annotations

import re

from summarize.model import Stance
from summarize.text.lexicons import (
    ABOUT_WORDS,
    ACCORDING_AR,
    PLACE_PREPOSITIONS,
    TIME_CUES,
    is_denial,
    is_reporting,
)
from summarize.text.normalize import match_key
from summarize.text.tokens import word_spans

# The speaker of a reporting verb is at most this many words long.
MAX_SPEAKER_WORDS = 5
# "Speaker: statement" (at most four words before a colon), as headlines quote people.
_HEADLINE_SPEAKER = re.compile(r"^\s*([^\s:|،,.]+(?:\s+[^\s:|،,.]+){0,3})\s*:\s+\S")
# Labels that precede a colon in headlines without being anyone who speaks.
_HEADLINE_LABELS = frozenset(
    [match_key(w) for w in "صور بالصور فيديو بالفيديو عاجل حصري شاهد تحديث مباشر تقرير تحليل رأي".split()]
    + "updated update photos photo video breaking exclusive watch live report analysis opinion published".split()
)
# A colon prefix with a preposition is a topic or a dateline ("الحرب في سوريا:", "Crisis in
# the Gulf:"), not a party: naming nobody is better than naming a topic as the speaker.
_LABEL_PREPOSITIONS = PLACE_PREPOSITIONS | ABOUT_WORDS | frozenset([match_key("بين"), "between", "on", "over"])
# Punctuation between two words that a speaker phrase never spans: commas, and
# the separators scrapers leave between a headline, a site name and the body.
_BOUNDARY = re.compile(r"[،,|:;؛]|\s[-–—]\s")
# Words that end a speaker phrase: complementisers, prepositions of content, time words.
_SPEAKER_STOP = frozenset(
    [match_key(w) for w in "أن إن أنه أنها إنه إنها بأن بأنه بأنها في خلال اليوم يوم عبر على عن إلى بشأن حول".split()]
    + ["that", "in", "on", "at", "yesterday", "today"]
) | TIME_CUES
_DISCOURSE = frozenset(match_key(w) for w in "من جهته جهتها جانبه جانبها بدوره بدورها كما وكما هذا وقد قد و".split())

Words = list[tuple[str, int, int]]


def _speaker_after(words: Words, k: int, text: str) -> str | None:
    """The speaker phrase following the reporting verb at word `k` (Arabic verb-subject order)."""
    j = k + 1
    if j < len(words) and words[j][0] in ("ما", "what"):
        j += 2  # "بحسب ما نقلته وكالة ..." / "وفق ما أكده المرصد"
    start = j
    while j < len(words) and j - start < MAX_SPEAKER_WORDS:
        w = words[j][0]
        if w in _SPEAKER_STOP or is_reporting(w) or _BOUNDARY.search(text[words[j - 1][2] : words[j][1]]):
            break
        if _starts_complement(words, j) or (j > start and _ends_noun_phrase(words[j - 1][0], w)):
            break
        j += 1
    if j == start:
        return None
    phrase = text[words[start][1] : words[j - 1][2]]
    if phrase.startswith("لل"):
        phrase = "ال" + phrase[2:]
    return phrase.strip(" \"“”«»'")


def _ends_noun_phrase(prev: str, word: str) -> bool:
    """True when Arabic `word` cannot continue the noun phrase ending in `prev`.

    After a definite word (ال…) only an adjective can follow inside the phrase;
    we recognise the common nisba adjectives (ـي / ـية / ـيون / ـيين), and a
    لـ phrase as in organisation names. After an indefinite word (a construct
    noun: وزارة الدفاع) anything may follow.
    So "نفى الجيش الوطني التقارير" gives "الجيش الوطني", not "... التقارير".
    """
    if word.isascii() or not prev.startswith(("ال", "لل")):
        return False
    if word.startswith("ل") and not word.startswith("لل"):
        return False  # "المرصد الوطني لحقوق الإنسان": _starts_complement checks what follows
    return not (len(word) >= 4 and word.endswith(("ي", "يه", "يون", "يين")))


def _starts_complement(words: Words, j: int) -> bool:
    """True when word `j` opens a prepositional complement (بـ/لـ + word not followed by a definite noun)."""
    w = words[j][0]
    if w.isascii() or len(w) < 3 or w[0] not in "بل" or w.startswith("لل"):
        return w.isdigit()
    nxt = words[j + 1][0] if j + 1 < len(words) else ""
    return not nxt.startswith("ال")


def _speaker_before(words: Words, k: int, text: str) -> str | None:
    """The speaker phrase right before the verb at word `k` (subject-verb order, English)."""
    j = k
    while j > 0 and k - j < MAX_SPEAKER_WORDS:
        w = words[j - 1][0]
        if w in _DISCOURSE or w in _SPEAKER_STOP or _BOUNDARY.search(text[words[j - 1][2] : words[j][1]]):
            break
        j -= 1
    if j == k:
        return None
    return text[words[j][1] : words[k - 1][2]].strip(" \"“”«»'")


def attribution(text: str, lang: str) -> tuple[str | None, Stance, bool]:
    """Speaker, stance, and whether a reporting verb was found, for one clause."""
    words = word_spans(text)
    for k, (w, _, _) in enumerate(words):
        bare = w[1:] if w[:1] == "و" and len(w) > 3 else w
        according = w in ACCORDING_AR or bare in ACCORDING_AR or (
            w == "according" and k + 1 < len(words) and words[k + 1][0] == "to")
        if according:
            return _speaker_after(words, k + (1 if w == "according" else 0), text), "assert", True
        if not is_reporting(w):
            continue
        stance: Stance = "deny" if is_denial(w) else "assert"
        if lang == "ar" and not w.isascii():
            # A present-tense verb after a sentence-initial noun phrase is subject-verb order (headlines).
            sv = k > 0 and w[:1] in ("ي", "ت") and "،" not in text[: words[k][1]]
            first, second = (_speaker_before, _speaker_after) if sv else (_speaker_after, _speaker_before)
            speaker = first(words, k, text) or second(words, k, text)
        else:
            speaker = _speaker_before(words, k, text) or _speaker_after(words, k, text)
        return speaker, stance, True
    headline = _HEADLINE_SPEAKER.match(text)  # "Speaker: statement", the news-headline form
    if headline and not {w for w, _, _ in word_spans(headline.group(1))} & (_HEADLINE_LABELS | _LABEL_PREPOSITIONS):
        return headline.group(1).strip(), "assert", True
    return None, "assert", False
