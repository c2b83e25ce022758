# ruff: noqa: SIM905  (word lists are easier to read and review as split strings)
"""General Arabic and English word lists for claims: reporting and denial verbs, negation, quantities.

Arabic entries are written in `match_key` form (alef/ya/ta-marbuta folded, no
diacritics) because they are compared with folded tokens. Only general words:
no place, outlet or person names.
"""

from __future__ import annotations

from summarize.text.normalize import match_key
from summarize.text.tokens import stem, tokens

# Verbs and participles that introduce reported speech ("the Observatory said").
REPORTING_AR = frozenset(
    match_key(w)
    for w in """
    قال قالت قالوا قالا يقول تقول يقولون قائلا قائلة
    أكد أكدت أكدوا أكدا يؤكد تؤكد مؤكدا مؤكدة
    أفاد أفادت أفادوا أفادا يفيد تفيد مفيدا
    أعلن أعلنت أعلنوا أعلنا يعلن تعلن معلنا معلنة
    ذكر ذكرت ذكروا ذكرا يذكر تذكر
    أشار أشارت أشاروا أشارا يشير تشير مشيرا مشيرة
    أضاف أضافت أضافوا أضافا يضيف تضيف مضيفا مضيفة
    زعم زعمت زعموا يزعم تزعم زاعما زاعمة
    أوضح أوضحت يوضح توضح موضحا موضحة
    كشف كشفت يكشف تكشف
    صرح صرحت يصرح تصرح
    اعترف اعترفت يعترف تعترف
    أقر أقرت يقر تقر
    لفت لفتت لافتا لافتة
    شدد شددت مشددا مشددة
    رجح رجحت مرجحا مرجحة
    أبلغ أبلغت
    أورد أوردت
    نقل نقلت نقلته
    تحدثت تحدث
    اعتبر اعتبرت
    حذر حذرت محذرا
    أظهرت أظهر
    رصد رصدت
    كرر كررت يكرر تكرر
    """.split()
)

# Reporting verbs that deny what follows ("the ministry denied", "ينفي").
DENIAL_AR = frozenset(
    match_key(w)
    for w in """
    نفى نفت نفوا ينفي تنفي ينفون نافيا نافية
    كذب كذبت يكذب تكذب مكذبا
    أنكر أنكرت ينكر تنكر
    دحض دحضت يدحض
    فند فندت يفند
    """.split()
)

# Prepositions that introduce a source ("according to", "بحسب").
ACCORDING_AR = frozenset(match_key(w) for w in "بحسب حسب وفق وفقا طبقا نقلا".split())

REPORTING_EN = frozenset(
    """say says said saying tell tells told confirm confirms confirmed report reports reported
    announce announces announced claim claims claimed state states stated add adds added
    insist insists insisted warn warns warned note notes noted allege alleges alleged
    acknowledge acknowledged admit admits admitted reveal revealed disclose disclosed reiterate reiterated
    reiterates""".split()
)
DENIAL_EN = frozenset(
    "deny denies denied denying refute refutes refuted rebut rebuts rebutted dismissed".split()
)

# Negation particles; a negation followed by one of NEGATION_EXCEPT_NEXT means
# "still" ("لا يزال", "ما زال"), not a negation.
NEGATION_AR = frozenset(match_key(w) for w in "لا لم لن ليس ليست ليسوا لسنا غير عدم بدون دون لما".split())
NEGATION_EXCEPT_NEXT = frozenset(match_key(w) for w in "يزال تزال زال زالت يزالون نزال".split())
NEGATION_EN = frozenset("not no never none nor neither without cannot n't".split())

