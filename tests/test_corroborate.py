"""Corroborate: confirmed needs two independent outlets; denials, figures and opposed parties are disputed."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarize.claims.conflicts import figures_conflict
from summarize.claims.corroborate import ALIGN_SIM, corroborate, similarity
from summarize.claims.extract import extract_claims
from summarize.claims.syndication import find_syndication
from summarize.events.embed import get_embedder
from summarize.model import Article, ClaimGroup
from summarize.text.sentences import split_sentences


class NeverDisagrees:
    """A stand-in contradiction detector (the corroborate rules are under test, not the model)."""

    name = "never"

    def score(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Always P(disagree) = 1, so only the lexical gates decide."""
        return np.ones(len(pairs))


def run(articles: list[Article]) -> list[ClaimGroup]:
    """Claims → groups for inline articles with the real embedder."""
    sents = {a.id: split_sentences(a.text, a.id, a.lang) for a in articles}
    claims = extract_claims(articles, sents)
    return corroborate(claims, articles, find_syndication(articles), get_embedder("use"), NeverDisagrees())


def art(aid: str, outlet: str | None, text: str, lang: str = "ar") -> Article:
    """Build an article."""
    return Article(id=aid, text=text, outlet=outlet, lang=lang)


def sources(g: ClaimGroup) -> set[str]:
    """All article ids of a group."""
    return {x for s in g.statements for x in s.sources}


def test_two_outlets_confirm_one_outlet_does_not() -> None:
    """A fact from two outlets is confirmed; the same outlet twice is single-source."""
    a = art("a", "Outlet A", "وقال مسؤولون في الميناء إن السفينة التجارية الكبيرة رست في الميناء الجنوبي صباح الأحد.")
    b = art("b", "Outlet B", "وأفاد مسؤولون أن سفينة تجارية كبيرة رست صباح الأحد في الميناء الجنوبي.")
    c = art("c", "Outlet A", "وذكرت إدارة المدرسة أن العام الدراسي الجديد سيبدأ في منتصف الشهر المقبل في كل المدارس.")
    d = art("d", "Outlet A", "وأعلنت إدارة المدرسة أن العام الدراسي الجديد سيبدأ في منتصف الشهر المقبل في كل المدارس.")
    groups = run([a, b, c, d])
    by_src = {frozenset(sources(g)): g for g in groups}
    assert by_src[frozenset({"a", "b"})].status == "confirmed"
    assert by_src[frozenset({"a", "b"})].independent_sources == 2
    assert all(g.status != "confirmed" for g in groups if sources(g) <= {"c", "d"})


def test_denial_is_disputed_with_both_sides() -> None:
    """A party's denial of another party's report is a denial dispute with sides and sources."""
    a = art("a", "Outlet A", "وأكد المرصد الحقوقي أن الجيش انسحب من مدينة الميناء الشمالية باتجاه الجنوب.")
    b = art("b", "Outlet B", "ونفت وزارة الدفاع انسحاب قواتها من مدينة الميناء الشمالية، مؤكدة أنها في مواقعها.")
    groups = run([a, b])
    disputed = [g for g in groups if g.status == "disputed"]
    assert len(disputed) == 1 and disputed[0].dispute_kind == "denial"
    sides = {(s.side, s.stance, s.sources) for s in disputed[0].statements}
    assert {(st, src) for _, st, src in sides} == {("assert", ("a",)), ("deny", ("b",))}
    assert len({side for side, _, _ in sides}) == 2


def test_conflicting_figures_and_close_tallies_only() -> None:
    """Two tallies of the same toll conflict; figures far apart count different things."""
    a = art("a", "Outlet A", "قتل 327 شخصا في غارات ومواجهات في المحافظتين الشماليتين منذ بدء الهجوم.")
    b = art("b", "Outlet B", "قتل 343 شخصا في غارات ومواجهات في المحافظتين الشماليتين منذ بدء الهجوم.")
    groups = run([a, b])
    kinds = [g.dispute_kind for g in groups if g.status == "disputed"]
    assert kinds == ["conflicting_figures"]
    sa, sb = (extract_claims([x], {x.id: split_sentences(x.text, x.id, "ar")})[0] for x in (a, b))
    far = extract_claims([art("c", None, "وقتل 16 شخصا في غارة واحدة على سوق المدينة الشمالية.")],
                         {"c": split_sentences("وقتل 16 شخصا في غارة واحدة على سوق المدينة الشمالية.", "c", "ar")})[0]
    assert figures_conflict(sa, sb) and not figures_conflict(sa, far)


