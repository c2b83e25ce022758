"""Clean stage: page furniture kept out of everything downstream.

Today two detectors of repeated site text: lines found verbatim in several
articles of the run (menus, cookie notices, "choose your language"), and
sentences repeated verbatim across events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from summarize.model import Article, Event, Sentence
from summarize.text.normalize import match_key

# A line found verbatim in this many articles is site furniture, not news.
BOILERPLATE_MIN_DOCS = 3


def boilerplate_lines(articles: Sequence[Article]) -> set[str]:
    """Return the match keys of lines that occur in at least BOILERPLATE_MIN_DOCS articles."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update({match_key(line) for line in article.text.splitlines() if line.strip()})
    return {key for key, n in counts.items() if n >= BOILERPLATE_MIN_DOCS}



def repeated_across_events(events: Sequence[Event], sentences: Mapping[str, Sequence[Sentence]]) -> set[str]:
    """Match keys of sentences repeated verbatim in more than one event: site furniture, not news."""
    seen: Counter[str] = Counter()
    for event in events:
        seen.update({match_key(s.text) for aid in event.article_ids for s in sentences[aid]})
    return {key for key, n in seen.items() if n > 1}
