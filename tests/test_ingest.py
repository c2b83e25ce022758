"""Ingest: files, folders, sidecar manifests, JSONL records; every input used or skipped with a reason."""

from __future__ import annotations

import json
from pathlib import Path

from summarize.ingest import ingest
from summarize.ingest.common import decode

from builders import AR_ARMY, EN_QUAKE


def test_seed_folder_reads_five_articles_with_manifest_metadata(seeds_dir: Path) -> None:
    got = ingest([seeds_dir])
    assert len(got.articles) == 5 and not got.skipped
    outlets = {a.id: a.outlet for a in got.articles}
    assert outlets["000_88afd150082ce99e.txt"] == "Al Arabiya"
    assert outlets["001_13f9b59fcc816c1d.txt"] is None  # the manifest says unknown
    assert all(a.published == "2024-11-30" for a in got.articles)


def test_bare_txt_files_work_without_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(AR_ARMY, encoding="utf-8")
    got = ingest([tmp_path])
    assert [a.id for a in got.articles] == ["a.txt"] and got.articles[0].outlet is None


def test_jsonl_keeps_record_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "crawl.jsonl"
    lines = [
        json.dumps({"id": "r1", "text": EN_QUAKE, "outlet": "Wire", "url": "https://x.test/1"}),
        "{not json",
        json.dumps({"id": "r2", "title": "no text"}),
        json.dumps({"id": "r1", "text": EN_QUAKE + " Again."}),
        "",
        json.dumps({"id": "r3", "text": AR_ARMY}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    got = ingest([path])
    assert [a.id for a in got.articles] == ["r1", "r3"]
    assert got.articles[0].outlet == "Wire"
    reasons = {s.input: s.reason for s in got.skipped}
    assert f"{path}:2" in reasons and "invalid JSON" in reasons[f"{path}:2"]
    assert "no 'text'" in reasons[f"{path}:3"]
    assert "duplicate id" in reasons[f"{path}:4"]


def test_empty_binary_and_unknown_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")
    (tmp_path / "ok.txt").write_text(EN_QUAKE, encoding="utf-8")
    got = ingest([tmp_path, tmp_path / "missing.txt"])
    assert [a.id for a in got.articles] == ["ok.txt"]
    reasons = {Path(s.input).name: s.reason for s in got.skipped}
    assert reasons == {
        "bin.txt": "binary file (NUL bytes)",
        "empty.txt": "empty text",
        "pic.png": "unsupported file type '.png'",
        "missing.txt": "no such file or folder",
    }


def test_decode_accepts_bom_and_windows_1256_arabic() -> None:
    assert decode("\ufeffنص".encode())[0] == "نص"
    assert decode(AR_ARMY.encode("cp1256"))[0] == AR_ARMY
    assert decode(b"\xff\xfe\xfa latin junk \x81")[0] is None
