"""Claim translation with tiny random Marian models through the real hf loading path."""

from __future__ import annotations

from pathlib import Path

from summarize.model import ClaimGroup, Statement
from summarize.summary.gencache import GenCache
from summarize.summary.translate import ClaimTranslator, numbers_agree, parse_translator_spec

from tiny_models import CORPUS_AR, CORPUS_EN, tiny_models_fixture  # noqa: F401


def marian_reference(model_dir: Path, texts: list[str]) -> list[str]:
    """Plain transformers translation, for comparison (127 = the tiny model's 128 positions - 1)."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    net = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir)).eval()
    outs = []
    for text in texts:
        out = net.generate(**tok(text, return_tensors="pt"), max_new_tokens=127, do_sample=False, num_beams=1)
        outs.append(tok.decode(out[0], skip_special_tokens=True).strip())
    return outs


def test_spec_parsing() -> None:
    """Preset, per-pair directories, and a single prompted model."""
    assert parse_translator_spec(None) == {"ar-en": "Helsinki-NLP/opus-mt-ar-en", "en-ar": "Helsinki-NLP/opus-mt-en-ar"}
    assert parse_translator_spec("ar-en=/a, en-ar=/b") == {"ar-en": "/a", "en-ar": "/b"}
    assert parse_translator_spec("bigscience/mt0-base") == {"*": "bigscience/mt0-base"}


def test_numbers_must_survive_translation() -> None:
    """A translation that changes or drops a number is rejected."""
    assert numbers_agree("قتل ١٢ شخصا", "12 people were killed")
    assert not numbers_agree("قتل ١٢ شخصا", "13 people were killed")
    assert not numbers_agree("قتل ١٢ شخصا", "people were killed")


def test_claims_get_translations_in_the_other_language(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    """Each direction uses its own Marian model; outputs equal plain transformers; cache is reused."""
    ar_en, en_ar = tiny_models["marian"], tiny_models["marian_b"]
    cache = GenCache(tmp_path / "gen.sqlite3")
    translator = ClaimTranslator(f"ar-en={ar_en},en-ar={en_ar}", cache=cache)
    ar_text, en_text = CORPUS_AR[2], CORPUS_EN[2]  # no numbers: the random model cannot keep them
    groups = [ClaimGroup("c1", "disputed", (Statement(ar_text, "ar", ("a",)), Statement(en_text, "en", ("b",)),
                                            Statement("Bonjour", "fr", ("c",))))]
    out, rejected = translator.translate_claims(groups)
    got = [s.translation for s in out[0].statements]
    assert got[2] is None
    expected = [marian_reference(ar_en, [ar_text])[0], marian_reference(en_ar, [en_text])[0]]
    for translation, want in zip(got[:2], expected, strict=True):
        assert translation == (want if want and numbers_agree("", want) else None)
    assert rejected == sum(t is None for t in got[:2])
    assert translator.translate_claims(groups)[0] == out and cache.hits == 2
