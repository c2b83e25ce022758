"""Syndication: copies of one wire text count as one source."""

from __future__ import annotations

from pathlib import Path

from summarize.claims.syndication import find_syndication, independent_count, shares_wire_text
from summarize.model import Article

SEEDS = Path(__file__).parents[1] / "examples" / "seeds"

WIRE = [
    "وقال الجيش في بيان رسمي صدر مساء اليوم إن قواته انسحبت من المدينة الشمالية للتحضير لهجوم مضاد واسع.",
    "وأضاف البيان أن الاشتباكات العنيفة مع الجماعات المسلحة استمرت طوال الليل في عدة محاور حول المدينة.",
    "The ministry said on Monday that the bridge over the northern river would stay closed for repairs until spring.",
]


def art(aid: str, paragraphs: list[str], outlet: str | None = None) -> Article:
    """Build an article from paragraphs."""
    return Article(id=aid, text="\n\n".join(paragraphs), outlet=outlet)


def test_copied_paragraphs_are_syndicated_and_rewrites_are_not() -> None:
    """Two articles carrying the same wire paragraphs are linked; an independent rewrite is not."""
    a = art("a", ["عنوان أول", WIRE[0], WIRE[1]])
    intro = "مقدمة مختلفة كتبها محرر آخر عن الأحداث الجارية في البلاد اليوم وتطوراتها الأخيرة."
    b = art("b", [intro, WIRE[0], WIRE[1]])
    c = art("c", ["أعلنت القوات المسلحة أنها سحبت وحداتها من المدينة استعدادا لشن هجوم معاكس في الأيام المقبلة.",
                  "واستمرت المعارك الضارية مع المسلحين حتى الصباح على جبهات متعددة حول المدينة الشمالية."])
    syn = find_syndication([a, b, c])
    assert syn == {"a": ("b",), "b": ("a",), "c": ()}
    assert not shares_wire_text(a, c)


def test_independent_count_merges_outlets_and_copies() -> None:
    """Same outlet = one source; syndicated copies = one source; unknown outlets are distinct."""
    arts = {
        "a": art("a", [WIRE[2]], outlet="Daily"),
        "b": art("b", ["Other text entirely about something else in the region and the weather today."], "Daily"),
        "c": art("c", ["Unrelated report about the market and the harvest season that starts next week."]),
        "d": art("d", ["Yet another report on a school opening in the capital with new teachers hired."]),
        "e": art("e", ["Copied: " + WIRE[2]]),
    }
    syn = find_syndication(list(arts.values()))
    assert syn["a"] == ("e",)
    assert independent_count(["a", "b"], arts, syn) == 1
    assert independent_count(["c", "d"], arts, syn) == 2
    assert independent_count(["a", "e"], arts, syn) == 1
    assert independent_count(["a", "c", "e"], arts, syn) == 2


def test_seed_wire_copy_is_found() -> None:
    """On the seeds, exactly the two articles sharing wire text are linked."""
    files = sorted(SEEDS.glob("*.txt"))
    arts = [Article(id=p.stem.split("_")[0], text=p.read_text(encoding="utf-8")) for p in files]
    syn = find_syndication(arts)
    linked = sorted({tuple(sorted((k, *v))) for k, v in syn.items() if v})
    assert linked == [("001", "002")]
