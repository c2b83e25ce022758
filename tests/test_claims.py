"""Claims: speaker, stance, quantities and offsets from Arabic and English sentences."""

from __future__ import annotations

from summarize.claims.extract import extract_claims
from summarize.claims.quantities import quantities
from summarize.claims.speakers import attribution
from summarize.model import Article
from summarize.text.sentences import split_sentences


def claims_of(text: str, lang: str = "ar", aid: str = "a1"):  # type: ignore[no-untyped-def]
    """Extract claims from one inline article."""
    article = Article(id=aid, text=text, lang=lang)
    return extract_claims([article], {aid: split_sentences(text, aid, lang)})


def test_arabic_speaker_and_denial() -> None:
    """A VSO reporting verb gives the speaker; a denial verb gives stance deny."""
    text = ("وأكد المرصد الوطني لحقوق الإنسان أن القوات انسحبت من المدينة الكبيرة صباح اليوم. "
            "ونفت وزارة الداخلية انسحاب قواتها من المدينة الكبيرة وقالت إنها في مواقعها.")
    got = claims_of(text)
    assert [c.stance for c in got] == ["assert", "deny"]
    assert got[0].attributed_to == "المرصد الوطني لحقوق الإنسان"
    assert got[1].attributed_to is not None and got[1].attributed_to.startswith("وزارة الداخلية")
    for c in got:
        assert text[c.start : c.end] == c.text


def test_clause_with_second_speaker_is_split() -> None:
    """"، فيما نفت ..." introduces a second speaker and becomes its own claim."""
    text = ("قالت الفصائل المسلحة في بيان إن قواتها تتقدم في ريف المحافظة الجنوبي، "
            "فيما نفت وزارة الدفاع انسحاب قواتها من المدينة مؤكدة أنها في مواقعها.")
    got = claims_of(text)
    assert len(got) == 2
    assert (got[0].stance, got[1].stance) == ("assert", "deny")
    assert got[1].text.startswith("فيما نفت")


def test_pronoun_speaker_is_inherited() -> None:
    """"وأضافوا أن ..." takes the speaker of the previous reported statement."""
    text = ("وقال ثلاثة سكان لوكالة الأنباء إن آلاف السيارات تغادر المدينة عبر الطريق الرئيسي. "
            "وأضافوا أن السيارات تتجه في الغالب نحو الساحل مع إغلاق الطريق السريع.")
    got = claims_of(text)
    assert got[1].attributed_to == got[0].attributed_to


def test_quantities_with_units_and_arabic_digits() -> None:
    """Arabic-Indic digits are normalised and numbers get the noun they count."""
    q = quantities("أكد المرصد سقوط ١٦ قتيلاً وسيطرة الفصائل على ست قرى منذ عام 2016 على بعد 20 كيلو متر")
    got = {(x.value, x.unit) for x in q}
    assert {(16.0, "killed"), (6.0, "villages"), (2016.0, "year"), (20.0, "km")} <= got
    toll = quantities("كما أشار إلى ارتفاع عدد القتلى في المحافظتين إلى 327.")
    assert [(x.value, x.unit) for x in toll] == [(327.0, "killed")]


def test_english_attribution_and_numbers() -> None:
    """English subject-verb order and 'according to'."""
    speaker, stance, found = attribution("The health ministry denied that 40 people were killed.", "en")
    assert (speaker, stance, found) == ("The health ministry", "deny", True)
    speaker, _, _ = attribution("At least 12 people were killed, according to the Red Crescent.", "en")
    assert speaker == "the Red Crescent"
    got = claims_of("Officials said 12 people were killed in the blast on Monday.", lang="en")
    assert got and (12.0, "killed") in {(q.value, q.unit) for q in got[0].quantities}


def test_fragments_and_repeats_are_skipped() -> None:
    """Menus, share buttons and a repeated headline are not claims."""
    text = "شارك\n\nالمصدر: وكالات\n\nسقوط عشرات القتلى خلال غارات ومواجهات في مدينتين شماليتين\n\n" \
           "سقوط عشرات القتلى خلال غارات ومواجهات في مدينتين شماليتين"
    got = claims_of(text)
    assert len(got) == 1


def test_a_count_inside_an_enumeration_is_not_a_toll() -> None:
    """ "killed two women and a man" gives no casualty figure for 2 (the toll is 3, not 2)."""
    from summarize.claims.quantities import quantities

    (two,) = quantities("The blast killed two women and a man near the station.")
    assert two.value == 2 and two.unit is None
    (three,) = quantities("The blast killed three people near the station.")
    assert three.unit in ("killed", "people")  # both count as the casualty toll
    (five,) = quantities("قتل 5 أطفال وثلاث نساء في القصف.")
    assert five.unit is None


def test_headline_colon_names_the_speaker_but_labels_do_not() -> None:
    from summarize.claims.speakers import attribution

    assert attribution("الوزير : لا نية لرفع الأسعار هذا العام", "ar")[0] == "الوزير"
    assert attribution("Minister: no plan to raise prices this year", "en")[0] == "Minister"
    assert attribution("Updated : November 11 , 2011 20 : 09 IST Navy foils attack", "en")[0] is None
    assert attribution("بالصور: عمليات إجلاء طبي من المدينة", "ar")[0] is None
    assert attribution("الحرب في المدينة: القوات تتقدم نحو الأحياء الشرقية", "ar")[0] is None
    assert attribution("Crisis in the capital: talks resume on Monday", "en")[0] is None
    assert attribution("Minister of Health: no new cases this week", "en")[0] == "Minister of Health"
