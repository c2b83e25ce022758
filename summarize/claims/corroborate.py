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

import dataclasses
import hashlib
import logging
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from summarize.claims.conflicts import (
    denies,
    different_parties,
    figures_conflict,
    figures_differ,
    opposite_polarity,
    same_topic,
)
from summarize.claims.figures import masked_gate, timeline, update_pairs
from summarize.claims.origins import independent_origins, origins, resolve_origins
from summarize.contradiction import ContradictionDetector, default_detector
from summarize.events.linkage import constrained_average_linkage
from summarize.model import Article, Claim, ClaimGroup, DisputeKind, Embedder, Statement
from summarize.text.detokenize import detokenize
from summarize.text.lexicons import content_stems
from summarize.text.normalize import match_key

log = logging.getLogger(__name__)

# Claim alignment (embedding/tf-idf blend, same-statement cut): bench/bench_corroborate_calibration.py.
EMBED_WEIGHT = 0.8
ALIGN_SIM = 0.5
# Similarity a denial needs to face an assertion: bench/bench_corroborate_calibration.py (bench/CALIBRATION.md).
DENIAL_SIM = 0.35
# Similarity two figure claims need to be compared: bench/bench_corroborate_calibration.py (bench/CALIBRATION.md).
FIGURE_SIM = 0.25
# Opposed reports: similarity gate and detector cut, bench/bench_corroborate_calibration.py (bench/CALIBRATION.md).
REPORT_SIM = 0.3
DISAGREE_P = 0.5
_KIND_ORDER: tuple[DisputeKind, ...] = ("denial", "conflicting_figures", "conflicting_reports")


def tfidf_weights(texts: Sequence[str]) -> list[dict[str, float]]:
    """Unit-length tf-idf weights of each text's content stems, with idf over `texts` as the document set."""
    docs = [content_stems(t) for t in texts]
    df = Counter(t for d in docs for t in d)
    out = []
    for d in docs:
        w = {t: math.log((1 + len(docs)) / (1 + df[t])) + 1.0 for t in d}
        norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
        out.append({t: v / norm for t, v in w.items()})
    return out


def _tfidf(claims: Sequence[Claim]) -> np.ndarray:
    """Cosine similarity of claims' tf-idf vectors over their content stems, within the event."""
    weights = tfidf_weights([c.text for c in claims])
    vocab = {t: i for i, t in enumerate(sorted({t for w in weights for t in w}))}
    mat = np.zeros((len(weights), max(1, len(vocab))), dtype=np.float32)
    for r, w in enumerate(weights):
        for t, v in w.items():
            mat[r, vocab[t]] = v
    return np.asarray(mat @ mat.T)


def blend(cosine: np.ndarray, tfidf: np.ndarray, weight: float = EMBED_WEIGHT) -> np.ndarray:
    """Blend embedding cosine with tf-idf cosine (weight on the embedding)."""
    return np.asarray(weight * cosine + (1 - weight) * tfidf)


def similarity(claims: Sequence[Claim], embedder: Embedder) -> np.ndarray:
    """Blended embedding and tf-idf similarity matrix of claims."""
    vec = embedder.encode([c.text for c in claims])
    return blend(vec @ vec.T, _tfidf(claims))


def _conflicts(claims: Sequence[Claim], sim: np.ndarray, detector: ContradictionDetector, embedder: Embedder
               ) -> tuple[dict[tuple[int, int], DisputeKind], set[tuple[int, int]]]:
    """Conflict edges between claim indices with their kind, and the pairs that are updates of one count."""
    edges: dict[tuple[int, int], DisputeKind] = {}
    report_pairs: list[tuple[int, int]] = []
    figure_pairs: list[tuple[int, int]] = []
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            a, b = claims[i], claims[j]
            if sim[i, j] >= DENIAL_SIM and a.stance != b.stance and denies(a, b):
                edges[(i, j)] = "denial"
            elif sim[i, j] >= FIGURE_SIM and figures_conflict(a, b):
                figure_pairs.append((i, j))
            elif (sim[i, j] >= REPORT_SIM and a.stance == b.stance and different_parties(a, b)
                  and same_topic(a, b) and opposite_polarity(a.text, b.text)):
                report_pairs.append((i, j))
    if report_pairs:
        prob = detector.score([(claims[i].text, claims[j].text) for i, j in report_pairs])
        if not getattr(detector, "symmetric", False):  # either order may reveal the disagreement
            prob = np.maximum(prob, detector.score([(claims[j].text, claims[i].text) for i, j in report_pairs]))
        for (i, j), p in zip(report_pairs, prob, strict=True):
            if p >= DISAGREE_P:
                edges[(i, j)] = "conflicting_reports"
    # a figure said to have risen joins the other figures of its count as a timeline (shown together, never
    # dropped); the rest conflict only when they say the same thing with the numbers masked
    updates = update_pairs(claims, figure_pairs)
    same = masked_gate(claims, [p for p in figure_pairs if p not in updates], embedder)
    edges.update({p: "conflicting_figures" for p in same})
    return edges, updates


