"""Claims and corroborate stages: statements of each event, grouped as confirmed, disputed or single-source."""
