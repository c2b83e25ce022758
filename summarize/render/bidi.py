"""Bidi for terminals: wrap logical text first, then reorder each line for display.

Terminals lay cells out left to right; most do no bidi reordering and no Arabic
shaping, and rich does neither (its maintainers have said it will not). So the
preview wraps the *logical* text to the width, reorders each wrapped line with
python-bidi (Unicode Bidirectional Algorithm), optionally reshapes letters into
their joined presentation forms (arabic-reshaper), and right-aligns Arabic blocks.
The result is for display only: nothing here is ever written to a file.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from summarize.text.normalize import arabic_ratio

log = logging.getLogger(__name__)

BidiMode = Literal["auto", "on", "off"]
MODES: tuple[BidiMode, ...] = ("auto", "on", "off")
ENV_BIDI = "SUMMARIZE_BIDI"  # auto|on|off: set "off" in terminals that already do bidi (mlterm, Konsole, VTE)
ENV_RESHAPE = "SUMMARIZE_RESHAPE"  # on|off: "off" for terminals that shape Arabic letters themselves
# More than this share of Arabic letters makes a block right-to-left (as in the HTML renderer).
RTL_SHARE = 0.5
# VTE (GNOME Terminal, Tilix, ...) does bidi and shaping since 0.58 (VTE_VERSION=5800).
VTE_BIDI_VERSION = 5800

# C0/C1 controls (ESC starts terminal escape sequences: article text must never send one)
# and explicit bidi embeddings/overrides/isolates, which would fight our own reordering.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SPACE = re.compile(r"[ \t\r\n]+")
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


@dataclass(frozen=True, slots=True)
class BidiOptions:
    """How to prepare text for this terminal: reorder lines, reshape letters, or neither."""

    reorder: bool = True
    reshape: bool = True


def parse_mode(value: str | None) -> BidiMode | None:
    """Read an auto|on|off value (flag or environment); None when unset or unknown."""
    if value is None:
        return None
    low = value.strip().lower()
    aliases: dict[str, BidiMode] = {"1": "on", "true": "on", "yes": "on", "0": "off", "false": "off", "no": "off"}
    low = aliases.get(low, low)
    for mode in MODES:
        if low == mode:
            return mode
    log.warning("ignoring bidi setting %r: use auto, on or off", value)
    return None


def terminal_does_bidi(env: Mapping[str, str]) -> bool:
    """Whether the terminal named by the environment reorders bidi text itself."""
    if env.get("TMUX") or env.get("STY"):
        return False  # tmux and screen redraw cell by cell: the outer terminal's bidi cannot apply
    if env.get("MLTERM") or env.get("KONSOLE_VERSION"):
        return True
    vte = env.get("VTE_VERSION", "")
    return vte.isdigit() and int(vte) >= VTE_BIDI_VERSION


def resolve(flag: str | None, env: Mapping[str, str], is_terminal: bool) -> BidiOptions:
    """Decide what to do: flag (on/off) > $SUMMARIZE_BIDI > detection; never reorder off a terminal in auto."""
    mode = parse_mode(flag) if flag and flag != "auto" else None
    mode = mode or parse_mode(env.get(ENV_BIDI)) or "auto"
    reorder = is_terminal and not terminal_does_bidi(env) if mode == "auto" else mode == "on"
    reshape_mode = parse_mode(env.get(ENV_RESHAPE))
    reshape = reorder if reshape_mode in (None, "auto") else reshape_mode == "on"
    return BidiOptions(reorder=reorder, reshape=reshape)


def clean(text: str) -> str:
    """Remove terminal control characters and explicit bidi controls; collapse whitespace."""
    return _SPACE.sub(" ", _UNSAFE.sub("", text)).strip()


def is_rtl(text: str) -> bool:
    """Whether a block reads right to left (mostly Arabic letters)."""
    return arabic_ratio(text) > RTL_SHARE


def width(text: str) -> int:
    """Terminal cells taken by `text` (combining marks take none, wide characters two)."""
    from rich.cells import cell_len

    return int(cell_len(text))


def wrap(text: str, columns: int) -> list[str]:
    """Wrap logical text at spaces to `columns` cells; a word longer than a line is cut (linear time)."""
    columns = max(columns, 1)
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if width(word) > columns:
            if line:
                lines.append(line)
                line = ""
            *full, word = _cut(word, columns)
            lines.extend(full)
        candidate = f"{line} {word}" if line else word
        if width(candidate) <= columns:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def _cut(word: str, columns: int) -> list[str]:
    """A too-long word in pieces of at most `columns` cells, in one pass over its characters."""
    from rich.cells import get_character_cell_size

    pieces: list[str] = []
    start, used = 0, 0
    for i, char in enumerate(word):
        cells = get_character_cell_size(char)
        if used + cells > columns and i > start:
            pieces.append(word[start:i])
            start, used = i, 0
        used += cells
    pieces.append(word[start:])
    return pieces


_JOINED = re.compile("[^ ]*\u00a0[^ ]*")


def visual(line: str, rtl: bool, options: BidiOptions) -> str:
    """One wrapped logical line in display order, mirrored and shaped; unchanged when reordering is off."""
    if not options.reorder:
        return line
    if options.reshape and _has_arabic(line):
        line = _reshape(line)
    levels = embedding_levels(line, rtl)
    if levels is None:  # unknown python-bidi output format: its order, without mirroring
        from bidi import get_display

        return str(get_display(line, base_dir="R" if rtl else "L"))
    if rtl:  # a label joined by no-break spaces ("[1][2] · 4 independent origins") reads as one LTR isolate
        for m in _JOINED.finditer(line):
            levels[m.start():m.end()] = [2] * (m.end() - m.start())
    return reorder(line, levels)


def embedding_levels(line: str, rtl: bool) -> list[int] | None:
    """Resolved bidi level of each character (python-bidi's UBA; None if its debug format is not understood)."""
    from bidi import get_display

    info = str(get_display(line, base_dir="R" if rtl else "L", debug=True))
    # python-bidi exposes levels only in its Rust debug dump, one per UTF-8 byte.
    start = info.rfind("\n    levels: [\n")
    end = info.find("\n    ],", start)
    if start < 0 or end < 0:
        return None
    per_byte = [int(n) for n in _LEVEL.findall(info[start:end])]
    if len(per_byte) != len(line.encode("utf-8")):
        return None
    levels, offset = [], 0
    for ch in line:
        levels.append(per_byte[offset])
        offset += len(ch.encode("utf-8"))
    base = 1 if rtl else 0
    for i in range(len(line) - 1, -1, -1):  # rule L1: trailing whitespace takes the paragraph level
        if not line[i].isspace():
            break
        levels[i] = base
    return levels


def reorder(line: str, levels: list[int]) -> str:
    """Rules L2 and L4: reverse runs from the highest level down to the lowest odd one, mirror RTL brackets."""
    from bidi.mirror import MIRRORED

    units: list[tuple[str, int]] = []  # grapheme-ish clusters: a base and its combining marks stay together
    for ch, level in zip(line, levels, strict=True):
        if units and unicodedata.combining(ch):
            units[-1] = (units[-1][0] + ch, units[-1][1])
        else:
            units.append((MIRRORED.get(ch, ch) if level % 2 else ch, level))
    odd = [lv for _, lv in units if lv % 2]
    if not odd:
        return "".join(u for u, _ in units)
    for level in range(max(lv for _, lv in units), min(odd) - 1, -1):
        i = 0
        while i < len(units):
            if units[i][1] < level:
                i += 1
                continue
            j = i
            while j < len(units) and units[j][1] >= level:
                j += 1
            units[i:j] = units[i:j][::-1]
            i = j
    return "".join(u for u, _ in units)


def _has_arabic(text: str) -> bool:
    """Whether any Arabic-script letter occurs in `text`."""
    return arabic_ratio(text) > 0


def _reshape(text: str) -> str:
    """Join Arabic letters into presentation forms, or return `text` unchanged without arabic-reshaper."""
    try:
        import arabic_reshaper
    except ImportError:
        log.debug("arabic-reshaper not installed (pip install arabic-reshaper); letters left unjoined")
        return text
    return str(arabic_reshaper.reshape(text))


def layout(text: str, columns: int, options: BidiOptions, rtl: bool | None = None) -> list[str]:
    """Wrap, reorder and align one block: right-aligned lines padded to `columns` when it is RTL and reordered."""
    text = clean(text)
    rtl = is_rtl(text) if rtl is None else rtl
    out = []
    for line in wrap(text, columns):
        shown = visual(line, rtl, options)
        if rtl and options.reorder:
            shown = " " * max(columns - width(shown), 0) + shown
        out.append(shown)
    return out