# Opposites that flip a report's meaning; each pair is (one side, the other side).
ANTONYMS_AR: tuple[tuple[str, str], ...] = tuple(
    (match_key(a), match_key(b))
    for a, b in (
        ("ارتفاع", "انخفاض"), ("ارتفاع", "تراجع"), ("ارتفاع", "هبوط"), ("صعود", "هبوط"),
        ("يرتفع", "ينخفض"), ("يرتفع", "يتراجع"), ("يرتفع", "يهبط"), ("ترتفع", "تنخفض"),
        ("ترتفع", "تتراجع"), ("زيادة", "خفض"), ("زيادة", "نقص"), ("رفع", "خفض"),
        ("قبول", "رفض"), ("يقبل", "يرفض"), ("توافق", "ترفض"), ("يوافق", "يرفض"), ("وافق", "رفض"),
        ("يسمح", "يمنع"), ("تسمح", "تمنع"), ("فتح", "إغلاق"), ("يفتح", "يغلق"), ("تفتح", "تغلق"),
        ("فوز", "خسارة"), ("يفوز", "يخسر"), ("انتصار", "هزيمة"), ("نجاح", "فشل"), ("ينجح", "يفشل"),
        ("دعم", "معارضة"), ("يدعم", "يعارض"), ("تأييد", "معارضة"), ("اتفاق", "خلاف"),
        ("سلام", "حرب"), ("انسحاب", "تقدم"), ("انسحب", "تقدم"), ("إطلاق", "اعتقال"),
        ("إدانة", "براءة"), ("إعدام", "براءة"), ("استقرار", "تصعيد"), ("هدوء", "اشتباكات"),
        ("أعلى", "أدنى"), ("أكبر", "أصغر"), ("أكثر", "أقل"), ("قفزة", "هبوط"), ("مكاسب", "خسائر"),
        ("تعافي", "أزمة"), ("سيطرة", "خسارة"), ("يسيطر", "يخسر"), ("دخول", "خروج"),
        ("بداية", "نهاية"), ("استئناف", "تعليق"), ("يؤيد", "يعارض"), ("تعيين", "إقالة"),
    )
)
ANTONYMS_EN: tuple[tuple[str, str], ...] = (
    ("rise", "fall"), ("rises", "falls"), ("rose", "fell"), ("increase", "decrease"),
    ("up", "down"), ("gain", "loss"), ("win", "lose"), ("won", "lost"), ("accept", "reject"),
    ("accepted", "rejected"), ("allow", "ban"), ("allowed", "banned"), ("open", "close"),
    ("opened", "closed"), ("support", "oppose"), ("supports", "opposes"), ("agree", "refuse"),
    ("agreed", "refused"), ("withdrew", "advanced"), ("success", "failure"), ("higher", "lower"),
    ("more", "fewer"), ("alive", "dead"), ("guilty", "innocent"), ("peace", "war"),
)

# What a number counts, by the word next to it: folded Arabic and English forms → canonical unit.
QUANTITY_NOUNS: dict[str, str] = {
    **{match_key(w): "killed" for w in "قتيل قتيلا قتلى قتلي مقتل قتل قتلوا مصرع وفاة وفيات ضحية ضحايا".split()},
    **{match_key(w): "wounded" for w in "جريح جريحا جرحى مصاب مصابا مصابين إصابة إصابات".split()},
    **{match_key(w): "villages" for w in "قرية قرى بلدة بلدات".split()},
    **{match_key(w): "km" for w in "كيلومتر كيلومترا كيلو كلم كم".split()},
    **{match_key(w): "hours" for w in "ساعة ساعات".split()},
    **{match_key(w): "days" for w in "يوم يوما أيام".split()},
    **{match_key(w): "fighters" for w in "مسلح مسلحا مسلحين عنصر عنصرا عناصر مقاتل مقاتلا مقاتلين".split()},
    **{match_key(w): "soldiers" for w in "جندي جنديا جنود عسكري عسكريا عسكريين".split()},
    **{match_key(w): "civilians" for w in "مدني مدنيا مدنيين".split()},
    **{match_key(w): "children" for w in "طفل طفلا أطفال".split()},
    **{match_key(w): "people" for w in "شخص شخصا أشخاص شخصاً".split()},
    **{match_key(w): "vehicles" for w in "سيارة سيارات مركبة مركبات".split()},
    **{match_key(w): "percent" for w in "بالمئة بالمائة في_المئة ٪ %".split()},
    **{match_key(w): "dollars" for w in "دولار دولارا".split()},
    **{w: "killed" for w in "killed dead deaths death died fatalities".split()},
    **{w: "wounded" for w in "wounded injured injuries".split()},
    **{w: "villages" for w in "village villages towns town".split()},
    **{w: "km" for w in "km kilometres kilometers kilometre kilometer miles".split()},
    **{w: "hours" for w in "hour hours".split()},
    **{w: "days" for w in "day days".split()},
    **{w: "fighters" for w in "fighters militants rebels insurgents gunmen".split()},
    **{w: "soldiers" for w in "soldiers troops".split()},
    **{w: "civilians" for w in "civilians".split()},
    **{w: "children" for w in "children".split()},
    **{w: "people" for w in "people persons".split()},
    **{w: "vehicles" for w in "cars vehicles".split()},
    **{w: "percent" for w in "percent % per".split()},
    **{w: "dollars" for w in "dollars $".split()},
}
# Units whose numbers describe counts of victims: a toll for "people" is the same quantity as "killed".
CASUALTY_UNITS = frozenset({"killed", "people"})