def test_opposed_parties_on_a_government_role() -> None:
    """One party says a government backed an attack, the government says it was not involved."""
    a = art("a", "Outlet A", "وقالت مصادر معارضة إن الحكومة المجاورة أعطت الضوء الأخضر للهجوم على المدينة.")
    b = art("b", "Outlet B", "وأكدت الحكومة المجاورة عبر وزير خارجيتها عدم تورطها في الهجوم على المدينة.")
    groups = run([a, b])
    disputed = [g for g in groups if g.status == "disputed"]
    assert [g.dispute_kind for g in disputed] == ["conflicting_reports"]
    assert {s.side for s in disputed[0].statements} == {0, 1}


def test_syndicated_copies_are_one_source_and_ids_are_stable() -> None:
    """Two copies of one wire text never confirm each other; ids do not depend on input order."""
    wire = ("وقال المتحدث باسم الشركة في بيان رسمي إن المصنع الجديد سيبدأ الإنتاج في الربع الأول من العام المقبل "
            "وسيوفر مئات فرص العمل في المنطقة الصناعية الشرقية للمدينة.")
    a, b = art("a", None, wire), art("b", None, wire)
    groups = run([a, b])
    assert [g.status for g in groups] == ["single_source"]
    assert [g.id for g in run([b, a])] == [g.id for g in groups]


def test_dispute_sides_carry_only_the_disputed_statements() -> None:
    """An admission about another city aligns with the denied assertion but is no side of the denial."""
    a = art("a", "Outlet A", "وأكد المرصد الحقوقي أن الجيش انسحب من مدينة الميناء الشمالية باتجاه الجنوب.")
    b = art("b", "Outlet B", "ونفت وزارة الدفاع انسحاب قواتها من مدينة الميناء الشمالية، مؤكدة أنها في مواقعها.")
    c = art("c", "Outlet C", "وأعلن الجيش أنه انسحب من مدينة الجبل الشرقية مؤقتا باتجاه الجنوب للتحضير لهجوم مضاد.")
    d = art("d", "Outlet D", "وقال ناشطون إن الجيش انسحب من مدينة الجبل الشرقية باتجاه الجنوب بعد معارك عنيفة.")
    arts = [a, b, c, d]
    claims = extract_claims(arts, {x.id: split_sentences(x.text, x.id, x.lang) for x in arts})
    sim = similarity(claims, get_embedder("use"))
    # The admissions align with the assertion, so whole-cluster sides would show them on the asserting side.
    assert float(sim[0, [2, 3]].mean()) >= ALIGN_SIM
    groups = run(arts)
    disputed = [g for g in groups if g.status == "disputed"]
    assert len(disputed) == 1 and sources(disputed[0]) == {"a", "b"}
    rest = [g for g in groups if sources(g) & {"c", "d"}]
    assert [(g.status, sources(g)) for g in rest] == [("confirmed", {"c", "d"})]


def test_a_denial_disputes_the_same_act_at_the_same_place_only() -> None:
    """The denied place must stand next to the denied act; a report that names it elsewhere is not denied."""
    from summarize.claims.conflicts import denies
    from summarize.claims.extract import extract_claims

    deny = art("d", "Outlet D", "ونفت وزارة الدفاع انسحاب قواتها من مدينة سمرقند الجديدة وقالت إنها باقية في مواقعها.")
    same = art("a", "Outlet A", "وأكد المرصد أن الجيش انسحب من مدينة سمرقند الجديدة خلال ساعات الليل الماضية.")
    elsewhere = art("b", "Outlet B", "وأكد المرصد أن الجيش انسحب من مدينة بيلورا بالكامل بينما تستمر الاشتباكات "
                                     "العنيفة منذ يومين في محيط مدينة سمرقند الجديدة.")
    claims = {a.id: extract_claims([a], {a.id: split_sentences(a.text, a.id, "ar")})[0]
              for a in (deny, same, elsewhere)}
    assert claims["d"].stance == "deny"
    assert denies(claims["d"], claims["a"])
    assert not denies(claims["d"], claims["b"])


