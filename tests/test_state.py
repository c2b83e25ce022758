"""Incremental briefs: new / updated / unchanged events across runs, idempotent re-runs, real pipeline."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest

from summarize.config import Settings
from summarize.model import Article, Brief, ClaimGroup, EventReport, SourceInfo, Statement, Summary
from summarize.pipeline import run
from summarize.render.md import render_markdown
from summarize.state import StateError, StateStore, annotate, figures_in, fingerprint

from builders import AR_ARMY, EN_ARMY, EN_QUAKE, article

EMPTY = {"ar": Summary("ar", "unavailable", (), "x"), "en": Summary("en", "unavailable", (), "x")}


def _brief(date: str, events: list[tuple[str, list[Article], tuple[ClaimGroup, ...]]]) -> Brief:
    """A brief with the given events (event id, its articles, its claims)."""
    reports = tuple(EventReport(eid, tuple(a.id for a in arts), {"ar": None, "en": eid}, EMPTY, claims)
                    for eid, arts, claims in events)
    sources = tuple(SourceInfo(a) for _, arts, _ in events for a in arts)
    return Brief(date, f"{date}T06:00:00+00:00", "extractive", sources, (), reports)


ARMY = [article("a1", AR_ARMY, "ar", outlet="Al Arabiya", url="https://www.alarabiya.net/a1"),
        article("a2", EN_ARMY, "en", outlet="Wire", url="https://wire.test/a2")]
QUAKE = [article("q1", EN_QUAKE, "en", outlet="Wire", url="https://wire.test/q1")]
CLAIM = (ClaimGroup("c1", "single_source", (Statement("12 people were killed", "en", ("a2",)),)),)


def test_first_brief_is_all_new_and_same_brief_is_unchanged(tmp_path: Path) -> None:
    brief = _brief("2024-11-29", [("e1", ARMY, CLAIM), ("e2", QUAKE, ())])
    with StateStore(tmp_path / "state.sqlite") as store:
        assert {k: v.status for k, v in store.compare(brief).items()} == {"e1": "new", "e2": "new"}
        assert store.record(brief) is True
        # Re-running on the same input: compared against the state *before* it, so the same answer...
        assert {k: v.status for k, v in store.compare(brief).items()} == {"e1": "new", "e2": "new"}
        assert store.record(brief) is False  # ...and nothing is written again
        assert store.previous_date(brief) is None
    rows = sqlite3.connect(tmp_path / "state.sqlite").execute("SELECT COUNT(*) FROM briefs").fetchone()[0]
    assert rows == 1


def test_next_day_marks_only_the_affected_event(tmp_path: Path) -> None:
    yesterday = _brief("2024-11-29", [("e1", ARMY, CLAIM), ("e2", QUAKE, ())])
    extra = article("a3", AR_ARMY + " وقال المرصد إن 15 شخصا قتلوا.", "ar", outlet="Elaph")
    # Today's run numbers events differently: ids are per run, matching is by articles.
    today = _brief("2024-11-30", [("e1", QUAKE, ()), ("e2", [*ARMY, extra], CLAIM)])
    with StateStore(tmp_path / "s.sqlite") as store:
        store.record(yesterday)
        changes = store.compare(today)
        assert changes["e1"].status == "unchanged" and changes["e1"].reasons == ()
        assert changes["e2"].status == "updated" and changes["e2"].reasons == ("new sources: Elaph",)
        assert store.previous_date(today) == "2024-11-29"
        store.record(today)
        assert store.compare(today) == changes  # re-run of today: same marks
        noted = annotate(today, changes, store.previous_date(today))
    assert noted.notes == ("Event 2 is updated since the brief of 2024-11-29: new sources: Elaph.",)
    assert [e.change for e in noted.events] == [None, "Updated since 2024-11-29: new sources: Elaph"]
    card = render_markdown(noted).split("## 2. ", 1)[1].split("### Details", 1)[0]
    assert "**Updated since 2024-11-29: new sources: Elaph**" in card  # on the story card, before the details


def test_new_claims_status_changes_revisions_and_figures(tmp_path: Path) -> None:
    revised = dataclasses.replace(ARMY[1], text=EN_ARMY + " At least 15 people were killed, officials said.")
    confirmed = (ClaimGroup("c1", "confirmed", (Statement("12 people were killed", "en", ("a1", "a2")),), 2),
                 ClaimGroup("c2", "single_source", (Statement("A bridge was destroyed", "en", ("a1",)),)))
    yesterday = _brief("2024-11-29", [("e1", [ARMY[0], dataclasses.replace(
        ARMY[1], text=EN_ARMY + " At least 12 people were killed, officials said.")], CLAIM)])
    today = _brief("2024-11-30", [("e1", [ARMY[0], revised], confirmed)])
    with StateStore(tmp_path / "s.sqlite") as store:
        store.record(yesterday)
        (change,) = store.compare(today).values()
    assert change.status == "updated"
    assert change.reasons == ("revised articles: Wire", "1 new claim",
                              "claim status changed (single_source → confirmed)", "changed figures: killed 12 → 15")


def test_figures_normalise_digits_and_units() -> None:
    assert figures_in(["قتل ١٢ شخصا في المدينة", "وأصيب 3 جنود", "12.0 people were killed, 7 km away", "in 2019"]) == {
        "people": frozenset({"12"}), "soldiers": frozenset({"3"}), "killed": frozenset({"12"}), "km": frozenset({"7"})}
    assert fingerprint(_brief("d", [("e1", ARMY, ())])) == fingerprint(_brief("other-date", [("e9", ARMY, ())]))


@pytest.fixture(scope="module")
def two_days(tmp_path_factory: pytest.TempPathFactory) -> tuple[Brief, Brief]:
    """Yesterday: the seeds plus an unrelated English article; today: the same plus one new seed-like report."""
    seeds = Path(__file__).resolve().parents[1] / "examples" / "seeds"
    day1 = tmp_path_factory.mktemp("day1")
    shutil.copytree(seeds, day1 / "seeds")
    (day1 / "quake.txt").write_text(EN_QUAKE * 2, encoding="utf-8")
    day2 = tmp_path_factory.mktemp("day2")
    shutil.copytree(day1, day2, dirs_exist_ok=True)
    first = sorted((seeds).glob("000_*.txt"))[0].read_text(encoding="utf-8")
    (day2 / "late_report.txt").write_text(first + "\nوأفاد مراسلنا لاحقا بأن القوات عززت مواقعها.\n", encoding="utf-8")
    settings = Settings(summarizer="extractive")
    return run([day1], settings), run([day2], settings)


def test_since_last_on_the_real_pipeline(two_days: tuple[Brief, Brief], tmp_path: Path) -> None:
    yesterday, today = two_days
    assert len(yesterday.events) == len(today.events) == 2
    with StateStore(tmp_path / "state.sqlite") as store:
        store.record(yesterday)
        changes = store.compare(today)
        store.record(today)
        again = store.compare(today)
    updated = [e for e in today.events if changes[e.id].status == "updated"]
    assert [e.id for e in updated] == [e.id for e in today.events if "late_report.txt" in e.sources]
    assert changes[updated[0].id].reasons[0] == "new sources: late_report.txt"
    assert [c.status for c in changes.values()].count("unchanged") == 1
    assert again == changes


def test_schema_migrations_keep_yesterdays_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store written by the current schema survives a later migration; a newer store is refused."""
    import summarize.state as state

    path = tmp_path / "state.sqlite"
    with StateStore(path) as store:
        assert store.record(_brief("2024-11-29", [("e1", ARMY, CLAIM), ("e2", QUAKE, ())]))
    monkeypatch.setattr(state, "MIGRATIONS", [*state.MIGRATIONS, "ALTER TABLE briefs ADD COLUMN note TEXT;"])
    with StateStore(path) as store:  # yesterday's rows are still there after the migration
        today = store.compare(_brief("2024-11-30", [("e1", QUAKE, ())]))
        assert today["e1"].status == "unchanged"
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    assert "note" in [row[1] for row in db.execute("PRAGMA table_info(briefs)")]
    db.execute("PRAGMA user_version = 9")
    db.commit()
    db.close()
    with pytest.raises(StateError, match="newer than this summarize"):
        StateStore(path)
