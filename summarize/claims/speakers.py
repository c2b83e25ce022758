# ruff: noqa: SIM905  (word lists are easier to read and review as split strings)
"""Who says a statement, and whether they assert or deny it: reporting verbs, "according to", headline colons.

Arabic verb-subject order ("أكد المرصد أن") takes the phrase after the verb,
English and Arabic headline subject-verb order the phrase before it; a denial
verb makes the stance `deny`. Around that core, rules of news syntax, each
measured on blind labels (bench/bench_claims.py): «وكان X قد أعلن», a relay
verb's «عن X», titles in apposition after a name, ranks before one, English
appositions and "said X" after a quote, and phrases that name nobody (function
words, tolls, a quotation opening right after the verb).
"""

from __future__ import annotations

import re

from summarize.model import Stance
from summarize.text.arabic import strip_proclitic
from summarize.text.lexicons import (
    ABOUT_WORDS,
    ACCORDING_AR,
    NEGATION_AR,
    NEGATION_EN,
    PLACE_PREPOSITIONS,
    STOP_AR,
    STOP_EN,
    TIME_CUES,
    is_denial,
    is_reporting,
)
from summarize.text.normalize import match_key
from summarize.text.tokens import word_spans

# The speaker of a reporting verb is at most this many words long.
MAX_SPEAKER_WORDS = 5
# An English title phrase opening the sentence before an apposition ("The head of the ... union , Name ,
# said") may be longer.
APPOSITION_WORDS = 12
# "Speaker: statement" (at most four words before a colon), as headlines quote people.
_HEADLINE_SPEAKER = re.compile(r"^\s*([^\s:|،,.]+(?:\s+[^\s:|،,.]+){0,3})\s*:\s+\S")
# Labels that precede a colon in headlines without being anyone who speaks.
_HEADLINE_LABELS = frozenset(
    [match_key(w) for w in "صور بالصور فيديو بالفيديو عاجل حصري شاهد تحديث مباشر تقرير تحليل رأي".split()]
    + "updated update photos photo video breaking exclusive watch live report analysis opinion published".split()
)
# A colon prefix with a preposition is a topic or a dateline ("الحرب في سوريا:", "Crisis in
# the Gulf:"), not a party: naming nobody is better than naming a topic as the speaker.
_LABEL_PREPOSITIONS = PLACE_PREPOSITIONS | ABOUT_WORDS | frozenset([match_key("بين"), "between", "on", "over"])
# Punctuation between two words that a speaker phrase never spans: commas, and
# the separators scrapers leave between a headline, a site name and the body.
_BOUNDARY = re.compile(r"[،,|:;؛]|\s[-–—]\s")
# Words that end a speaker phrase: complementisers, prepositions of content, time words.
# A relative pronoun opens a clause about the speaker, not its name.
# A lone "ل" or "ب" is a preposition a tokenised text split from its noun («مسؤولون ل - " الصحيفة "»).
_SPEAKER_STOP = frozenset(
    [match_key(w) for w in ("أن إن أنه أنها إنه إنها بأن بأنه بأنها في خلال اليوم يوم عبر على عن إلى بشأن حول ل ب "
                            "الذي التي الذين قوله قولها قولهم القول").split()]
    + "that in on at yesterday today who which by into from to for with about before after during than such as"
    .split()
) | TIME_CUES
# Pronouns name nobody by themselves: the speaker is the party named before ("He said" → the officer).
PRONOUNS = frozenset([match_key(w) for w in "هو هي هم هما".split()] + "he she they it we i".split())
# Auxiliaries that make an English reporting verb passive ("since the package was announced"): narration.
_PASSIVE = frozenset("was were is are be been being".split())
# "المتحدث باسم X" (the spokesman for X): the phrase goes on through "باسم" to what the title speaks for.
_TITLE_LINK = frozenset([match_key("باسم")])
# Words that cannot name a party on their own.
_FUNCTION_WORDS = STOP_AR | STOP_EN | NEGATION_AR | NEGATION_EN | TIME_CUES | frozenset(
    [match_key(w) for w in "فيما بينما لكن لكنها لكنه فقد إثر اثر حوالي نحو أيضا فيه".split()]
    + "on in at around about also".split())
