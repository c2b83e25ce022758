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


def test_english_speakers_in_apposition_after_a_quote_and_passive() -> None:
    """"The title , Name , ..., said" names both; '"...," said N-year-old X' names X; "was announced" names nobody."""
    said = attribution("The Finance Minister , Jane Doe , facing questions from lawmakers , said the budget holds .",
                       "en")
    assert said[0] == "The Finance Minister , Jane Doe"
    quoted = attribution("\" We will rebuild the bridge , \" said 45 - year - old John Smith , a local farmer .", "en")
    assert quoted[0] == "John Smith"
    closing = attribution("the ship turned back , ” Commander Ann Lee , a navy spokeswoman , said .", "en")
    assert closing[0] == "Commander Ann Lee"
    assert attribution("Support has fallen since the plan was announced last spring .", "en") == (None, "assert", False)


def test_pronoun_speaker_is_the_party_named_before() -> None:
    """"He said ..." is attributed to the speaker of the previous reported statement."""
    text = ("The harbour master said two ships collided near the pier early on Monday. "
            "He said that the crews of both ships were safe and the pier was closed.")
    got = claims_of(text, "en")
    assert got[0].attributed_to == "The harbour master"
    assert got[1].attributed_to == "The harbour master"


def test_arabic_speaker_rules_kana_prepositions_and_clause_openers() -> None:
    """«وكان X قد أعلن» names X; a lone «ل» ends the speaker; «وقال» never takes the previous clause's words;
    «ما قالت» (what she said) names nobody."""
    assert attribution("وكان المعهد الوطني للرصد قد أعلن أن الهزة بلغت قوتها خمس درجات", "ar")[0] == \
        "المعهد الوطني للرصد"
    assert attribution("وقال مسؤولون محليون ل - الصحيفة إن المدارس أغلقت أبوابها اليوم", "ar")[0] == "مسؤولون محليون"
    assert attribution("ولم ترد الوزارة على سؤال عن فرار مقاتلين إلى دول أخرى وقال إنه سيرد لاحقا", "ar")[0] is None
    assert attribution("وكانت الوزيرة قد عرضت ما قالت إنه دليل على الاتفاق", "ar")[0] is None


def test_generic_counted_nouns_designations_and_spaced_decimals() -> None:
    """A number outside the quantity lexicon counts the noun after it; "AK - 47" is a name, not a count;
    a decimal a tokeniser spaced out ("7 . 3") is one figure."""
    q = quantities("The coast guard seized 14 AK - 47 rifles from three boats with 26 Somali pirates")
    assert [(x.value, x.unit) for x in q] == [(14.0, "n:rifle"), (3.0, "n:boat"), (26.0, "n:pirate")]
    q = quantities("ضرب زلزال بقوة 7 . 3 درجات وقال المعهد إن قوته 6 , 5 درجة")
    assert [x.value for x in q] == [7.3, 6.5]
    assert quantities("Prices fell 5 . 4 percent")[0].value == 5.4


def test_counts_of_one_noun_never_merge_but_make_no_dispute() -> None:
    """Two statements counting the same noun differently are never one statement (`figures_differ`), but a
    generic noun alone makes no figure conflict: it says what is counted, not over which scope."""
    from summarize.claims.conflicts import figure_ratio, figures_differ

    a, b = claims_of("The navy said its sailors seized 14 rifles from the boat on Monday morning .", "en", "a"), \
        claims_of("The navy said its sailors seized nine rifles from the boat on Monday morning .", "en", "b")
    assert figures_differ(a[0], b[0])
    assert figure_ratio(a[0], b[0]) is None


