"""``INSERT … ON CONFLICT`` on the database in use."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_for(session: AsyncSession) -> Any:
    """PostgreSQL's or SQLite's ``insert``: both give ``on_conflict_do_nothing`` and
    ``on_conflict_do_update``."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
