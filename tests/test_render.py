"""Renderers: escaped Markdown, RTL-marked HTML, schema-valid JSON."""

from __future__ import annotations

import json

import pytest

from summarize.model import Brief, ClaimGroup, EventReport, Skipped, SourceInfo, Statement, Summary, SummarySentence
from summarize.render.html_page import render_html
from summarize.render.json_brief import brief_to_dict, render_json, validate
from summarize.render.md import render_markdown
from summarize.render.text import md_escape, safe_url

from builders import article

HOSTILE = 'Breaking <script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror="x()"> **bold**'


def _brief() -> Brief:
    """A small brief with an Arabic and an English source, a dispute and hostile text."""
    a1 = article("a1", "نص", "ar", outlet="وكالة", url="https://news.test/a1")
    a2 = article("a2", "text", "en", outlet="Wire", url="javascript:alert(3)", title=HOSTILE)
    claims = (
        ClaimGroup("c1", "confirmed", (Statement("سيطرت القوات على القرى", "ar", ("a1",)),
                                       Statement("Forces took the villages", "en", ("a2",))), 2),
        ClaimGroup("c2", "disputed", (
            Statement("انسحب الجيش من المدينة", "ar", ("a1",), "المرصد", "assert", 0),
            Statement("The army denied withdrawing", "en", ("a2",), "the army", "deny", 1),
        ), 2, "denial"),
    )
    event = EventReport(
        "e1", ("a1", "a2"), {"ar": "عنوان الحدث", "en": HOSTILE},
        {"ar": Summary("ar", "extractive", (SummarySentence("سيطرت القوات على القرى.", ("a1",)),)),
         "en": Summary("en", "unavailable", (), "no English source")},
        claims,
    )
    return Brief("2024-11-30", "2024-11-30T06:00:00+00:00", "extractive",
                 (SourceInfo(a1, ("a2",)), SourceInfo(a2, ("a1",))), (Skipped("bad.bin", "binary file"),), (event,))


def test_markdown_follows_the_layout_and_cites_sources() -> None:
    md = render_markdown(_brief())
    assert md.startswith("# Morning brief — 2024-11-30\n")
    assert "2 articles · 2 outlets · 1 event · summarizer: extractive" in md
    assert "## Contents\n\n1. [" in md and "](#event-1) · 2 reports" in md
    assert "Coverage: 2 reports · " in md and md.index("Coverage:") < md.index("### Details")
    assert "1. وكالة — Arabic — <https://news.test/a1> — same wire text as [2]" in md
    assert "— English — same wire text as [1]" in md
    assert "سيطرت القوات على القرى. [1]" in md
    assert "*Not available: no English source.*" in md
    assert "### Confirmed" in md and "· 2 independent origins" in md
    assert "side 1: المرصد says: «انسحب الجيش من المدينة» [1]" in md
    assert "side 2: the army denies: «The army denied withdrawing» [2]" in md
    assert "bad.bin — binary file" in md


def test_hostile_text_never_becomes_markup() -> None:
    html = render_html(_brief())
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.replace("javascript:alert", "")
    assert 'href="javascript' not in html and "<strong>bold" not in html
    assert "&lt;script&gt;" in html


def test_md_escape_and_safe_url() -> None:
    assert md_escape("# not a heading\n- nor a list") == "\\# not a heading - nor a list"
    assert safe_url("javascript:alert(1)") is None and safe_url("https://a.test/x") == "https://a.test/x"


def test_html_marks_arabic_blocks_rtl() -> None:
    html = render_html(_brief())
    assert '<p dir="rtl" lang="ar">سيطرت القوات على القرى.' in html
    assert html.startswith("<!DOCTYPE html>")


def test_json_validates_against_the_schema() -> None:
    data = json.loads(render_json(_brief()))
    assert data["events"][0]["claims"][1]["dispute_kind"] == "denial"
    assert data["sources"][0]["syndicated_with"] == ["a2"]
    bad = brief_to_dict(_brief())
    bad["events"][0]["claims"][0]["status"] = "probably"
    with pytest.raises(Exception, match="probably"):
        validate(bad)
