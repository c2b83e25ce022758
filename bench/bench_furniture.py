"""The prose filter on blind labels: furniture recall and prose kept, scored leave-outlet-out.

    python bench/bench_furniture.py            # score (each outlet held out of the fit that judges it)
    python bench/bench_furniture.py --train    # fit on all labels and write summarize/data/prose_filter.json
                                               # (the piece model and the word pass on stretch ends)
    python bench/bench_furniture.py --update   # rewrite bench/baselines/furniture.json
    python bench/bench_furniture.py --no-third # the same protocol without the third pass (for comparison)

Data: bench/data/furniture/labels_*.jsonl (every line of dev.jsonl and the seeds, labelled before the filter
existed; see GUIDELINES.md) over ../shared/data/events/dev.jsonl and ../shared/seeds. Scores count
non-space characters: furniture recall = furniture characters left out of the kept text, prose kept = story
characters (prose and headlines) kept; body kept leaves headlines out (the stage keeps one copy of a
repeated headline). Goal (issue 11): recall >= 0.95 at prose kept >= 0.98.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter, defaultdict

import numpy as np

from summarize.clean.features import piece_features, run_counts
from summarize.clean.headline import find_headline
from summarize.clean.prose import Judged, ProseModel, judge_features, kept_spans
from summarize.clean.segments import Piece, pieces
from summarize.clean.stage import clean_article
from summarize.clean.train import Labelled, fit, fit_logistic, gold_mask, piece_label, span_label
from summarize.clean.words import WordTable, ngram_keys, stretch_rows, trim, word_shapes, word_table
from summarize.events.embed import get_embedder
from summarize.ingest.common import host_of
from summarize.model import Article
from summarize.text.tokens import tokens

from _common import REPO, gate, load_jsonl, shared_file

LABELS = REPO / "bench" / "data" / "furniture"
EMBEDDER = get_embedder("use")  # the prose filter's third pass is trained on this embedder's vectors
WEIGHTS = REPO / "summarize" / "data" / "prose_filter.json"
# The threshold is chosen on the training articles, each judged by a filter fit without its outlet (3 folds):
# the highest that keeps this share of their story characters (the goal).
TARGET_PROSE_KEPT = 0.98
THRESHOLD_FOLDS = 3
# The word pass's threshold: the lowest whose cuts lose at most this share of the training folds' story
# characters that the piece filter kept.
EDGE_PROSE_LOSS = 0.007


def load() -> tuple[list[Labelled], dict[str, str]]:
    """Labelled articles (dev.jsonl and the seeds), and each line's gold kind by (article, line)."""
    lines: dict[str, dict[int, list[dict[str, object]]]] = defaultdict(dict)
    kinds: dict[str, str] = {}
    for path in sorted(LABELS.glob("labels_*.jsonl")):
        for rec in load_jsonl(path):
            lines[rec["article"]][rec["line"]] = rec["spans"]
    out = []
    for rec in load_jsonl(shared_file("data", "events", "dev.jsonl")):
        if rec["id"] in lines:
            group = rec.get("outlet") or (host_of(rec["url"]) if rec.get("url") else rec["id"])
            out.append(_labelled(rec["id"], f"dev:{group}", rec["text"], rec["lang"], lines[rec["id"]]))
    seeds = shared_file("seeds")
    manifest = {r["file"]: r for r in load_jsonl(seeds / "manifest.jsonl")}
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        group = manifest.get(path.name, {}).get("outlet") or path.name
        out.append(_labelled(path.name, f"seeds:{group}", text, "ar", lines[path.name]))
    del kinds
    return out, _kinds(out, lines)


def _labelled(aid: str, group: str, text: str, lang: str, lines: dict[int, list[dict[str, object]]]) -> Labelled:
    """A labelled article, with its headline characters marked as well."""
    heads = {n: [s for s in spans if s["label"] == "headline"] for n, spans in lines.items()}
    return Labelled(aid, group, text, lang, gold_mask(text, lines), gold_mask(text, heads) == 0)


