"""CLI wiring of issue 5: --since-last, summarize.toml precedence, --lang, show EVENT, feeds and pages as inputs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m summarize ARGS` in `cwd` (not a terminal: no preview, no progress)."""
    return subprocess.run([sys.executable, "-m", "summarize", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**_env(), "PYTHONPATH": str(REPO)})


def _env() -> dict[str, str]:
    """The test environment (conftest already isolated XDG dirs)."""
    return dict(os.environ)


@pytest.fixture(scope="module")
def days(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """day1: the seeds; day2: the seeds, one more report of the same event, an Atom feed and a saved page."""
    root = tmp_path_factory.mktemp("cli")
    shutil.copytree(REPO / "examples" / "seeds", root / "day1" / "seeds")
    shutil.copytree(root / "day1", root / "day2")
    first = sorted((REPO / "examples" / "seeds").glob("000_*.txt"))[0].read_text(encoding="utf-8")
    (root / "day2" / "late_report.txt").write_text(first + "\nوأفاد مراسلنا لاحقا بأن القوات عززت مواقعها.\n",
                                                   encoding="utf-8")
    shutil.copy(FIXTURES / "feed_en.atom", root / "day2")
    (root / "summarize.toml").write_text(
        'out = "from-config"\nstate = "state.sqlite"\nsummarizer = "extractive"\nembedder = "hashing"\n'
        '[outlets]\n"wire.test" = "Wire by domain"\n', encoding="utf-8")
    return root


def test_since_last_marks_exactly_the_updated_event_and_reruns_change_nothing(days: Path) -> None:
    assert _cli(days, "brief", "day1", "--since-last", "--date", "2024-11-29").returncode == 0
    assert (days / "from-config" / "brief-2024-11-29.md").is_file()  # out from summarize.toml
    run = _cli(days, "brief", "day2", "--since-last", "--date", "2024-11-30")
    assert run.returncode == 0, run.stderr
    md = (days / "from-config" / "brief-2024-11-30.md").read_text(encoding="utf-8")
    notes = [line for line in md.splitlines() if line.startswith("> Event")]
    assert len(notes) == 2
    # the new report may also shift claims; the new source must be named first
    assert notes[0].startswith("> Event 1 is updated since the brief of 2024-11-29: new sources: late\\_report")
    assert notes[1] == "> Event 2 is new since the brief of 2024-11-29."
    assert "Wire by domain" in md  # the feed entry's outlet comes from [outlets]
    again = _cli(days, "brief", "day2", "--since-last", "--date", "2024-11-30")
    assert again.returncode == 0
    md2 = (days / "from-config" / "brief-2024-11-30.md").read_text(encoding="utf-8")
    assert [x for x in md2.splitlines() if "generated" not in x] == [x for x in md.splitlines() if "generated" not in x]


def test_flags_override_config_and_lang_picks_summaries(days: Path) -> None:
    run = _cli(days, "brief", "day1", "--out", "flag-out", "--lang", "ar", "--format", "md")
    assert run.returncode == 0, run.stderr
    md = (days / "flag-out" / "brief-2024-11-30.md").read_text(encoding="utf-8")
    assert "### الملخص" in md and "Summary (English)" not in md


def test_show_event_and_bad_config(days: Path, tmp_path: Path) -> None:
    shown = _cli(days, "show", "1", "--bidi", "off")
    assert shown.returncode == 0 and "Sources" in shown.stdout and "Coverage:" in shown.stdout
    assert "Morning brief" not in shown.stdout and "Contents" not in shown.stdout  # just that story
    missing = _cli(days, "show", "9", "--brief", str(days / "from-config" / "brief-2024-11-29.md"))
    assert missing.returncode == 2 and "no event '9'" in missing.stderr
    (tmp_path / "summarize.toml").write_text('modle = "x"\n', encoding="utf-8")
    bad = _cli(tmp_path, "brief", "x")
    assert bad.returncode == 2 and "did you mean 'model'" in bad.stderr
