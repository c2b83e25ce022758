"""Clean stage: page furniture kept out of titles, claims and summaries."""
