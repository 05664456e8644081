"""Which errors mean "the database is away, try again" (a busy answer) and which are bugs."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from storage.db import is_database_unavailable


class DriverError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def wrapped(cls: type[DBAPIError], sqlstate: str, *, invalidated: bool = False) -> DBAPIError:
    return cls("SELECT 1", None, DriverError(sqlstate), connection_invalidated=invalidated)


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connect call failed"),
        ConnectionResetError(104, "Connection reset by peer"),
        TimeoutError(),
        PoolTimeoutError("QueuePool limit of size 5 overflow 10 reached"),
        wrapped(OperationalError, "HY000"),
        wrapped(DBAPIError, "XX000", invalidated=True),
        wrapped(DBAPIError, "08003"),
        wrapped(DBAPIError, "57P01"),
        wrapped(DBAPIError, "57P03"),
        DriverError("08006"),
    ],
    ids=repr,
)
def test_an_unreachable_or_restarting_database_is_unavailable(error: BaseException) -> None:
    assert is_database_unavailable(error)


@pytest.mark.parametrize(
    "error",
    [
        wrapped(IntegrityError, "23505"),
        wrapped(ProgrammingError, "42P01"),
        wrapped(DBAPIError, "22001"),
        DriverError("40001"),
        ValueError("bad callback data"),
        KeyError("state"),
    ],
    ids=repr,
)
def test_a_bug_or_a_constraint_is_not_unavailability(error: BaseException) -> None:
    assert not is_database_unavailable(error)
