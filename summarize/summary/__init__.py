"""Summarize and attribute stages: Arabic and English summaries, guarded and attributed to their sources."""
