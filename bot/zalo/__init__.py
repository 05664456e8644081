"""Zalo's bot platform wired in: the HTTP client, polling and the webhook server; the
conversation itself is in ``conversations/zalo/``."""
