"""Databases for the fuzz tests: one per module, emptied by the tests between examples
(Hypothesis runs every example inside one test call, so a function-scoped fixture would
be shared by all of them anyway)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import BACKENDS
from tests.fuzz.world import World, world


@pytest.fixture(scope="module")
def sqlite_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with world("sqlite", tmp_path_factory.mktemp("fuzz-sqlite")) as built:
        yield built


@pytest.fixture(scope="module", params=BACKENDS)
def backend_world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    with world(request.param, tmp_path_factory.mktemp(f"fuzz-{request.param}")) as built:
        yield built
