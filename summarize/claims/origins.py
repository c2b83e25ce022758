# ruff: noqa: SIM905  (word lists are easier to read and review as split strings)
"""Origins: the wire or outlet a report relays ("told Reuters", «نقلاً عن وكالة الأنباء الفرنسية»).

Outlets that repeat one origin are one source: three papers carrying "three residents told Reuters" are
Reuters once. A statement's origin is the agency it cites itself; else the wire the article as a whole
relays (a dateline "(Reuters) -", "المصدر: أ ف ب"); else none, and the outlet is its own origin. Wire and
media words are a general lexicon (news agencies of the world and the words for agency, channel, paper),
never names taken from the evaluation data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from summarize.claims.syndication import source_keys
from summarize.model import Article, Claim
from summarize.text.normalize import match_key
from summarize.text.tokens import tokens

# Canonical wire → its names (folded tokens), in Arabic and English. General: agencies of the world.
WIRES: dict[str, tuple[str, ...]] = {
    "Reuters": ("رويترز", "لرويترز", "ورويترز", "reuters"),
    "AFP": ("afp", "فرانس برس", "الفرنسية", "ا ف ب", "أ ف ب", "أ.ف.ب", "agence france presse", "france presse"),
    "AP": ("associated press", "اسوشيتد برس", "أسوشيتد برس", "اسوشييتد برس"),
    "dpa": ("dpa", "د ب ا", "د ب أ", "الالمانية"),
    "Anadolu": ("anadolu", "الاناضول", "الأناضول"),
    "SANA": ("sana", "سانا"),
    "MENA": ("mena", "ا ش ا", "أ ش أ", "الشرق الاوسط المصرية"),
    "WAM": ("wam", "وام"),
    "SPA": ("spa", "واس"),
    "KUNA": ("kuna", "كونا"),
    "QNA": ("qna",),
    "IRNA": ("irna", "ارنا", "إرنا"),
    "ISNA": ("isna", "ايسنا"),
    "Xinhua": ("xinhua", "شينخوا"),
    "TASS": ("tass", "تاس"),
    "Sputnik": ("sputnik", "سبوتنيك"),
    "PTI": ("pti", "press trust of india"),
    "IANS": ("ians",),
    "EFE": ("efe",),
    "ANSA": ("ansa",),
    "Bloomberg": ("bloomberg", "بلومبرغ", "بلومبيرغ"),
}
# Words that make a speaker a news organisation ("state TV said", «قالت وكالة …»): then the speaker is the origin.
MEDIA_WORDS = frozenset(
    [match_key(w) for w in "وكالة وكاله التلفزيون تلفزيون قناة القناة صحيفة الصحيفة إذاعة الإذاعة الاذاعة".split()]
    + "agency television tv channel newspaper radio broadcaster".split()
)
# Where an article names the wire it relays: its first and last characters (dateline, credit line).
EDGE_CHARS = 300
# Two statements are one wire sentence when this share of the shorter one's word triples is in the other
# (light edits keep most triples; independent rewording of a fact keeps few). Reasoning, not swept.
COPY_SHARE = 0.5
_WIRE_KEYS = {tuple(tokens(name)): wire for wire, names in WIRES.items() for name in names}
_MAX_NAME = max(map(len, _WIRE_KEYS))
_CREDIT = re.compile(r"\(\s*([^()]{2,40})\s*\)|(?:^|\n)\s*(?:المصدر|source)\s*:?\s*([^\n]{2,40})", re.IGNORECASE)


def wires_in(text: str) -> list[str]:
    """The wires named in `text`, in order (each token sequence of a wire's name, with or without ل/و)."""
    words = tokens(text)
    found: list[str] = []
    for i in range(len(words)):
        for n in range(min(_MAX_NAME, len(words) - i), 0, -1):
            key = tuple(words[i : i + n])
            if key in _WIRE_KEYS:
                found.append(_WIRE_KEYS[key])
                break
    return found


def statement_origin(claim: Claim) -> str | None:
    """The origin a statement cites itself: a wire it names, or the news organisation it quotes."""
    wires = wires_in(claim.text)
    if wires:
        return wires[0]
    speaker = claim.attributed_to
    if speaker and set(tokens(speaker)) & MEDIA_WORDS:
        return " ".join(tokens(speaker))
    return None


def article_origin(article: Article) -> str | None:
    """The wire an article relays as a whole: named in a bracket or credit line at its start or end."""
    for edge in (article.text[:EDGE_CHARS], article.text[-EDGE_CHARS:]):
        for m in _CREDIT.finditer(edge):
            wires = wires_in(m.group(1) or m.group(2) or "")
            if wires:
                return wires[0]
    return None


def origins(claims: Sequence[Claim], articles: Mapping[str, Article]) -> dict[str, str | None]:
    """Claim id → the origin it relays (None: the outlet itself is the origin)."""
    relayed = {aid: article_origin(a) for aid, a in articles.items()}
    return {c.id: statement_origin(c) or relayed.get(c.article_id) for c in claims}


def independent_origins(members: Sequence[Claim], articles: Mapping[str, Article],
                        syndication: Mapping[str, tuple[str, ...]], origin_of: Mapping[str, str | None]) -> list[str]:
    """The distinct origins behind some claims (see `resolve_origins`)."""
    return sorted(set(resolve_origins(members, articles, syndication, origin_of).values()))


def resolve_origins(members: Sequence[Claim], articles: Mapping[str, Article],
                    syndication: Mapping[str, tuple[str, ...]], origin_of: Mapping[str, str | None]
                    ) -> dict[str, str]:
    """Claim id → the origin behind it among `members`: the wire it relays, else its outlet.

    Copies count once: syndicated articles, and statements worded alike (most of one's word triples in the
    other: one wire sentence carried by several outlets, credited or not) share one origin, the wire if any
    copy credits one.
    """
    keys = source_keys({c.article_id for c in members}, articles, syndication)
    own = [origin_of.get(c.id) or _outlet_name(keys[c.article_id], c.article_id) for c in members]
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grams = [_triples(c.text) for c in members]
    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            small = min(len(grams[i]), len(grams[j]))
            same_article = members[i].article_id == members[j].article_id  # one report is one origin
            if same_article or (small and len(grams[i] & grams[j]) >= COPY_SHARE * small):
                parent[root(i)] = root(j)
    by_root: dict[int, set[str]] = {}
    for i in range(len(members)):
        by_root.setdefault(root(i), set()).add(own[i])
    chosen = {}
    for r, found in by_root.items():
        wires = sorted(found & set(WIRES)) or sorted(n for n in found if not n.startswith("unknown"))
        chosen[r] = wires[0] if wires else sorted(found)[0]
    return {c.id: chosen[root(i)] for i, c in enumerate(members)}


def _outlet_name(key: str, article_id: str) -> str:
    """A source key as an origin name."""
    return key.split(":", 1)[1] if key.startswith("outlet:") else f"unknown outlet ({article_id})"


def _triples(text: str) -> set[tuple[str, ...]]:
    """The word triples of a text (folded)."""
    words = tokens(text)
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
