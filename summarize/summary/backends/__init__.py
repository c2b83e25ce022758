"""Summarizer backends behind one protocol (`base.Summarizer`): extractive, hf, ct2."""
