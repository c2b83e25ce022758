"""Render stage: `Brief` → Markdown, HTML, JSON, and a terminal preview."""
