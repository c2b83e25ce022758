"""Clean stage: each article's story text (sentences trimmed of page furniture) and its headline.

Runs over the whole set of articles because repetition across pages of a run is
one of the strongest signs of furniture (`prose`). Nothing is deleted from
`Article.text`: downstream stages read only the kept stretches, and the brief
counts what was left out per source.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from summarize.clean.features import piece_features, run_counts
from summarize.clean.headline import find_headline
from summarize.clean.prose import Embed, ProseModel, dropped_chars, judge_features, kept_spans, shipped_model
from summarize.clean.segments import Piece, pieces
from summarize.clean.words import WordTable, ngram_keys, stretch_rows, trim, word_shapes, word_table
from summarize.model import Article, Cleaned, Embedder
from summarize.text.lexicons import is_reporting
from summarize.text.normalize import ARABIC_CHAR, match_key
from summarize.text.tokens import tokens, word_spans

# Text glued before a headline with fewer words than this is a section or site name, not story text.
GLUED_MIN_WORDS = 8
# A lead of at most this many words before a reporting verb may be furniture glued to the sentence;
# at least MIN_REST_WORDS words must follow for the rest to be a sentence.
LEAD_MAX_WORDS = 6
MIN_REST_WORDS = 5
# A dateline: a place in capitals, optionally an agency in brackets, then a dash or colon ("PORT ELM (Wire) -"),
# or a few words and an agency in brackets before one ("بغداد ( رويترز ) -"), or the bracket and dash alone
# (what is left when the word pass has cut the place off).
_DATELINE = re.compile(r"(?:[A-Z][A-Z.]+\s+){0,4}[A-Z][A-Z.]+\s*(?:\([^()]{1,40}\)\s*)?[-–—:]\s+"
                       r"|[^\s()|:.،,]+(?:\s+[^\s()|:.،,]+){0,4}\s*\([^()]{1,40}\)\s*[-–—:]\s+"
                       r"|\([^()]{1,40}\)\s*[-–—]\s+")
_SEPARATOR = re.compile(r"[|:()\[\]@/]|\s[-–—]\s?")


def clean_articles(articles: Sequence[Article], embedder: Embedder | None = None
                   ) -> tuple[list[Article], dict[str, Cleaned]]:
    """Articles with their headline as `title` where they had none, and each one's cleaned text.

    `embedder` serves the prose filter's third pass when it is the one the filter was trained with."""
    model = shipped_model()
    embed = embedder.encode if embedder is not None and embedder.name == model.embedder else None
    found = {a.id: pieces(a.text, a.lang) for a in articles}
    run = run_counts([[a.text[p.start : p.end] for p in found[a.id]] for a in articles])
    tables = {a.id: word_table(a.text, [(p.start, p.end) for p in found[a.id]]) for a in articles}
    grams = {aid: ngram_keys(table) for aid, table in tables.items()}
    for keys in grams.values():
        run.update(keys)
    per_outlet = outlet_counts(articles, found, grams)
    out: list[Article] = []
    cleaned: dict[str, Cleaned] = {}
    for a in articles:
        cleaned[a.id] = clean_article(a, found[a.id], run, model, per_outlet.get(a.outlet or "", {}), tables[a.id],
                                      embed)
        headline = cleaned[a.id].headline
        out.append(dataclasses.replace(a, title=headline) if headline and not a.title else a)
    return out, cleaned


def outlet_counts(articles: Sequence[Article], found: Mapping[str, Sequence[Piece]],
                  grams: Mapping[str, set[str]]) -> dict[str, Counter[str]]:
    """Per outlet: in how many of its articles each piece text (matching key) and word n-gram occurs."""
    counts: dict[str, Counter[str]] = {}
    for a in articles:
        if a.outlet:
            keys = {match_key(a.text[p.start : p.end]) for p in found[a.id]} | grams[a.id]
            counts.setdefault(a.outlet, Counter()).update(keys)
    return counts


