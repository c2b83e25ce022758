"""Embed and cluster: multilingual vectors, threshold clustering that keeps singletons."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from summarize.clean.stage import clean_articles
from summarize.events.cluster import cluster_events, document_vectors
from summarize.events.embed import HashingEmbedder, get_embedder
from summarize.events.linkage import average_linkage, constrained_average_linkage

from builders import AR_ARMY, EN_ARMY, EN_QUAKE, article


def test_use_embedder_puts_translations_close_and_other_news_far() -> None:
    emb = get_embedder("use")
    v = emb.encode([AR_ARMY, EN_ARMY, EN_QUAKE])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > 0.6 > v[1] @ v[2]


def test_cached_embedder_returns_same_rows_for_repeated_texts() -> None:
    emb = get_embedder("use")
    a = emb.encode([EN_ARMY, EN_QUAKE, EN_ARMY])
    assert np.array_equal(a[0], a[2])


def test_hashing_embedder_is_deterministic_unit_length() -> None:
    h = HashingEmbedder()
    a, b = h.encode([EN_ARMY, EN_ARMY + " "])
    assert np.allclose(a, b) and abs(float(np.linalg.norm(a)) - 1.0) < 1e-5


def test_average_linkage_cuts_at_threshold_and_keeps_singletons() -> None:
    sim = np.array(
        [[1.0, 0.9, 0.2, 0.1], [0.9, 1.0, 0.3, 0.1], [0.2, 0.3, 1.0, 0.1], [0.1, 0.1, 0.1, 1.0]]
    )
    assert sorted(average_linkage(sim, 0.5)) == [[0, 1], [2], [3]]
    assert sorted(average_linkage(sim, 0.95)) == [[0], [1], [2], [3]]
    # average of (0.2, 0.3) = 0.25 joins 2 to {0,1} only when the threshold allows it
    assert sorted(average_linkage(sim, 0.25)) == [[0, 1, 2], [3]]


def test_arabic_and_english_reports_of_one_event_cluster_together() -> None:
    arts = [
        article("ar1", AR_ARMY, "ar"),
        article("en1", EN_ARMY, "en"),
        article("q1", EN_QUAKE, "en"),
    ]
    events = cluster_events(arts, {}, document_vectors(arts, {}, get_embedder("use")))
    assert [e.article_ids for e in events] == [("ar1", "en1"), ("q1",)]
    assert [e.id for e in events] == ["e1", "e2"]


def test_lines_repeated_across_many_articles_are_furniture() -> None:
    """A short line on three pages of a run is site furniture; the stories under it are kept."""
    menu = "Choose your language"
    arts = [article(f"a{i}", f"{menu}\nStory number {i} about the harbour reopening came out on Monday morning.",
                    "en") for i in range(3)]
    _, cleaned = clean_articles(arts)
    for a in arts:
        kept = [a.text[s:e] for s, e in cleaned[a.id].kept]
        assert kept == [a.text.splitlines()[1]], kept


def _brute_force(sim: np.ndarray, threshold: float, cannot: set[tuple[int, int]]) -> list[list[int]]:
    """Reference: recompute every cluster-pair mean each step and merge the best allowed pair."""
    clusters = [[i] for i in range(len(sim))]
    while True:
        best, pair = threshold, None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                link = float(sim[np.ix_(clusters[x], clusters[y])].mean())
                allowed = not any((min(i, j), max(i, j)) in cannot for i in clusters[x] for j in clusters[y])
                if link >= best and allowed:
                    best, pair = link, (x, y)
        if pair is None:
            return sorted(sorted(c) for c in clusters)
        x, y = pair
        clusters[x] += clusters.pop(y)


def test_constrained_average_linkage_matches_brute_force_and_respects_cannot_links() -> None:
    rng = np.random.default_rng(7)
    vecs = rng.normal(size=(40, 6))
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    sim = vecs @ vecs.T
    cannot = {(0, 1), (2, 5), (3, 4)}
    got = constrained_average_linkage(sim, 0.25, cannot)
    assert got == _brute_force(sim, 0.25, cannot)
    where = {i: n for n, c in enumerate(got) for i in c}
    assert all(where[i] != where[j] for i, j in cannot)


def test_component_path_gives_the_dense_partition() -> None:
    """Issue 16: clustering each component of the pairs ≥ threshold equals one dense matrix, on dev and on
    a synthetic day of many small events and a few large ones (random topics, noisy members)."""
    import numpy as np

    from summarize.events.cluster import EVENT_THRESHOLD, document_text, propose
    from summarize.events.embed import get_embedder
    from summarize.ingest import ingest

    dev = Path(__file__).resolve().parents[2] / "shared" / "data" / "events" / "dev.jsonl"
    articles = ingest([dev]).articles
    vectors = get_embedder("use").encode([document_text(a) for a in articles])
    assert sorted(propose(vectors, EVENT_THRESHOLD, exact_max=0)) == sorted(propose(vectors, EVENT_THRESHOLD))
    rng = np.random.default_rng(3)
    centres = rng.standard_normal((60, 64))
    sizes = [1] * 30 + [2] * 15 + [5] * 10 + [40] * 5
    rows = np.concatenate([centres[k] + rng.normal(0, 0.55, (size, 64)) for k, size in enumerate(sizes)])
    rows = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    rows = rows[rng.permutation(len(rows))]
    dense = sorted(propose(rows, EVENT_THRESHOLD))
    assert sorted(propose(rows, EVENT_THRESHOLD, exact_max=0)) == dense and 30 < len(dense) < len(rows)


def test_vectors_are_kept_on_disk_for_the_next_run(tmp_path: Path) -> None:
    """Issue 16: a re-run embeds nothing it embedded before; a damaged store is only a warning."""
    from summarize.events.embed import CachedEmbedder, HashingEmbedder, VectorStore

    texts = [f"Officials said the bridge {k} reopened on Monday." for k in range(50)]
    first = CachedEmbedder(HashingEmbedder(), VectorStore(tmp_path / "e.sqlite"))
    vectors = first.encode(texts)
    second = CachedEmbedder(HashingEmbedder(), VectorStore(tmp_path / "e.sqlite"))
    again = second.encode([*texts[:10], "A new text about the floods."])
    assert first.embedded == 50 and second.embedded == 1
    assert np.array_equal(again[:10], vectors[:10])
    (tmp_path / "bad.sqlite").write_bytes(b"not a database" * 100)
    third = CachedEmbedder(HashingEmbedder(), VectorStore(tmp_path / "bad.sqlite"))
    assert np.array_equal(third.encode(texts[:3]), vectors[:3]) and third.embedded == 3
