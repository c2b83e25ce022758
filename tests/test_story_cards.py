"""The brief an editor reads in two minutes (issue 15): story cards, ranking, contents, nothing only in JSON."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.config import Settings
from summarize.model import Article, ClaimGroup, EventReport, SourceInfo, Statement
from summarize.pipeline import run
from summarize.render.files import render_all
from summarize.render.view import CARD_WORDS
from summarize.summary.card import independent_origins, key_points, rank_events, trim_at_clause

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from bench_reading import card_words, claims_in_html, top_words  # noqa: E402


@pytest.fixture(params=["seeds", "dev"])
def rendered(request: pytest.FixtureRequest) -> dict[str, str]:
    """The seeds and dev briefs in every format."""
    if request.param == "dev":
        brief = request.getfixturevalue("dev_brief")
    else:
        brief = run([REPO / "examples" / "seeds"], Settings(summarizer="extractive", date="2024-11-30"))
    return render_all(brief, ("md", "html", "json"))


def test_cards_contents_and_every_claim_in_the_html(rendered: dict[str, str]) -> None:
    md = rendered["md"]
    data = json.loads(rendered["json"])
    assert md.index("## Contents") < md.index("## 1. ")
    for n in range(1, len(data["events"]) + 1):
        assert f"(#event-{n})" in md.split("## 1. ", 1)[0], n  # the contents links every event
        assert f'id="event-{n}"' in rendered["html"], n
    cards = card_words(md)
    assert cards and max(cards) <= 120
    # a card keeps more than one key point only while everything it shows (the related line included) fits
    for block in re.split(r"\n(?=## \d+\. )", md)[1:]:
        card = block.split("\n### Details", 1)[0]
        if sum(line.startswith("- ") for line in card.splitlines()) > 1:
            assert len(card.split()) <= CARD_WORDS, card
    assert top_words(md)[0] <= 600
    found, total = claims_in_html(data, rendered["html"])
    assert found == total > 0
    assert all(e["key_points"] for e in data["events"] if len(e["sources"]) > 1 and e["claims"])


def test_key_points_are_trimmed_only_at_a_safe_clause() -> None:
    long = ("The ministry said on Monday that 40 people were killed in the strike, and that rescue teams were "
            "still searching the rubble of three buildings for survivors late into the night")
    cut = trim_at_clause(long, "The ministry", max_words=20)
    assert cut == "The ministry said on Monday that 40 people were killed in the strike …"
    negated = "Officials said the army had withdrawn from the town, but the ministry did not confirm it at all today"
    assert trim_at_clause(negated, None, max_words=12) is None  # the cut-off tail holds a negation
    assert trim_at_clause(long, "rescue teams", max_words=20) is None  # the speaker would be cut off
    assert trim_at_clause("Short and whole.", None) == "Short and whole."


def _claim(cid: str, status: str, text: str, sources: tuple[str, ...], independent: int) -> ClaimGroup:
    return ClaimGroup(cid, status, (Statement(text, "en", sources),), independent)  # type: ignore[arg-type]


def test_key_points_prefer_the_best_supported_confirmed_claims() -> None:
    claims = [_claim("c1", "confirmed", "Two say the bridge fell.", ("a", "b"), 2),
              _claim("c2", "confirmed", "Three say the road closed.", ("a", "b", "c"), 3),
              _claim("c3", "single_source", "One says the mayor resigned.", ("c",), 1)]
    points = key_points(claims)
    assert [p.claim for p in points] == ["c2", "c1"] and all(p.confirmed for p in points)
    only_single = key_points(claims[2:])
    assert [p.claim for p in only_single] == ["c3"] and not only_single[0].confirmed


def test_ranking_puts_independent_multilingual_disputed_stories_first() -> None:
    def src(aid: str, lang: str, copies: tuple[str, ...] = ()) -> SourceInfo:
        return SourceInfo(Article(aid, "x", outlet=aid, lang=lang), copies)

    sources = {s.article.id: s for s in (src("a1", "ar"), src("a2", "en"), src("b1", "ar", ("b2", "b3")),
                                         src("b2", "ar", ("b1", "b3")), src("b3", "ar", ("b1", "b2")),
                                         src("c1", "ar"), src("c2", "ar"))}
    assert independent_origins(("b1", "b2", "b3"), sources) == 1
    events = [EventReport("e1", ("b1", "b2", "b3"), {}, {}), EventReport("e2", ("c1", "c2"), {}, {}),
              EventReport("e3", ("a1", "a2"), {}, {})]
    assert [e.id for e in rank_events(events, sources)] == ["e3", "e2", "e1"]


def test_cli_messages_name_the_subcommand_and_the_missing_file(tmp_path: Path) -> None:
    bogus = subprocess.run([sys.executable, "-m", "summarize", "brief", "--bogus"], capture_output=True, text=True)
    assert bogus.returncode == 2 and bogus.stderr.startswith("usage: summarize brief")
    missing = subprocess.run([sys.executable, "-m", "summarize", "preview", str(tmp_path / "missing.md")],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "missing.md does not exist" in missing.stderr and "Errno" not in missing.stderr
    (tmp_path / "brief.md").write_text("# Morning brief\n", encoding="utf-8")
    alone = subprocess.run([sys.executable, "-m", "summarize", "preview", str(tmp_path / "brief.md")],
                           capture_output=True, text=True)
    assert alone.returncode == 2 and "brief.json is not there" in alone.stderr and "--format md,json" in alone.stderr