def _join(clusters: list[list[int]], updates: set[tuple[int, int]], conflicts: set[tuple[int, int]]
          ) -> list[list[int]]:
    """Clusters joined where an update pair spans two of them (one count over the day), unless that would
    put the two ends of a conflict together."""
    where = {i: k for k, members in enumerate(clusters) for i in members}
    merged = [list(m) for m in clusters]
    for i, j in sorted(updates):
        a, b = where[i], where[j]
        if a == b or any((min(x, y), max(x, y)) in conflicts for x in merged[a] for y in merged[b]):
            continue
        merged[a] += merged[b]
        merged[b] = []
        where.update({x: a for x in merged[a]})
    return [sorted(m) for m in merged if m]


def _cluster(sim: np.ndarray, cannot: set[tuple[int, int]]) -> list[list[int]]:
    """Average-linkage clusters at ALIGN_SIM that never join two ends of a conflict edge."""
    return constrained_average_linkage(sim, ALIGN_SIM, cannot)


def _disputes(clusters: list[list[int]], edges: Mapping[tuple[int, int], DisputeKind],
              sim: np.ndarray) -> list[tuple[dict[int, int], DisputeKind]]:
    """Disputes as cluster → side maps: one per connected pair set of a single kind, two-coloured.

    Kinds are taken in order (denial first); a dispute grows from a cluster not yet in
    one, never puts a cluster on a side it conflicts with, and may take in a cluster
    that an earlier dispute holds too, so no conflict is left out of every dispute.
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
            if k == kind and ci != cj:
                adj.setdefault(ci, set()).add(cj)
                adj.setdefault(cj, set()).add(ci)
        for root in sorted(adj, key=lambda c: -strength.get(c, 0.0)):
            if root in used:
                continue
            side, queue = {root: 0}, [root]
            while queue:
                c = queue.pop(0)
                for d in sorted(adj[c]):
                    if d in side:
                        continue
                    want = 1 - side[c]
                    if all(side[e] != want for e in adj[d] if e in side):  # no conflict inside a side
                        side[d] = want
                        queue.append(d)
            used |= side.keys()
            out.append((side, kind))
    return out


def _participants(side_of: Mapping[int, int], kind: DisputeKind, clusters: Sequence[Sequence[int]],
                  claims: Sequence[Claim], edges: Mapping[tuple[int, int], DisputeKind]) -> set[int]:
    """Claims of a dispute's clusters that take part in it, not every member of those clusters.

    The ends of the dispute's conflict edges across its sides, plus, for denials and
    figures, members that meet the same rule (`denies`, `figures_conflict`) against
    one of those ends on the other side: a copy of a denied assertion joins, an
    admission about another place or a figure-free restatement does not.
    """
    side = {i: s for c, s in side_of.items() for i in clusters[c]}
    ends = {i for (a, b), k in edges.items() if k == kind and a in side and b in side and side[a] != side[b]
            for i in (a, b)}
    if kind == "conflicting_reports":
        return ends
    rule = _denies_pair if kind == "denial" else figures_conflict
    return ends | {i for i in side if i not in ends
                   and any(side[j] != side[i] and rule(claims[i], claims[j]) for j in ends)}


def _denies_pair(a: Claim, b: Claim) -> bool:
    """True when one claim denies and the other asserts what it denies."""
    return a.stance != b.stance and denies(a, b)


def _statements(members: Sequence[Claim], side: int | None, origin_of: Mapping[str, str]) -> list[Statement]:
    """Statements of claims, one per distinct text (syndicated copies share one, with all sources)."""
    by_text: dict[str, list[Claim]] = {}
    for c in members:
        by_text.setdefault(match_key(c.text), []).append(c)
    out = []
    for group in by_text.values():
        first = group[0]
        speaker = next((c.attributed_to for c in group if c.attributed_to), None)
        out.append(Statement(text=detokenize(first.text), language=first.lang,
                             sources=tuple(sorted({c.article_id for c in group})),
                             attributed_to=speaker, stance=first.stance, side=side,
                             spans=tuple(sorted((c.article_id, c.start, c.end) for c in group)),
                             origin=next((o for c in group if (o := origin_of.get(c.id))), None)))
    return out


def corroborate(claims: Sequence[Claim], articles: Sequence[Article],
                syndication: Mapping[str, tuple[str, ...]], embedder: Embedder,
                detector: ContradictionDetector | None = None) -> list[ClaimGroup]:
    """Group one event's claims and rank them: confirmed, disputed or single-source, best first."""
    by_id = {a.id: a for a in articles}
    claims = [c for c in claims if c.article_id in by_id]
    if not claims:
        return []
    detector = detector or default_detector()
    origin_of = origins(claims, by_id)
    ctx = _Context(claims, by_id, syndication, origin_of)
    if len(by_id) == 1:
        # One report: every claim is single-source and there is no second report to align it with or to
        # contradict it, so the costly part (embedding the claims, scoring pairs) is skipped. Most events
        # of a real day are one report (bench/bench_load.py).
        sim = np.eye(len(claims))
        edges: dict[tuple[int, int], DisputeKind] = {}
        updates: set[tuple[int, int]] = set()
    else:
        sim = similarity(claims, embedder)
        edges, updates = _conflicts(claims, sim, detector, embedder)
    # A denial and an assertion are never "the same statement", whatever their similarity; two figures
    # for one count are, when one says it rose (an update: one claim with a timeline).
    cannot = set(edges) | {(i, j) for i in range(len(claims)) for j in range(i + 1, len(claims))
                           if claims[i].stance != claims[j].stance or figures_differ(claims[i], claims[j])}
    clusters = _join(_cluster(sim, cannot - updates), updates, set(edges))
    centrality = (sim.sum(axis=1) - 1.0) / max(1, len(claims) - 1)
    groups: list[ClaimGroup] = []
    in_dispute: set[int] = set()
    for side_of, kind in _disputes(clusters, edges, sim):
        taking = _participants(side_of, kind, clusters, claims, edges)
        if not taking:
            continue
        in_dispute |= taking
        resolved = resolve_origins([claims[i] for i in sorted(taking)], by_id, syndication, origin_of)
        stmts = [st for c, s in sorted(side_of.items(), key=lambda x: x[1])
                 for st in _statements([claims[i] for i in clusters[c] if i in taking], s, resolved)]
        groups.append(_group("disputed", stmts, sorted(taking), ctx, centrality, kind))
    for cluster in clusters:
        members = [i for i in cluster if i not in in_dispute]  # bystanders of a dispute stay ordinary claims
        if not members:
            continue
        resolved = resolve_origins([claims[i] for i in members], by_id, syndication, origin_of)
        status = "confirmed" if len(set(resolved.values())) >= 2 else "single_source"
        ordered, earlier = timeline([claims[i] for i in members], dict(by_id))
        if not any((i, j) in updates for i in members for j in members):
            ordered, earlier = [claims[i] for i in members], []
        group = _group(status, _statements(ordered, None, resolved), members, ctx, centrality, None)
        groups.append(dataclasses.replace(group, timeline=tuple(earlier)))
    return _rank(groups)


