"""Outbox delivery: the worker, the channel router and each channel's sender."""
