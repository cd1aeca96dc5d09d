"""News digest generator: raw news texts in, a searchable MkDocs site out."""

__version__ = "0.1.0"
