"""Event evidence: what tells two reports of one topic apart as two happenings.

The embedding proposes events by topic; this module reads, from each article's
headline and lead, the facts that pin a happening down: the day it names, the
year, and figures that identify it (a magnitude, a number of pirates or planes).
Two articles clash, and are never one event, when they name days or years apart,
or different values of one such figure. Places were tried as well (a gazetteer of
countries and large cities): on dev they split true events (a quake on the
Iran-Iraq border, an interview given abroad), so they do not decide
(bench/CALIBRATION.md). Casualty tolls never
clash: they rise through the day, which is an update, not another event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarize.model import Article, Cleaned
from summarize.text.lexicons import QUANTITY_NOUNS
from summarize.text.normalize import match_key
from summarize.text.numbers import number_value
from summarize.text.tokens import word_spans

# The lead: this many characters of story text after the headline carry what the article is about
# (a report of today's quake that recalls last year's names last year's further down).
LEAD_CHARS = 400
# Figures of one kind differ when the larger exceeds the smaller by more than this share (7.2 vs 7.3 do not).
FIGURE_TOLERANCE = 0.1
# Reports a day apart name neighbouring days ("on Tuesday", next morning "on Wednesday"), so only days two or
# more apart clash; years named in the text clash two or more apart, publication years one apart.
DAY_GAP = 2
YEAR_GAP = 2
WEEKDAYS = {
    **{match_key(w): n for n, w in enumerate(
        ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"])},
    **{match_key("الإثنين"): 0},
    **{w: n for n, w in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])},
}
# Counts that change as a story develops (tolls) or describe people in general: never identifying.
_UPDATING = frozenset(u for u in QUANTITY_NOUNS.values() if u in ("killed", "wounded", "people", "civilians",
                                                                  "children", "percent", "hours", "days"))
# Words after which a number is a measure of the happening itself ("magnitude 6.1", «بقوة 7,3»).
_MEASURE_CUES = frozenset([match_key(w) for w in ["بقوة", "قوته", "قوتها", "شدته", "بشدة"]] + ["magnitude"])
_SINCE = frozenset([match_key(w) for w in ["منذ", "عام", "العام", "سنة"]] + ["since", "in", "year", "of"])
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What an article's headline and lead say about when its happening was and what identifies it."""

    weekday: int | None = None
    year: int | None = None
    published_year: bool = False  # the year is the publication date's, not one named in the text
    figures: dict[str, float] = field(default_factory=dict)



def evidence(article: Article, cleaned: Cleaned | None) -> Evidence:
    """The evidence of one article: its headline and the start of its story text."""
    body = " ".join(article.text[a:b] for a, b in cleaned.kept) if cleaned else article.text
    lead = f"{article.title or ''}\n{body[:LEAD_CHARS]}"
    words = [w for w, _, _ in word_spans(lead)]
    # a weekday followed by a day number is a date stamp of the page ("الأحد 21 يناير 2018"), not the story's day
    weekday = next((WEEKDAYS[w] for n, w in enumerate(words) if w in WEEKDAYS
                    and not (n + 1 < len(words) and words[n + 1][:1].isdigit())), None)
    published = int(article.published[:4]) if article.published and article.published[:4].isdigit() else None
    named = next((int(w) for n, w in enumerate(words) if _YEAR.match(w) and (n == 0 or words[n - 1] not in _SINCE)),
                 None)
    return Evidence(weekday, published or named, published is not None, _figures(words))


def _figures(words: list[str]) -> dict[str, float]:
    """Identifying figures of a lead: a number after a measure word ("magnitude 6.1", «بقوة 7,3»).

    Counts ("23 pirates", "5 planes") were tried as identifying too and split true events on dev: one report
    counts the whole crew, another its nationals, a third the boats (bench/CALIBRATION.md)."""
    out: dict[str, float] = {}
    for n, w in enumerate(words[1:], 1):
        value = number_value(w) if words[n - 1] in _MEASURE_CUES else None
        if value is not None:
            nxt = words[n + 1] if n + 1 < len(words) else ""
            if value.is_integer() and nxt.isdigit() and len(nxt) == 1:
                value += int(nxt) / 10  # "7 , 3" tokenised: the decimal comma stands apart
            out.setdefault(words[n - 1], value)
    return out


def clash(a: Evidence, b: Evidence) -> str | None:
    """Why two articles cannot report one happening, or None when nothing says so."""
    if a.year is not None and b.year is not None:
        # a year named in the text may be the day before's (late December, early January): one apart is not proof
        gap = 1 if a.published_year and b.published_year else YEAR_GAP
        if abs(a.year - b.year) >= gap:
            return f"different years ({min(a.year, b.year)}, {max(a.year, b.year)})"
    if a.weekday is not None and b.weekday is not None and _days_apart(a.weekday, b.weekday) >= DAY_GAP:
        return "days named two or more apart"
    for unit in a.figures.keys() & b.figures.keys():
        x, y = sorted((a.figures[unit], b.figures[unit]))
        if y > x * (1 + FIGURE_TOLERANCE):
            return f"different figures ({x:g} and {y:g} {unit})"
    return None


def _days_apart(x: int, y: int) -> int:
    """Days between two weekdays, the short way round the week."""
    d = abs(x - y) % 7
    return min(d, 7 - d)
