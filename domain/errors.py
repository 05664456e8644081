"""Errors the domain raises; each names a message in ``locales/vi/`` and its arguments."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule said no. ``msg_id`` and ``args`` render the Vietnamese explanation."""

    def __init__(self, msg_id: str, **args: Any) -> None:
        super().__init__(msg_id)
        self.msg_id = msg_id
        self.args_ = args


class NotFound(DomainError):
    pass


class PermissionDenied(DomainError):
    def __init__(self, msg_id: str = "error-permission-denied", **args: Any) -> None:
        super().__init__(msg_id, **args)
