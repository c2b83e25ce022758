"""Golden briefs: the seeds and dev.jsonl briefs must not change unless a commit means them to.

A change that alters the output regenerates the files in the same commit
(`make golden`, i.e. SUMMARIZE_UPDATE_GOLDEN=1 pytest tests/test_golden.py) and its
note summarises the diff. JSON is compared exactly except `generated_at`; the
Markdown except its "generated" stamp.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import REPO, SHARED

from summarize.config import Settings
from summarize.pipeline import run
from summarize.render.json_brief import brief_to_dict
from summarize.render.md import render_markdown

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SUMMARIZE_UPDATE_GOLDEN") == "1"
# name → (input relative to the repository root, brief date)
CASES = {
    "seeds": ("examples/seeds", "2024-11-30"),
    "dev": ("../shared/data/events/dev.jsonl", "2024-01-01"),
}
_STAMP = re.compile(r" · generated \S+")


def _brief(name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, object], str]:
    """The brief of one case as JSON data (without `generated_at`) and Markdown (without the stamp)."""
    where, date = CASES[name]
    if not (REPO / where).exists():
        pytest.skip(f"{where} not available (../shared is not beside the repository)")
    monkeypatch.chdir(REPO)  # relative input paths keep machine paths out of the brief
    brief = run([where], Settings(summarizer="extractive", date=date))
    data = brief_to_dict(brief)
    data.pop("generated_at")
    return data, _STAMP.sub("", render_markdown(brief))


@pytest.mark.parametrize("name", sorted(CASES))
def test_brief_matches_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The brief equals the committed golden files."""
    data, markdown = _brief(name, monkeypatch)
    json_path, md_path = GOLDEN / f"{name}.json", GOLDEN / f"{name}.md"
    if UPDATE:
        json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        md_path.write_text(markdown, encoding="utf-8")
    golden = json.loads(json_path.read_text(encoding="utf-8"))
    assert data == golden, f"{name} brief differs from {json_path}; if meant, run `make golden` and review the diff"
    assert markdown == md_path.read_text(encoding="utf-8")


def test_goldens_exist_for_every_case() -> None:
    """No case silently lacks its golden files (a missing file would make the test above write one)."""
    for name in CASES:
        assert (GOLDEN / f"{name}.json").is_file() and (GOLDEN / f"{name}.md").is_file()


def test_shared_data_is_where_the_cases_expect() -> None:
    """The dev case reads ../shared relative to the repository, as conftest's SHARED does."""
    assert (REPO / CASES["dev"][0]).resolve().parent.parent.parent == SHARED.resolve() or not SHARED.exists()
