"""Wiring: configuration, the aiogram Dispatcher, entry points and the command line."""
