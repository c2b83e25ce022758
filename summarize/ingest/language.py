"""Language stage: `Article` → "ar" / "en" / another code / "und", per article and per sentence.

langdetect is seeded (deterministic) and restricted to a fixed candidate set:
unrestricted it labels short English headlines as Somali or Tagalog. Persian and
Urdu are candidates on purpose, so that they are not mistaken for Arabic.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from summarize.model import Article, Cleaned, Sentence, Skipped
from summarize.text.normalize import LATIN_CHAR, arabic_ratio, normalize_digits
from summarize.text.sentences import split_sentences

log = logging.getLogger(__name__)

# Languages langdetect may answer. Arabic-script rivals (fa, ur) and the
# Latin-script languages most often met in a news crawl; anything else is
# reported under the closest of these, which is good enough to *exclude* it.
CANDIDATES = ("ar", "fa", "ur", "en", "fr", "es", "de", "it", "pt", "tr", "id", "nl")
SEED = 0
# langdetect needs some letters; below this we trust the script alone.
MIN_LETTERS_FOR_DETECT = 12
# Text is at most this long when detecting: the head of an article is enough.
DETECT_CHARS = 800


@lru_cache(maxsize=1)
def _factory() -> Any:
    """Build a langdetect factory with only the candidate profiles, loaded once."""
    from importlib import resources

    from langdetect.detector_factory import DetectorFactory

    factory = DetectorFactory()
    profiles = resources.files("langdetect") / "profiles"
    factory.load_json_profile([(profiles / code).read_text("utf-8") for code in CANDIDATES])
    factory.set_seed(SEED)
    return factory


def detect_language(text: str) -> str:
    """Return the language code of `text`, or "und" when there is nothing to detect."""
    sample = re.sub(r"[\d\W_]+", " ", normalize_digits(text[:DETECT_CHARS])).strip()
    letters = sum(ch.isalpha() for ch in sample)
    if letters == 0:
        return "und"
    if letters < MIN_LETTERS_FOR_DETECT:
        if arabic_ratio(sample) > 0.5:
            return "ar"
        return "en" if LATIN_CHAR.search(sample) else "und"
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(sample)
    try:
        return str(detector.detect())
    except LangDetectException:
        return "und"


def detect(articles: Sequence[Article]) -> list[Article]:
    """Return the articles with `lang` set by detection (the declared language breaks a tie with `und`)."""
    out = []
    for article in articles:
        lang = detect_language(f"{article.title or ''}\n{article.text}")
        if lang == "und" and article.lang != "und":
            lang = article.lang
        elif article.lang not in ("und", lang):
            log.info("%s: declared %s, detected %s; using detected", article.id, article.lang, lang)
        out.append(dataclasses.replace(article, lang=lang))
    return out


def sentence_language(text: str, article_lang: str) -> str:
    """A sentence's language: the article's, unless its script says otherwise (mixed-language articles)."""
    share = arabic_ratio(text)
    if article_lang == "ar" and share < 0.2 and LATIN_CHAR.search(text):
        return detect_language(text)
    if article_lang != "ar" and share > 0.8:
        return detect_language(text)
    return article_lang


def keep_languages(articles: Sequence[Article], wanted: tuple[str, ...]) -> tuple[list[Article], list[Skipped]]:
    """Split articles into those in a wanted language and skips for the rest."""
    keep, skip = [], []
    for a in articles:
        if a.lang in wanted:
            keep.append(a)
        else:
            what = "undetermined" if a.lang == "und" else f"'{a.lang}'"
            skip.append(Skipped(a.path or a.id, f"language {what} is not one of {', '.join(wanted)}"))
    return keep, skip


def article_sentences(article: Article, cleaned: Cleaned | None = None) -> list[Sentence]:
    """An article's sentences (its story stretches when cleaned), each with its own language (articles mix)."""
    if cleaned is None:
        found = split_sentences(article.text, article.id, article.lang)
    else:
        found = [Sentence(article.id, n, a, b, article.text[a:b], article.lang)
                 for n, (a, b) in enumerate(cleaned.kept)]
    return [dataclasses.replace(s, lang=lang) if (lang := sentence_language(s.text, s.lang)) != s.lang else s
            for s in found]
