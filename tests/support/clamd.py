"""A private clamd for the malware-scanning tests: its own config, unix socket and signature
database in a temporary folder; no freshclam, no network, no system clamd involved.

The database holds one self-made body signature for the EICAR test file. The EICAR string is put
together at run time so that this repository never contains it verbatim (antivirus software on a
developer's clone would quarantine the file).
"""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.support.processes import stop_gently

SIGNATURE = "Sbd.Test.EICAR"
# clamd marks every signature that is not from ClamAV's own signed databases.
REPORTED_SIGNATURE = f"{SIGNATURE}.UNOFFICIAL"
_EICAR_PIECES = (
    "X5O!P%@AP[4\\PZX54(P^)7CC)7}$",
    "EICAR-STANDARD-",
    "ANTIVIRUS-",
    "TEST-FILE!",
    "$H+H*",
)
EICAR = "".join(_EICAR_PIECES).encode("ascii")


class ClamdMissing(RuntimeError):
    pass


class ClamdServer:
    """clamd in the foreground on a unix socket; `stop()` and `start()` again simulate an outage."""

    def __init__(self, *, stream_max: str = "25M") -> None:
        # Not pytest's tmp_path: a unix socket path must stay under ~100 bytes.
        self.dir = Path(tempfile.mkdtemp(prefix="sbd-clamd-"))
        self.socket_path = self.dir / "clamd.sock"
        self.process: subprocess.Popen | None = None
        self._write_database()
        self.config = self.dir / "clamd.conf"
        self.config.write_text(
            "\n".join(
                [
                    f"LocalSocket {self.socket_path}",
                    "LocalSocketMode 600",
                    "Foreground yes",
                    f"DatabaseDirectory {self.dir / 'db'}",
                    f"TemporaryDirectory {self.dir}",
                    f"LogFile {self.dir / 'clamd.log'}",
                    f"StreamMaxLength {stream_max}",  # 25M: above the app's 20 MB upload limit
                    "MaxThreads 2",
                    "Bytecode no",
                    "SelfCheck 3600",
                ]
            )
            + "\n"
        )

    @property
    def address(self) -> str:
        return f"unix://{self.socket_path}"

    def _write_database(self) -> None:
        db = self.dir / "db"
        db.mkdir()
        # An .ndb body signature: name, target 0 (any file), offset * (anywhere), hex bytes.
        (db / "sbd-test.ndb").write_text(f"{SIGNATURE}:0:*:{EICAR.hex()}\n")

    def start(self, timeout: float = 60) -> "ClamdServer":
        binary = shutil.which("clamd") or shutil.which("clamd", path="/usr/sbin:/usr/local/sbin")
        if binary is None:
            raise ClamdMissing("clamd is not installed (Debian: clamav-daemon; make system-deps)")
        self.process = subprocess.Popen(
            [binary, "-c", str(self.config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if self.ping():
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"clamd did not answer PING:\n{self.log()}")

    def ping(self) -> bool:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(2)
                sock.connect(str(self.socket_path))
                sock.sendall(b"zPING\0")
                return sock.recv(16).startswith(b"PONG")
        except OSError:
            return False

    def stop(self) -> None:
        stop_gently(self.process)
        self.process = None
        # A killed clamd may leave its socket behind; clients must then get "refused", not hang.
        self.socket_path.unlink(missing_ok=True)

    def log(self) -> str:
        path = self.dir / "clamd.log"
        return path.read_text(errors="replace") if path.exists() else "(no clamd log)"

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
