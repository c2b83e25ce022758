"""Text that arrives tokenised ("Reid , 33 , said `` yes ''", «قال ، إن») made readable for display.

Only the spaces around punctuation, quotes and number groups change; words never
do. Claims keep their raw text and offsets into the source; the brief shows this.
"""

from __future__ import annotations

import re

_LATEX_QUOTES = ((re.compile(r"``\s*"), "“"), (re.compile(r"\s*''"), "”"))
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]}،؛؟»”’]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_SPACE_AFTER = re.compile(r"([(\[{«“‘$])\s+")
_NUMBER_GROUP = re.compile(r"(?<=\d)\s*([,.:])\s*(?=\d)")
_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])\s+-\s+(?=[a-z0-9])")
_STRAIGHT_QUOTE = re.compile(r'"')


def detokenize(text: str) -> str:
    """`text` with tokeniser spaces removed around punctuation, quotes and number separators."""
    if not _looks_tokenised(text):
        return text
    for pattern, repl in _LATEX_QUOTES:
        text = pattern.sub(repl, text)
    text = _pair_straight_quotes(text)
    text = _NUMBER_GROUP.sub(r"\1", text)
    text = _HYPHEN.sub("-", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    return " ".join(text.split())


def _looks_tokenised(text: str) -> bool:
    """Whether punctuation stands apart from the words as a tokeniser leaves it."""
    return bool(re.search(r"\s[,.;:!?،؛؟)]|``|''|\(\s|\s'[sd]\b|\d\s[,.:]\s\d", text))


def _pair_straight_quotes(text: str) -> str:
    """Attach spaced straight double quotes to the words they enclose: ' " a b " ' → ' "a b" '."""
    parts = _STRAIGHT_QUOTE.split(text)
    if len(parts) < 3 or len(parts) % 2 == 0:
        return text
    out = [parts[0]]
    for n, part in enumerate(parts[1:], 1):
        if n % 2:  # inside a quotation
            out.append('"' + part.strip() + '"')
        else:
            out.append(part)
    joined = ""
    for piece in out:
        if joined and piece.startswith('"') and not joined.endswith((" ", "(", "[")):
            joined += " "
        joined += piece
    return joined
