"""Zalo's text conversation for members: numbered menus and short commands.

Zalo has no buttons and no files: members type numbers and short commands. Every rule
is a ``domain/`` use case, the same the Telegram dialogs call.
"""
