"""Tests of the published site: rendering, publishing, editions, feeds and charts."""
