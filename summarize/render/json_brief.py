"""JSON brief following brief.schema.json (validated before it is written)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from summarize.model import Brief, ClaimGroup, EventReport, SourceInfo, Statement, Summary

SCHEMA_VERSION = "1.0"


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """Convert a brief to the schema's plain-data form."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": brief.generated_at,
        "date": brief.date,
        "summarizer": brief.summarizer,
        "notes": list(brief.notes),
        "stats": dict(sorted(brief.stats.items())),
        "sources": [_source(s) for s in brief.sources],
        "skipped": [{"input": s.input, "reason": s.reason} for s in brief.skipped],
        "events": [_event(e) for e in brief.events],
    }


def _source(info: SourceInfo) -> dict[str, Any]:
    """One source entry."""
    a = info.article
    return {
        "id": a.id, "outlet": a.outlet, "title": a.title, "url": a.url, "published": a.published,
        "language": a.lang, "path": a.path, "syndicated_with": list(info.syndicated_with),
        "furniture_chars": info.furniture_chars,
    }


def _event(event: EventReport) -> dict[str, Any]:
    """One event entry."""
    return {
        "id": event.id,
        "title": {"ar": event.title.get("ar"), "en": event.title.get("en")},
        "sources": list(event.sources),
        "summary": {lang: _summary(event.summaries[lang]) for lang in ("ar", "en")},
        "claims": [_claim(c) for c in event.claims],
        "related": [{"event": other, "why": why} for other, why in event.related],
        "key_points": [{"text": k.text, "language": k.language, "sources": list(k.sources), "claim": k.claim}
                       for k in event.key_points],
    }


def _summary(summary: Summary) -> dict[str, Any]:
    """One summary entry."""
    return {
        "method": summary.method,
        "unavailable_reason": summary.unavailable_reason,
        "sentences": [{"text": s.text, "sources": list(s.sources)} for s in summary.sentences],
    }


def _claim(claim: ClaimGroup) -> dict[str, Any]:
    """One claim entry."""
    return {
        "id": claim.id, "status": claim.status, "independent_sources": claim.independent_sources,
        "dispute_kind": claim.dispute_kind, "score": round(claim.score, 4),
        "independent_origins": list(claim.origins),
        "timeline": [{"text": t.text, "figure": t.figure, "published": t.published, "sources": list(t.sources)}
                     for t in claim.timeline],
        "statements": [_statement(s) for s in claim.statements],
    }


def _statement(st: Statement) -> dict[str, Any]:
    """One statement entry."""
    return {
        "text": st.text, "language": st.language, "translation": st.translation,
        "attributed_to": st.attributed_to, "stance": st.stance, "side": st.side, "sources": list(st.sources),
        "spans": [{"source": s, "start": a, "end": b} for s, a, b in st.spans], "origin": st.origin,
    }


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The brief JSON schema shipped inside the package."""
    data: dict[str, Any] = json.loads(resources.files("summarize").joinpath("brief.schema.json").read_text("utf-8"))
    return data


def validate(data: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` if `data` does not follow the brief schema."""
    import jsonschema

    jsonschema.validate(data, schema())


def render_json(brief: Brief) -> str:
    """Render and validate the JSON brief (UTF-8, Arabic kept as is, stable key order)."""
    data = brief_to_dict(brief)
    validate(data)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
