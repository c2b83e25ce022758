"""Conflict rules between two claims: denials, conflicting figures, opposed parties.

The corroborate stage decides *which* pairs to test (by similarity) and turns
the conflicts it finds into disputes; this module says whether one claim
contradicts another. Lexicon-based and language-general: no names from any corpus.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from summarize.claims.extract import denied_object, topic
from summarize.model import Claim
from summarize.text.lexicons import (
    ABOUT_WORDS,
    ANTONYM_STEMS,
    CASUALTY_UNITS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    STOP_AR,
    STOP_EN,
    content_stems,
    is_denial,
    negation_count,
)
from summarize.text.tokens import stem, tokens

# Share of the denied object's words the assertion must hold: bench/bench_corroborate_calibration.py.
DENIED_COVERAGE = 0.6
# The denied place must follow the denied act within this many words (reasoning; bench/CALIBRATION.md).
PLACE_WINDOW = 6
# Tallies of one toll differ by tens of percent, a factor of 2+ counts different things (bench/CALIBRATION.md).
MAX_FIGURE_RATIO = 1.5
# Contrastive connectors: what follows them is a second, often opposite-polarity, statement about another thing.
_CONTRAST = re.compile(r"\s(?:ولكن|لكن|لكنه|لكنها|غير أن|إلا أن|but|however|yet)\s", re.IGNORECASE)
# Units whose numbers never conflict (dates and durations are context, not claims).
_NO_CONFLICT_UNITS = frozenset({"year", "hours", "days", None})


def _figures(claim: Claim, generic: bool = False) -> dict[str, set[float]]:
    """Precise figures of a claim by unit (victim counts share one unit); with `generic`, also the counts of
    nouns outside the quantity lexicon ("14 rifles", `quantities`)."""
    out: dict[str, set[float]] = {}
    for q in claim.quantities:
        if q.unit is None or q.unit in _NO_CONFLICT_UNITS or (not generic and q.unit.startswith("n:")):
            continue
        unit = "killed" if q.unit in CASUALTY_UNITS else str(q.unit)
        out.setdefault(unit, set()).add(q.value)
    return out


def _years(claim: Claim) -> set[float]:
    """The years a claim names ("in 1990")."""
    return {q.value for q in claim.quantities if q.unit == "year"}


def figure_ratio(a: Claim, b: Claim) -> float | None:
    """Smallest larger/smaller ratio over quantities where each claim gives one different figure, if any.

    None when the two claims name different years, or only one names a year: a toll from another year
    is context ("the 1990 quake killed ..."), not a rival count or an earlier reading for this event.
    """
    ya, yb = _years(a), _years(b)
    if (ya or yb) and not ya & yb:
        return None
    fa, fb = _figures(a), _figures(b)
    ratios = []
    for unit in fa.keys() & fb.keys():
        va, vb = fa[unit], fb[unit]
        if len(va) == 1 and len(vb) == 1 and va != vb:
            x, y = min(*va, *vb), max(*va, *vb)
            ratios.append(y / x if x > 0 else math.inf)
    return min(ratios) if ratios else None


def figures_conflict(a: Claim, b: Claim) -> bool:
    """True when both claims give one different figure each for the same quantity, close enough to be tallies."""
    ratio = figure_ratio(a, b)
    return ratio is not None and ratio <= MAX_FIGURE_RATIO


def figures_differ(a: Claim, b: Claim) -> bool:
    """True when two claims give disjoint figures for a shared quantity (never the same statement).

    Counts of any noun take part ("14 rifles" and "six rifles" are not one statement), while only the
    quantity lexicon's units can make a dispute or a timeline (`figure_ratio`): a generic noun says what is
    counted, not that the two counts cover the same scope."""
    fa, fb = _figures(a, generic=True), _figures(b, generic=True)
    return any(not fa[u] & fb[u] for u in fa.keys() & fb.keys())


@lru_cache(maxsize=4096)  # called for every pair of an event's claims
def party_key(speaker: str | None) -> str | None:
    """A comparable key for a speaker: the stem of its first content word."""
    if not speaker:
        return None
    words = [stem(t) for t in tokens(speaker) if len(t) > 1]
    return words[0] if words else None


def opposite_polarity(a: str, b: str) -> bool:
    """True when one text alone is negated or denies, or the two use opposite words.

    Of a text with a contrastive turn ("felt the quake, but there were no reports of damage"), only the
    part that shares most words with the other text counts: the negation after "but" is about another
    thing."""
    a, b = _nearest_part(a, b), _nearest_part(b, a)
    ta, tb = tokens(a), tokens(b)
    if (negation_count(ta) > 0) != (negation_count(tb) > 0):
        return True
    if any(is_denial(t) for t in ta) != any(is_denial(t) for t in tb):
        return True
    sa, sb = {stem(t) for t in ta}, {stem(t) for t in tb}
    return any((x, y) in ANTONYM_STEMS for x in sa - sb for y in sb - sa)


def _nearest_part(text: str, other: str) -> str:
    """The part of `text` (cut at contrastive connectors) sharing most content words with `other`."""
    parts = [p for p in _CONTRAST.split(text) if p.strip()]
    if len(parts) < 2:
        return text
    want = content_stems(other)
    return max(parts, key=lambda p: len(content_stems(p) & want))


def _root(word: str) -> str:
    """A crude root for matching a verbal noun with its verb (انسحاب ~ انسحب): the stem's first 4 letters."""
    return stem(word)[:4]


