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


def expected_inputs(folder: Path) -> set[str]:
    """Every input the brief must account for: each file, and each non-blank line of a .jsonl."""
    out: set[str] = set()
    for root, dirs, files in os.walk(folder):  # not following links: the loop is reported, not walked
        dirs[:] = [x for x in dirs if not (Path(root) / x).is_symlink()]
        for name in files:
            path = Path(root) / name
            if name == "manifest.jsonl":
                continue
            if name.endswith(".jsonl"):
                lines = path.read_text(encoding="utf-8").splitlines()
                out |= {f"{path}:{n}" for n, line in enumerate(lines, 1) if line.strip()}
            else:
                out.add(str(path))
    return out
