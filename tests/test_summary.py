"""Extractive summaries and attribution: every sentence from a source, credited to who says it."""

from __future__ import annotations

from summarize.events.embed import get_embedder
from summarize.model import Summary, SummarySentence
from summarize.summary.attribute import attribute, numbers_agree, supporting_articles
from summarize.summary.backends.base import SummaryRequest
from summarize.summary.backends.extractive import ExtractiveSummarizer

from builders import AR_ARMY, EN_ARMY, article, sentences_of


def _request(lang: str, *arts: object) -> SummaryRequest:
    """A request over the given articles' sentences."""
    sents = tuple(s for a in arts for s in sentences_of(a))  # type: ignore[arg-type]
    return SummaryRequest("e1", lang, tuple(arts), sents)  # type: ignore[arg-type]


def test_extractive_summary_quotes_sources_in_the_target_language() -> None:
    ar, en = article("ar1", AR_ARMY, "ar"), article("en1", EN_ARMY, "en")
    summ = ExtractiveSummarizer(get_embedder("use"))
    got_ar, got_en = summ.summarize([_request("ar", ar, en), _request("en", ar, en)])
    assert got_ar.method == "extractive" and got_ar.sentences
    assert all(s.text in AR_ARMY and s.sources == ("ar1",) for s in got_ar.sentences)
    assert all(s.text in EN_ARMY for s in got_en.sentences)


def test_missing_language_is_unavailable_with_a_reason_not_invented() -> None:
    ar = article("ar1", AR_ARMY, "ar")
    (got,) = ExtractiveSummarizer(get_embedder("use")).summarize([_request("en", ar)])
    assert got.method == "unavailable" and not got.sentences
    assert got.unavailable_reason and "no English source" in got.unavailable_reason


def test_attribution_credits_translations_and_drops_unsupported_generated_text() -> None:
    ar, en = article("ar1", AR_ARMY, "ar"), article("en1", EN_ARMY, "en")
    pool = sentences_of(ar) + sentences_of(en)
    generated = Summary("en", "generated", (
        SummarySentence("The army says it captured three villages in the north after heavy fighting.", ()),
        SummarySentence("The central bank raised interest rates by half a point.", ()),
    ))
    got = attribute(generated, pool, get_embedder("use"))
    assert got.dropped_unsupported == 1
    (kept,) = got.summary.sentences
    assert set(kept.sources) == {"ar1", "en1"}


def test_a_different_figure_is_not_support() -> None:
    assert not numbers_agree("Police detained 23 protesters", "Police detained 26 protesters")
    assert numbers_agree("Police detained 23 protesters", "Police detained ٢٣ protesters")
    en = article("en1", "The police detained 26 protesters near the square on Saturday morning.", "en")
    got = supporting_articles(["The police detained 23 protesters near the square on Saturday."], sentences_of(en),
                              get_embedder("use"))
    assert got == [()]
