"""The published site: page layout, text for the page, charts, feeds, editions, search and the atomic swap.

`generator.render` turns a Digest into pages with the helpers here; `generator.publish` writes them
and builds the site with MkDocs and Pagefind.
"""
