"""Model input assembly (best-ranked claims first, within the token budget), chunking,
merging, and the generation loop shared by the hf and ct2 backends.

An event whose units do not fit one model input is split into up to
`max_chunks` chunks; each chunk is summarized, and the chunk summaries are
summarized again with the `merge` prompt. Units beyond `max_chunks` chunks are
the lowest-ranked and are dropped (logged).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from summarize.model import Summary, SummarySentence
from summarize.summary.backends.base import SummaryRequest
from summarize.summary.backends.presets import Family, ModelSpec, Route, route
from summarize.summary.gencache import GenCache, Scalar, cache_key
from summarize.summary.prompts import Prompt, load_prompt
from summarize.text.normalize import match_key
from summarize.text.sentences import split_sentences

log = logging.getLogger(__name__)

# Four chunks of 512 tokens hold ~60 news sentences: more than the ranked
# claims of any event in the seed data; the tail beyond that is low-ranked.
MAX_CHUNKS = 4


@dataclass(frozen=True, slots=True)
class GenParams:
    """Generation parameters; all of them are part of the cache key."""

    max_new_tokens: int = 96
    min_new_tokens: int = 0
    num_beams: int = 1
    no_repeat_ngram_size: int = 3
    repetition_penalty: float = 1.0
    length_penalty: float = 1.0

    def as_dict(self) -> dict[str, Scalar]:
        """Plain dict for cache keys and logs."""
        return dict(asdict(self))


class Generator(Protocol):
    """A loaded seq2seq model that turns input strings into output strings."""

    backend: str
    model: str
    revision: str
    family: Family
    max_input_tokens: int

    def count_tokens(self, text: str) -> int:
        """Number of model input tokens for `text`, special tokens included."""
        ...

    def generate(self, texts: Sequence[str], params: GenParams, bos_token: str | None) -> list[str]:
        """Generate one output per input (inputs beyond the limit are truncated)."""
        ...


def source_units(request: SummaryRequest) -> list[str]:
    """Texts to summarize, best first: ranked claims (every side of a dispute), then sentences."""
    units: list[str] = []
    seen: set[str] = set()
    groups = sorted(request.claims, key=lambda g: -g.score)
    texts = [s.text for g in groups for s in (g.statements if g.status == "disputed" else g.statements[:1])]
    for text in texts + [s.text for s in request.sentences]:
        key = match_key(text)
        if key and key not in seen:
            seen.add(key)
            units.append(" ".join(text.split()))
    return units


def _fit(unit: str, count: Callable[[str], int], budget: int) -> str:
    """Cut an over-long unit at a word boundary so it fits `budget` tokens."""
    words = unit.split()
    while len(words) > 1 and count(" ".join(words)) > budget:
        words = words[: max(1, len(words) * 3 // 4)]
    return " ".join(words)


def pack_chunks(
    units: Sequence[str], count: Callable[[str], int], budget: int, max_chunks: int = MAX_CHUNKS
) -> list[list[str]]:
    """Greedily pack units, in rank order, into at most `max_chunks` chunks of `budget` tokens."""
    chunks: list[list[str]] = [[]]
    for i, unit in enumerate(units):
        unit = _fit(unit, count, budget)
        if chunks[-1] and count("\n".join([*chunks[-1], unit])) > budget:
            if len(chunks) == max_chunks:
                log.info("input budget full: %d lower-ranked units dropped", len(units) - i)
                break
            chunks.append([])
        chunks[-1].append(unit)
    return [c for c in chunks if c]


def split_output(text: str, lang: str, event_id: str) -> tuple[SummarySentence, ...]:
    """Split generated text into summary sentences without sources, dropping repeats."""
    seen: set[str] = set()
    out: list[SummarySentence] = []
    for sent in split_sentences(text, event_id, lang):
        key = match_key(sent.text)
        if key and key not in seen:
            seen.add(key)
            out.append(SummarySentence(sent.text, ()))
    return tuple(out)


@dataclass(slots=True)
class _Job:
    """One request in flight: its route, chunk inputs, and results so far."""

    index: int
    request: SummaryRequest
    route: Route
    generator: Generator
    inputs: list[str]
    prompt_sha: str
    outputs: list[str]
    error: str | None = None


class Seq2SeqSummarizer:
    """Summarize events with a seq2seq `Generator` (hf or ct2), batched and cached."""

    def __init__(
        self, name: str, spec: ModelSpec, load: Callable[[str], Generator], *, params: GenParams | None = None,
        cache: GenCache | None = None, prompts_dir: Path | None = None, batch_size: int = 8,
        max_chunks: int = MAX_CHUNKS,
    ) -> None:
        """`load(model_id_or_dir)` returns a (cached) Generator; nothing is loaded here."""
        self.name = name
        self.spec = spec
        self._load = load
        self.params = params or GenParams()
        self.cache = cache
        self.prompts_dir = prompts_dir
        self.batch_size = batch_size
        self.max_chunks = max_chunks

    def load(self) -> None:
        """Load every model the spec needs now (raises SummarizerUnavailable)."""
        for model in self.spec.model_ids():
            self._load(model)

    def route_for(self, target_lang: str) -> tuple[Route, Generator]:
        """Route and loaded generator for one target language."""
        model = self.spec.models.get(target_lang) or self.spec.models.get("*")
        if model is None:
            raise LookupError(f"model {self.spec.label!r} cannot write {target_lang!r}")
        gen = self._load(model)
        return route(self.spec, target_lang, self.spec.family or gen.family), gen

    def prompt(self, r: Route, task: str, lang: str) -> Prompt | None:
        """The template for a prompted route, else None."""
        return load_prompt(task, lang, self.prompts_dir) if r.control == "prompt" else None

    def build_inputs(self, request: SummaryRequest) -> tuple[Route, Generator, list[str], str]:
        """Route, generator, rendered chunk inputs, and prompt hash for one request."""
        r, gen = self.route_for(request.target_lang)
        prompt = self.prompt(r, "summarize", request.target_lang)
        overhead = gen.count_tokens(prompt.overhead()) if prompt else gen.count_tokens("")
        budget = max(16, gen.max_input_tokens - overhead)
        chunks = pack_chunks(source_units(request), gen.count_tokens, budget, self.max_chunks)
        texts = ["\n".join(c) for c in chunks]
        rendered = [prompt.render(t) for t in texts] if prompt else texts
        return r, gen, rendered, prompt.sha256 if prompt else ""

    def summarize(self, requests: Sequence[SummaryRequest]) -> list[Summary]:
        """One generated Summary per request; a failing request becomes `unavailable`."""
        jobs: list[_Job] = []
        results: list[Summary | None] = [None] * len(requests)
        for i, req in enumerate(requests):
            try:
                r, gen, inputs, sha = self.build_inputs(req)
            except LookupError as exc:
                results[i] = Summary(req.target_lang, "unavailable", (), str(exc))
                continue
            if not inputs:
                results[i] = Summary(req.target_lang, "unavailable", (), "no source text to summarize")
                continue
            jobs.append(_Job(i, req, r, gen, inputs, sha, []))
        self._run([(j, j.inputs, j.prompt_sha) for j in jobs])
        self._merge([j for j in jobs if len(j.inputs) > 1 and j.error is None])
        for j in jobs:
            results[j.index] = self._finish(j)
        return [s for s in results if s is not None]

    def _merge(self, jobs: list[_Job]) -> None:
        """Summarize the chunk summaries of multi-chunk jobs into one text."""
        work: list[tuple[_Job, list[str], str]] = []
        for j in jobs:
            prompt = self.prompt(j.route, "merge", j.request.target_lang)
            joined = "\n".join(o.strip() for o in j.outputs if o.strip())
            work.append((j, [prompt.render(joined) if prompt else joined], prompt.sha256 if prompt else ""))
        for j, _, _ in work:
            j.outputs = []
        self._run(work)

    def _finish(self, job: _Job) -> Summary:
        """Turn a job's final output into a Summary."""
        lang = job.request.target_lang
        if job.error is not None:
            return Summary(lang, "unavailable", (), job.error)
        sentences = split_output(" ".join(job.outputs), lang, job.request.event_id)
        if not sentences:
            return Summary(lang, "unavailable", (), "the model generated no text")
        return Summary(lang, "generated", sentences)

    def _run(self, work: Sequence[tuple[_Job, list[str], str]]) -> None:
        """Generate every input of `work`, grouped by model and steering, via the cache."""
        groups: dict[tuple[int, str | None], list[tuple[_Job, str, str]]] = {}
        for job, inputs, sha in work:
            for text in inputs:
                groups.setdefault((id(job.generator), job.route.bos_token), []).append((job, text, sha))
        for (_, bos), items in groups.items():
            gen = items[0][0].generator
            try:
                outs = generate_cached(gen, [(t, s) for _, t, s in items], bos, self.params,
                                       self.cache, self.batch_size)
            except Exception as exc:  # one failing batch must not kill the brief
                log.warning("generation failed on %s: %s", gen.model, exc)
                for job, _, _ in items:
                    job.error = f"generation failed: {exc}"
                continue
            for (job, _, _), out in zip(items, outs, strict=True):
                job.outputs.append(out)



