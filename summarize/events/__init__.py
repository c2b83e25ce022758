"""Embed and cluster stages: articles → vectors → events."""
