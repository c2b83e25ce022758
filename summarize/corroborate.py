"""Corroborate stage: align claims across articles and languages, then give each group a status.

1. Similarity of every claim pair = embedding cosine (multilingual, so Arabic and
   English align) blended with event-level tf-idf word overlap (rare words such
   as a town's name weigh more than the words every report of the event shares).
2. Conflict edges: a denial facing an aligned assertion (`denial`); the same
   quantity with different figures (`conflicting_figures`); two different
   parties whose aligned statements the contradiction detector calls opposite
   (`conflicting_reports`).
3. Average-linkage clustering of claims that may not merge across a conflict edge.
4. Clusters joined by conflict edges form one disputed group, one side per
   2-colouring of the conflict graph; the rest are confirmed (≥ 2 independent
   sources) or single_source. Syndicated copies and one outlet count once.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from .claims import denied_object, topic
from .embed import Embedder
from .lexicons import (
    CASUALTY_UNITS,
    PLACE_PREPOSITIONS,
    STOP_AR,
    STOP_EN,
    content_stems,
    is_denial,
    negation_count,
    stem,
    tokens,
)
from .stance import ANTONYM_STEMS, ContradictionDetector, LexicalLogisticDetector
from .syndication import independent_count, source_key
from .textnorm import match_key
from .types import Article, Claim, ClaimGroup, DisputeKind, Statement

log = logging.getLogger(__name__)

# Blend of embedding cosine and tf-idf overlap. USE alone rates any two
# sentences about the same battle ≥ 0.5; word overlap separates "withdrew from
# city A" from "withdrew from city B". Weights swept 0.3–0.8 on the seeds.
EMBED_WEIGHT = 0.6
# Same statement: average-linkage blended similarity at or above this.
# Calibrated on the seeds: word-for-word copies ≈ 0.8+, two outlets' rewrites of
# one fact 0.42–0.60, different facts of the same event mostly ≤ 0.40 (99th
# percentile of all pairs 0.49). Swept 0.45/0.5/0.55: 0.55 found 12 confirmed
# groups, 0.45 17 with no false merge once differing figures and opposite
# stances are kept apart; chosen 0.45.
ALIGN_SIM = 0.45
# A denial counts against an assertion when the two are about the same thing:
# blended similarity at or above this. Seeds: true denial/assertion pairs
# 0.34–0.44, a denial about city A vs an admission about city B 0.29–0.30;
# swept 0.25–0.5, chosen 0.33.
DENIAL_SIM = 0.33
# Share of the denied object's content words that the assertion must contain
# (seeds: true pairs 0.6–1.0; swept 0.4–0.8, chosen 0.6).
DENIED_COVERAGE = 0.6
# Two figures for one quantity conflict when their claims are at least this
# similar and the figures are close enough to be tallies of the same thing
# (MAX_FIGURE_RATIO). A headline toll and a body toll phrase it differently
# (seeds: 0.22), so similarity is loose and the ratio strict. Swept 0.15–0.4.
FIGURE_SIM = 0.2
# Tallies of the same toll (an update, another count) differ by tens of percent;
# a factor of 2+ means different things are counted (one strike vs the whole
# toll, one province vs another). Swept 1.2–3, chosen 1.5.
MAX_FIGURE_RATIO = 1.5
# Two parties' statements are opposite when they are about the same thing
# (REPORT_SIM), one side alone carries a negation, denial or antonym, and the
# detector agrees with at least DISAGREE_P. Seeds: the opposed accounts of a
# government's role score 0.26–0.30 (different wording across outlets). Swept
# REPORT_SIM 0.2–0.45 and DISAGREE_P 0.5–0.9 on the seeds after training on ANS.
REPORT_SIM = 0.25
DISAGREE_P = 0.7
# Units whose numbers never conflict (dates and durations are context, not claims).
_NO_CONFLICT_UNITS = frozenset({"year", "hours", "days", None})
_KIND_ORDER: tuple[DisputeKind, ...] = ("denial", "conflicting_figures", "conflicting_reports")


def _tfidf(claims: Sequence[Claim]) -> np.ndarray:
    """Cosine similarity of claims' tf-idf vectors over their content stems, within the event."""
    docs = [content_stems(c.text) for c in claims]
    df = Counter(t for d in docs for t in d)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    mat = np.zeros((len(docs), max(1, len(vocab))), dtype=np.float32)
    for r, d in enumerate(docs):
        for t in d:
            mat[r, vocab[t]] = math.log((1 + len(docs)) / (1 + df[t])) + 1.0
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    mat /= np.where(norms == 0, 1.0, norms)
    return np.asarray(mat @ mat.T)


