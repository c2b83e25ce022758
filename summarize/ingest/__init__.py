"""Ingest and language stages: inputs of every kind → `Article`s with a language, or skips with a reason."""

from summarize.ingest.stage import Ingested, IngestOptions, ingest

__all__ = ["IngestOptions", "Ingested", "ingest"]
