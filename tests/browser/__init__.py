"""Browser tests of the built site (Playwright with the system Chromium)."""
