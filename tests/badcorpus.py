"""Builds a folder that mixes the seed articles with every kind of bad input (tests and bench/)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

EN_TEXT = (
    "Officials said on Monday that floods had closed the main highway for a second day. "
    "Engineers were inspecting two bridges before traffic could resume."
)
HOSTILE = (
    "Breaking [bold]news[/bold] <script>alert('x')</script> <img src=x onerror=\"alert(1)\"> "
    "[click here](javascript:alert(2)) officials said the storm damaged several homes in the valley."
)


def build(root: Path, seeds: Path, tiny: int = 2000) -> Path:
    """Create the mixed folder under `root` and return it."""
    d = root / "mixed"
    d.mkdir(parents=True)
    for f in seeds.iterdir():
        shutil.copy(f, d / f.name)
    ar = (seeds / "000_88afd150082ce99e.txt").read_text(encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "spaces.txt").write_text("  \n\t \n", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    (d / "legacy-cp1256.txt").write_bytes(ar[:1500].encode("cp1256", errors="ignore"))
    (d / "bom.txt").write_bytes("\ufeff".encode() + (EN_TEXT + " With a byte-order mark.").encode())
    (d / "invalid-utf8.txt").write_bytes(b"caf\xe9 cr\xe8me br\xfbl\xe9e \x81\x8d" * 5)
    (d / "huge.txt").write_text(("word " * 1_000_000)[:5_000_000], encoding="utf-8")
    (d / "farsi.txt").write_text("این یک گزارش خبری به زبان فارسی است که نباید عربی شمرده شود. " * 3, encoding="utf-8")
    (d / "urdu.txt").write_text("یہ اردو زبان میں ایک خبر ہے جسے عربی نہیں سمجھا جانا چاہیے۔ " * 3, encoding="utf-8")
    (d / "mixed-language.txt").write_text(ar[:600] + "\n" + EN_TEXT, encoding="utf-8")
    (d / "bidi-controls.txt").write_text("\u202e\u200b" + EN_TEXT.replace(" ", " \u200d"), encoding="utf-8")
    (d / "html-junk.txt").write_text(f"<html><body><div class=menu>Home</div><p>{EN_TEXT}</p>"
                                     "<script>track()</script><p>More text here.</p></body></html>", encoding="utf-8")
    (d / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (d / "copy-a.txt").write_text(EN_TEXT + " Duplicate.", encoding="utf-8")
    (d / "copy-b.txt").write_text(EN_TEXT + " Duplicate.", encoding="utf-8")
    records = [
        json.dumps({"id": "rec-1", "text": EN_TEXT + " One.", "published": "not a date", "outlet": "Wire A"}),
        "{broken json",
        json.dumps({"id": "rec-2"}),
        json.dumps({"id": "rec-3", "text": 42}),
        json.dumps({"id": "rec-1", "text": EN_TEXT + " Same id."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "rec-4", "text": ar[:800], "published": "Sat, 30 Nov 2024 08:00:00 +0000"}),
    ]
    (d / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    tiny_dir = d / "tiny"
    tiny_dir.mkdir()
    for i in range(tiny):
        (tiny_dir / f"t{i:05d}.txt").write_text(f"ok {i}", encoding="utf-8")
    os.symlink(d, d / "loop")  # a symlink loop back to the folder itself
    os.symlink(d / "nowhere.txt", d / "broken-link.txt")
    return d


SECRET = "SWORDFISH-7f3a: content from outside the input folder"


def build_hostile(root: Path) -> Path:
    """The red-team inputs of issue 14 in one folder (beside a secret file the brief must never show)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "secret.txt").write_text(f"{SECRET}. " * 20, encoding="utf-8")
    d = root / "hostile"
    (d / "a").mkdir(parents=True)
    (d / "b").mkdir()
    (d / ".hidden-folder").mkdir()
    story = EN_TEXT + " Officials said repairs would take a week."
    (d / "a" / "index.html").write_text(f"<html><body><h1>Floods close highway</h1><p>{story}</p></body></html>",
                                        encoding="utf-8")
    (d / "b" / "index.html").write_text("<html><body><h1>Bridge reopens</h1><p>Engineers said on Tuesday that "
                                        "the old bridge reopened after inspections found no damage.</p></body></html>",
                                        encoding="utf-8")
    (d / ".hidden.txt").write_text(story, encoding="utf-8")
    (d / ".hidden-folder" / "inside.txt").write_text(story, encoding="utf-8")
    with open(os.fsencode(d) + b"/caf\xe9.txt", "w", encoding="utf-8") as fh:
        fh.write("Caf\u00e9 owners said on Monday that the floods had reached the old market for the first time.")
    with open(os.fsencode(d) + b"/\x1b]52;c;aGk=\x07.txt", "w", encoding="utf-8"):
        pass  # a file name that writes the terminal's clipboard if printed raw
    (d / "deep.json").write_text("[" * 3000 + "]" * 3000, encoding="utf-8")
    (d / "deep.jsonl").write_text("{\"a\":" * 3000 + "1" + "}" * 3000 + "\n", encoding="utf-8")
    (d / "long-record.jsonl").write_text(json.dumps({"id": "long", "text": "\U0001f600" * 1_100_000}) + "\n"
                                         + json.dumps({"id": "fine", "text": story + " Fine."}) + "\n",
                                         encoding="utf-8")
    (d / "controls.jsonl").write_text(json.dumps({
        "id": "ctl\x1bc", "outlet": "Wire\x1bP1;x\x1b\\", "title": "Head\x9b31mline\u202e" + "T" * 100_000,
        "url": "http://x.example/\x1b[31m", "published": "2024-99-99",
        "text": "\x1b[2J" + EN_TEXT + " Controls \x1bc\x07 inside."}) + "\n", encoding="utf-8")
    (d / "flat.html").write_text("<html><body>" + "<i>x</i>" * 210_000 + "</body></html>", encoding="utf-8")
    (d / "feed.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed&#27;]52;c;x&#7;</title><item>"
        "<title>Dam&#27;[31m holds</title><link>http://x.example/&#155;</link><description>Engineers said on "
        "Wednesday that the dam held through the night and that water levels were falling.</description></item>"
        "</channel></rss>", encoding="utf-8")
    os.symlink(root / "secret.txt", d / "leak.txt")
    os.symlink(root, d / "up")
    return d


def expected_inputs(folder: Path) -> set[str]:
    """Every input the brief must account for, as the brief names it: each file (a hidden folder as one),
    and each non-blank line of a .jsonl."""
    from summarize.ingest.common import display_path

    out: set[str] = set()
    for root, dirs, files in os.walk(folder):  # not following links: the loop is reported, not walked
        out |= {display_path(Path(root) / x) for x in dirs if x.startswith(".") or (Path(root) / x).is_symlink()}
        dirs[:] = [x for x in dirs if not (Path(root) / x).is_symlink() and not x.startswith(".")]
        for name in files:
            path = Path(root) / name
            if name == "manifest.jsonl":
                continue
            if name.endswith(".jsonl"):
                lines = path.read_bytes().splitlines()
                out |= {f"{display_path(path)}:{n}" for n, line in enumerate(lines, 1) if line.strip()}
            else:
                out.add(display_path(path))
    return out