def _kinds(articles: list[Labelled], lines: dict[str, dict[int, list[dict[str, object]]]]) -> dict[str, str]:
    """Gold furniture kind of each character, keyed "article:offset" (for the per-kind report)."""
    out = {}
    for a in articles:
        start = 0
        for n, line in enumerate(a.text.split("\n")):
            for span in lines[a.id].get(n, ()):
                if span["label"] == "furniture":
                    for i in range(start + int(span["start"]), start + int(span["end"])):  # type: ignore[call-overload]
                        out[f"{a.id}:{i}"] = str(span.get("kind", "other"))
            start += len(line) + 1
    return out


def runs(articles: list[Labelled]) -> dict[str, Counter[str]]:
    """Piece-text counts per run (dev.jsonl is one run, the seeds another) and per outlet ("outlet:<group>"),
    as the pipeline computes them."""
    by_run: dict[str, list[list[str]]] = defaultdict(list)
    grams: dict[str, list[set[str]]] = defaultdict(list)
    for a in articles:
        spans = [(p.start, p.end) for p in pieces(a.text, a.lang)]
        found = [a.text[s:e] for s, e in spans]
        keys = ngram_keys(word_table(a.text, spans))
        for name in (a.group.split(":")[0], f"outlet:{a.group}"):
            by_run[name].append(found)
            grams[name].append(keys)
    out = {name: run_counts(texts) for name, texts in by_run.items()}
    for name, sets in grams.items():
        for keys in sets:
            out[name].update(keys)
    return out


_CACHE: dict[str, tuple[list[Piece], np.ndarray]] = {}
_COUNTS: dict[str, Counter[str]] = {}


def features_of(a: Labelled, run: Counter[str]) -> tuple[list[Piece], np.ndarray]:
    """An article's pieces and feature rows, computed once per run of the benchmark."""
    if a.id not in _CACHE:
        found = pieces(a.text, a.lang)
        _CACHE[a.id] = (found, piece_features(a.text, a.lang, found, run, a.text.count("\n") + 1, _outlet(a)))
    return _CACHE[a.id]


def probabilities(a: Labelled, model: ProseModel, run: Counter[str], third: bool = True
                  ) -> tuple[list[Piece], np.ndarray]:
    """An article's pieces and their furniture probabilities under `model` (before the threshold), with the
    third pass or (`third` False) as without its embedder."""
    found, x = features_of(a, run)
    texts = [a.text[p.start : p.end] for p in found]
    model = dataclasses.replace(model, threshold=2.0, second_threshold=2.0)  # 2: only the repeated rule
    judged = judge_features(found, x, texts, model, EMBEDDER.encode if third else None)
    return found, np.where(judged.furniture, 1.0, judged.probability)


def kept_mask(a: Labelled, found: list[Piece], prob: np.ndarray, threshold: float) -> np.ndarray:
    """Per character: whether the filter keeps it at `threshold`."""
    mask = np.zeros(len(a.text), dtype=bool)
    judged = Judged(tuple(found), tuple(prob), tuple(bool(p >= threshold) for p in prob))
    for s, e in kept_spans(judged):
        mask[s:e] = True
    return mask


def stage_mask(a: Labelled, model: ProseModel, run: Counter[str]) -> np.ndarray:
    """Per character: whether the clean stage (filter, headline cut, lead trimming) keeps it."""
    found, _ = features_of(a, run)
    article = Article(a.id, a.text, lang=a.lang)
    mask = np.zeros(len(a.text), dtype=bool)
    for s, e in clean_article(article, found, run, model, _outlet(a), embed=EMBEDDER.encode).kept:
        mask[s:e] = True
    return mask