# Ranks and honorifics: the name after them belongs to the phrase ("اللواء سامي حداد").
RANKS = frozenset(match_key(w) for w in "لواء عميد عقيد جنرال لفتنانت فريق رائد نقيب أمير شيخ سيد سيدة ملك".split())
_RELATIVE_WHAT = frozenset(match_key(w) for w in "ما مما عما بما لما".split())
# Title nouns: after a name they open an appositive ("سامي حداد مدير الجمعية"), before one they head it.
TITLE_NOUNS = frozenset(match_key(w) for w in (
    "مدير مديرة رئيس رئيسة نائب مساعد وزير وزيرة متحدث متحدثة مسؤول قائد سفير سفيرة عضو مستشار أمين محافظ "
    "منسق مندوب ممثل مراسل").split())
# Verbs that relay another party's words ("نقلت الوكالة عن المسؤول"), and «عن» with and without a pronoun.
_RELAY_VERBS = frozenset(match_key(w) for w in "نقل نقلت نقلا ونقلت ونقل".split())
_AN = match_key("عن")
_ANHU = frozenset(match_key(w) for w in "عنه عنها عنهم عنهما".split())
# Counts and estimates that "indicate" a figure, and the verbs that name who published them.
COUNT_NOUNS = frozenset([match_key(w) for w in "حصيلة حصيله الحصيلة".split()] + "toll tally".split())
_RELAYED_BY = frozenset([match_key(w) for w in "أوردها نشرها ذكرتها أعلنتها أصدرها أصدرتها".split()]
                        + "by from".split())
# Words that cannot stand inside the subject between كان and the reporting verb: a relative pronoun
# ("كان إقليم الشمال الذي"), another verb's particle ("كانت الوزيرة قد عرضت ما قالت").
_KANA_BREAK = frozenset(match_key(w) for w in "الذي التي الذين اللذين اللتين قد ما أن إن أنه لم لا لن".split())
_KANA_GAP = re.compile(r"\s*(?:[,،]\s*)?(?:و?قد\s*)?")
# The subject between كان and its verb is at most this many words ("وكان سامي حداد المتحدث باسم ... أعلن").
KANA_WINDOW = 12
# "كان X (قد) أعلن": in Arabic the subject stands between كان and the verb.
_KANA = frozenset(match_key(w) for w in "كان كانت وكان وكانت فكان فكانت".split())
_DISCOURSE = frozenset(
    [match_key(w) for w in "من جهته جهتها جانبه جانبها بدوره بدورها كما وكما هذا وقد قد و لكن ولكن".split()]
    + "but and also however meanwhile".split()
)

Words = list[tuple[str, int, int]]


def _speaker_after(words: Words, k: int, text: str, according: bool = False) -> str | None:
    """The speaker phrase following the reporting verb at word `k` (Arabic verb-subject order).

    A quotation opening right after the verb ("وأضاف " ...") means the subject is the one named before; a
    name is cut before a title in apposition ("سامي حداد مساعد محافظ ..." → the name), while a title that
    comes first keeps the name after it. After "according to" (`according`) the party may carry its
    preposition («وفقا لسلطات المقاطعة»)."""
    j = k + 1
    if j < len(words) and words[j][0] in ("ما", "what"):
        j += 2  # "بحسب ما نقلته وكالة ..." / "وفق ما أكده المرصد"
    if j < len(words) and any(q in text[words[j - 1][2] : words[j][1]] for q in _QUOTES) \
            and not _quoted_name(words, j, text):
        return None
    start, limit = j, MAX_SPEAKER_WORDS
    while j < len(words) and j - start < limit:
        w = words[j][0]
        if w in _SPEAKER_STOP or is_reporting(w) or _BOUNDARY.search(text[words[j - 1][2] : words[j][1]]):
            break
        if j > start and w in _TITLE_LINK:
            j, limit = j + 1, limit + 2  # "المتحدث باسم وزارة الخارجية": the title keeps what it speaks for
            continue
        if (_starts_complement(words, j) and not (according and j == start)) or (
                j > start and _ends_noun_phrase(words[j - 1][0], w)):
            break
        if j > start and w.startswith("لل") and not words[j - 1][0].startswith("ال"):
            break  # "قال الأمير محمد للصحيفة": to the newspaper, after a name
        j += 1
    if j == start:
        return None
    phrase = _appositive_cut(words, start, j, text)  # "Name Name, title of ...": the title is left out
    if phrase.startswith("لل"):
        phrase = "ال" + phrase[2:]
    return phrase


