"""Embed and cluster: multilingual vectors, threshold clustering that keeps singletons."""

from __future__ import annotations

import numpy as np

from summarize.cluster import average_linkage, boilerplate_lines, cluster_events
from summarize.embed import HashingEmbedder, get_embedder

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
    events = cluster_events(arts, get_embedder("use"))
    assert [e.article_ids for e in events] == [("ar1", "en1"), ("q1",)]
    assert [e.id for e in events] == ["e1", "e2"]


def test_lines_repeated_across_many_articles_are_boilerplate() -> None:
    menu = "Home | World | Sport | Choose your language"
    arts = [article(f"a{i}", f"{menu}\nStory number {i} about something else entirely.") for i in range(3)]
    assert boilerplate_lines(arts) == {"home | world | sport | choose your language"}