def cross_fitted(articles: list[Labelled], counts: dict[str, Counter[str]], third: bool = True
                 ) -> tuple[dict[str, tuple[list[Piece], np.ndarray]], dict[str, tuple[list[Piece], np.ndarray]]]:
    """Each article's pieces and furniture probabilities from a filter fit without its outlet
    (THRESHOLD_FOLDS folds of `articles`), with all three passes and as without the embedder (two):
    in-sample probabilities would flatter a model with many columns (the third pass), and the thresholds
    and the word pass are chosen on these."""
    groups = sorted({a.group for a in articles})
    three, two = {}, {}
    for k in range(THRESHOLD_FOLDS):
        held = set(groups[k::THRESHOLD_FOLDS])
        inner = _fit([a for a in articles if a.group not in held], counts, third)
        for a in articles:
            if a.group in held:
                three[a.id] = probabilities(a, inner, counts[a.group.split(":")[0]])
                two[a.id] = probabilities(a, inner, counts[a.group.split(":")[0]], third=False)
    return three, two


def choose_threshold(articles: list[Labelled], probs: dict[str, tuple[list[Piece], np.ndarray]]) -> float:
    """The highest-recall threshold that keeps TARGET_PROSE_KEPT of the story characters of `articles`,
    judged by their cross-fitted probabilities (`cross_fitted`)."""
    for t in np.arange(0.2, 0.96, 0.025):
        if score(articles, probs, float(t))["prose_kept"] >= TARGET_PROSE_KEPT:
            return float(t)
    return 0.95


def operating_point(articles: list[Labelled], counts: dict[str, Counter[str]], third: bool = True) -> ProseModel:
    """The filter fit on `articles` with its thresholds (with and without the embedder) and its word pass
    (`third` False: without the third pass)."""
    three, two = cross_fitted(articles, counts, third)
    model = dataclasses.replace(_fit(articles, counts, third), threshold=choose_threshold(articles, three),
                                second_threshold=choose_threshold(articles, two))
    return with_edges(model, articles, counts, three)


def with_edges(model: ProseModel, articles: list[Labelled], counts: dict[str, Counter[str]],
               probs: dict[str, tuple[list[Piece], np.ndarray]]) -> ProseModel:
    """`model` with a word pass fit on the ends of the stretches kept in `articles` (by their cross-fitted
    probabilities at the model's threshold), at the lowest threshold whose cuts lose at most
    EDGE_PROSE_LOSS of the story characters kept before them."""
    rows, labels, stretches = [], [], []
    for a in articles:
        found, prob = probs[a.id]
        table, shape = _words_of(a, found, counts)
        starts = np.array([p.start for p in found], dtype=np.int64)
        for s, e in kept_spans(Judged(tuple(found), tuple(prob), tuple(bool(q >= model.threshold) for q in prob))):
            words, x = stretch_rows(table, shape, s, e, starts, prob)
            y = np.array([span_label(ws, we, a.gold) for ws, we in words])
            stretches.append((a, s, e, words, x))
            rows.append(x[y >= 0])
            labels.append(y[y >= 0])
    edges = fit_logistic(np.vstack(rows), np.concatenate(labels).astype(np.float64))
    probs = [edges.probability(x) for *_, x in stretches]
    story = sum(int((a.gold[s:e] == 0).sum()) for a, s, e, _, _ in stretches)
    for t in 1.0 / (1.0 + np.exp(-np.arange(0.0, 8.01, 0.25))):  # 0.5 to 0.9997, even steps in log-odds
        lost = 0
        for (a, s, e, words, _), p in zip(stretches, probs, strict=True):
            ns, ne = trim(words, p, float(t), s, e)
            lost += int((a.gold[s:e] == 0).sum()) - int((a.gold[ns:ne] == 0).sum())  # ns == ne: all of it
        if lost <= EDGE_PROSE_LOSS * story:
            return dataclasses.replace(model, edges=edges, edge_threshold=float(t))
    return dataclasses.replace(model, edges=edges, edge_threshold=0.9999)


_WORDS: dict[str, tuple[WordTable, np.ndarray]] = {}


