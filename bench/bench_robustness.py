"""Robustness over a bad-input corpus (tests/badcorpus.py mixed with the seeds).

Prints inputs tried, used, skipped by reason, lost (must be 0) and crashes
(must be 0), then a longer hypothesis fuzz run of the ingest parsers and the
sentence splitter than the test suite does.

    python bench/bench_robustness.py [--fuzz-examples N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _common import REPO

sys.path.insert(0, str(REPO / "tests"))
from badcorpus import build, expected_inputs


def run_corpus() -> int:
    """Run the CLI over the bad-input corpus and print the accounting."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = build(Path(tmp), REPO / "examples" / "seeds")
        out = Path(tmp) / "out"
        proc = subprocess.run([sys.executable, "-m", "summarize", "-q", "brief", str(folder), "--out", str(out),
                               "--summarizer", "extractive", "--date", "2024-11-30", "--no-preview"],
                              capture_output=True, text=True)
        crashes = int(proc.returncode != 0 or "Traceback" in proc.stderr)
        data = json.loads((out / "brief-2024-11-30.json").read_text(encoding="utf-8")) if not crashes else {}
        used = {s["path"] for s in data.get("sources", [])}
        skipped = {s["input"]: s["reason"] for s in data.get("skipped", [])}
        tried = expected_inputs(folder)
        lost = tried - used - set(skipped)
    kinds = Counter(reason.split(":")[0].split("(")[0].strip() for reason in skipped.values())
    print(f"inputs tried {len(tried)}, used {len(used)}, skipped {len(skipped)}, lost {len(lost)}, crashes {crashes}")
    for reason, n in kinds.most_common():
        print(f"  skipped {n:5d} × {reason}")
    return 1 if lost or crashes else 0


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
    return run_corpus() or fuzz(args.fuzz_examples)


if __name__ == "__main__":
    raise SystemExit(main())