def generate_cached(
    gen: Generator, items: Sequence[tuple[str, str]], bos: str | None, params: GenParams,
    cache: GenCache | None, batch_size: int,
) -> list[str]:
    """Outputs for (input, prompt hash) pairs: cache hits first, misses in length-sorted batches
    that shrink when memory runs out."""
    key_params = params.as_dict() | {"bos": bos or ""}
    keys = [cache_key(backend=gen.backend, model=gen.model, revision=gen.revision, prompt_sha256=sha,
                      input_text=text, params=key_params) for text, sha in items]
    outs: list[str | None] = [cache.get(k) if cache is not None else None for k in keys]

    def run(size: int) -> None:
        """Generate the missing outputs in length-sorted batches of `size` (kept across retries)."""
        todo = sorted((i for i, o in enumerate(outs) if o is None), key=lambda i: len(items[i][0]))
        for start in range(0, len(todo), size):
            batch = todo[start:start + size]
            for i, text in zip(batch, gen.generate([items[i][0] for i in batch], params, bos), strict=True):
                outs[i] = text
                if cache is not None:
                    cache.put(keys[i], text, {"model": gen.model, "backend": gen.backend})

    # accelerate retries with a smaller batch when the device (or the CPU allocator) runs out of memory;
    # halving finds a size that fits in a few tries (its default takes 10% off each time)
    from accelerate.utils import find_executable_batch_size

    size = [max(1, batch_size)]

    def halve() -> int:
        """The next batch size to try."""
        size[0] //= 2
        return size[0]

    find_executable_batch_size(run, starting_batch_size=size[0], reduce_batch_size_fn=halve)()
    return [o or "" for o in outs]
