"""HTML brief as a page: sanitised hostile input, distinct claim sections, and a real browser (headless Chromium)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarize.config import Settings
from summarize.model import Brief, ClaimGroup, EventReport, SourceInfo, Statement, Summary, SummarySentence
from summarize.pipeline import run
from summarize.render.html_page import render_html, sanitize

from builders import article

HOSTILE_DIR = Path(__file__).parent / "fixtures" / "hostile"
ARTEFACTS = Path(__file__).resolve().parents[1] / "outputs" / "test-artefacts"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
# CI sets SUMMARIZE_TEST_REQUIRE=chromium,tmux so that a missing browser fails instead of skipping.
_REQUIRED = "chromium" in os.environ.get("SUMMARIZE_TEST_REQUIRE", "")
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not _REQUIRED,
                                    reason="Chromium is not installed (CI: apt-get install -y chromium)")
# Run in the page after load (the test's copy only): what a browser really made of the brief.
PROBE = """<pre id="probe"></pre><script>
const all = [...document.querySelectorAll('*')];
document.getElementById('probe').textContent = JSON.stringify({
  arabic: [...document.querySelectorAll('[lang=ar]')].map(e => getComputedStyle(e).direction),
  scripts: document.scripts.length,
  handlers: all.filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length,
  jslinks: [...document.querySelectorAll('[href],[src]')].filter(
    e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')).length,
  pwned: window.__pwned || null,
  sections: [...document.querySelectorAll('section.claims')].map(
    e => [e.className, getComputedStyle(e).borderInlineStartStyle, getComputedStyle(e).backgroundColor]),
  arabicLists: [...document.querySelectorAll('ul,ol')].filter(
    l => [...l.children].filter(li => li.getAttribute('dir') === 'rtl').length * 2 > l.children.length).map(
    l => getComputedStyle(l).direction),
  labels: [...document.querySelectorAll('[dir=rtl] bdi, [dir=rtl] a.cite')].map(
    e => getComputedStyle(e).unicodeBidi),
  contents: [...document.querySelectorAll('section.contents a[href^="#"]')].map(
    a => document.getElementById(a.getAttribute('href').slice(1)) !== null),
  details: document.querySelectorAll('details').length,
});
</script>"""


class _Markup(HTMLParser):
    """Collects tags, attributes and link targets of a page (the markup, not its text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a start tag and its attributes."""
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]


def _markup(page: str) -> _Markup:
    """Parse a page's markup."""
    parser = _Markup()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def hostile_brief() -> Brief:
    """The bundled seeds plus an article full of script, handlers, javascript: links and rich markup."""
    return run([Path(__file__).resolve().parents[1] / "examples" / "seeds", HOSTILE_DIR],
               Settings(summarizer="extractive"))


@pytest.fixture(scope="module")
def page(hostile_brief: Brief) -> str:
    """The brief's HTML page."""
    return render_html(hostile_brief)


def test_hostile_article_reaches_the_page_only_as_text(hostile_brief: Brief, page: str) -> None:
    assert any("hostile.txt" in e.sources for e in hostile_brief.events)
    markup = _markup(page)
    assert "script" not in markup.tags and "img" not in markup.tags and "svg" not in markup.tags
    assert not [k for k, _ in markup.attrs if k.startswith("on")]
    assert not [v for k, v in markup.attrs if k in ("href", "src") and "javascript" in v.lower()]
    text = html.unescape(re.sub(r"<[^>]+>", "", page.split("<body>", 1)[1]))
    assert "<script>window.__pwned=7</script>" in text  # the headline is shown, as text
    assert "[bold]Evil[/bold]" in text  # rich markup in the outlet name, shown as written


def test_sanitizer_strips_what_markdown_would_let_through() -> None:
    dirty = ('<p onclick="x()">a</p><script>x()</script><a href="javascript:x()">j</a>'
             '<a href="https://ok.test/">ok</a><iframe src="https://e.test"></iframe>'
             '<section class="claims">s</section>')
    clean = sanitize(dirty)
    assert "onclick" not in clean and "<script" not in clean and "javascript" not in clean and "iframe" not in clean
    assert 'href="https://ok.test/"' in clean and '<section class="claims">' in clean


def _claims_brief() -> Brief:
    """One event with a confirmed, a disputed and a single-source claim."""
    a1 = article("a1", "نص", "ar", outlet="وكالة", url="https://news.test/a1")
    a2 = article("a2", "text", "en", outlet="Wire", url="https://wire.test/a2")
    claims = (
        ClaimGroup("c1", "confirmed", (Statement("Forces took the villages", "en", ("a1", "a2")),), 2),
        ClaimGroup("c2", "disputed", (Statement("انسحب الجيش", "ar", ("a1",), "المرصد", "assert", 0),
                                      Statement("The army denied it", "en", ("a2",), "the army", "deny", 1)),
                   2, "denial"),
        ClaimGroup("c3", "single_source", (Statement("قُتل ثلاثة مدنيين", "ar", ("a1",)),), 1),
    )
    event = EventReport("e1", ("a1", "a2"), {"ar": "سيطرة الجيش على القرى", "en": "Army takes villages"},
                        {"ar": Summary("ar", "extractive", (SummarySentence("سيطرت القوات على القرى.", ("a1",)),)),
                         "en": Summary("en", "extractive", (SummarySentence("Forces took villages.", ("a2",)),))},
                        claims)
    return Brief("2024-11-30", "2024-11-30T06:00:00+00:00", "extractive", (SourceInfo(a1), SourceInfo(a2)), (),
                 (event,))


def test_sections_are_classed_and_citations_link_to_sources() -> None:
    page = render_html(_claims_brief())
    for cls in ("claims confirmed", "claims disputed", "claims single-source", "sources", "summary"):
        assert f'<section class="{cls}">' in page
    assert '<li dir="auto" id="event-1-s1">' in page or '<li id="event-1-s1"' in page
    assert '<a class="cite" href="#event-1-s2"' in page
    assert '<a href="https://wire.test/a2"' in page
    assert "@media print" in page and "Content-Security-Policy" in page


def _chromium(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium (isolated profile, no sandbox: tests may run as root in containers)."""
    assert CHROMIUM is not None, "Chromium is required here (SUMMARIZE_TEST_REQUIRE) but not installed"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           f"--user-data-dir={tmp / 'profile'}", "--window-size=1000,1600", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90)


@needs_chromium
def test_in_headless_chromium(page: str, tmp_path: Path) -> None:
    # The page forbids scripts by CSP; the copy drops it so the sanitiser alone is what is tested.
    probe_page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    probe_page = probe_page.replace("</body>", PROBE + "</body>")
    probed = tmp_path / "probe.html"
    probed.write_text(probe_page, encoding="utf-8")
    dom = _chromium(["--dump-dom", probed.as_uri()], tmp_path)
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom.stdout, re.S)
    assert found, dom.stderr[-2000:]
    result = json.loads(html.unescape(found.group(1)))
    assert result["arabic"] and set(result["arabic"]) == {"rtl"}
    assert result["pwned"] is None and result["handlers"] == 0 and result["jslinks"] == 0
    assert result["scripts"] == 1  # the probe itself
    assert result["arabicLists"] and set(result["arabicLists"]) == {"rtl"}  # bullets on the right
    assert result["labels"] and set(result["labels"]) == {"isolate"}  # Latin labels isolated in Arabic lines
    assert result["contents"] and all(result["contents"])  # every contents link resolves
    assert result["details"] >= 1

    real = tmp_path / "brief.html"
    real.write_text(page, encoding="utf-8")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)  # kept for a person to look at (outputs/ is git-ignored)
    shot = ARTEFACTS / "brief-seeds-hostile.png"
    _chromium([f"--screenshot={shot}", real.as_uri()], tmp_path)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


@needs_chromium
def test_claim_sections_look_different_in_chromium(tmp_path: Path) -> None:
    page = render_html(_claims_brief())
    probed = tmp_path / "claims.html"
    probed.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
                      .replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = _chromium(["--dump-dom", probed.as_uri()], tmp_path)
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom.stdout, re.S)
    assert found, dom.stderr[-2000:]
    sections = json.loads(html.unescape(found.group(1)))["sections"]
    assert [s[0] for s in sections] == ["claims confirmed", "claims disputed", "claims single-source"]
    assert len({(s[1], s[2]) for s in sections}) == 3  # border style and background all differ