_QUOTES = "\"“”«»'"
# A quotation of at most this many words right after a verb is a quoted name (وقال "حداد" إن ...).
QUOTED_NAME_WORDS = 3


def _quoted_name(words: Words, j: int, text: str) -> bool:
    """True when the quotation opening before word `j` closes within QUOTED_NAME_WORDS words."""
    for n in range(j, min(len(words), j + QUOTED_NAME_WORDS)):
        if any(q in text[words[n][2] : words[n + 1][1] if n + 1 < len(words) else len(text)] for q in _QUOTES):
            return True
    return False


def _quoted(text: str, start: int, end: int) -> str:
    """text[start:end] as a speaker phrase: a quotation it opens is closed («مراسل قناة "الجزيرة"», not
    «... "الجزيرة»); quotes around the whole phrase, or stray at either end, are dropped."""
    phrase = text[start:end].strip()
    if _unbalanced(phrase) and text[end : end + 1] in tuple(_QUOTES):
        phrase += text[end]
    if _unbalanced(phrase):
        return phrase.strip(" " + _QUOTES)
    if len(phrase) > 1 and phrase[0] in _QUOTES and phrase[-1] in _QUOTES and not _unbalanced(phrase[1:-1]):
        return phrase[1:-1].strip()
    return phrase


def _unbalanced(phrase: str) -> bool:
    """True when a phrase holds an odd number of quotation marks."""
    return sum(phrase.count(q) for q in _QUOTES) % 2 == 1


def _ends_noun_phrase(prev: str, word: str) -> bool:
    """True when Arabic `word` cannot continue the noun phrase ending in `prev`.

    After a definite word (ال…) only an adjective can follow inside the phrase;
    we recognise the common nisba adjectives (ـي / ـية / ـيون / ـيين), and a
    لـ phrase as in organisation names. After an indefinite word (a construct
    noun: وزارة الدفاع) anything may follow.
    So "نفى الجيش الوطني التقارير" gives "الجيش الوطني", not "... التقارير". After a rank or honorific
    (اللواء، الأمير) the name goes on.
    """
    if word.isascii() or not prev.startswith(("ال", "لل")) or _is_rank(prev):
        return False  # after a rank the name follows ("العقيد سامي حداد", "الأمير سامي")
    if word.startswith("ل") and not word.startswith("لل"):
        return False  # "المرصد الوطني لحقوق الإنسان": _starts_complement checks what follows
    return not (len(word) >= 4 and word.endswith(("ي", "يه", "يون", "يين")))


def _starts_complement(words: Words, j: int) -> bool:
    """True when word `j` opens a prepositional complement (بـ/لـ + word not followed by a definite noun)."""
    w = words[j][0]
    if w.isascii() or len(w) < 3 or w[0] not in "بل" or w.startswith("لل"):
        return w.isdigit()
    nxt = words[j + 1][0] if j + 1 < len(words) else ""
    return not nxt.startswith("ال")


def _speaker_before(words: Words, k: int, text: str) -> str | None:
    """The speaker phrase right before the verb at word `k` (subject-verb order, English)."""
    j = k
    while j > 0 and k - j < MAX_SPEAKER_WORDS:
        w = words[j - 1][0]
        if w in _DISCOURSE or w in _SPEAKER_STOP or _BOUNDARY.search(text[words[j - 1][2] : words[j][1]]):
            break
        j -= 1
    # "المتحدث باسم وزارة الخارجية ... قال": the title before "باسم" heads the phrase
    if j < k and j >= 1 and words[j][0] in _TITLE_LINK:
        j -= 1
    elif j >= 2 and words[j - 1][0] in _TITLE_LINK:
        j -= 2
    if j == k:
        return None
    return _quoted(text, words[j][1], words[k - 1][2])