def test_one_party_said_and_denied_by_two_outlets_is_a_denial_but_not_inside_one_article() -> None:
    """Outlet A has the council approving a law, outlet B has the council denying it: a dispute. The council
    denying one thing and asserting another in a single article is not."""
    from summarize.claims.conflicts import denies

    said = art("a", "Outlet A", "وأعلن مجلس المدينة إقرار قانون جديد للأسواق في الأحياء القديمة صباح اليوم.")
    denied = art("b", "Outlet B", "ونفى مجلس المدينة إقرار قانون جديد للأسواق في الأحياء القديمة صباح اليوم.")
    claims = {a.id: extract_claims([a], {a.id: split_sentences(a.text, a.id, "ar")})[0] for a in (said, denied)}
    assert claims["a"].attributed_to == claims["b"].attributed_to == "مجلس المدينة"
    assert denies(claims["b"], claims["a"])
    own = claims["a"].__class__(**{**{f: getattr(claims["a"], f) for f in claims["a"].__dataclass_fields__},
                                   "article_id": "b"})
    assert not denies(claims["b"], own)


def test_tolls_from_different_years_do_not_conflict() -> None:
    from summarize.claims.quantities import quantities
    from summarize.model import Claim

    def claim(text: str) -> Claim:
        return Claim("x", "a", 0, 0, len(text), text, "en", quantities=quantities(text))

    now = claim("The earthquake killed 320 people in the border region in 2017.")
    rival = claim("Officials said the earthquake killed 300 people in the region in 2017.")
    past = claim("A quake near the coast killed 310 people there in 1990.")
    assert figures_conflict(now, rival)
    assert not figures_conflict(now, past)


def test_a_risen_toll_is_an_update_shown_with_its_earlier_figure() -> None:
    """"Rose to 343" beside "327": one claim, the latest figure first and 327 in its timeline, not a dispute."""
    a = art("a", "Outlet A", "قتل 327 شخصا في غارات ومواجهات في المحافظتين الشماليتين منذ بدء الهجوم.")
    b = art("b", "Outlet B", "وارتفع عدد القتلى في المحافظتين الشماليتين إلى 343 منذ بدء الهجوم.")
    groups = run([a, b])
    assert not [g for g in groups if g.status == "disputed"]
    (rising,) = [g for g in groups if g.timeline]
    assert "343" in rising.statements[0].text and [t.figure for t in rising.timeline] == ["327"]
    assert rising.timeline[0].sources == ("a",)


def test_statements_of_one_wire_count_once() -> None:
    """Two outlets carrying "three residents told Reuters": one origin, Reuters; not confirmed."""
    text = "وأفاد ثلاثة سكان لرويترز أن آلاف السيارات المدنية تغادر المدينة عبر الطريق الرئيسي إلى خارجها."
    groups = run([art("a", "Outlet A", text), art("b", "Outlet B", "وقال " + text[5:])])
    (group,) = [g for g in groups if "السيارات" in g.statements[0].text]
    assert group.status == "single_source" and group.origins == ("Reuters",)


def test_a_closing_figure_is_the_latest_reading_and_a_year_named_once_is_context() -> None:
    """An intraday move and the close are one timeline with the close latest, though it is the smaller figure;
    a toll that names a year is never set against one that names none."""
    a = art("a", "Outlet A", "Shares on the city exchange plunged 6.2 percent as the protests spread downtown.", "en")
    b = art("b", "Outlet B", "Shares on the city exchange closed down 4.8 percent as the protests spread.", "en")
    groups = run([a, b])
    assert not [g for g in groups if g.status == "disputed"]
    (reading,) = [g for g in groups if g.timeline]
    assert "4.8" in reading.statements[0].text and [t.figure for t in reading.timeline] == ["6.2"]
    from summarize.claims.conflicts import figure_ratio
    from summarize.claims.quantities import quantities
    from summarize.model import Claim

    def claim(text: str) -> Claim:
        return Claim("x", "a", 0, 0, len(text), text, "en", quantities=quantities(text))

    assert figure_ratio(claim("A quake near the coast killed 310 people in 1990."),
                        claim("The quake near the coast killed 320 people on Sunday.")) is None


def test_a_negation_after_but_is_about_another_thing() -> None:
    """"Residents felt the quake, but there were no reports of damage" does not oppose "residents felt the
    quake": only the part nearest the other statement counts for polarity."""
    from summarize.claims.conflicts import opposite_polarity

    felt = "وقال مراسل الوكالة إن سكان المدن الشرقية شعروا بالهزة الأرضية"
    but = "وأبلغ سكان المدن الشرقية عن شعورهم بالهزة الأرضية لكن لم ترد تقارير عن أضرار"
    assert not opposite_polarity(felt, but)
    assert opposite_polarity(felt, "وقال مراسل الوكالة إن سكان المدن الشرقية لم يشعروا بالهزة الأرضية")
