"""hf backend on tiny random MT5 models: prompts, routing, batching, chunking, cache, guard."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from summarize.model import ClaimGroup, Statement, Summary, SummarySentence
from summarize.summary.backends.base import SummarizerUnavailable
from summarize.summary.backends.generate import Generator, GenParams, Seq2SeqSummarizer, source_units, split_output
from summarize.summary.backends.hf import HFSummarizer, load_hf
from summarize.summary.backends.presets import parse_model_spec
from summarize.summary.gencache import GenCache
from summarize.summary.guard import guard_summary
from summarize.summary.prompts import load_prompt

from tiny_models import CORPUS_AR, CORPUS_EN, make_request, tiny_models_fixture  # noqa: F401

PARAMS = GenParams(max_new_tokens=12)


class Recording:
    """Wraps a real generator and records the batches it is asked to generate."""

    def __init__(self, inner: Generator) -> None:
        """Wrap `inner`."""
        self.inner = inner
        self.backend, self.model, self.revision = inner.backend, inner.model, inner.revision
        self.family, self.max_input_tokens = inner.family, inner.max_input_tokens
        self.batches: list[list[str]] = []

    def count_tokens(self, text: str) -> int:
        """Delegate."""
        return self.inner.count_tokens(text)

    def generate(self, texts: Sequence[str], params: GenParams, bos_token: str | None) -> list[str]:
        """Record, then delegate."""
        self.batches.append(list(texts))
        return self.inner.generate(texts, params, bos_token)


def recording_summarizer(
    model_dir: Path, *, batch_size: int = 8, max_input_tokens: int = 512, cache: GenCache | None = None
) -> tuple[Seq2SeqSummarizer, Recording]:
    """A Seq2SeqSummarizer over a recorded real hf generator."""
    rec = Recording(load_hf(str(model_dir), None, True, "cpu", max_input_tokens))
    spec = parse_model_spec(str(model_dir))
    summarizer = Seq2SeqSummarizer("hf:test", spec, lambda _m: rec, params=PARAMS, cache=cache, batch_size=batch_size)
    return summarizer, rec


def direct_generate(model_dir: Path, texts: list[str], max_new_tokens: int = 12) -> list[str]:
    """Reference output straight from transformers, one input at a time."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    net = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir)).eval()
    outs = []
    for text in texts:
        ids = tok(text, return_tensors="pt")
        out = net.generate(**ids, max_new_tokens=max_new_tokens, do_sample=False, no_repeat_ngram_size=3)
        outs.append(tok.decode(out[0], skip_special_tokens=True).strip())
    return outs


def test_prompt_is_rendered_per_target_language(tiny_models: dict[str, Path]) -> None:
    """mt0-style models get summarize.<lang>.txt around the source text, best claim first."""
    summarizer = HFSummarizer(str(tiny_models["mt5"]), params=PARAMS, device="cpu")
    for lang in ("ar", "en"):
        route, _gen, inputs, sha = summarizer.build_inputs(make_request(lang))
        template = (Path(__file__).parents[1] / "prompts" / f"summarize.{lang}.txt").read_text(encoding="utf-8")
        head = template.split("{text}")[0]
        assert route.control == "prompt" and len(inputs) == 1
        assert inputs[0].startswith(head) and CORPUS_EN[0] in inputs[0] and CORPUS_AR[0] in inputs[0]
        assert sha == load_prompt("summarize", lang).sha256
    assert summarizer.build_inputs(make_request("ar"))[3] != summarizer.build_inputs(make_request("en"))[3]


def test_output_matches_plain_transformers(tiny_models: dict[str, Path]) -> None:
    """The summary text is exactly what transformers generates for the rendered input."""
    summarizer = HFSummarizer(str(tiny_models["mt5"]), params=PARAMS, device="cpu")
    request = make_request("en")
    [summary] = summarizer.summarize([request])
    expected = split_output(direct_generate(tiny_models["mt5"], summarizer.build_inputs(request)[2])[0], "en", "e1")
    assert summary.method == "generated" and summary.sentences == expected
    assert all(s.sources == () for s in summary.sentences)
    assert summarizer.name == f"hf:{tiny_models['mt5']}"