def similarity(claims: Sequence[Claim], embedder: Embedder) -> np.ndarray:
    """Blended embedding and tf-idf similarity matrix of claims."""
    vec = embedder.encode([c.text for c in claims])
    return np.asarray(EMBED_WEIGHT * (vec @ vec.T) + (1 - EMBED_WEIGHT) * _tfidf(claims))


def _figures(claim: Claim) -> dict[str, set[float]]:
    """Precise figures of a claim by unit (victim counts share one unit)."""
    out: dict[str, set[float]] = {}
    for q in claim.quantities:
        if q.unit in _NO_CONFLICT_UNITS:
            continue
        unit = "killed" if q.unit in CASUALTY_UNITS else str(q.unit)
        out.setdefault(unit, set()).add(q.value)
    return out


def figures_conflict(a: Claim, b: Claim) -> bool:
    """True when both claims give one different figure each for the same quantity."""
    fa, fb = _figures(a), _figures(b)
    for unit in fa.keys() & fb.keys():
        va, vb = fa[unit], fb[unit]
        if len(va) == 1 and len(vb) == 1 and va != vb:
            x, y = min(*va, *vb), max(*va, *vb)
            if x > 0 and y / x <= MAX_FIGURE_RATIO:
                return True
    return False


def _figures_differ(a: Claim, b: Claim) -> bool:
    """True when two claims give disjoint figures for a shared quantity (never the same statement)."""
    fa, fb = _figures(a), _figures(b)
    return any(not fa[u] & fb[u] for u in fa.keys() & fb.keys())


def party_key(speaker: str | None) -> str | None:
    """A comparable key for a speaker: the stem of its first content word."""
    if not speaker:
        return None
    words = [stem(t) for t in tokens(speaker) if len(t) > 1]
    return words[0] if words else None


def _conflicts(claims: Sequence[Claim], sim: np.ndarray,
               detector: ContradictionDetector) -> dict[tuple[int, int], DisputeKind]:
    """Conflict edges between claim indices, with their kind."""
    edges: dict[tuple[int, int], DisputeKind] = {}
    report_pairs: list[tuple[int, int]] = []
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            a, b = claims[i], claims[j]
            if sim[i, j] >= DENIAL_SIM and a.stance != b.stance and denies(a, b):
                edges[(i, j)] = "denial"
            elif sim[i, j] >= FIGURE_SIM and figures_conflict(a, b):
                edges[(i, j)] = "conflicting_figures"
            elif (sim[i, j] >= REPORT_SIM and a.stance == b.stance and _different_parties(a, b)
                  and _same_topic(a, b) and opposite_polarity(a.text, b.text)):
                report_pairs.append((i, j))
    if report_pairs:
        fwd = detector.score([(claims[i].text, claims[j].text) for i, j in report_pairs])
        bwd = detector.score([(claims[j].text, claims[i].text) for i, j in report_pairs])
        for (i, j), p in zip(report_pairs, np.maximum(fwd, bwd), strict=True):
            if p >= DISAGREE_P:
                edges[(i, j)] = "conflicting_reports"
    return edges


def opposite_polarity(a: str, b: str) -> bool:
    """True when one text alone is negated or denies, or the two use opposite words."""
    ta, tb = tokens(a), tokens(b)
    if (negation_count(ta) > 0) != (negation_count(tb) > 0):
        return True
    if any(is_denial(t) for t in ta) != any(is_denial(t) for t in tb):
        return True
    sa, sb = {stem(t) for t in ta}, {stem(t) for t in tb}
    return any((x, y) in ANTONYM_STEMS for x in sa - sb for y in sb - sa)


