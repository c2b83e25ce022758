"""Terminal preview: bidi order and alignment, literal rich markup, and a real terminal (tmux)."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from rich.console import Console

from summarize.model import Brief, ClaimGroup, EventReport, SourceInfo, Statement, Summary, SummarySentence
from summarize.render import bidi
from summarize.render.bidi import BidiOptions
from summarize.render.json_brief import render_json
from summarize.render.md import render_event, render_markdown
from summarize.render.terminal import preview

from builders import article

AR_LINE = "قال الجيش إن قواته سيطرت على القرى."
# The same sentence in visual order, by hand: right-to-left, the full stop at the left end.
AR_VISUAL = ".ىرقلا ىلع ترطيس هتاوق نإ شيجلا لاق"
HOSTILE = "[bold]Breaking[/bold] [link=https://evil.test]x[/link] \x1b]0;pwned\x07 <script>alert(1)</script>"
PLAIN = BidiOptions(reorder=True, reshape=False)


def _brief() -> Brief:
    """A one-event brief with an Arabic summary and an English headline full of markup."""
    a1 = article("a1", AR_LINE, "ar", outlet="العربية", url="https://news.test/a1")
    a2 = article("a2", "text", "en", outlet="Wire", title=HOSTILE)
    event = EventReport(
        "e1", ("a1", "a2"), {"ar": "سيطرة على القرى", "en": HOSTILE},
        {"ar": Summary("ar", "extractive", (SummarySentence(AR_LINE, ("a1",)),)),
         "en": Summary("en", "extractive", (SummarySentence("The army took the villages.", ("a2",)),))},
        (ClaimGroup("c1", "confirmed", (Statement("Forces took the villages", "en", ("a1", "a2")),), 2),),
    )
    return Brief("2024-11-30", "2024-11-30T06:00:00+00:00", "extractive",
                 (SourceInfo(a1), SourceInfo(a2)), (), (event,))


def _shown(brief_or_md: Brief | str, options: BidiOptions, width: int = 80) -> list[str]:
    """What the preview prints, as plain lines (no colour)."""
    with open(os.devnull, "w") as sink:
        console = Console(width=width, record=True, color_system=None, force_terminal=False, file=sink)
        preview(brief_or_md, console, options=options)
    return console.export_text().splitlines()


def test_arabic_block_is_reordered_and_right_aligned() -> None:
    lines = _shown(_brief(), PLAIN)
    row = next(line for line in lines if AR_VISUAL in line)
    assert row.endswith("[1] " + AR_VISUAL)  # citation at the end of the sentence: the left end
    assert len(row) == 80 and row.startswith(" " * 20)


def test_markup_and_escape_sequences_print_as_text() -> None:
    lines = "\n".join(_shown(_brief(), PLAIN))
    assert "[bold]Breaking[/bold]" in lines and "[link=https://evil.test]x[/link]" in lines
    assert "<script>alert(1)</script>" in lines
    assert "\x1b" not in lines and "\x07" not in lines


def test_bidi_off_leaves_logical_order_and_no_padding() -> None:
    lines = _shown(_brief(), BidiOptions(reorder=False, reshape=False))
    assert any(line.startswith(AR_LINE) for line in lines)
    assert not any(AR_VISUAL in line for line in lines)


def test_wrap_first_then_reorder_keeps_reading_order_across_lines() -> None:
    long = " ".join([AR_LINE] * 4)
    rows = bidi.layout(long, 30, PLAIN)
    assert all(bidi.width(r) == 30 for r in rows)
    assert len(rows) > 1
    assert " ".join(r.strip()[::-1] for r in rows) == long  # pure Arabic: each row is its line reversed
    assert rows[0].strip().endswith("لاق")  # the first logical word is at the right of the first row


def test_brackets_are_mirrored_and_marks_stay_on_their_letter() -> None:
    assert bidi.visual("«سيطرت القوات» [1]", True, PLAIN) == "[1] «تاوقلا ترطيس»"
    assert bidi.visual("قَالَ", True, PLAIN) == "لَاقَ"
    assert bidi.visual("Sources: [1] Wire", False, PLAIN) == "Sources: [1] Wire"


def test_reshape_joins_letters_for_terminals_that_do_not_shape() -> None:
    pytest.importorskip("arabic_reshaper")
    shaped = bidi.visual("قال", True, BidiOptions(reorder=True, reshape=True))
    assert all("\ufb50" <= ch <= "\ufeff" for ch in shaped)


def test_resolve_precedence() -> None:
    tty_env: dict[str, str] = {}
    assert bidi.resolve(None, tty_env, is_terminal=True) == BidiOptions(True, True)
    assert bidi.resolve(None, tty_env, is_terminal=False) == BidiOptions(False, False)  # never reorder for pipes
    assert bidi.resolve(None, {"VTE_VERSION": "7600"}, True).reorder is False  # VTE does bidi itself
    assert bidi.resolve(None, {"VTE_VERSION": "7600", "TMUX": "x"}, True).reorder is True
    assert bidi.resolve(None, {"SUMMARIZE_BIDI": "off"}, True).reorder is False
    assert bidi.resolve("on", {"SUMMARIZE_BIDI": "off"}, False).reorder is True  # the flag wins
    assert bidi.resolve("on", {"SUMMARIZE_RESHAPE": "off"}, True) == BidiOptions(True, False)


def test_render_event_and_languages() -> None:
    brief = _brief()
    one = render_event(brief, "1")
    assert one is not None and one == render_event(brief, "e1") and one.startswith("## 1. ")
    assert "Morning brief" not in one and render_event(brief, "القرى") == one and render_event(brief, "7") is None
    only_ar = render_markdown(brief, ("ar",))
    assert "#### الملخص" in only_ar and "Summary (English)" not in only_ar and "#### Confirmed" in only_ar


def _tmux_capture(tmp_path: Path, md_file: Path, env: dict[str, str]) -> list[str]:
    """Run the real CLI preview inside a fixed-size tmux session and return the visible pane."""
    sock = f"summarize-test-{uuid.uuid4().hex[:8]}"
    done = "__PREVIEW_DONE__"
    cmd = f"{sys.executable} -m summarize preview --no-pager {md_file}; echo {done}; sleep 30"
    tmux = ["tmux", "-L", sock, "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-x", "80", "-y", "60", "-s", "t", cmd],
                   check=True, env=env, cwd=Path(__file__).resolve().parents[1])
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pane = subprocess.run([*tmux, "capture-pane", "-p", "-t", "t"], capture_output=True, text=True).stdout
            if done in pane:
                return pane.splitlines()
            time.sleep(0.2)
        pytest.fail(f"preview did not finish in tmux; pane:\n{pane}")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    return []


@pytest.mark.skipif(shutil.which("tmux") is None and "tmux" not in os.environ.get("SUMMARIZE_TEST_REQUIRE", ""),
                    reason="tmux is not installed (CI: apt-get install -y tmux)")
def test_preview_in_a_real_terminal(tmp_path: Path) -> None:
    md_file = tmp_path / "brief.md"
    md_file.write_text(render_markdown(_brief()), encoding="utf-8")
    md_file.with_suffix(".json").write_text(render_json(_brief()), encoding="utf-8")  # the preview reads it
    env = {**os.environ, "SUMMARIZE_RESHAPE": "off", "TERM": "xterm-256color"}
    env.pop("SUMMARIZE_BIDI", None)
    pane = _tmux_capture(tmp_path, md_file, env)
    row = next((line for line in pane if AR_VISUAL in line), None)
    assert row is not None, "\n".join(pane)
    assert len(row) == 80 and row.startswith(" " * 20), repr(row)  # right-aligned in the 80-column pane
    text = "\n".join(pane)
    assert "[bold]Breaking[/bold]" in text and "<script>alert(1)</script>" in text
    assert "pwned" in text  # the OSC title sequence was stripped, its payload printed harmlessly


@pytest.mark.skipif(shutil.which("tmux") is None and "tmux" not in os.environ.get("SUMMARIZE_TEST_REQUIRE", ""),
                    reason="tmux is not installed (CI: apt-get install -y tmux)")
def test_dev_brief_opens_in_the_pager_with_the_header_on_the_first_screen(tmp_path: Path, dev_brief: Brief) -> None:
    md_file = tmp_path / "dev.md"
    brief = dev_brief
    md_file.write_text(render_markdown(brief), encoding="utf-8")
    md_file.with_suffix(".json").write_text(render_json(brief), encoding="utf-8")
    sock = f"summarize-test-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", sock, "-f", "/dev/null"]
    env = {**os.environ, "TERM": "xterm-256color", "PAGER": "less", "LESS": "-R"}
    cmd = f"{sys.executable} -m summarize preview {md_file}; echo __DONE__; sleep 30"
    subprocess.run([*tmux, "new-session", "-d", "-x", "100", "-y", "50", "-s", "t", cmd], check=True, env=env,
                   cwd=Path(__file__).resolve().parents[1])
    try:
        deadline, pane = time.monotonic() + 60, ""
        while time.monotonic() < deadline and "Contents" not in pane:
            time.sleep(0.3)
            pane = subprocess.run([*tmux, "capture-pane", "-p", "-t", "t"], capture_output=True, text=True).stdout
        lines = pane.splitlines()
        assert lines and "Morning brief" in lines[0] and "__DONE__" not in pane, pane  # paged: waits for the reader
        for line, following in itertools.pairwise(lines):  # a label never leaves its number
            assert not re.search(r"(?:^|\s)(?:independent origins|origins|reports)\b", following.strip()[:20]) \
                or re.search(r"\d\s(?:independent origins|reports)", following), (line, following)
        subprocess.run([*tmux, "send-keys", "-t", "t", "q"], check=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "__DONE__" not in pane:
            time.sleep(0.2)
            pane = subprocess.run([*tmux, "capture-pane", "-p", "-t", "t"], capture_output=True, text=True).stdout
        assert "__DONE__" in pane
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