def denial_coverage(a: Claim, b: Claim) -> float | None:
    """Share of the denied object's content words found in the other claim; None when it cannot deny it.

    None when one article has the same speaker say both (a party's denial and its own
    counter-claim: "denied withdrawing, saying its forces hold their positions"), when the
    denial has no object, or when a word after a preposition in the denied object
    ("من المدينة") is missing from the assertion. Two outlets reporting one party as saying
    and denying the same thing do disagree, and are kept.
    """
    deny, other = (a, b) if a.stance == "deny" else (b, a)
    kd, ko = party_key(deny.attributed_to), party_key(other.attributed_to)
    if kd is not None and kd == ko and deny.article_id == other.article_id:
        return None
    raw = denied_object(deny.text, deny.attributed_to)
    places = _places(raw)
    content = [w for w in raw if w not in STOP_AR and w not in STOP_EN and w not in PLACE_PREPOSITIONS]
    # the denied act is the first content word ("انسحاب" in "نفى ... انسحاب قواتها من X")
    act = next((_root(w) for w in content if w not in places and w not in PLACE_NOUNS and w not in ABOUT_WORDS), None)
    roots = [_root(w) for w in tokens(other.text)]
    if act is None or not all(_near(roots, act, _root(p)) for p in places):
        return None
    have = set(roots)
    return sum(_root(w) in have for w in content) / max(1, len(content))


def _places(words: Sequence[str]) -> list[str]:
    """Place names in a denied object: the word after a preposition, past generic nouns ("من مدينة X" → X).

    Read before stop words are removed, since "من" / "from" are stop words themselves.
    """
    out = []
    for n, w in enumerate(words):
        if w in PLACE_PREPOSITIONS:
            after = [x for x in words[n + 1 : n + 4] if x not in PLACE_NOUNS]
            if after and after[0] not in PLACE_PREPOSITIONS:
                out.append(after[0])
    return out


def _near(roots: Sequence[str], action: str, place: str) -> bool:
    """True when `place` occurs within PLACE_WINDOW words of `action` (the denied act, e.g. a withdrawal).

    A long report can mention the denied place anywhere; only an assertion of the
    same act at that place is what the denial contradicts.
    """
    acts = [n for n, r in enumerate(roots) if r == action]
    return any(abs(n - m) <= PLACE_WINDOW for n, r in enumerate(roots) if r == place for m in acts)


def denies(a: Claim, b: Claim) -> bool:
    """True when the deny-stance claim of the pair denies what the other asserts, by another party."""
    coverage = denial_coverage(a, b)
    return coverage is not None and coverage >= DENIED_COVERAGE


def same_topic(a: Claim, b: Claim) -> bool:
    """True when both statements are about the same subject (see `claims.topic`)."""
    ta, tb = topic(a.text, a.attributed_to), topic(b.text, b.attributed_to)
    return ta is not None and ta == tb


def different_parties(a: Claim, b: Claim) -> bool:
    """True when two claims are attributed to two different named parties.

    One party under two names is one party: when every word of the shorter name is in the longer one
    ("حداد" and a scrape's «اسم الموقع حداد»; "Doe" and "Jane Doe")."""
    ka, kb = party_key(a.attributed_to), party_key(b.attributed_to)
    if ka is None or kb is None or ka == kb:
        return False
    wa = {stem(t) for t in tokens(a.attributed_to or "")}
    wb = {stem(t) for t in tokens(b.attributed_to or "")}
    return not (wa <= wb or wb <= wa)
