"""Display text of tokenised input: spaces around punctuation, quotes and numbers removed, words untouched."""

from __future__ import annotations

import pytest

from summarize.text.detokenize import detokenize


@pytest.mark.parametrize(("raw", "shown"), [
    ("Reid , 33 , was killed .", "Reid, 33, was killed."),
    ("He vowed `` all necessary measures '' in the Gulf of Aden , Indian Ocean .",
     "He vowed “all necessary measures” in the Gulf of Aden, Indian Ocean."),
    ("A fire - bomb killed 1 , 000 people at 10 : 30 , police said .",
     "A fire-bomb killed 1,000 people at 10:30, police said."),
    ("The 61 - year - old said \" They 're taking everything \" .",
     'The 61-year-old said "They\'re taking everything".'),
    ("قال المرصد ، إن \" الوضع صعب \" ( أ ف ب ) .", 'قال المرصد، إن "الوضع صعب" (أ ف ب).'),
    ("Already clean: the U.S. man's car, 3.5 km away.", "Already clean: the U.S. man's car, 3.5 km away."),
])
def test_detokenize(raw: str, shown: str) -> None:
    assert detokenize(raw) == shown


def test_words_are_never_changed() -> None:
    raw = "Indian Navy captures 26 Somali pirates in Gulf of Aden , officials said ."
    assert detokenize(raw).replace(" ", "").replace(",", "").replace(".", "") == \
        raw.replace(" ", "").replace(",", "").replace(".", "")
