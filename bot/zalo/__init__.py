"""Zalo's bot platform: the text conversation for members, inbound and outbound.

Zalo has no buttons and no files: members type numbers and short commands. Every rule
is a ``domain/`` use case, the same the Telegram dialogs call.
"""
