"""Builders for domain objects used across tests (tiny inline Arabic and English data)."""

from __future__ import annotations

from summarize.model import Article, Sentence
from summarize.text.sentences import split_sentences

AR_ARMY = (
    "قال الجيش إن قواته سيطرت على ثلاث قرى في الريف الشمالي بعد معارك عنيفة. "
    "وأضاف المتحدث أن الاشتباكات استمرت طوال الليل."
)
EN_ARMY = (
    "The army said its forces took control of three villages in the northern countryside after fierce fighting. "
    "The spokesman added that the clashes went on all night."
)
EN_QUAKE = (
    "A strong earthquake struck the coastal region on Monday, damaging hundreds of homes. "
    "Rescue teams searched the rubble for survivors through the night."
)


def article(aid: str, text: str, lang: str = "und", outlet: str | None = None, **meta: str) -> Article:
    """An article with sensible defaults."""
    return Article(id=aid, text=text, outlet=outlet, lang=lang, **meta)


def sentences_of(a: Article) -> list[Sentence]:
    """The article's sentences."""
    return split_sentences(a.text, a.id, a.lang)
