"""Builders for tiny random seq2seq models of the real architectures (MT5, Marian).

Each builder trains a few-hundred-piece sentencepiece model on the test corpus
below (well under a second), builds a small config by hand, initialises random
weights with a fixed seed and `save_pretrained`s model and tokenizer into a
directory, so tests drive the real `from_pretrained` / CTranslate2 code paths
without any network.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from summarize.model import Article, ClaimGroup
from summarize.summary.backends.base import SummaryRequest
from summarize.text.sentences import split_sentences

CORPUS_EN = [
    "The Syrian Observatory for Human Rights said 12 people were killed in Aleppo on Monday.",
    "The army denied that its forces shelled the village of Kafr Nabl.",
    "Summarize in English the following news reports.",
    "Combine these partial summaries into one summary in English.",
    "Translate to English: the ministry announced new measures.",
    "Heavy clashes broke out near the Turkish border, according to local sources.",
    "The United Nations called for an immediate ceasefire and humanitarian access.",
    "Officials said 3,500 families were displaced from 14 villages within 20 km.",
    "Rescue teams recovered bodies from the rubble after the earthquake struck.",
    "The central bank raised interest rates by half a percentage point on Tuesday.",
    "Protesters gathered in the capital demanding the release of detained journalists.",
    "Oil prices fell after the report showed a rise in crude inventories.",
]
CORPUS_AR = [
    "قال المرصد السوري لحقوق الإنسان إن 12 شخصا قتلوا في حلب يوم الاثنين.",
    "نفى الجيش أن تكون قواته قد قصفت قرية كفرنبل.",
    "لخص التقارير الإخبارية التالية باللغة العربية.",
    "اجمع الملخصات الجزئية التالية في ملخص واحد باللغة العربية.",
    "ترجم إلى العربية: أعلنت الوزارة عن إجراءات جديدة.",
    "اندلعت اشتباكات عنيفة قرب الحدود التركية بحسب مصادر محلية.",
    "دعت الأمم المتحدة إلى وقف فوري لإطلاق النار وإيصال المساعدات الإنسانية.",
    "قال مسؤولون إن ٣٥٠٠ عائلة نزحت من ١٤ قرية خلال ٢٠ كيلومترا.",
    "انتشلت فرق الإنقاذ جثثا من تحت الأنقاض بعد الزلزال.",
    "رفع البنك المركزي أسعار الفائدة بمقدار نصف نقطة مئوية يوم الثلاثاء.",
    "تجمع محتجون في العاصمة مطالبين بالإفراج عن الصحفيين المعتقلين.",
    "انخفضت أسعار النفط بعد تقرير أظهر ارتفاع مخزونات الخام.",
]
CORPUS = CORPUS_EN + CORPUS_AR


def train_spm(vocab_size: int = 400, *, pieces: tuple[int, int, int] = (0, 1, 2)) -> bytes:
    """Train a unigram sentencepiece model on CORPUS; `pieces` = (pad, eos, unk) ids."""
    import sentencepiece as spm

    pad, eos, unk = pieces
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(CORPUS * 4), model_writer=buf, vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, pad_id=pad, eos_id=eos, unk_id=unk,
        bos_id=-1, hard_vocab_limit=False, minloglevel=2, num_threads=1,
    )
    return buf.getvalue()


def build_mt5(out: Path, *, seed: int = 0, added_words: tuple[str, ...] = ()) -> Path:
    """Save a tiny random MT5ForConditionalGeneration and its tokenizer into `out`.

    `added_words` become ordinary (non-special) vocabulary entries, so a test can
    force one as the first generated token and still see it in decoded text.
    """
    import torch
    from transformers import MT5Config, MT5ForConditionalGeneration, T5Tokenizer

    out.mkdir(parents=True, exist_ok=True)
    (out / "spiece.model").write_bytes(train_spm())
    tok = T5Tokenizer.from_pretrained(str(out), extra_ids=0)
    if added_words:
        tok.add_tokens(list(added_words))
    config = MT5Config(
        vocab_size=len(tok), d_model=32, d_ff=64, num_layers=2, num_decoder_layers=2,
        num_heads=2, d_kv=16, feed_forward_proj="gated-gelu", tie_word_embeddings=False,
        decoder_start_token_id=0, pad_token_id=0, eos_token_id=1, relative_attention_num_buckets=8,
    )
    torch.manual_seed(seed)
    MT5ForConditionalGeneration(config).eval().save_pretrained(str(out))
    untie_lm_head(out)
    tok.save_pretrained(str(out))
    return out


def untie_lm_head(model_dir: Path) -> None:
    """Store a separate random lm_head, as mT5/mt0 checkpoints have (transformers 5 saves MT5 tied)."""
    import torch
    from safetensors.torch import load_file, save_file

    path = model_dir / "model.safetensors"
    state = dict(load_file(str(path)))
    state["lm_head.weight"] = torch.randn_like(state["shared.weight"])
    save_file(state, str(path), metadata={"format": "pt"})
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    (model_dir / "config.json").write_text(json.dumps(config | {"tie_word_embeddings": False}), encoding="utf-8")


def build_marian(out: Path, *, seed: int = 0) -> Path:
    """Save a tiny random MarianMTModel and MarianTokenizer (shared vocab) into `out`."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out.mkdir(parents=True, exist_ok=True)
    model = train_spm(pieces=(-1, 0, 1))
    (out / "source.spm").write_bytes(model)
    (out / "target.spm").write_bytes(model)
    vocab = _spm_vocab(model)
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tok = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"))
    config = MarianConfig(
        vocab_size=len(vocab), d_model=32, encoder_layers=2, decoder_layers=2,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
        max_position_embeddings=128, pad_token_id=vocab["<pad>"], eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"], forced_eos_token_id=vocab["</s>"], share_encoder_decoder_embeddings=True,
    )
    torch.manual_seed(seed)
    MarianMTModel(config).eval().save_pretrained(str(out))
    tok.save_pretrained(str(out))
    return out


def _spm_vocab(model: bytes) -> dict[str, int]:
    """Map every piece of a serialized sentencepiece model to its id."""
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model)
    return {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}


def make_request(
    target_lang: str, *, n_en: int = 3, n_ar: int = 3, claims: tuple[ClaimGroup, ...] = (), event_id: str = "e1"
) -> SummaryRequest:
    """A request over one English and one Arabic article made of the first corpus sentences."""
    en = Article("en1", " ".join(CORPUS_EN[:n_en]), outlet="Wire", lang="en")
    ar = Article("ar1", " ".join(CORPUS_AR[:n_ar]), outlet="Daily", lang="ar")
    sentences = tuple(split_sentences(en.text, en.id, "en") + split_sentences(ar.text, ar.id, "ar"))
    return SummaryRequest(event_id, target_lang, (en, ar), sentences, claims)


@pytest.fixture(scope="session", name="tiny_models")
def tiny_models_fixture(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny random models, built once per test session (single-threaded torch: tiny ops)."""
    import torch

    # Two-thread OpenMP on a shared 2-core box makes d_model=32 matmuls ~40x slower.
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("tiny-models")
    return {
        "mt5": build_mt5(root / "mt5"),
        "mt5_b": build_mt5(root / "mt5-b", seed=1),
        "mt5_words": build_mt5(root / "mt5-words", seed=2, added_words=("Zarqawi",)),
        "marian": build_marian(root / "marian"),
        "marian_b": build_marian(root / "marian-b", seed=1),
    }
