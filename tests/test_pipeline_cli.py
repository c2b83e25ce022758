"""End to end: the bundled seeds and the CLI contract (files, exit codes, clean stdout)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.config import Settings
from summarize.pipeline import NothingToSummarize, run
from summarize.render.files import verify_set
from summarize.render.json_brief import validate

from builders import EN_QUAKE


@pytest.fixture(scope="module")
def seed_brief_json(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    """Run the real CLI once on the seeds and load the JSON it wrote."""
    out = tmp_path_factory.mktemp("out")
    seeds = Path(__file__).resolve().parents[1] / "examples" / "seeds"
    proc = subprocess.run(
        [sys.executable, "-m", "summarize", "brief", str(seeds), "--out", str(out), "--summarizer", "extractive"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""  # not a terminal: no preview, stdout stays clean
    assert {p.name for p in out.iterdir()} == {f"brief-2024-11-30.{f}" for f in ("md", "html", "json", "manifest.json")}
    assert verify_set(out / "brief-2024-11-30.manifest.json") == []
    data: dict = json.loads((out / "brief-2024-11-30.json").read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def test_seeds_make_one_event_with_all_five_sources(seed_brief_json: dict) -> None:  # type: ignore[type-arg]
    validate(seed_brief_json)
    (event,) = seed_brief_json["events"]
    assert len(event["sources"]) == 5 and len(seed_brief_json["sources"]) == 5
    assert not seed_brief_json["skipped"]


def test_seed_arabic_summary_sentences_all_have_sources(seed_brief_json: dict) -> None:  # type: ignore[type-arg]
    (event,) = seed_brief_json["events"]
    ar = event["summary"]["ar"]
    assert ar["method"] == "extractive" and len(ar["sentences"]) >= 2
    assert all(s["sources"] and set(s["sources"]) <= set(event["sources"]) for s in ar["sentences"])
    assert event["summary"]["en"]["method"] == "unavailable"  # no English source, no model: say so
    assert event["title"]["ar"] and event["title"]["en"] is None


def test_every_input_is_a_source_or_skipped(tmp_path: Path, seeds_dir: Path) -> None:
    (tmp_path / "quake.txt").write_text(EN_QUAKE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "fa.txt").write_text("این یک متن فارسی است که باید به درستی تشخیص داده شود و کنار گذاشته شود",
                                     encoding="utf-8")
    brief = run([seeds_dir, tmp_path], Settings(summarizer="extractive"))
    used = {s.article.path for s in brief.sources}
    skipped = {s.input: s.reason for s in brief.skipped}
    inputs = {str(p) for p in list(seeds_dir.glob("*.txt")) + list(tmp_path.glob("*.txt"))}
    assert used | set(skipped) == inputs and not used & set(skipped)
    assert "language 'fa'" in skipped[str(tmp_path / "fa.txt")]
    assert len(brief.events) == 2


def test_nothing_usable_is_an_error_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(NothingToSummarize, match="empty text"):
        run([tmp_path], Settings())


def test_cli_exit_codes(tmp_path: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "summarize", *args], capture_output=True, text=True, timeout=120)

    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    nothing = cli("brief", str(tmp_path), "--out", str(tmp_path / "o"))
    assert nothing.returncode == 1 and "no usable article" in nothing.stderr and "Traceback" not in nothing.stderr
    usage = cli("brief", str(tmp_path), "--format", "pdf")
    assert usage.returncode == 2 and "formats.0: Input should be 'md', 'html' or 'json'" in usage.stderr
    assert cli("preview", str(tmp_path / "missing.md")).returncode == 2


@pytest.mark.parametrize("date", ["../../etc/brief", "2024-02-30", "30/11/2024"])
def test_date_flag_cannot_escape_the_output_folder(date: str, tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "summarize", "brief", str(tmp_path), "--date", date],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr


def test_dev_corpus_brief_keeps_the_promises(dev_jsonl: Path, tmp_path: Path) -> None:
    """On 88 real articles: every article once, confirmed = ≥ 2 independent outlets, every dispute two-sided."""
    proc = subprocess.run([sys.executable, "-m", "summarize", "-q", "brief", str(dev_jsonl), "--out", str(tmp_path),
                           "--format", "json", "--summarizer", "extractive", "--date", "2024-01-01"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads((tmp_path / "brief-2024-01-01.json").read_text(encoding="utf-8"))
    validate(data)
    ids = [s["id"] for s in data["sources"]]
    assert len(ids) == len(set(ids))
    assert len(ids) + len(data["skipped"]) == 88  # one record repeats another's text from the same outlet
    assert sorted(ids) == sorted(a for e in data["events"] for a in e["sources"])
    for event in data["events"]:
        for claim in event["claims"]:
            sources = {a for st in claim["statements"] for a in st["sources"]}
            assert sources <= set(event["sources"])
            if claim["status"] == "confirmed":
                assert claim["independent_sources"] >= 2 and len(sources) >= 2
            if claim["status"] == "disputed":
                assert len({st["side"] for st in claim["statements"]}) >= 2
                assert claim["dispute_kind"] in ("denial", "conflicting_figures", "conflicting_reports")
        for lang in ("ar", "en"):
            assert all(s["sources"] for s in event["summary"][lang]["sentences"])