def test_batches_group_requests_and_keep_order(tiny_models: dict[str, Path]) -> None:
    """Ten requests go out in batches of four; results match unbatched generation, in order."""
    requests = [make_request("en" if i % 2 else "ar", n_en=1 + i % 4, n_ar=1 + i % 3, event_id=f"e{i}")
                for i in range(10)]
    batched, rec = recording_summarizer(tiny_models["mt5"], batch_size=4)
    single, _ = recording_summarizer(tiny_models["mt5"], batch_size=1)
    out = batched.summarize(requests)
    assert [len(b) for b in rec.batches] == [4, 4, 2]
    assert out == single.summarize(requests)
    assert [s.lang for s in out] == [r.target_lang for r in requests]


def test_long_event_is_chunked_truncated_and_merged(tiny_models: dict[str, Path]) -> None:
    """An event over the input limit is split into chunks within the limit, then merged."""
    summarizer, rec = recording_summarizer(tiny_models["mt5"], max_input_tokens=160)
    request = make_request("en", n_en=12, n_ar=12)
    _route, gen, inputs, _sha = summarizer.build_inputs(request)
    assert 1 < len(inputs) <= 4
    assert all(gen.count_tokens(text) <= 160 for text in inputs)
    [summary] = summarizer.summarize([request])
    first, merge = rec.batches
    assert sorted(first) == sorted(inputs) and len(merge) == 1
    assert merge[0].startswith(load_prompt("merge", "en").template.split("{text}")[0])
    assert summary.method in ("generated", "unavailable")


def test_over_long_sentence_is_cut_to_the_budget(tiny_models: dict[str, Path]) -> None:
    """A single sentence longer than the whole input budget is cut, not dropped or overflowing."""
    summarizer, _ = recording_summarizer(tiny_models["mt5"], max_input_tokens=120)
    request = make_request("en", n_en=0, n_ar=0)
    long = " ".join(CORPUS_EN * 3)
    request = type(request)("e1", "en", request.articles, (), (group("c1", long),))
    _route, gen, inputs, _ = summarizer.build_inputs(request)
    assert len(inputs) == 1 and gen.count_tokens(inputs[0]) <= 120 and inputs[0].count("Syrian") == 1


def group(gid: str, *texts: str, status: str = "single_source", score: float = 0.0) -> ClaimGroup:
    """A claim group with one statement per text."""
    statements = tuple(Statement(t, "en", (f"s{i}",), side=i) for i, t in enumerate(texts))
    return ClaimGroup(gid, status, statements, score=score)  # type: ignore[arg-type]


def test_ranked_claims_come_first_with_every_side_of_a_dispute() -> None:
    """Best-scored claims lead the input; disputed claims contribute all sides; no duplicates."""
    claims = (group("low", CORPUS_EN[5], score=0.1),
              group("top", CORPUS_EN[0], CORPUS_EN[1], status="disputed", score=0.9))
    units = source_units(make_request("en", n_en=6, claims=claims))
    assert units[:3] == [CORPUS_EN[0], CORPUS_EN[1], CORPUS_EN[5]]
    assert len(units) == len(set(units)) == 6 + 3