def _root(word: str) -> str:
    """A crude root for matching a verbal noun with its verb (انسحاب ~ انسحب): the stem's first 4 letters."""
    return stem(word)[:4]


def denies(a: Claim, b: Claim) -> bool:
    """True when the deny-stance claim of the pair denies what the other asserts, by another party.

    Every word after a preposition in the denied object ("من حماة") must occur in the
    assertion, and most of the object's content words too (DENIED_COVERAGE).
    """
    deny, other = (a, b) if a.stance == "deny" else (b, a)
    kd, ko = party_key(deny.attributed_to), party_key(other.attributed_to)
    if kd is not None and kd == ko:
        return False
    obj = [w for w in denied_object(deny.text, deny.attributed_to) if w not in STOP_AR and w not in STOP_EN]
    if not obj:
        return False
    have = {_root(w) for w in tokens(other.text)}
    places = [obj[n + 1] for n, w in enumerate(obj[:-1]) if w in PLACE_PREPOSITIONS]
    content = [w for w in obj if w not in PLACE_PREPOSITIONS]
    covered = sum(_root(w) in have for w in content) / max(1, len(content))
    return all(_root(p) in have for p in places) and covered >= DENIED_COVERAGE


def _same_topic(a: Claim, b: Claim) -> bool:
    """True when both statements are about the same subject (see `claims.topic`)."""
    ta, tb = topic(a.text, a.attributed_to), topic(b.text, b.attributed_to)
    return ta is not None and ta == tb


def _different_parties(a: Claim, b: Claim) -> bool:
    """True when two claims are attributed to two different named parties."""
    ka, kb = party_key(a.attributed_to), party_key(b.attributed_to)
    return ka is not None and kb is not None and ka != kb


def _cluster(sim: np.ndarray, cannot: set[tuple[int, int]]) -> list[list[int]]:
    """Average-linkage clusters at ALIGN_SIM that never join two ends of a conflict edge."""
    clusters: list[list[int]] = [[i] for i in range(len(sim))]
    while True:
        best, pair = ALIGN_SIM, None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                link = float(sim[np.ix_(clusters[x], clusters[y])].mean())
                if link >= best and not any((min(i, j), max(i, j)) in cannot
                                            for i in clusters[x] for j in clusters[y]):
                    best, pair = link, (x, y)
        if pair is None:
            return clusters
        x, y = pair
        clusters[x] = sorted(clusters[x] + clusters[y])
        del clusters[y]


def _disputes(clusters: list[list[int]], edges: Mapping[tuple[int, int], DisputeKind],
              sim: np.ndarray) -> list[tuple[dict[int, int], DisputeKind]]:
    """Disputes as cluster → side maps: one per connected pair set of a single kind, two-coloured.

    Kinds are taken in order (denial first); a cluster joins at most one dispute and
    never a side that it conflicts with, so unrelated conflicts do not chain.
    """
    where = {i: c for c, members in enumerate(clusters) for i in members}
    used: set[int] = set()
    out: list[tuple[dict[int, int], DisputeKind]] = []
    strength: dict[int, float] = {}  # a dispute grows from its clearest conflict
    for (i, j) in edges:
        for c in (where[i], where[j]):
            strength[c] = max(strength.get(c, 0.0), float(sim[i, j]))
    for kind in _KIND_ORDER:
        adj: dict[int, set[int]] = {}
        for (i, j), k in edges.items():
            ci, cj = where[i], where[j]
            if k == kind and ci != cj and ci not in used and cj not in used:
                adj.setdefault(ci, set()).add(cj)
                adj.setdefault(cj, set()).add(ci)
        for root in sorted(adj, key=lambda c: -strength.get(c, 0.0)):
            if root in used:
                continue
            side, queue = {root: 0}, [root]
            while queue:
                c = queue.pop(0)
                for d in sorted(adj[c]):
                    if d in side or d in used:
                        continue
                    want = 1 - side[c]
                    if all(side[e] != want for e in adj[d] if e in side):  # no conflict inside a side
                        side[d] = want
                        queue.append(d)
            used |= side.keys()
            out.append((side, kind))
    return out


