"""Bad input, determinism, and the nothing-lost invariant."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.config import Settings
from summarize.ingest import ingest
from summarize.ingest.language import article_sentences, detect
from summarize.pipeline import NothingToSummarize, run

from badcorpus import build, expected_inputs


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds mixed with every kind of bad input."""
    seeds = Path(__file__).resolve().parents[1] / "examples" / "seeds"
    return build(tmp_path_factory.mktemp("bad"), seeds)


def _brief(folder: Path, out: Path) -> dict:  # type: ignore[type-arg]
    """Run the CLI and return the JSON brief."""
    proc = subprocess.run([sys.executable, "-m", "summarize", "brief", str(folder), "--out", str(out),
                           "--format", "json,md,html", "--summarizer", "extractive", "--date", "2024-11-30"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    data: dict = json.loads((out / "brief-2024-11-30.json").read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def test_mixed_bad_input_every_input_accounted_for_and_deterministic(mixed: Path, tmp_path: Path) -> None:
    first = _brief(mixed, tmp_path / "one")
    used = {s["path"] for s in first["sources"]}
    skipped = {s["input"]: s["reason"] for s in first["skipped"]}
    expected = expected_inputs(mixed)
    assert expected - used - set(skipped) == set(), "inputs lost"
    assert not used & set(skipped)
    for name in ("empty.txt", "spaces.txt", "binary.txt", "photo.jpg", "invalid-utf8.txt", "huge.txt",
                 "farsi.txt", "urdu.txt", "broken-link.txt", "copy-b.txt"):
        assert str(mixed / name) in skipped, name
    assert "language 'fa'" in skipped[str(mixed / "farsi.txt")]
    assert "language 'ur'" in skipped[str(mixed / "urdu.txt")]
    assert skipped[f"{mixed / 'records.jsonl'}:2"].startswith("invalid JSON line")
    assert any("symlink loop" in r for r in skipped.values())
    for name in ("legacy-cp1256.txt", "bom.txt", "mixed-language.txt", "bidi-controls.txt", "html-junk.txt"):
        assert str(mixed / name) in used, name
    html = (tmp_path / "one" / "brief-2024-11-30.html").read_text(encoding="utf-8")
    assert "<script" not in html and "onerror=" not in html.replace("onerror=&quot;", "")
    assert 'href="javascript' not in html
    second = _brief(mixed, tmp_path / "two")
    assert first["generated_at"] and second["generated_at"]

    def without_clock(run: str) -> list[str]:
        """The JSON file's lines, byte for byte, except the generated_at line."""
        text = (tmp_path / run / "brief-2024-11-30.json").read_text(encoding="utf-8")
        return [line for line in text.splitlines() if '"generated_at"' not in line]

    assert without_clock("one") == without_clock("two")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(
    st.text(max_size=200),
    st.sampled_from(["", "   ", "The council approved the new budget after a long debate on Tuesday evening.",
                     "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق المتضررة من الجفاف."]),
    st.binary(max_size=100).map(lambda b: b.decode("latin-1")),
), min_size=1, max_size=8))
def test_nothing_is_lost_on_generated_corpora(tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> None:
    folder = tmp_path_factory.mktemp("gen")
    for i, text in enumerate(texts):
        (folder / f"a{i}.txt").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    lines = [json.dumps({"id": f"r{i}", "text": t}) for i, t in enumerate(texts)]
    (folder / "recs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        brief = run([folder], Settings(summarizer="extractive", embedder="hashing"))
    except NothingToSummarize:
        # nothing usable (the CLI exits 1): then every input really is unusable or in another language
        got = ingest([folder])
        assert {s.input for s in got.skipped} | {a.path for a in got.articles} >= expected_inputs(folder)
        assert all(a.lang not in ("ar", "en") for a in detect(got.articles))
        return
    accounted = {s.article.path for s in brief.sources} | {s.input for s in brief.skipped}
    assert expected_inputs(folder) <= accounted


KNOWN_CLAIM = "قال الجيش إن 300 قتيل سقطوا في المدينة خلال المعارك الأخيرة."


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc XYZ 0123456789٠١٢ قال نفى أكد الجيش إن أن 300 قتيل.،؛؟!\n\"“”")),
               max_size=400), st.text(alphabet=st.sampled_from(list("abc قال نفى 7.،\n")), max_size=60))
def test_claim_extractor_never_crashes_and_keeps_offsets(noise: str, tail: str) -> None:
    """Whatever surrounds it, a known statement stays a claim, and every claim points back into its text."""
    from summarize.claims.extract import extract_claims
    from summarize.model import Article

    text = f"{noise}\n{KNOWN_CLAIM}\n{tail}"
    for lang in ("ar", "en"):
        art = Article("x", text, lang=lang)
        claims = extract_claims([art], {"x": article_sentences(art)})
        assert any("300" in c.text and "المدينة" in c.text for c in claims)
        for claim in claims:
            assert text[claim.start : claim.end] == claim.text
            assert claim.stance in ("assert", "deny")


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_interrupted_run_leaves_the_earlier_brief_intact(sig: str, tmp_path: Path) -> None:
    import signal

    seeds = sorted((Path(__file__).resolve().parents[1] / "examples" / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    corpus = tmp_path / "many.jsonl"  # big enough that the run is still going when the signal comes
    with corpus.open("w", encoding="utf-8") as fh:
        for k in range(300):
            text = "\n".join(f"{line} ({k})" for line in texts[k % len(texts)].splitlines() if line.strip())
            fh.write(json.dumps({"id": f"a{k}", "text": text, "outlet": f"o{k % 7}"}, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "brief-2024-11-30.md"
    earlier.write_text("yesterday's brief\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "summarize", "brief", str(corpus), "--out", str(out), "--date", "2024-11-30",
           "--summarizer", "extractive"]
    proc = subprocess.Popen([*cmd, "-v"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:  # wait until the run is inside the per-event stage, then interrupt it
        seen.append(line)
        if "stage cluster: 0 of" in line:
            break
    proc.send_signal(getattr(signal, sig))
    _, err = proc.communicate(timeout=120)
    err = "".join(seen) + err
    assert proc.returncode == 130, err[-3000:]
    assert "interrupted" in err and "Traceback" not in err
    assert earlier.read_text(encoding="utf-8") == "yesterday's brief\n"
    assert sorted(p.name for p in out.iterdir()) == ["brief-2024-11-30.md"]  # no temp files left