def _relayed_from(words: Words, k: int, text: str) -> str | None:
    """For a relay verb ("نقلت وكالة رويترز عن الجنرال ..."), the party after «عن»: "" for a pronoun («عنه»:
    the party named before), None when the verb is no relay or no «عن» follows within a few words."""
    if strip_proclitic(words[k][0]) not in _RELAY_VERBS:
        return None
    for n in range(k + 1, min(len(words), k + MAX_SPEAKER_WORDS + 3)):
        w = words[n][0]
        if w in _ANHU:
            return ""
        if w == _AN:
            return _speaker_after(words, n, text) or ""
    return None


def _speaker_after_kana(words: Words, k: int, text: str) -> str | None:
    """The subject between a preceding كان and the verb at word `k` ("وكان المرصد قد أعلن")."""
    j = k - 1
    if j >= 0 and words[j][0] in (match_key("قد"), "وقد"):
        j -= 1
    for i in range(j, max(-1, k - KANA_WINDOW - 1), -1):
        if words[i][0] in _KANA:
            inside = words[i + 1 : j + 1]
            # between the subject and the verb: nothing, "قد", or a comma and "قد" ("وكان تحالف ... اليمن , قد أعلن")
            gap_ok = bool(inside) and _KANA_GAP.fullmatch(text[inside[-1][2] : words[k][1]]) is not None
            if not gap_ok or inside[0][0] in PLACE_PREPOSITIONS or _BOUNDARY.search(
                    text[inside[0][1] : inside[-1][2]]) or any(
                    w in _KANA_BREAK or is_reporting(w) for w, _, _ in inside):
                return None  # "كان إقليم الشمال الذي": the copula, not a subject before its verb
            return _appositive_cut(words, i + 1, i + 1 + len(inside), text)
    return None


def _appositive_cut(words: Words, start: int, end: int, text: str) -> str:
    """words[start:end] as a speaker, without a title in apposition after a name (see `_speaker_after`)."""
    for j in range(start + 2, end):
        if _is_title(words[j][0]) and not any(_is_title(x) for x, _, _ in words[start:j]):
            end = j
            break
    return _quoted(text, words[start][1], words[end - 1][2])


def _is_rank(word: str) -> bool:
    """True for a military rank or an honorific that a name follows (اللواء، الجنرال، الأمير، الشيخ)."""
    return (word[2:] if word.startswith("ال") else word) in RANKS


def _is_title(word: str) -> bool:
    """True for a title noun (مدير، رئيس، المتحدث ...), with or without its article."""
    return word in TITLE_NOUNS or (word.startswith("ال") and word[2:] in TITLE_NOUNS)


def _speaker_english(words: Words, k: int, text: str) -> str | None:
    """The speaker of an English reporting verb at word `k`.

    "X said", else an apposition before the verb ("The Minister , Jane Doe , ..., said": the first
    phrase of the sentence, or the phrase after a closing quote), else "said X" ("..., " said John
    Smith; an age before the name is skipped)."""
    before = _speaker_before(words, k, text)
    if before:
        return before
    head = text[: words[k][1]]
    if k > 0 and head.rstrip().endswith(","):
        quote = max(head.rfind(q) for q in ("”", '"', "''"))
        segment = text[quote + 1 :] if quote >= 0 and head[quote:].count(",") else text
        parts = segment.lstrip(" \"”'").split(",")
        phrase = parts[0].strip()
        if phrase and phrase != head.rstrip(" ,") and len(phrase.split()) <= APPOSITION_WORDS \
                and phrase[:1].isupper():
            name = parts[1].strip() if len(parts) > 2 else ""
            # a description ("The Chancellor") is followed by the name it describes ("Jane Doe")
            described = phrase.split()[0].lower() in ("the", "a", "an")
            named = described and 0 < len(name.split()) <= 4 and all(w[:1].isupper() for w in name.split())
            return f"{phrase} , {name}" if named else phrase
    j = k + 1
    age = [w for w, _, _ in words[j : j + 3]]
    if len(age) == 3 and age[0].isdigit() and age[1:] == ["year", "old"]:
        j += 3  # "said 45-year-old John Smith"
    return _speaker_after(words, j - 1, text)


