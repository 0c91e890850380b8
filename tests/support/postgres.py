"""A private PostgreSQL cluster for fault tests: initdb into a temporary folder, served on a free
port of 127.0.0.1 (and a socket in that folder), stopped and started at will, removed at the end.
Never the machine's shared server (CI's, on 5432), which other test runs are using.

PostgreSQL refuses to run as root; as root the cluster runs as the `postgres` account."""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.support.processes import free_port

USER = "sbd"
DATABASE = "sbd_faults"


def postgres_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None if PostgreSQL's server tools are missing."""
    found = shutil.which("initdb")
    if found is None:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
        found = candidates[0] if candidates else None
    if found is None:
        return None
    folder = Path(found).resolve().parent
    return folder if (folder / "pg_ctl").exists() else None


def unavailable_reason() -> str | None:
    """Why a private cluster cannot be made here (for pytest.skip), or None."""
    if postgres_bin_dir() is None:
        return "PostgreSQL's initdb is not installed (needed for a private cluster)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` account to run initdb as"
    return None


class PostgresCluster:
    def __init__(self) -> None:
        self.bin_dir = postgres_bin_dir()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="sbd-pg-"))
        self.data = self.root / "data"
        self.log_path = self.root / "server.log"
        self._account = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        if self._account:
            os.chown(self.root, self._account.pw_uid, self._account.pw_gid)

    @property
    def url(self) -> str:
        return f"postgres://{USER}@127.0.0.1:{self.port}/{DATABASE}"

    def create(self) -> "PostgresCluster":
        """initdb, start, and create the (empty) application database."""
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, DATABASE)
        return self

    def start(self) -> None:
        # fsync off: nothing here survives a power cut anyway, and a fast shutdown still writes
        # everything out (a clean checkpoint), which is the restart these tests make.
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c max_connections=40"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.log_path),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        """`fast`: sessions are ended at once and the server shuts down cleanly."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def is_running(self) -> bool:
        result = self._run("pg_ctl", "-D", str(self.data), "status", check=False)
        return result.returncode == 0

    def destroy(self) -> None:
        if self.data.exists() and self.is_running():
            self.stop(mode="immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        binary = self.bin_dir / tool
        command = [str(binary if binary.exists() else tool), *args]
        account = {}
        env = {**os.environ, "LC_ALL": "C"}
        if self._account:
            account = {
                "user": self._account.pw_uid,
                "group": self._account.pw_gid,
                "extra_groups": [],
            }
            env["HOME"] = self._account.pw_dir
        result = subprocess.run(
            command,
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            **account,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{tool} failed ({result.returncode}):\n{result.stdout}\n"
                f"{result.stderr}\n{self.log()[-3000:]}"
            )
        return result