def _words_of(a: Labelled, found: list[Piece], counts: dict[str, Counter[str]]) -> tuple[WordTable, np.ndarray]:
    """The article's word table and word shapes (run-wide counts, so the same in every fold)."""
    if a.id not in _WORDS:
        table = word_table(a.text, [(p.start, p.end) for p in found])
        _WORDS[a.id] = (table, word_shapes(table, a.lang, counts[a.group.split(":")[0]], _outlet(a)))
    return _WORDS[a.id]


def _outlet(a: Labelled) -> Counter[str]:
    """The n-gram and piece counts of the article's outlet (empty when the article is its own group)."""
    return _COUNTS.get(f"outlet:{a.group}", Counter()) if a.group.split(":", 1)[1] != a.id else Counter()


def score(articles: list[Labelled], probs: dict[str, tuple[list[Piece], np.ndarray]],
          threshold: float | dict[str, float], kinds: dict[str, str] | None = None, lost: list[str] | None = None,
          stage: dict[str, ProseModel] | None = None, counts: dict[str, Counter[str]] | None = None,
          ) -> dict[str, float]:
    """Character-level furniture recall and prose kept (optionally by kind, and the prose dropped).

    With `stage` (a model per article) the whole clean stage is scored (headline cuts and lead trimming
    included), else the filter's verdicts at `threshold` alone."""
    furn = prose = furn_out = prose_in = body = body_in = 0
    by_kind: Counter[str] = Counter()
    kind_out: Counter[str] = Counter()
    for a in articles:
        if stage is not None and counts is not None:
            kept = stage_mask(a, stage[a.id], counts[a.group.split(":")[0]])
        else:
            t = threshold if isinstance(threshold, float) else threshold[a.id]
            kept = kept_mask(a, *probs[a.id], t)
        furn += int((a.gold == 1).sum())
        prose += int((a.gold == 0).sum())
        furn_out += int(((a.gold == 1) & ~kept).sum())
        prose_in += int(((a.gold == 0) & kept).sum())
        body += int(((a.gold == 0) & ~a.headline).sum())
        body_in += int(((a.gold == 0) & ~a.headline & kept).sum())
        if kinds is not None:
            for i in np.flatnonzero(a.gold == 1):
                kind = kinds.get(f"{a.id}:{i}", "other")
                by_kind[kind] += 1
                kind_out[kind] += int(not kept[i])
        if lost is not None:
            lost += _runs(a.text, (a.gold == 0) & ~kept, a.id)
    out = {"furniture_recall": round(furn_out / max(1, furn), 4), "prose_kept": round(prose_in / max(1, prose), 4),
           "body_kept": round(body_in / max(1, body), 4)}
    out.update({f"recall_{k}": round(kind_out[k] / by_kind[k], 3) for k in sorted(by_kind)})
    return out


def headlines(articles: list[Labelled], probs: dict[str, tuple[list[Piece], np.ndarray]],
              thresholds: dict[str, float], show: int) -> dict[str, float]:
    """Headline found: right (it is most of a gold headline span), wrong (not a headline), or missed."""
    right = wrong = missed = none_ok = 0
    for a in articles:
        found, prob = probs[a.id]
        furniture = [bool(p >= thresholds[a.id]) for p in prob]
        kept = kept_spans(Judged(tuple(found), tuple(prob), tuple(furniture)))
        got = find_headline(a.text, None, kept, [p.start for p in found])
        gold = _gold_headlines(a)
        if not gold:
            none_ok += got is None
            wrong += got is not None
        elif got is None:
            missed += 1
        elif any(_overlap(got, g) >= 0.8 for g in gold):
            right += 1
        else:
            wrong += 1
            if show:
                print(f"  headline {a.id}: {got[:90]!r} (gold {gold[0][:60]!r})")
    return {"headline_right": right, "headline_wrong": wrong, "headline_missed": missed,
            "headline_none_right": none_ok, "headline_precision": round(right / max(1, right + wrong), 3)}