def clean_article(article: Article, found: Sequence[Piece], run: Mapping[str, int],
                  model: ProseModel | None = None, outlet: Mapping[str, int] | None = None,
                  table: WordTable | None = None, embed: Embed | None = None) -> Cleaned:
    """One article's story stretches and headline, given its pieces, the piece and word n-gram counts of the
    run and of its outlet's articles, its words (`words.word_table`, built here when not given) and the
    filter's embedder (`embed`; without it the filter's third pass is skipped)."""
    text = article.text
    model = model or shipped_model()
    x = piece_features(text, article.lang, found, run, text.count("\n") + 1, outlet)
    judged = judge_features(found, x, [text[p.start : p.end] for p in found], model, embed)
    kept = kept_spans(judged)
    if model.edges is not None:
        table = table or word_table(text, [(p.start, p.end) for p in found])
        kept = trim_glued(found, judged.probability, kept, word_shapes(table, article.lang, run, outlet or {}), table,
                          model)
    headline = find_headline(text, article.title, kept, [p.start for p in found])
    if headline:
        kept = cut_at_headline(text, kept, headline)
    kept = [trim_lead(text, a, b) for a, b in kept]
    kept = [(a, b) for a, b in kept if b > a]
    return Cleaned(article.id, tuple(kept), headline, dropped_chars(text, kept))


def trim_glued(found: Sequence[Piece], probability: Sequence[float],
               kept: Sequence[tuple[int, int]], shape: np.ndarray, table: WordTable, model: ProseModel
               ) -> list[tuple[int, int]]:
    """Stretches without the furniture words glued to their ends (`words`); `shape` is the article's
    `words.word_shapes`."""
    assert model.edges is not None
    starts = np.array([p.start for p in found], dtype=np.int64)
    prob = np.asarray(probability, dtype=np.float64)
    out = []
    for a, b in kept:
        judged, x = stretch_rows(table, shape, a, b, starts, prob)
        a, b = trim(judged, model.edges.probability(x), model.edge_threshold, a, b)
        if b > a:
            out.append((a, b))
    return out


def cut_at_headline(text: str, kept: Sequence[tuple[int, int]], headline: str) -> list[tuple[int, int]]:
    """Stretches cut where the headline stands inside them: a scrape glues it to a site name or menu before
    it and to the body after it. The headline stays once, as its own stretch; a short stretch glued before
    an appearance is page furniture (a section name, a site name); the body after it is kept."""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in headline.split()))
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not found:
        return list(kept)
    out: list[tuple[int, int]] = []
    seen = False
    for a, b in kept:
        cuts = [(s, e) for s, e in found if a <= s and e <= b]
        start = a
        for s, e in cuts:
            before = text[start:s]
            if before.strip() and len(tokens(before)) >= GLUED_MIN_WORDS:
                out.append(_trim(text, start, s))
            if not seen:
                out.append((s, e))
                seen = True
            start = e
        if text[start:b].strip():
            out.append(_trim(text, start, b))
    return [(x, y) for x, y in out if y > x]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Move `start`/`end` inwards past whitespace and separators left by a cut."""
    while start < end and (text[start].isspace() or text[start] in "|-–—:،,"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "|-–—:،,"):
        end -= 1
    return start, end


def trim_lead(text: str, start: int, end: int) -> tuple[int, int]:
    """A stretch without the furniture glued before its first sentence opens: a dateline, or up to
    LEAD_MAX_WORDS words before a reporting verb that carry a mark of furniture (a digit, Latin letters in
    Arabic text, a separator: "2017 صرحت …"; "Reuters said" stays)."""
    dateline = _DATELINE.match(text, start, end)
    if dateline and len(tokens(text[dateline.end() : end])) >= MIN_REST_WORDS:
        return dateline.end(), end
    words = word_spans(text[start:end])
    arabic = any(ARABIC_CHAR.match(w) for w, _, _ in words[:LEAD_MAX_WORDS + 1])
    for k in range(1, min(LEAD_MAX_WORDS, len(words) - MIN_REST_WORDS) + 1):
        if not is_reporting(words[k][0]):
            continue
        lead = text[start : start + words[k][1]]
        marked = any(c.isdigit() for c in lead) or bool(_SEPARATOR.search(lead)) or (
            arabic and any(c.isascii() and c.isalpha() for c in lead))
        if marked:
            return start + words[k][1], end
        return start, end
    return start, end
