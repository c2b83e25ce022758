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
   must share a variant (clitics و ف ب ل ك ال … / ها هم … stripped) with some
   source token, all compared in `match_key` form. This is strict on purpose:
   an Arabic sentence about an English-only event fails unless the caller
   passes Arabic translations of the sources as extra texts.
4. **Language.** A sentence in the wrong script for the summary's language
   (e.g. English text in the Arabic summary) is removed too.

Violating sentences are removed and returned with their violations, so the
pipeline can count them in the brief's stats.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from summarize.model import Summary, SummarySentence
from summarize.summary.prompts import guard_vocabulary
from summarize.text.normalize import ARABIC_CHAR, match_key, normalize_digits
from summarize.text.numbers import numbers_in

log = logging.getLogger(__name__)

# Arabic tokens shorter than MIN_AR_TOKEN letters are mostly particles and
# pronouns and are not checked; clitic stripping stops at MIN_AR_STEM letters
# (three-radical roots). Chosen by reading the seed example, not swept.
MIN_AR_TOKEN = 4
MIN_AR_STEM = 3
_LATIN_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’\-]*")
_AR_TOKEN = re.compile(r"[\u0621-\u064a\u0660-\u0669\u0671-\u06d3]+")
_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك", "س")
_AR_SUFFIXES = ("هما", "كما", "ها", "هم", "هن", "كم", "نا", "ون", "ين", "ان", "ات", "يه", "ه", "ي")
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


def _ar_variants(token: str) -> set[str]:
    """A folded Arabic token and its forms with common clitics stripped."""
    out = {token}
    for pre in _AR_PREFIXES:
        if token.startswith(pre) and len(token) - len(pre) >= MIN_AR_STEM:
            out.add(token[len(pre):])
    for form in list(out):
        for suf in _AR_SUFFIXES:
            if form.endswith(suf) and len(form) - len(suf) >= MIN_AR_STEM:
                out.add(form[: -len(suf)])
    return out


def index_sources(source_texts: Sequence[str]) -> SourceIndex:
    """Build the lookup sets the guard checks generated text against."""
    numbers: set[str] = set()
    latin: set[str] = set()
    arabic: set[str] = set()
    for text in source_texts:
        numbers.update(numbers_in(text))
        key = match_key(text)
        latin.update(_strip_possessive(t) for t in _LATIN_TOKEN.findall(key))
        for tok in _AR_TOKEN.findall(key):
            arabic.update(_ar_variants(tok))
    return SourceIndex(frozenset(numbers), frozenset(latin), frozenset(arabic))


def _strip_possessive(token: str) -> str:
    """Drop a trailing 's / ’s and surrounding hyphens from a lower-cased Latin token."""
    return re.sub(r"['’]s?$", "", token.lower()).strip("-'’")


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
    for raw in _LATIN_TOKEN.findall(normalize_digits(text)):
        word = _strip_possessive(raw)
        if not (raw[0].isupper() and len(word) >= 2) or word in _EN_FUNCTION:
            continue
        if word not in index.latin and match_key(raw) not in allowed and word not in allowed:
            found.append(f"name {raw} not in sources")
    for tok in _AR_TOKEN.findall(match_key(text)):
        variants = _ar_variants(tok)
        if len(tok) < MIN_AR_TOKEN or tok in _AR_FUNCTION or tok in allowed:
            continue
        if not variants & index.arabic and not variants & allowed:
            found.append(f"word {tok} not in sources")
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