def _gold_headlines(a: Labelled) -> list[str]:
    """The article's gold headline spans (whole text of each)."""
    mask = a.headline
    out, i = [], 0
    while i < len(mask):
        if mask[i]:
            j = i
            while j < len(mask) and (mask[j] or (a.text[j] == " " and j + 1 < len(mask) and mask[j + 1])):
                j += 1
            out.append(a.text[i:j].strip())
            i = j
        else:
            i += 1
    return [o for o in out if o]


def _overlap(got: str, gold: str) -> float:
    """Share of the found headline's words that are in the gold one, and of the gold's in the found (the less)."""
    a, b = set(tokens(got)), set(tokens(gold))
    return min(len(a & b) / max(1, len(a)), len(a & b) / max(1, len(b)))


def _runs(text: str, mask: np.ndarray, aid: str) -> list[str]:
    """The stretches of `text` where `mask` holds, quoted with their article."""
    out, i = [], 0
    while i < len(mask):
        if mask[i]:
            j = i
            while j < len(mask) and (mask[j] or text[j].isspace()):
                j += 1
            out.append(f"{aid}: {text[i:j].strip()[:160]}")
            i = j
        else:
            i += 1
    return out


def main() -> int:
    """Score leave-outlet-out, or train the shipped filter."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", action="store_true", help="fit on every label and write the shipped weights")
    ap.add_argument("--update", action="store_true", help="rewrite the baseline")
    ap.add_argument("--show", type=int, default=12, help="how many wrongly dropped prose stretches to print")
    ap.add_argument("--no-third", action="store_true",
                    help="score the filter without its third pass (embeddings), for comparison; not with --train")
    args = ap.parse_args()
    if args.no_third and (args.train or args.update):
        ap.error("--no-third is for comparison only: not with --train or --update")

    articles, kinds = load()
    counts = runs(articles)
    _COUNTS.update(counts)
    if args.train:
        model = operating_point(articles, counts)
        model.save(WEIGHTS)
        print(f"wrote {WEIGHTS.relative_to(REPO)} (threshold {model.threshold:.3f})")
    probs, thresholds, fold_models = {}, {}, {}
    for group in sorted({a.group for a in articles}):
        train = [a for a in articles if a.group != group]
        model = operating_point(train, counts, not args.no_third)
        for a in articles:
            if a.group == group:
                probs[a.id] = probabilities(a, model, counts[a.group.split(":")[0]])
                thresholds[a.id] = model.threshold
                fold_models[a.id] = model
    lost: list[str] = []
    figures = score(articles, probs, thresholds, kinds, lost, fold_models, counts)
    figures.update(headlines(articles, probs, thresholds, args.show))
    figures["groups"] = len({a.group for a in articles})
    print(f"{len(articles)} articles, {figures['groups']} outlets, each scored by a filter fit without its outlet")
    print(f"prose wrongly dropped ({len(lost)} stretches):")
    for text in lost[: args.show]:
        print(f"  {text}")
    return gate("furniture", figures, {"furniture_recall": ("min", 0.01), "prose_kept": ("min", 0.005)}, args.update)


def _fit(articles: list[Labelled], counts: dict[str, Counter[str]], third: bool = True) -> ProseModel:
    """The piece passes fit on `articles` (the third, unless `third` is False, with the embedder's vectors of
    their pieces)."""
    data = _with_runs(articles, counts)
    if not third:
        return fit(data)
    return fit(data, vectors=[EMBEDDER.encode(texts) for *_, texts in data], embedder=EMBEDDER.name)


def _with_runs(articles: list[Labelled], counts: dict[str, Counter[str]]
               ) -> list[tuple[list[Piece], np.ndarray, np.ndarray, list[str]]]:
    """(pieces, feature rows, labels) of each article, features computed with its own run's counts."""
    out = []
    for a in articles:
        found, x = features_of(a, counts[a.group.split(":")[0]])
        out.append((found, x, np.array([piece_label(p, a.gold) for p in found], dtype=np.float64),
                    [a.text[p.start : p.end] for p in found]))
    return [o for o in out if len(o[0])]


if __name__ == "__main__":
    sys.exit(main())
