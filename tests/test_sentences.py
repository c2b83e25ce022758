"""Sentences: Arabic-aware ends, offsets that point back into the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from summarize.text.sentences import MAX_SENTENCE_CHARS, split_sentences


def test_arabic_comma_and_semicolon_do_not_end_sentences() -> None:
    text = "قال المرصد إن القرى سقطت، وأضاف أن الجيش انسحب؛ لكن الجيش نفى ذلك. هل هذا صحيح؟ نعم!"
    got = [s.text for s in split_sentences(text, "a", "ar")]
    assert got == ["قال المرصد إن القرى سقطت، وأضاف أن الجيش انسحب؛ لكن الجيش نفى ذلك.", "هل هذا صحيح؟", "نعم!"]


def test_line_breaks_end_sentences_and_decimals_and_initials_do_not() -> None:
    text = "Headline without a stop\nThe U.S. army said 3.5 km. J. Smith left."
    got = [s.text for s in split_sentences(text, "a", "en")]
    assert got == ["Headline without a stop", "The U.S. army said 3.5 km.", "J. Smith left."]


@given(st.text(alphabet=st.sampled_from(list("ab ج د.،؛؟!\n\t")), max_size=300))
def test_offsets_always_point_into_the_text(text: str) -> None:
    for i, s in enumerate(split_sentences(text, "x", "ar")):
        assert text[s.start : s.end] == s.text and s.text.strip() == s.text and s.index == i


def test_run_on_text_is_capped() -> None:
    text = "كلمة " * 1000
    pieces = split_sentences(text, "a", "ar")
    assert len(pieces) > 1 and all(len(p.text) <= MAX_SENTENCE_CHARS for p in pieces)


def test_a_tokenised_decimal_is_not_a_sentence_end() -> None:
    """"بقوة 7 . 3 درجات" (a decimal a tokeniser spaced out) stays one sentence; a real end does not."""
    text = "ضرب زلزال بقوة 7 . 3 درجات المنطقة الحدودية . وقال المعهد إن الهزة كانت قوية ."
    assert [s.text for s in split_sentences(text, "a", "ar")] == [
        "ضرب زلزال بقوة 7 . 3 درجات المنطقة الحدودية .", "وقال المعهد إن الهزة كانت قوية ."]
