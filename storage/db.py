"""Engine and session factory for SQLite (embedded) and PostgreSQL (production)."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import Any, cast

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

import storage.counters  # noqa: F401  (its flush hook keeps the item counters)
from domain.clock import DEFAULT_TZ

SQLITE_BUSY_TIMEOUT_MS = 15_000
# SQLSTATEs of a server that is unreachable, shutting down, starting up or full.
UNAVAILABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")
# Key of the deployment's time zone in ``Session.info``.
_ZONE = "tz"


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_file(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def create_engine(url: str | URL, **kwargs: Any) -> AsyncEngine:
    """Create the async engine; SQLite gets WAL, a busy timeout and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_file(parsed)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        engine = create_async_engine(parsed, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(parsed, **kwargs)


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # aiosqlite opens in "deferred" isolation; pragmas must run outside a transaction.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def create_session_factory(
    engine: AsyncEngine, tz: tzinfo = DEFAULT_TZ
) -> async_sessionmaker[AsyncSession]:
    """Sessions that know the deployment's time zone (``CHIBO_TIMEZONE``): see ``zone``."""
    return async_sessionmaker(engine, expire_on_commit=False, info={_ZONE: tz})


def zone(session: AsyncSession) -> tzinfo:
    """The deployment's time zone, as the session factory was given it (one zone for the
    bot, the scheduler and the CLI alike); Viet Nam's for a session made without one."""
    return cast(tzinfo, session.info.get(_ZONE, DEFAULT_TZ))


def is_database_unavailable(error: BaseException) -> bool:
    """Whether ``error`` means the database is down or restarting (worth a "try again")
    rather than a bug: the pool then replaces the broken connections by itself."""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, OperationalError | InterfaceError | PoolTimeoutError):
        return True
    # Connecting is not wrapped by SQLAlchemy: asyncpg raises the socket's own error.
    if isinstance(error, ConnectionError | TimeoutError):
        return True
    original = error.orig if isinstance(error, DBAPIError) else error
    sqlstate = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    return isinstance(sqlstate, str) and sqlstate.startswith(UNAVAILABLE_SQLSTATES)
