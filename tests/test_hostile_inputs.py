"""Hostile inputs (issue 14): one bad input never costs the brief, and nothing from it leaks.

Each test names the red-team finding it reproduces; each failed on main before the fix.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from summarize.ingest import ingest, webpage
from summarize.ingest.common import MAX_META_CHARS, display_path, printable
from summarize.ingest.records import MAX_RECORD_CHARS

from builders import AR_ARMY, EN_QUAKE

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _accounted(got: object) -> set[str]:
    """Every input the ingest result names: article paths and skipped inputs."""
    return {a.path for a in got.articles} | {s.input for s in got.skipped}  # type: ignore[attr-defined]


def test_finding_1_file_name_not_utf8_is_read_and_named_safely(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "w", encoding="utf-8") as fh:
        fh.write(EN_QUAKE)
    with open(os.fsencode(tmp_path) + b"/empty\xff.txt", "w", encoding="utf-8"):
        pass
    got = ingest([tmp_path])
    assert [a.id for a in got.articles] == ["caf\\xe9.txt"]
    assert got.articles[0].path.encode("utf-8")  # no lone surrogates: writable to any file
    assert [s.input for s in got.skipped] == [f"{tmp_path}/empty\\xff.txt"]


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_finding_2_deeply_nested_json_is_one_skip(tmp_path: Path, suffix: str) -> None:
    (tmp_path / f"deep{suffix}").write_text("[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(EN_QUAKE, encoding="utf-8")
    got = ingest([tmp_path])
    assert [a.id for a in got.articles] == ["ok.txt"]
    assert any("nested too deeply" in s.reason for s in got.skipped), got.skipped


def test_finding_5_jsonl_record_cap_is_per_line_and_streams(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a", "text": EN_QUAKE}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": "x" * (MAX_RECORD_CHARS + 10)}) + "\n")
        fh.write(json.dumps({"id": "b", "text": AR_ARMY}) + "\n")
    got = ingest([path])
    assert sorted(a.id for a in got.articles) == ["a", "b"]
    assert [(s.input, s.reason.split(" ")[0]) for s in got.skipped] == [(f"{path}:2", "record")]


def test_finding_5_metadata_is_one_capped_line(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": "r", "text": EN_QUAKE, "title": "T" * 1_000_000 + "\nsecond",
                                "outlet": "O\n" * 10}) + "\n", encoding="utf-8")
    article = ingest([path]).articles[0]
    assert len(article.title or "") == MAX_META_CHARS and "\n" not in (article.outlet or "")


def test_finding_5_page_with_too_many_elements_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webpage, "MAX_ELEMENTS", 500)
    (tmp_path / "flat.html").write_text("<html><body>" + "<i>x</i>" * 2000 + "</body></html>", encoding="utf-8")
    got = ingest([tmp_path])
    assert not got.articles and "HTML elements" in got.skipped[0].reason


def test_finding_7_symlink_out_of_the_input_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("The secret password is swordfish and nobody else knows it at all.", encoding="utf-8")
    crawl = tmp_path / "crawl"
    (crawl / "sub").mkdir(parents=True)
    (crawl / "ok.txt").write_text(EN_QUAKE, encoding="utf-8")
    os.symlink(outside, crawl / "leak.txt")
    os.symlink(tmp_path, crawl / "sub" / "up")
    os.symlink(crawl / "ok.txt", crawl / "sub" / "inside.txt")  # a link within the root is fine
    got = ingest([crawl])
    assert all("swordfish" not in a.text for a in got.articles)
    reasons = {s.input: s.reason for s in got.skipped}
    assert "outside the input folder" in reasons[str(crawl / "leak.txt")]
    assert "outside the input folder" in reasons[str(crawl / "sub" / "up")]
    assert str(crawl / "sub" / "inside.txt") in _accounted(got)


def test_finding_8_controls_removed_from_text_and_metadata_at_the_door(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    rec = {"id": "r\x1b]52;c;x\x07", "text": "\x1bc" + EN_QUAKE + "\x9b31m\u202e", "title": "T\x1b[31mitle",
           "outlet": "Out\x1bPlet\x1b\\", "url": "http://x.example/\x1b[31m"}
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    article = ingest([path]).articles[0]
    for value in (article.id, article.text, article.title, article.outlet, article.url or ""):
        assert not CONTROL.search(value), repr(value)


def test_finding_9_log_strings_are_escaped() -> None:
    assert printable("\x1b]52;c;aGk=\x07.txt") == "\\x1b]52;c;aGk=\\x07.txt"
    assert display_path(Path(os.fsdecode(b"/tmp/\x1b[2Jx\xff"))) == "/tmp/\\x1b[2Jx\\xff"


def test_finding_10_hidden_files_and_folders_are_skipped_the_same_way(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text(EN_QUAKE, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(AR_ARMY, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(EN_QUAKE + " Other.", encoding="utf-8")
    got = ingest([tmp_path])
    assert [a.id for a in got.articles] == ["ok.txt"]
    assert {s.input: s.reason for s in got.skipped} == {
        str(tmp_path / ".hidden.txt"): "hidden file (not read)",
        str(tmp_path / ".git"): "hidden folder (not read)"}


def test_finding_11_same_file_name_in_two_folders_is_two_sources(tmp_path: Path) -> None:
    for sub, text in (("a", EN_QUAKE), ("b", AR_ARMY)):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(text, encoding="utf-8")
    got = ingest([tmp_path])
    assert sorted(a.id for a in got.articles) == ["a/story.txt", "b/story.txt"] and not got.skipped


def test_finding_17_impossible_date_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": "r", "text": EN_QUAKE, "published": "2024-99-99"}) + "\n", encoding="utf-8")
    assert ingest([path]).articles[0].published is None


def test_finding_15_ingest_is_order_independent(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"r{i}", "text": (EN_QUAKE if i % 2 else AR_ARMY) + f" Note {i}."})
             for i in range(6)] + [json.dumps({"id": "r1", "text": EN_QUAKE + " clash"})]
    (tmp_path / "one.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "two.jsonl").write_text("\n".join(reversed(lines)), encoding="utf-8")
    first, second = ingest([tmp_path / "one.jsonl"]), ingest([tmp_path / "two.jsonl"])
    assert [(a.id, a.text) for a in first.articles] == [(a.id, a.text) for a in second.articles]
