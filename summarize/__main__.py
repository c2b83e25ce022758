"""`python -m summarize` runs the CLI."""

from summarize.cli import main

raise SystemExit(main())