@dataclass(frozen=True, slots=True)
class _Context:
    """An event's claims and what counting their independent origins needs."""

    claims: Sequence[Claim]
    by_id: Mapping[str, Article]
    syndication: Mapping[str, tuple[str, ...]]
    origin_of: Mapping[str, str | None]


def _group(status: str, stmts: list[Statement], members: Sequence[int], ctx: _Context,
           centrality: np.ndarray, kind: DisputeKind | None) -> ClaimGroup:
    """Build one ClaimGroup with its independent origins and ranking score."""
    claims = ctx.claims
    found = independent_origins([claims[i] for i in members], ctx.by_id, ctx.syndication, ctx.origin_of)
    n = len(found)
    lead = max(1.0 / (1 + claims[i].sentence_index) for i in members)
    score = n + float(centrality[list(members)].max()) + 0.5 * lead + (1.0 if status == "disputed" else 0.0)
    key = "|".join(sorted(match_key(s.text) for s in stmts))
    gid = hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()
    return ClaimGroup(id=f"c-{gid}", status=status, statements=tuple(stmts),  # type: ignore[arg-type]
                      independent_sources=n, dispute_kind=kind, score=round(score, 4), origins=tuple(found))


def _rank(groups: list[ClaimGroup]) -> list[ClaimGroup]:
    """Groups best first: score, then id for a stable order."""
    return sorted(groups, key=lambda g: (-g.score, g.id))


__all__ = ["corroborate", "similarity"]
