"""Robustness over a bad-input corpus (tests/badcorpus.py mixed with the seeds).

Three corpora: the bad-input corpus, the red-team inputs of issue 14 (non-UTF-8 and control-character
file names, deep JSON, an over-long record, a flat DOM, links out of the folder, hidden files, controls
in every field) and hostile feed servers (redirects to localhost, 169.254.169.254 and ftp://, a server
dripping a byte a tenth of a second). Prints inputs tried, used, skipped by reason, and the counts that
must be 0: lost, crashes, hangs, unsafe outputs (a control character or active markup in a brief file or
on stderr, or content from outside the inputs). Then a longer hypothesis fuzz run of the ingest parsers
and the sentence splitter than the test suite does.

    python bench/bench_robustness.py [--fuzz-examples N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from _common import REPO

sys.path.insert(0, str(REPO / "tests"))
from badcorpus import SECRET, build, build_hostile, expected_inputs

UNSAFE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ACTIVE_MARKUP = re.compile(r"<script|\son\w+\s*=|href=\"\s*(?:javascript|data|vbscript):", re.IGNORECASE)


def unsafe(texts: dict[str, str]) -> list[str]:
    """What in the brief files or on the terminal is unsafe: a raw control character, active markup in the
    HTML, or content from outside the inputs."""
    found = []
    for name, text in texts.items():
        if UNSAFE_TEXT.search(text):
            found.append(f"{name}: control character {UNSAFE_TEXT.search(text).group()!r}")  # type: ignore[union-attr]
        if name.endswith(".html") and ACTIVE_MARKUP.search(text):
            found.append(f"{name}: active markup {ACTIVE_MARKUP.search(text).group()!r}")  # type: ignore[union-attr]
        if SECRET.split(":")[0] in text:
            found.append(f"{name}: content from outside the inputs")
    return found


def run_corpus(name: str, folder: Path, out: Path, extra: tuple[str, ...] = (), timeout_s: float = 600) -> int:
    """Run the CLI over one corpus (folders and feed URLs) and print the accounting; 1 if anything is wrong."""
    start = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-m", "summarize", "brief", str(folder), *extra, "--out", str(out),
                               "--summarizer", "extractive", "--date", "2024-11-30", "--no-preview"],
                              capture_output=True, text=True, timeout=timeout_s, cwd=folder.parent,
                              errors="surrogateescape")
        hangs, stderr, code = 0, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired:
        hangs, stderr, code = 1, "", -1
    crashes = int(not hangs and (code != 0 or "Traceback" in stderr))
    brief = out / "brief-2024-11-30.json"
    data = json.loads(brief.read_text(encoding="utf-8")) if brief.exists() and not crashes else {}
    used = {s["path"] for s in data.get("sources", [])}
    skipped = {s["input"]: s["reason"] for s in data.get("skipped", [])}
    tried = expected_inputs(folder) | set(extra)
    named = used | set(skipped)  # a feed's entries are named "<feed>#<n>"
    lost = {t for t in tried if t not in named and not any(k.startswith(f"{t}#") for k in named)}
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.glob("brief-*")} if out.exists() else {}
    bad = unsafe({**texts, "stderr": stderr})
    kinds = Counter(reason.split(":")[0].split("(")[0].strip() for reason in skipped.values())
    print(f"{name}: inputs tried {len(tried)}, used {len(used)}, skipped {len(skipped)}, lost {len(lost)}, "
          f"crashes {crashes}, hangs {hangs}, unsafe outputs {len(bad)} ({time.monotonic() - start:.1f} s)")
    for reason, n in kinds.most_common():
        print(f"  skipped {n:5d} × {reason}")
    for line in sorted(lost)[:10] + bad[:10]:
        print(f"  !! {line}")
    return 1 if lost or crashes or hangs or bad else 0


class _Hostile(BaseHTTPRequestHandler):
    """Feeds that redirect to private addresses or other schemes, and one that drips a byte at a time."""

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        where = {"/to-localhost": f"http://localhost:{port}/secret.xml", "/to-metadata": "http://169.254.169.254/",
                 "/to-ftp": "ftp://127.0.0.1/x.xml"}
        with contextlib.suppress(OSError):
            if self.path in where:
                self.send_response(302)
                self.send_header("Location", where[self.path])
                self.end_headers()
            elif self.path == "/drip":
                self.send_response(200)
                self.end_headers()
                for _ in range(600):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            else:  # the "secret" a redirect must not reach
                body = (f"<rss version='2.0'><channel><title>x</title><item><title>{SECRET}</title><description>"
                        f"{SECRET}. {SECRET}. {SECRET}.</description></item></channel></rss>").encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Stay quiet."""


def run_all() -> int:
    """The mixed bad-input corpus, the hostile corpus, and hostile feed servers."""
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        mixed = build(root / "m", REPO / "examples" / "seeds")
        failures += run_corpus("bad-input corpus", mixed, root / "out-mixed")
        hostile = build_hostile(root / "h")
        for f in (REPO / "examples" / "seeds").iterdir():  # real articles beside the hostile ones
            shutil.copy(f, hostile / f.name)
        failures += run_corpus("hostile corpus", hostile, root / "out-hostile")
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        (root / "h" / "summarize.toml").write_text('[feeds]\ntimeout_s = 3\nallow_hosts = ["127.0.0.1"]\n',
                                                   encoding="utf-8")
        urls = tuple(f"{base}{p}" for p in ("/to-localhost", "/to-metadata", "/to-ftp", "/drip"))
        failures += run_corpus("hostile feeds", hostile, root / "out-feeds", urls, timeout_s=120)
        httpd.shutdown()
    return 1 if failures else 0


def fuzz(examples: int) -> int:
    """Hypothesis over decode/ingest records and the splitter with more examples than the tests."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from summarize.claims.extract import extract_claims
    from summarize.ingest.common import decode, html_to_text, unusable_reason
    from summarize.model import Article
    from summarize.text.sentences import split_sentences

    @settings(max_examples=examples, deadline=None)
    @given(st.binary(max_size=2000))
    def bytes_never_crash(data: bytes) -> None:
        text, _ = decode(data)
        if text is not None:
            unusable_reason(text)
            html_to_text(text)
            for s in split_sentences(text, "x", "ar"):
                assert text[s.start : s.end] == s.text

    alphabet = list("ab XY 0189٠٣ قال نفى أكد الجيش إن أن 300 قتيل said denied .،؛؟!\n\"“”")
    @settings(max_examples=examples, deadline=None)
    @given(st.text(alphabet=st.sampled_from(alphabet), max_size=600), st.sampled_from(["ar", "en"]))
    def claims_never_crash(text: str, lang: str) -> None:
        art = Article("x", text, lang=lang)
        for claim in extract_claims([art], {"x": split_sentences(text, "x", lang)}):
            assert text[claim.start : claim.end] == claim.text

    bytes_never_crash()
    claims_never_crash()
    print(f"fuzz: {examples} random byte strings through decode → html_to_text → split_sentences, "
          f"and {examples} random texts through extract_claims: no crash")
    return 0


def main() -> int:
    """Run both parts."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--fuzz-examples", type=int, default=5000)
    args = ap.parse_args()
    return run_all() or fuzz(args.fuzz_examples)


if __name__ == "__main__":
    raise SystemExit(main())
