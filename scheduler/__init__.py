"""Reminders and digests: the meeting calendar's jobs, the outbox and its delivery worker."""
