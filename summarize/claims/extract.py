# ruff: noqa: SIM905  (word lists are easier to read and review as split strings)
"""Claims stage: sentence-level statements with speaker, stance, quantities and time cues.

A sentence (or a clause of it, when a contrastive connector such as "، فيما"
or ", while" introduces a second speaker) becomes a `Claim` pointing back into
its article by character offsets. The speaker comes from reporting verbs
("أكد المرصد أن", "the ministry denied", "according to"), the stance is
`deny` when that verb is a denial, and numbers are read with what they count.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from .lexicons import (
    ABOUT_WORDS,
    ACCORDING_AR,
    META_NOUNS,
    NEGATION_AR,
    NUMBER_WORDS,
    PLACE_PREPOSITIONS,
    QUANTITY_NOUNS,
    SCALE_WORDS,
    STOP_AR,
    TIME_CUES,
    VAGUE_NUMBER_WORDS,
    is_denial,
    is_reporting,
    stem,
)
from .textnorm import match_key, normalize_digits
from .types import Article, Claim, Quantity, Sentence, Stance

log = logging.getLogger(__name__)

# A statement needs this many words to say something checkable: shorter lines
# are headings, bylines, menus and share buttons. Swept 3–8 on the seeds and
# events/dev: 6 keeps every factual headline and drops the menu items.
MIN_WORDS = 6
# The speaker of a reporting verb is at most this many words long.
MAX_SPEAKER_WORDS = 5
# Word characters plus Arabic diacritics and tatweel (combining marks are not \w).
# Punctuation between two words that a speaker phrase never spans: commas, and
# the separators scrapers leave between a headline, a site name and the body.
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
_BOUNDARY = re.compile(r"[،,|:;؛]|\s[-–—]\s")
_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])+|[%٪$]", re.UNICODE)
_RAW_WORD = re.compile(r"\S+")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_AND_NUMBER = re.compile(r"^[وو]?(\d+(?:[.,]\d+)?)$")
# Contrastive connectors that often join two speakers' statements in one sentence.
_CLAUSE_SPLIT = re.compile(r"[،,;؛]\s*(?=(?:و?فيما|بينما|في حين|while|whereas)\s)")
# Words that end a speaker phrase: complementisers, prepositions of content, time words.
_SPEAKER_STOP = frozenset(
    [match_key(w) for w in "أن إن أنه أنها إنه إنها بأن بأنه بأنها في خلال اليوم يوم عبر على عن إلى بشأن حول".split()]
    + ["that", "in", "on", "at", "yesterday", "today"]
) | TIME_CUES
_DISCOURSE = frozenset(match_key(w) for w in "من جهته جهتها جانبه جانبها بدوره بدورها كما وكما هذا وقد قد و".split())
_CLITIC = re.compile(r"^(?:وال|بال|فال|لل|ال|وب|و|ب|ل)(?=\w{3,})")
_COMPLEMENT = frozenset([match_key(w) for w in ["أن", "إن", "بأن"]] + ["that"])
_COMPLEMENT_PRONOUN = frozenset(match_key(w) for w in "أنه أنها إنه إنها بأنه بأنها أنهم إنهم".split())
_YEAR_CUES = frozenset([match_key(w) for w in ["عام", "سنة", "منذ", "العام"]] + ["in", "since", "year"])


def _words(text: str) -> list[tuple[str, int, int]]:
    """Folded words of `text` with their character spans in `text`."""
    out = []
    for m in _RAW_WORD.finditer(text):
        for w in _WORD.finditer(m.group()):
            out.append((match_key(w.group()), m.start() + w.start(), m.start() + w.end()))
    return out


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Character spans (relative to the sentence) of its clauses."""
    cuts = [m.start() for m in _CLAUSE_SPLIT.finditer(sentence.text)]
    bounds = [0, *cuts, len(sentence.text)]
    spans = list(itertools.pairwise(bounds))
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        text = sentence.text[a:b].lstrip("،,;؛ ")
        if merged and (len(_words(text)) < MIN_WORDS or not any(is_reporting(w) for w, _, _ in _words(text)[:4])):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a + len(sentence.text[a:b]) - len(text), b))
    return merged


def _speaker_after(words: list[tuple[str, int, int]], k: int, text: str) -> str | None:
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


def _starts_complement(words: list[tuple[str, int, int]], j: int) -> bool:
    """True when word `j` opens a prepositional complement (بـ/لـ + word not followed by a definite noun)."""
    w = words[j][0]
    if w.isascii() or len(w) < 3 or w[0] not in "بل" or w.startswith("لل"):
        return w.isdigit()
    nxt = words[j + 1][0] if j + 1 < len(words) else ""
    return not nxt.startswith("ال")


def _speaker_before(words: list[tuple[str, int, int]], k: int, text: str) -> str | None:
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
    words = _words(text)
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
    if headline and not {w for w, _, _ in _words(headline.group(1))} & (_HEADLINE_LABELS | _LABEL_PREPOSITIONS):
        return headline.group(1).strip(), "assert", True
    return None, "assert", False


def denied_object(text: str, speaker: str | None) -> list[str]:
    """Folded words a denial denies: after the denial verb up to the next comma, minus speaker and report nouns."""
    words = _words(text)
    k = next((n for n, (w, _, _) in enumerate(words) if is_denial(w)), None)
    if k is None:
        return []
    stop = min((p for p in (text.find(ch, words[k][2]) for ch in "،,:؛") if p >= 0), default=len(text))
    # a second reporting verb ("... وقالت إنها") starts another statement
    stop = min([stop] + [s for w, s, _ in words[k + 1 :] if is_reporting(w) or is_reporting(w[1:])])
    spk = {w for w, _, _ in _words(speaker or "")}
    return [w for w, s, _ in words[k + 1 :] if s < stop and w not in spk and w not in META_NOUNS]


