"""Claims on the five seed articles: counts per status and every disputed item with its sides.

    python bench/bench_seed_claims.py            # print, compare with bench/baselines/seed_claims.json
    python bench/bench_seed_claims.py --update   # rewrite the baseline

Gate: the syndicated pair must be found, and the numbers of disputed groups and
confirmed groups must not fall below the baseline (a disagreement must never
disappear). Works on the bare .txt files; outlets come from manifest.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.claims.corroborate import corroborate  # noqa: E402
from summarize.claims.extract import extract_claims  # noqa: E402
from summarize.claims.syndication import find_syndication  # noqa: E402
from summarize.events.embed import get_embedder  # noqa: E402
from summarize.model import Article, ClaimGroup  # noqa: E402
from summarize.text.sentences import split_sentences  # noqa: E402

SEEDS = ROOT / "examples" / "seeds"
BASELINE = ROOT / "bench" / "baselines" / "seed_claims.json"


def load_seeds() -> list[Article]:
    """The seed articles with the manifest's outlet and language."""
    manifest = {}
    path = SEEDS / "manifest.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                manifest[rec["file"]] = rec
    out = []
    for p in sorted(SEEDS.glob("*.txt")):
        rec = manifest.get(p.name, {})
        out.append(Article(id=p.stem.split("_")[0], text=p.read_text(encoding="utf-8"),
                           outlet=rec.get("outlet"), lang=rec.get("lang", "ar"), path=str(p)))
    return out


def run() -> tuple[dict[str, tuple[str, ...]], list[ClaimGroup]]:
    """Syndication and claim groups for the seeds."""
    articles = load_seeds()
    sentences = {a.id: split_sentences(a.text, a.id, a.lang) for a in articles}
    claims = extract_claims(articles, sentences)
    syn = find_syndication(articles)
    return syn, corroborate(claims, articles, syn, get_embedder("use"))


def show(syn: dict[str, tuple[str, ...]], groups: list[ClaimGroup]) -> dict[str, object]:
    """Print the report and return the figures compared with the baseline."""
    counts = Counter(g.status for g in groups)
    pairs = sorted({tuple(sorted((a, *b))) for a, b in syn.items() if b})
    print(f"syndicated: {pairs}")
    print("groups: " + ", ".join(f"{k}={counts.get(k, 0)}" for k in ("confirmed", "disputed", "single_source")))
    for g in groups:
        if g.status != "disputed":
            continue
        print(f"\nDISPUTED {g.id} ({g.dispute_kind}, {g.independent_sources} independent sources)")
        for s in g.statements:
            print(f"  side {s.side} [{s.stance}] {s.attributed_to or '?'} {list(s.sources)}: {s.text[:160]}")
    print("\nCONFIRMED")
    for g in groups:
        if g.status == "confirmed":
            srcs = sorted({x for s in g.statements for x in s.sources})
            print(f"  {g.independent_sources} sources {srcs}: {g.statements[0].text[:140]}")
    return {"syndicated_pairs": [list(p) for p in pairs], "confirmed": counts.get("confirmed", 0),
            "disputed": counts.get("disputed", 0), "single_source": counts.get("single_source", 0)}


def main() -> int:
    """Run, print and gate against the baseline."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true", help="rewrite the baseline")
    args = ap.parse_args()
    got = show(*run())
    if args.update or not BASELINE.exists():
        BASELINE.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"baseline written to {BASELINE}")
        return 0
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    bad = []
    if got["syndicated_pairs"] != base["syndicated_pairs"]:
        bad.append(f"syndicated pairs {got['syndicated_pairs']} != {base['syndicated_pairs']}")
    for k in ("disputed", "confirmed"):
        if int(got[k]) < int(base[k]):  # type: ignore[call-overload]
            bad.append(f"{k} {got[k]} < baseline {base[k]}")
    for b in bad:
        print(f"REGRESSION: {b}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
