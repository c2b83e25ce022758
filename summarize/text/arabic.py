"""Arabic clitics: one table of proclitics and enclitics, and the two ways the stages strip them.

`variants` gives every form of a folded token with a proclitic and/or an enclitic
stripped (the hallucination guard and the quantity-noun lookup accept a match on
any of them); `light_stem` takes the one form used as a matching key (the
conjunction/article proclitic and one plural or pronoun suffix). Both keep at
least MIN_STEM letters, the length of a three-radical root. Tokens are folded
first (`normalize.match_key`): ة is ه, أ إ آ are ا.
"""

from __future__ import annotations

# Proclitics, longest first: conjunction + preposition + article combinations, then single letters.
PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "و", "ف", "ب", "ل", "ك", "س")
# Enclitics and inflection endings, longest first: pronoun suffixes, plural and dual endings.
ENCLITICS = ("هما", "كما", "ها", "هم", "هن", "كم", "نا", "ون", "ين", "ان", "ات", "يه", "ه", "ي")
# The stem key strips only the proclitics that are never a root's first letter in practice
# (conjunctions and the article) and the endings of plurals and pronouns.
STEM_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف")
STEM_ENCLITICS = ("ات", "ون", "ين", "ها", "هم", "ه", "ي")
MIN_STEM = 3


def strip_proclitic(token: str, proclitics: tuple[str, ...] = PROCLITICS) -> str:
    """The token without its longest proclitic that leaves MIN_STEM letters (unchanged if none)."""
    for pre in proclitics:
        if token.startswith(pre) and len(token) - len(pre) >= MIN_STEM:
            return token[len(pre):]
    return token


def strip_enclitic(token: str, enclitics: tuple[str, ...] = ENCLITICS) -> str:
    """The token without its longest enclitic that leaves MIN_STEM letters (unchanged if none)."""
    for suf in enclitics:
        if token.endswith(suf) and len(token) - len(suf) >= MIN_STEM:
            return token[: -len(suf)]
    return token


def variants(token: str) -> set[str]:
    """A folded Arabic token and its forms with any one proclitic and/or one enclitic stripped."""
    out = {token} | {token[len(p):] for p in PROCLITICS if token.startswith(p) and len(token) - len(p) >= MIN_STEM}
    for form in list(out):
        out |= {form[: -len(s)] for s in ENCLITICS if form.endswith(s) and len(form) - len(s) >= MIN_STEM}
    return out


def light_stem(token: str) -> str:
    """The matching stem of a folded Arabic token: article/conjunction and one ending stripped."""
    return strip_enclitic(strip_proclitic(token, STEM_PROCLITICS), STEM_ENCLITICS)
