"""Keyphrases: candidates per article in the one parse (`candidates`), final lists per article
and per topic across the digest (`rank`)."""