def test_cache_hit_skips_generation(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    """A second run with the same model, prompt, input and parameters generates nothing."""
    cache = GenCache(tmp_path / "gen.sqlite3")
    first, rec1 = recording_summarizer(tiny_models["mt5"], cache=cache)
    out1 = first.summarize([make_request("ar"), make_request("en")])
    second, rec2 = recording_summarizer(tiny_models["mt5"], cache=GenCache(tmp_path / "gen.sqlite3"))
    assert second.summarize([make_request("ar"), make_request("en")]) == out1
    assert len(rec1.batches) == 1 and rec2.batches == []
    third, rec3 = recording_summarizer(tiny_models["mt5"], cache=cache)
    third.params = GenParams(max_new_tokens=13)
    third.summarize([make_request("ar")])
    assert len(rec3.batches) == 1


def test_one_model_per_target_language(tiny_models: dict[str, Path]) -> None:
    """`ar=DIR,en=DIR` routes each language to its own model, with no prompt (CrossSum style)."""
    a, b = tiny_models["mt5"], tiny_models["mt5_b"]
    summarizer = HFSummarizer(f"ar={a},en={b}", params=PARAMS, device="cpu")
    requests = [make_request("ar"), make_request("en")]
    out = summarizer.summarize(requests)
    for request, summary, model in zip(requests, out, (a, b), strict=True):
        route, _gen, inputs, sha = summarizer.build_inputs(request)
        assert route.control == "target_model" and route.model == str(model) and sha == ""
        assert summary.sentences == split_output(direct_generate(model, inputs)[0], request.target_lang, "e1")
    assert out[0].sentences != out[1].sentences


def test_forced_first_token_and_guard_remove_invented_name(tiny_models: dict[str, Path]) -> None:
    """A forced first token (the mBART/NLLB language-code path) reaches the output; the guard drops the name."""
    gen = load_hf(str(tiny_models["mt5_words"]), None, True, "cpu")
    request = make_request("en")
    [text] = gen.generate([request.sentences[0].text], PARAMS, "Zarqawi")
    assert text.startswith("Zarqawi")
    summary = Summary("en", "generated", (SummarySentence(text, ()), SummarySentence(CORPUS_EN[0], ())))
    guarded, removed = guard_summary(summary, [a.text for a in request.articles])
    assert [s.text for s in guarded.sentences] == [CORPUS_EN[0]]
    assert len(removed) == 1 and any("Zarqawi" in v for v in removed[0].violations)
    with pytest.raises(LookupError):
        gen.bos_id("__no_such_token__")


def test_missing_model_is_unavailable_with_a_hint(tmp_path: Path) -> None:
    """A missing directory or an uncached hub id fails fast, saying how to fix it."""
    with pytest.raises(SummarizerUnavailable, match="does not exist"):
        HFSummarizer(str(tmp_path / "nope")).load()
    with pytest.raises(SummarizerUnavailable, match="models fetch"):
        HFSummarizer("example-org/not-a-cached-model").load()
    (tmp_path / "empty").mkdir()
    with pytest.raises(SummarizerUnavailable, match=r"config\.json"):
        HFSummarizer(str(tmp_path / "empty")).load()


def test_accelerate_offloads_a_model_larger_than_its_memory_budget(tiny_models: dict[str, Path],
                                                                     tmp_path: Path) -> None:
    """device_map="auto" with a memory budget smaller than the model: layers go to disk, outputs stay the same."""
    from summarize.summary.backends.hf import HFGenerator, resolve_model

    resolved = resolve_model(str(tiny_models["mt5"]))
    whole = HFGenerator(resolved, device="cpu")
    offloaded = HFGenerator(resolved, device="auto", max_memory={"cpu": "150KB"}, offload_dir=tmp_path / "off")
    assert set(offloaded.placement.values()) == {"cpu", "disk"} and whole.placement == {"": "cpu"}
    texts = [CORPUS_EN[0], CORPUS_AR[0]]
    assert offloaded.generate(texts, PARAMS, None) == whole.generate(texts, PARAMS, None)


class RunsOutOfMemory(Recording):
    """A real generator on a machine whose allocator fails for batches larger than two."""

    def generate(self, texts: Sequence[str], params: GenParams, bos_token: str | None) -> list[str]:
        """Fail like torch's CPU allocator does for a batch that does not fit."""
        self.batches.append(list(texts))
        if len(texts) > 2:
            raise RuntimeError("DefaultCPUAllocator: can't allocate memory: you tried to allocate 1 bytes.")
        return self.inner.generate(texts, params, bos_token)


def test_batches_shrink_when_memory_runs_out(tiny_models: dict[str, Path]) -> None:
    """accelerate's batch-size backoff: 8 fails, 4 fails, 2 works; every output still comes back, in order."""
    from summarize.summary.backends.generate import generate_cached

    gen = RunsOutOfMemory(load_hf(str(tiny_models["mt5"]), None, True, "cpu", 512))
    texts = [f"{CORPUS_EN[i % len(CORPUS_EN)]} {i}" for i in range(6)]
    outs = generate_cached(gen, [(t, "") for t in texts], None, PARAMS, None, batch_size=8)
    assert [len(b) for b in gen.batches] == [6, 4, 2, 2, 2]
    assert outs == [gen.inner.generate([t], PARAMS, None)[0] for t in texts]
