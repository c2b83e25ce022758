"""Claims and corroborate stages for one event: its statements, grouped and ranked with a status."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from summarize.claims.corroborate import corroborate
from summarize.claims.extract import extract_claims
from summarize.claims.syndication import find_syndication
from summarize.contradiction.base import ContradictionDetector
from summarize.model import Article, Embedder, Event, EventText, Sentence

# A large event (a story every outlet carries) is summarized from its most
# central articles only: it bounds per-event work on a 10,000-article crawl, and
# beyond a dozen reports of one event new sentences rarely add anything.
# Every article is still listed among the event's sources.
MAX_TEXT_ARTICLES = 16
# Likewise only an article's first sentences feed claims and summaries: news
# puts what matters first, and it bounds the work one huge article can cause.
MAX_SENTENCES_PER_ARTICLE = 60


def event_claims(
    event: Event, by_id: Mapping[str, Article], sentences: Mapping[str, Sequence[Sentence]],
    embedder: Embedder, detector: ContradictionDetector,
) -> tuple[EventText, dict[str, tuple[str, ...]]]:
    """An event's text for the summarizer (central articles, their sentences, ranked claims) and its wire copies."""
    keep = set(event.central[:MAX_TEXT_ARTICLES] or event.article_ids)
    articles = tuple(by_id[aid] for aid in event.article_ids if aid in keep)
    own = {a.id: list(sentences[a.id][:MAX_SENTENCES_PER_ARTICLE]) for a in articles}
    copies = find_syndication(articles)
    claims = corroborate(extract_claims(articles, own), articles, copies, embedder, detector)
    claims = [dataclasses.replace(c, id=f"{event.id}-{c.id}") for c in claims]
    pool = tuple(s for a in articles for s in own[a.id])
    return EventText(event, articles, pool, tuple(claims)), copies
