"""Shared helpers for benchmarks: load data, compare figures with a committed baseline."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BASELINES = REPO / "bench" / "baselines"
sys.path.insert(0, str(REPO))


def shared_file(*parts: str) -> Path:
    """A file under ../shared, or exit with a clear message if it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise SystemExit(f"benchmark data not found: {path}")
    return path


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gate(name: str, figures: dict[str, float], rules: dict[str, tuple[str, float]], update: bool) -> int:
    """Compare figures with bench/baselines/<name>.json; returns the exit code.

    rules: figure → ("min", tolerance) for higher-is-better (fail below baseline - tolerance)
    or ("max", factor) for lower-is-better (fail above baseline × factor).
    """
    path = BASELINES / f"{name}.json"
    print(json.dumps(figures, indent=2, sort_keys=True))
    if update or not path.exists():
        path.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"baseline written: {path.relative_to(REPO)}")
        return 0
    base = json.loads(path.read_text(encoding="utf-8"))
    failed = []
    for key, (kind, slack) in rules.items():
        now, was = figures[key], base.get(key)
        if was is None:
            continue
        bad = now < was - slack if kind == "min" else now > was * slack
        print(f"{key}: {now:.4g} (baseline {was:.4g}) {'REGRESSION' if bad else 'ok'}")
        failed += [key] if bad else []
    return 1 if failed else 0
