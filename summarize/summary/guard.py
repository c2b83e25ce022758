"""Hallucination guard: generated sentences may only use numbers and names the sources use.

Rules, applied to each generated sentence against the event's source texts
(article texts, plus any translations the caller adds):

1. **Numbers.** Every number (after Arabic-Indic → ASCII digit normalisation,
   thousands separators removed) must occur as a number in the sources.
   Number *words* ("twelve", "اثنا عشر") are not checked.
2. **Latin names.** Every capitalised or all-caps Latin token that is not a
   function word or in the guard vocabulary (`prompts/guard_vocab.en.txt`)
   must occur, case-folded, as a token of the sources. Lower-case Latin words
   are not checked: paraphrase is the point of a summary.
3. **Arabic content words.** Arabic has no capitals, so names cannot be told
   from other words. Instead every Arabic token of at least `MIN_AR_TOKEN`
   letters that is not a function word or in `prompts/guard_vocab.ar.txt`
   must share a variant (`text.arabic.variants`: clitics و ف ب ل ك ال … / ها هم …
   stripped) with some source token, all compared in `match_key` form. This is strict on purpose:
   an Arabic sentence about an English-only event fails unless the caller
   passes Arabic translations of the sources as extra texts.
4. **Language.** A sentence in the wrong script for the summary's language
   (e.g. English text in the Arabic summary) is removed too.

Violating sentences are removed and returned with their violations, so the
pipeline can count them in the brief's stats.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from summarize.model import Summary, SummarySentence
from summarize.summary.prompts import guard_vocabulary
from summarize.text.arabic import variants
from summarize.text.normalize import ARABIC_CHAR, LATIN_CHAR, match_key
from summarize.text.numbers import numbers_in
from summarize.text.tokens import tokens, word_spans

log = logging.getLogger(__name__)

# Arabic tokens shorter than MIN_AR_TOKEN letters are mostly particles and
# pronouns and are not checked (chosen by reading the seed example, not swept).
MIN_AR_TOKEN = 4
_EN_FUNCTION = frozenset(
    [
        "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
        "his", "her", "their", "our", "my", "in", "on", "at", "of", "to", "for", "from", "by", "with", "as",
        "and", "or", "but", "if", "then", "than", "so", "not", "no", "nor", "also", "after", "before", "while",
        "when", "where", "which", "who", "whom", "whose", "what", "how", "why", "during", "since", "there",
        "here", "some", "many", "most", "more", "less", "all", "both", "each", "other", "another", "such", "only",
    ]
)
_AR_FUNCTION = frozenset(
    match_key(w)
    for w in [
        "في", "من", "الى", "إلى", "على", "عن", "مع", "هذا", "هذه", "ذلك", "تلك", "هناك", "التي", "الذي", "الذين",
        "اللذان", "ان", "إن", "أن", "كان", "كانت", "يكون", "تكون", "لم", "لن", "قد", "كما", "أو", "او", "ثم",
        "حتى", "عند", "منذ", "بين", "فيها", "فيه", "عليها", "عليه", "منها", "منه", "لها", "له", "وقد", "بعد",
        "قبل", "خلال", "كل", "بعض", "غير", "هو", "هي", "هم", "نحن", "انه", "إنه", "أنه", "انها", "إنها", "أنها",
    ]
)


@dataclass(frozen=True, slots=True)
class Removed:
    """A generated sentence the guard removed, and why."""

    text: str
    violations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceIndex:
    """The numbers and tokens of an event's sources, in comparable form."""

    numbers: frozenset[str]
    latin: frozenset[str]
    arabic: frozenset[str]


def _is_arabic(token: str) -> bool:
    """Whether a folded token is written in Arabic letters."""
    return bool(ARABIC_CHAR.match(token)) and not token[0].isdigit()


def _is_latin(token: str) -> bool:
    """Whether a token is written in Latin letters."""
    return bool(LATIN_CHAR.match(token))


def index_sources(source_texts: Sequence[str]) -> SourceIndex:
    """Build the lookup sets the guard checks generated text against."""
    numbers: set[str] = set()
    latin: set[str] = set()
    arabic: set[str] = set()
    for text in source_texts:
        numbers.update(numbers_in(text))
        for tok in tokens(text):
            if _is_latin(tok):
                latin.add(tok)
            elif _is_arabic(tok):
                arabic.update(variants(tok))
    return SourceIndex(frozenset(numbers), frozenset(latin), frozenset(arabic))


def check_sentence(
    text: str, source_texts: Sequence[str] | SourceIndex, *, allowed: frozenset[str] | None = None
) -> list[str]:
    """Return the guard violations of one generated sentence (empty list: it passes).

    `allowed` defaults to the shipped guard vocabularies of both languages.
    """
    index = source_texts if isinstance(source_texts, SourceIndex) else index_sources(source_texts)
    if allowed is None:
        allowed = guard_vocabulary("ar") | guard_vocabulary("en")
    found: list[str] = []
    for num in numbers_in(text):
        if num not in index.numbers:
            found.append(f"number {num} not in sources")
    for word, start, end in word_spans(text):
        raw = text[start:end]
        if _is_latin(word):
            if not (raw[0].isupper() and len(word) >= 2) or word in _EN_FUNCTION:
                continue
            if word not in index.latin and word not in allowed:
                found.append(f"name {raw} not in sources")
        elif _is_arabic(word):
            if len(word) < MIN_AR_TOKEN or word in _AR_FUNCTION or word in allowed:
                continue
            forms = variants(word)
            if not forms & index.arabic and not forms & allowed:
                found.append(f"word {word} not in sources")
    return found


def language_violation(text: str, lang: str) -> str | None:
    """Say so when a sentence is written in the wrong script for `lang` (ar/en only)."""
    letters = [c for c in text if c.isalpha()]
    if not letters or lang not in ("ar", "en"):
        return None
    arabic = is_arabic_sentence(text)
    if lang == "ar" and not arabic:
        return "not written in Arabic"
    if lang == "en" and arabic:
        return "written in Arabic, expected English"
    return None


def guard_summary(
    summary: Summary, source_texts: Sequence[str], *, prompts_dir: Path | None = None
) -> tuple[Summary, list[Removed]]:
    """Remove violating sentences of a generated summary; leave other methods untouched.

    When every sentence is removed the summary becomes `unavailable` with the
    reason, so the caller can fall back to an extractive one.
    """
    if summary.method != "generated" or not summary.sentences:
        return summary, []
    index = index_sources(source_texts)
    allowed = guard_vocabulary("ar", prompts_dir) | guard_vocabulary("en", prompts_dir)
    kept: list[SummarySentence] = []
    removed: list[Removed] = []
    for sent in summary.sentences:
        violations = check_sentence(sent.text, index, allowed=allowed)
        wrong_lang = language_violation(sent.text, summary.lang)
        violations += [wrong_lang] if wrong_lang else []
        if violations:
            log.info("guard removed %r: %s", sent.text[:80], "; ".join(violations))
            removed.append(Removed(sent.text, tuple(violations)))
        else:
            kept.append(sent)
    if not kept:
        reason = f"all {len(removed)} generated sentences failed the hallucination guard"
        return replace(summary, method="unavailable", sentences=(), unavailable_reason=reason), removed
    return replace(summary, sentences=tuple(kept)), removed


def is_arabic_sentence(text: str) -> bool:
    """True when most letters of `text` are Arabic script."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(bool(ARABIC_CHAR.match(c)) for c in letters) * 2 > len(letters)