def _statements(members: Sequence[Claim], side: int | None) -> list[Statement]:
    """Statements of claims, one per distinct text (syndicated copies share one, with all sources)."""
    by_text: dict[str, list[Claim]] = {}
    for c in members:
        by_text.setdefault(match_key(c.text), []).append(c)
    out = []
    for group in by_text.values():
        first = group[0]
        speaker = next((c.attributed_to for c in group if c.attributed_to), None)
        out.append(Statement(text=first.text, language=first.lang,
                             sources=tuple(sorted({c.article_id for c in group})),
                             attributed_to=speaker, stance=first.stance, side=side))
    return out


def corroborate(claims: Sequence[Claim], articles: Sequence[Article],
                syndication: Mapping[str, tuple[str, ...]], embedder: Embedder,
                detector: ContradictionDetector | None = None) -> list[ClaimGroup]:
    """Group one event's claims and rank them: confirmed, disputed or single-source, best first."""
    by_id = {a.id: a for a in articles}
    claims = [c for c in claims if c.article_id in by_id]
    if not claims:
        return []
    detector = detector or LexicalLogisticDetector()
    sim = similarity(claims, embedder)
    edges = _conflicts(claims, sim, detector)
    # A denial and an assertion are never "the same statement", whatever their similarity.
    cannot = set(edges) | {(i, j) for i in range(len(claims)) for j in range(i + 1, len(claims))
                           if claims[i].stance != claims[j].stance or _figures_differ(claims[i], claims[j])}
    clusters = _cluster(sim, cannot)
    centrality = (sim.sum(axis=1) - 1.0) / max(1, len(claims) - 1)
    groups: list[ClaimGroup] = []
    in_dispute: set[int] = set()
    for side_of, kind in _disputes(clusters, edges, sim):
        in_dispute |= side_of.keys()
        stmts = [st for c, s in sorted(side_of.items(), key=lambda x: x[1])
                 for st in _statements([claims[i] for i in clusters[c]], s)]
        groups.append(_group("disputed", stmts, [i for c in side_of for i in clusters[c]], claims, by_id,
                             syndication, centrality, kind))
    for c, members in enumerate(clusters):
        if c in in_dispute:
            continue
        n = independent_count({claims[i].article_id for i in members}, by_id, syndication)
        status = "confirmed" if n >= 2 else "single_source"
        groups.append(_group(status, _statements([claims[i] for i in members], None), members,
                             claims, by_id, syndication, centrality, None))
    return _rank(groups)


def _group(status: str, stmts: list[Statement], members: Sequence[int], claims: Sequence[Claim],
           by_id: Mapping[str, Article], syndication: Mapping[str, tuple[str, ...]],
           centrality: np.ndarray, kind: DisputeKind | None) -> ClaimGroup:
    """Build one ClaimGroup with its independent-source count and ranking score."""
    ids = {claims[i].article_id for i in members}
    n = independent_count(ids, by_id, syndication)
    lead = max(1.0 / (1 + claims[i].sentence_index) for i in members)
    score = n + float(centrality[list(members)].max()) + 0.5 * lead + (1.0 if status == "disputed" else 0.0)
    key = "|".join(sorted(match_key(s.text) for s in stmts))
    gid = hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()
    return ClaimGroup(id=f"c-{gid}", status=status, statements=tuple(stmts),  # type: ignore[arg-type]
                      independent_sources=n, dispute_kind=kind, score=round(score, 4))


def _rank(groups: list[ClaimGroup]) -> list[ClaimGroup]:
    """Groups best first: score, then id for a stable order."""
    return sorted(groups, key=lambda g: (-g.score, g.id))


__all__ = ["corroborate", "figures_conflict", "party_key", "similarity", "source_key"]
