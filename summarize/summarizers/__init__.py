"""Summarizer backends behind one protocol (see `base.Summarizer`)."""
