"""Hallucination guard: numbers, Latin names, Arabic content words, language."""

from __future__ import annotations

from summarize.model import Summary, SummarySentence
from summarize.summary.guard import check_sentence, guard_summary, index_sources, numbers_in

SOURCES = [
    "قال المرصد السوري لحقوق الإنسان إن ١٢ شخصا قتلوا في حلب يوم الاثنين.",
    "The Syrian Observatory said 1,200 people fled Aleppo's eastern districts near Kafr Nabl.",
]


def test_numbers_are_compared_after_digit_normalisation() -> None:
    """Arabic-Indic and ASCII digits match; thousands separators do not matter; new numbers fail."""
    assert numbers_in("نزح ١٬٢٠٠ شخص و 3.5 كم") == ["1200", "3.5"]
    assert check_sentence("The Observatory said 12 people were killed.", SOURCES) == []
    assert check_sentence("قال المرصد السوري إن 1200 شخص.", SOURCES) == []
    assert check_sentence("The Observatory said 13 people were killed.", SOURCES) == ["number 13 not in sources"]
    assert check_sentence("قتل ١٥ شخصا في حلب", SOURCES) == ["number 15 not in sources"]


def test_latin_names_must_come_from_the_sources() -> None:
    """Capitalised words and acronyms need a source; lower-case paraphrase and possessives pass."""
    assert check_sentence("Aleppo's residents fled, the Syrian Observatory said.", SOURCES) == []
    assert check_sentence("According to the Observatory, people left Kafr Nabl.", SOURCES) == []
    violations = check_sentence("The UN said people fled Homs.", SOURCES)
    assert violations == ["name UN not in sources", "name Homs not in sources"]


def test_arabic_content_words_with_clitics_match_their_source_forms() -> None:
    """وبحلب / للمرصد match حلب / المرصد; an invented place or body does not."""
    assert check_sentence("وأفاد المرصد بأن 12 شخصا قتلوا بحلب.", SOURCES) == []
    assert check_sentence("وقالت الحكومة إن 12 شخصا قتلوا في دمشق.", SOURCES) == [
        "word الحكومه not in sources", "word دمشق not in sources"]
    assert "word دمشق not in sources" in check_sentence("دمشق", index_sources(SOURCES))


def test_guard_summary_removes_and_reports_violations() -> None:
    """Violating and wrong-language sentences are removed; the rest stays in order."""
    summary = Summary("ar", "generated", (
        SummarySentence("قال المرصد إن 12 شخصا قتلوا في حلب.", ()),
        SummarySentence("قتل 40 شخصا في حلب.", ()),
        SummarySentence("The Observatory said 12 people were killed.", ()),
    ))
    guarded, removed = guard_summary(summary, SOURCES)
    assert [s.text for s in guarded.sentences] == ["قال المرصد إن 12 شخصا قتلوا في حلب."]
    assert [r.violations for r in removed] == [("number 40 not in sources",), ("not written in Arabic",)]


def test_all_sentences_removed_makes_the_summary_unavailable() -> None:
    """Nothing left means `unavailable` with the reason, so the pipeline can fall back."""
    summary = Summary("en", "generated", (SummarySentence("The UN counted 99 dead.", ()),))
    guarded, removed = guard_summary(summary, SOURCES)
    assert guarded.method == "unavailable" and guarded.sentences == () and len(removed) == 1
    assert "hallucination guard" in (guarded.unavailable_reason or "")


def test_extractive_summaries_are_left_alone() -> None:
    """Only generated text is guarded."""
    summary = Summary("en", "extractive", (SummarySentence("The UN counted 99 dead.", ("a",)),))
    assert guard_summary(summary, SOURCES) == (summary, [])
