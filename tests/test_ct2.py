"""ct2 backend on tiny random MT5 models: cached conversion, same outputs as hf, language control."""

from __future__ import annotations

import os
from pathlib import Path

from summarize.summary.backends.ct2 import CT2Summarizer, convert, converted_dir, load_ct2
from summarize.summary.backends.generate import GenParams
from summarize.summary.backends.hf import HFSummarizer, load_hf, resolve_model
from summarize.summary.gencache import GenCache

from tiny_models import CORPUS_EN, make_request, tiny_models_fixture  # noqa: F401

PARAMS = GenParams(max_new_tokens=12)


def test_conversion_is_cached_by_model_and_revision(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    """Converting twice reuses the first result; a changed model directory converts anew."""
    model = tmp_path / "model"
    model.mkdir()
    for f in tiny_models["mt5"].iterdir():
        (model / f.name).write_bytes(f.read_bytes())
    first = convert(resolve_model(str(model)), tmp_path / "cache")
    stamp = (first / "model.bin").stat().st_mtime_ns
    assert convert(resolve_model(str(model)), tmp_path / "cache") == first
    assert (first / "model.bin").stat().st_mtime_ns == stamp
    assert first.name.endswith("--int8") and resolve_model(str(model)).revision in first.name
    os.utime(model / "config.json", ns=(1, 1))
    second = convert(resolve_model(str(model)), tmp_path / "cache")
    assert second != first and (second / "model.bin").is_file()
    assert [p.name for p in (tmp_path / "cache" / "ct2").iterdir() if "." in p.name.split("--")[-1]] == []


def test_float32_conversion_reproduces_hf_exactly(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    """Without quantization, ct2 decodes the very tokens hf decodes: tokenization and decoding agree."""
    requests = [make_request("ar"), make_request("en", n_en=5)]
    hf = HFSummarizer(str(tiny_models["mt5"]), params=PARAMS, device="cpu").summarize(requests)
    ct2 = CT2Summarizer(str(tiny_models["mt5"]), cache_dir=tmp_path, params=PARAMS,
                        quantization="float32").summarize(requests)
    assert ct2 == hf and all(s.method == "generated" for s in ct2)


def test_int8_backend_generates_batched_and_is_cached_apart(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    """int8 runs the same interface; its outputs are cached under a key distinct from hf's."""
    cache = GenCache(tmp_path / "gen.sqlite3")
    requests = [make_request("ar", n_ar=i + 1, event_id=f"e{i}") for i in range(5)]
    summarizer = CT2Summarizer(str(tiny_models["mt5"]), cache_dir=tmp_path, cache=cache, params=PARAMS, batch_size=2)
    out = summarizer.summarize(requests)
    assert summarizer.name.startswith("ct2:") and [s.lang for s in out] == ["ar"] * 5
    assert len(cache) == 5 and cache.misses == 5
    again = CT2Summarizer(str(tiny_models["mt5"]), cache_dir=tmp_path, cache=cache, params=PARAMS)
    assert again.summarize(requests) == out and cache.hits == 5
    HFSummarizer(str(tiny_models["mt5"]), cache=cache, params=PARAMS, device="cpu").summarize(requests[:1])
    assert len(cache) == 6


def test_forced_first_token_becomes_target_prefix(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    """The mBART/NLLB-style language token is forced in ct2 as in hf."""
    text = CORPUS_EN[0]
    ct2 = load_ct2(str(tiny_models["mt5_words"]), tmp_path, None, True, 512, 0, "float32")
    hf = load_hf(str(tiny_models["mt5_words"]), None, True, "cpu")
    [c] = ct2.generate([text], PARAMS, "Zarqawi")
    [h] = hf.generate([text], PARAMS, "Zarqawi")
    assert c.startswith("Zarqawi") and c == h


def test_converted_dir_depends_on_quantization(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    """int8 and float32 conversions of one model never share a directory."""
    resolved = resolve_model(str(tiny_models["mt5"]))
    assert converted_dir(resolved, tmp_path, "int8") != converted_dir(resolved, tmp_path, "float32")
