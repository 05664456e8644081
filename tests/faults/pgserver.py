"""A throwaway PostgreSQL server of a test's own, which the test may stop and start.

The shared test cluster (``CHIBO_TEST_POSTGRES_URL``) must never be stopped: other runs
use it. This server lives in a temporary directory on a free port, owned by the
``postgres`` user when the tests run as root (``initdb`` refuses root).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

BIN_ROOT = Path("/usr/lib/postgresql")


def postgres_bin() -> Path:
    versions = sorted(BIN_ROOT.glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    if not versions:
        raise RuntimeError(
            "PostgreSQL server binaries are not installed (apt-get install postgresql)"
        )
    return versions[-1].parent


@dataclass
class ThrowawayPostgres:
    """``initdb`` once, then ``start()``/``stop()`` as often as a test needs."""

    port: int
    directory: Path
    bin_dir: Path

    @classmethod
    def create(cls, port: int) -> ThrowawayPostgres:
        directory = Path(tempfile.mkdtemp(prefix="chibo-pg-"))
        server = cls(port, directory, postgres_bin())
        server._chown()
        server._run(
            "initdb", "-D", str(server.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        with (server.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{directory}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
        return server

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_root(self) -> bool:
        return os.geteuid() == 0

    def _chown(self) -> None:
        if self._as_root():
            owner = pwd.getpwnam("postgres")
            os.chown(self.directory, owner.pw_uid, owner.pw_gid)

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin_dir / tool), *args]
        if self._as_root():
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.directory)

    def start(self) -> None:
        log = str(self.directory / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-w", "-t", "30", "start")

    def stop(self) -> None:
        """A fast shutdown: open connections are cut, as when the server goes away."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "30", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def remove(self) -> None:
        if self.running():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)