def test_speaker_phrases_keep_titles_and_quotes_and_drop_non_parties() -> None:
    """«المتحدث باسم X» keeps the title with what it speaks for, on either side of the verb; a quotation the
    phrase opens is closed; negations, connectives and time words alone are nobody; "... children we said" is
    the pronoun speaking (the party named before)."""
    assert (attribution("وقال المتحدث باسم وزارة الزراعة سامي حداد إن المحصول تضرر", "ar")[0] or "").startswith(
        "المتحدث باسم وزارة الزراعة")
    assert attribution("لكن المتحدث باسم وزارة الزراعة سامي حداد قال يوم الأحد إن المحصول تضرر", "ar")[0] == \
        "المتحدث باسم وزارة الزراعة سامي حداد"
    assert attribution('وقال مراسل قناة "النهار" إن القصف استمر طوال الليل', "ar")[0] == 'مراسل قناة "النهار"'
    assert attribution("فيما لم يذكر إن كان هناك ضحايا في القرية المنكوبة", "ar")[0] is None
    assert attribution("After the loss of three children we said nothing for a week .", "en")[0] == "we"


def test_a_second_reporting_verb_inside_a_sentence_opens_a_second_statement() -> None:
    """"... فوق المنطقة وقالت متحدثة باسم الجيش إنهم لا يعلقون" holds two speakers' statements."""
    text = "وقال أحد السكان إن دخانا كثيفا يتصاعد فوق المنطقة الصناعية وقالت متحدثة باسم الشرطة إنها لا تعلق على ذلك."
    got = claims_of(text)
    assert [c.attributed_to for c in got] == ["أحد السكان", "متحدثة باسم الشرطة"]
    assert got[1].text.startswith("وقالت")


def test_speaker_rules_for_appositions_counts_and_quotations() -> None:
    """A title after a name is an appositive left out; «وكان X , قد أعلن» ends the subject at the comma; a
    quotation opening right after the verb leaves the subject implicit; a toll is no party, the outlet that
    published it is; "according to" keeps its fused preposition; "The title , Name ," keeps both."""
    assert attribution("وقال سامي حداد مدير الدفاع المدني في المدينة إن فرق الإنقاذ وصلت", "ar")[0] == "سامي حداد"
    assert attribution("وقال مدير الدفاع المدني سامي حداد إن فرق الإنقاذ وصلت إلى القرية", "ar")[0] == \
        "مدير الدفاع المدني سامي حداد"
    assert attribution("وكان مجلس الإنقاذ في المنطقة , قد أعلن أن الفرق وصلت إلى القرية", "ar")[0] == \
        "مجلس الإنقاذ في المنطقة"
    assert attribution('وأضاف " لن نغادر المدينة قبل أن ننتهي من عملنا هنا " .', "ar")[0] is None
    assert attribution("بحسب حصيلة أولية أوردها التلفزيون الرسمي قتل ستة أشخاص في القرية", "ar")[0] == \
        "التلفزيون الرسمي"
    assert attribution("وكانت حصيلة سابقة أشارت إلى مقتل ستة أشخاص في القرية", "ar") == (None, "assert", False)
    assert attribution("ووفقا لسلطات المقاطعة فقد أصيب عشرات الأشخاص في المواجهات", "ar")[0] == "لسلطات المقاطعة"
    assert attribution("The head of the regional farmers' union , John Smith , said the harvest failed .", "en")[0] \
        == "The head of the regional farmers' union , John Smith"


def test_relayed_quoted_and_ranked_speakers() -> None:
    """«نقلت الوكالة عن X» names X (the agency is the channel); «وقال "X" إن» is a quoted name, not a quote;
    a rank keeps the name after it; «قوله» and «للصحيفة» end the phrase."""
    assert attribution("نقلت وكالة الأنباء عن العقيد سامي حداد قائد الفوج أن القوات انسحبت", "ar")[0] == \
        "العقيد سامي حداد"
    assert attribution('وقال "حداد" , إن القوات انسحبت من المدينة فجرا', "ar")[0] == "حداد"
    assert attribution("ونقلت الصحيفة عن الوزير قوله إن الاتفاق قريب من الإنجاز", "ar")[0] == "الوزير"
    assert attribution("وقال الأمير سامي للصحيفة إن الاتفاق قريب من الإنجاز", "ar")[0] == "الأمير سامي"