def _names_nobody(speaker: str | None) -> bool:
    """True for a "speaker" made only of function words, negations and time words ("ما قالت": what she
    said; «ولم», «فيما لم», "On Saturday")."""
    return speaker is not None and all(
        w in _FUNCTION_WORDS or (w[:1] in ("و", "ف") and w[1:] in _FUNCTION_WORDS) for w, _, _ in word_spans(speaker))


def _pronoun_last(speaker: str | None) -> str | None:
    """An English phrase ending in a pronoun ("loss of three children we") is that pronoun speaking."""
    words = [w for w, _, _ in word_spans(speaker or "")]
    return words[-1] if len(words) > 1 and words[-1] in PRONOUNS and words[-1].isascii() else speaker


def _party_of_count(speaker: str | None) -> str | None:
    """A toll or an estimate is no party: «حصيلة أولية أوردها التلفزيون الرسمي» → the TV; «حصيلة سابقة» → None."""
    words = word_spans(speaker or "")
    if not words or strip_proclitic(words[0][0]) not in COUNT_NOUNS:
        return speaker
    by = next((n for n, (w, _, _) in enumerate(words) if w in _RELAYED_BY), None)
    return speaker[words[by + 1][1] :].strip() if by is not None and by + 1 < len(words) else None  # type: ignore[index]


def attribution(text: str, lang: str) -> tuple[str | None, Stance, bool]:
    """Speaker, stance, and whether a reporting verb was found, for one clause.

    A pronoun speaker ("He said") is returned as is: the claims extractor replaces it by the party named
    before it in the article."""
    speaker, stance, reported = _attribution(text, lang)
    party = _party_of_count(speaker)
    if speaker is not None and party is None:
        return None, stance, False  # "a previous toll indicated ...": nobody speaks
    speaker = party
    return (None if _names_nobody(speaker) else _pronoun_last(speaker)), stance, reported


def _attribution(text: str, lang: str) -> tuple[str | None, Stance, bool]:
    """Speaker, stance, and whether a reporting verb was found (before the function-word check)."""
    words = word_spans(text)
    for k, (w, _, _) in enumerate(words):
        bare = w[1:] if w[:1] == "و" and len(w) > 3 else w
        according = w in ACCORDING_AR or bare in ACCORDING_AR or (
            w == "according" and k + 1 < len(words) and words[k + 1][0] == "to")
        if according:
            return _speaker_after(words, k + (1 if w == "according" else 0), text, according=True), "assert", True
        if not is_reporting(w):
            continue
        stance: Stance = "deny" if is_denial(w) else "assert"
        if w.isascii() and k > 0 and words[k - 1][0] in _PASSIVE:
            return None, stance, False  # "since the package was announced": narration, nobody speaks
        if w.isascii():
            return _speaker_english(words, k, text), stance, True
        kana = _speaker_after_kana(words, k, text)
        if kana:
            return kana, stance, True
        relayed = _relayed_from(words, k, text)
        if relayed is not None:
            return relayed or None, stance, True
        # A present-tense verb after a sentence-initial noun phrase is subject-verb order (headlines).
        sv = k > 0 and w[:1] in ("ي", "ت") and not re.search(r"[،,]", text[: words[k][1]])
        if sv:
            before = _speaker_before(words, k, text)
            before = None if _names_nobody(before) else before  # "حيث يقول الخبراء": the subject follows
            return before or _speaker_after(words, k, text), stance, True
        speaker = _speaker_after(words, k, text)
        # a verb with its conjunction ("وقال") opens a clause: what stands before it is another clause's;
        # after "ما" (what) the verb's subject is a pronoun ("عرضت ما قالت إنه دليل": what she said)
        if speaker is None and k > 0 and w[:1] not in ("و", "ف") and words[k - 1][0] not in _RELATIVE_WHAT:
            speaker = _speaker_before(words, k, text)
        return speaker, stance, True
    headline = _HEADLINE_SPEAKER.match(text)  # "Speaker: statement", the news-headline form
    if headline and not {w for w, _, _ in word_spans(headline.group(1))} & (_HEADLINE_LABELS | _LABEL_PREPOSITIONS):
        return headline.group(1).strip(), "assert", True
    return None, "assert", False
