"""Conversations in text, for channels without buttons: the Zalo bot platform."""