@lru_cache(maxsize=4096)  # called for every pair of an event's claims
def topic(text: str, speaker: str | None) -> str | None:
    """Stem of what a statement is about: the subject after "أن/إن/that", else its speaker (self-statements)."""
    words = [w for w, _, _ in _words(text)]
    for k, w in enumerate(words):
        if w in _COMPLEMENT_PRONOUN:
            break
        if w in _COMPLEMENT:
            rest = [x for x in words[k + 1 : k + 4]
                    if x not in STOP_AR and x not in NEGATION_AR and not x.isdigit()]
            return stem(rest[0]) if rest else None
    spk = [stem(t) for t, _, _ in _words(speaker or "") if len(t) > 1]
    return spk[0] if spk else None


def _number_value(words: list[tuple[str, int, int]], i: int) -> tuple[float, int] | None:
    """The number starting at word `i` and how many words it spans, if any."""
    w = words[i][0]
    m = _AND_NUMBER.match(w)  # "و79": a number joined to the conjunction
    if m:
        value, span = float(m.group(1).replace(",", "")), 1
    elif w in NUMBER_WORDS and w not in VAGUE_NUMBER_WORDS:
        value, span = NUMBER_WORDS[w], 1
    else:
        return None
    if i + 1 < len(words) and words[i + 1][0] in SCALE_WORDS:
        value, span = value * SCALE_WORDS[words[i + 1][0]], 2
    return value, span


def _unit(words: list[tuple[str, int, int]], i: int, span: int) -> str | None:
    """What the number at word `i` counts: the quantity noun right after or shortly before it."""
    prev = words[i - 1][0] if i else ""
    value_word = words[i][0].lstrip("و")
    if _NUMBER.match(value_word) and len(value_word) == 4 and value_word[:2] in ("19", "20") and (
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


def _quantity_noun(word: str) -> str | None:
    """The unit a folded word names, with or without a leading article or clitic ("القتلى", "بمقتل")."""
    for cand in (word, _CLITIC.sub("", word)):
        if cand in QUANTITY_NOUNS:
            return QUANTITY_NOUNS[cand]
    return None


def quantities(text: str) -> tuple[Quantity, ...]:
    """Numbers in `text` (digits in any script, number words) with the unit they count."""
    words = _words(normalize_digits(text))
    out: list[Quantity] = []
    i = 0
    while i < len(words):
        got = _number_value(words, i)
        if got is None:
            i += 1
            continue
        value, span = got
        raw = text[words[i][1] : words[i + span - 1][2]]
        # "two women and a man": a part of an enumeration is not the toll itself
        unit = None if _coordinated(words, i + span) else _unit(words, i, span)
        out.append(Quantity(value=value, raw=raw, unit=unit))
        i += span
    return tuple(out)


def _coordinated(words: list[tuple[str, int, int]], j: int) -> bool:
    """True when the count ending before word `j` is followed by "noun and <count>" ("اثنان ... و...")."""
    for k in range(j, min(len(words) - 1, j + 2)):
        w = words[k][0]
        if w == "and" or (w.startswith("و") and len(w) > 1 and _number_value([(w[1:], 0, 0)], 0)):
            nxt = words[k + 1][0] if w == "and" else w[1:]
            if nxt in ("a", "an") or _number_value([(nxt, 0, 0)], 0):
                return True
    return False


def _is_statement(text: str) -> bool:
    """True for text long enough, and wordy enough, to be a checkable statement."""
    words = [w for w, _, _ in _words(text) if not _NUMBER.match(w)]
    return len(words) >= MIN_WORDS and sum(w not in STOP_AR for w in words) >= MIN_WORDS // 2


def _article_claims(article: Article, sentences: Sequence[Sentence]) -> list[Claim]:
    """Claims of one article; a clause without its own speaker inherits the previous one ("وأضاف")."""
    out: list[Claim] = []
    seen: set[str] = set()
    previous: str | None = None
    for sent in sentences:
        for n, (a, b) in enumerate(_clauses(sent)):
            text = sent.text[a:b].strip()
            key = match_key(text)
            if not _is_statement(text) or key in seen:
                continue
            seen.add(key)
            speaker, stance, reported = attribution(text, article.lang)
            if reported and speaker is None:
                speaker = previous
            previous = speaker if reported else previous
            cues = tuple(dict.fromkeys(w for w, _, _ in _words(text) if w in TIME_CUES))
            start = sent.start + sent.text.index(text, a)
            suffix = f".{n}" if n else ""
            out.append(Claim(
                id=f"{article.id}:{sent.index}{suffix}", article_id=article.id,
                sentence_index=sent.index, start=start, end=start + len(text), text=text,
                lang=article.lang, attributed_to=speaker, stance=stance,
                quantities=quantities(text), time_cues=cues,
            ))
    return out


def extract_claims(articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]) -> list[Claim]:
    """Extract claims from every article of one event, in article then sentence order."""
    out: list[Claim] = []
    for article in articles:
        sents = sentences.get(article.id, ())
        if not sents:
            log.debug("no sentences for %s", article.id)
            continue
        out.extend(_article_claims(article, sents))
    log.debug("extracted %d claims from %d articles", len(out), len(articles))
    return out