# Number words: folded Arabic and English → value (duals like "مصدران" are handled by the extractor).
NUMBER_WORDS: dict[str, float] = {
    **{match_key(w): float(v) for v, ws in enumerate(
        ["", "واحد واحدة", "اثنان اثنين اثنتان", "ثلاث ثلاثة", "أربع أربعة", "خمس خمسة",
         "ست ستة", "سبع سبعة", "ثماني ثمانية ثمان", "تسع تسعة", "عشر عشرة"]) for w in ws.split()},
    **{match_key(w): v for w, v in (("عشرات", 20.0), ("مئات", 200.0), ("آلاف", 2000.0))},
    **{w: float(v) for v, w in enumerate(
        "zero one two three four five six seven eight nine ten".split())},
    "dozens": 20.0, "hundreds": 200.0, "thousands": 2000.0,
}
# Vague number words are not precise figures and never make a figure conflict.
VAGUE_NUMBER_WORDS = frozenset({match_key("عشرات"), match_key("مئات"), match_key("آلاف"),
                                "dozens", "hundreds", "thousands"})
SCALE_WORDS: dict[str, float] = {
    match_key("ألف"): 1e3, match_key("آلاف"): 1e3, match_key("مليون"): 1e6, match_key("ملايين"): 1e6,
    match_key("مليار"): 1e9, "thousand": 1e3, "million": 1e6, "billion": 1e9,
}

# Day and relative-time words kept as a claim's time cues.
TIME_CUES = frozenset(
    [match_key(w) for w in "السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة اليوم أمس الليلة غدا".split()]
    + "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split()
)

# Nouns that name a report rather than what it says ("denied the reports about X" denies X).
META_NOUNS = frozenset(
    [match_key(w) for w in "التقارير تقارير الأنباء أنباء الادعاءات ادعاءات المزاعم مزاعم الأخبار أخبار".split()]
    + "reports report claims allegations rumours rumors news".split()
)
# Prepositions whose object names where/what a statement is about ("من المدينة", "in the capital").
PLACE_PREPOSITIONS = frozenset(
    [match_key(w) for w in "من في إلى الى على عن داخل قرب نحو".split()]
    + "in from to at into near inside".split()
)
# Words that introduce what a denial is about ("denied reports about X"); the act denied follows them.
ABOUT_WORDS = frozenset([match_key(w) for w in "بشأن حول إزاء عن".split()] + "about regarding concerning over".split())
# Generic words for a kind of place ("the city of X"): the name that follows them is the place.
PLACE_NOUNS = frozenset(
    [match_key(w) for w in ("مدينة المدينة بلدة البلدة قرية القرية محافظة المحافظة ريف منطقة المنطقة "
                            "إقليم الإقليم ولاية الولاية عاصمة العاصمة حي أحياء مخيم ميناء مطار").split()]
    + "city town village province region district capital camp port airport the".split()
)

# Stop words dropped from lexical overlap.
STOP_AR = frozenset(
    match_key(w)
    for w in """في من على إلى الى عن مع أن إن أنه أنها إنه إنها التي الذي الذين هذا هذه ذلك تلك
    كما قد وقد ثم أو أي كل بعد قبل خلال منذ حتى بين عند لدى ما هو هي هم كان كانت يكون تكون
    وفي ومن وعلى بها به له لها فيها منها عليها""".split()
)
STOP_EN = frozenset(
    """the a an of to in on at for from by with and or but that this these those is are was were be
    been has have had it its as which who whom their they he she his her there""".split()
)

def content_stems(text: str) -> set[str]:
    """Stems of the non-stop-word tokens of `text`, for lexical overlap."""
    return {stem(t) for t in tokens(text) if t not in STOP_AR and t not in STOP_EN and len(t) > 1}


def is_denial(token: str) -> bool:
    """True when a folded token is a denial verb, with or without a leading و/ف."""
    bare = token[1:] if token[:1] in ("و", "ف") and len(token) > 3 else token
    return token in DENIAL_AR or bare in DENIAL_AR or token in DENIAL_EN


def is_reporting(token: str) -> bool:
    """True when a folded token is a reporting or denial verb, with or without a leading و/ف."""
    bare = token[1:] if token[:1] in ("و", "ف") and len(token) > 3 else token
    return token in REPORTING_AR or bare in REPORTING_AR or token in REPORTING_EN or is_denial(token)


def negation_count(toks: list[str]) -> int:
    """Count negation particles in folded tokens, ignoring "still" idioms (لا يزال) and denial verbs."""
    n = 0
    for i, t in enumerate(toks):
        bare = t[1:] if t[:1] in ("و", "ف") and len(t) > 2 and t[1:] in NEGATION_AR else t
        if bare in NEGATION_AR or t in NEGATION_EN or t.endswith("n't"):
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if nxt not in NEGATION_EXCEPT_NEXT:
                n += 1
    return n


_ANTONYMS = frozenset(ANTONYMS_AR + ANTONYMS_EN) | frozenset((b, a) for a, b in ANTONYMS_AR + ANTONYMS_EN)
# Antonym pairs as (stem, stem), both orders: opposite words that flip a report's meaning.
ANTONYM_STEMS = frozenset((stem(a), stem(b)) for a, b in _ANTONYMS)
