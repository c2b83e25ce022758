"""summarize: a multilingual (Arabic and English) morning-brief generator."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
