"""Language: deterministic, restricted candidates, `und` for nothing to detect."""

from __future__ import annotations

import pytest

from summarize.ingest.language import detect, detect_language

from builders import AR_ARMY, EN_QUAKE, article


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (AR_ARMY, "ar"),
        (EN_QUAKE, "en"),
        ("Obama wins reelection", "en"),  # short headline: unrestricted langdetect says otherwise
        ("Three killed as rioters bomb Greek bank", "en"),
        ("این یک متن فارسی است که باید به درستی تشخیص داده شود", "fa"),
        ("یہ ایک اردو جملہ ہے جس کی شناخت درست ہونی چاہیے", "ur"),
        ("", "und"),
        ("12345 ٣٤٥ -- 2024", "und"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_detection_is_deterministic() -> None:
    text = "Police said the bank explosion killed two people"
    assert len({detect_language(text) for _ in range(5)}) == 1


def test_detect_fills_lang_and_keeps_declared_when_undetermined() -> None:
    got = detect([article("a", AR_ARMY), article("b", "١٢٣ 456", lang="ar")])
    assert [a.lang for a in got] == ["ar", "ar"]
