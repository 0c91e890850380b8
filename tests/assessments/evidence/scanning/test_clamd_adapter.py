"""The ClamAV adapter speaks clamd's INSTREAM protocol: chunk framing, every kind of reply, and the
ways clamd can fail to answer, all of which must end as "unavailable", never as "clean"."""

import io
import socket
import struct
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from assessments.evidence.scanner import (
    CHUNK_BYTES,
    ClamdScanner,
    ScannerUnavailable,
    ScanResult,
    parse_clamd_reply,
    scanner_from_settings,
)
from config.env import env_choice
from tests.support.clamd import EICAR, REPORTED_SIGNATURE, ClamdServer
from tests.support.processes import free_port


class FakeClamd:
    """Accepts one connection at a time, records what it was sent, answers `reply` (or nothing,
    when `reply` is None, to play a clamd that hangs)."""

    def __init__(self, reply: bytes | None, family=socket.AF_UNIX) -> None:
        self.reply = reply
        self.received = b""
        if family == socket.AF_UNIX:
            self._dir = tempfile.TemporaryDirectory(prefix="sbd-fake-clamd-")
            path = str(Path(self._dir.name) / "s.sock")
            self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.server.bind(path)
            self.address = f"unix://{path}"
        else:
            self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.server.bind(("127.0.0.1", 0))
            self.address = f"tcp://127.0.0.1:{self.server.getsockname()[1]}"
        self.server.listen(1)
        self._release = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        conn, _ = self.server.accept()
        with conn:
            while not self.received.endswith(struct.pack(">I", 0)):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                self.received += chunk
                if self.received in (b"zPING\0",):
                    break
            if self.reply is None:
                self._release.wait(10)
            else:
                conn.sendall(self.reply)

    def close(self) -> None:
        self._release.set()
        self._thread.join(5)
        self.server.close()


@pytest.fixture
def fake():
    made = []

    def make(reply, family=socket.AF_UNIX) -> FakeClamd:
        made.append(FakeClamd(reply, family))
        return made[-1]

    yield make
    for server in made:
        server.close()


def _frames(received: bytes) -> list[bytes]:
    assert received.startswith(b"zINSTREAM\0")
    rest, frames = received[len(b"zINSTREAM\0") :], []
    while True:
        (length,) = struct.unpack(">I", rest[:4])
        if length == 0:
            assert rest == struct.pack(">I", 0)
            return frames
        frames.append(rest[4 : 4 + length])
        rest = rest[4 + length :]


def test_a_stream_is_sent_in_length_prefixed_chunks_ending_with_a_zero_length(fake):
    server = fake(b"stream: OK\0")
    data = bytes(range(256)) * 1000  # 256 kB: several chunks
    result = ClamdScanner(server.address, timeout=5).scan(io.BytesIO(data))
    assert result == ScanResult(infected=False)
    frames = _frames(server.received)
    assert len(frames) > 1 and all(len(f) <= CHUNK_BYTES for f in frames)
    assert b"".join(frames) == data


def test_tcp_addresses_work_like_unix_sockets(fake):
    server = fake(b"stream: Win.Test.EICAR_HDB-1 FOUND\0", family=socket.AF_INET)
    result = ClamdScanner(server.address, timeout=5).scan(io.BytesIO(b"x"))
    assert result == ScanResult(infected=True, signature="Win.Test.EICAR_HDB-1")


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (b"stream: OK\0", ScanResult(infected=False)),
        (b"stream: OK\n", ScanResult(infected=False)),
        (b"stream: Eicar-Test-Signature FOUND\0", ScanResult(True, "Eicar-Test-Signature")),
        (
            b"stream: Doc.Macro.Heuristic-1 (x) FOUND\0",
            ScanResult(True, "Doc.Macro.Heuristic-1 (x)"),
        ),
    ],
)
def test_verdicts_are_parsed(reply, expected):
    assert parse_clamd_reply(reply) == expected


@pytest.mark.parametrize(
    "reply",
    [
        b"INSTREAM size limit exceeded. ERROR\0",
        b"stream: Can't allocate memory ERROR\0",
        b"stream:  FOUND\0",
        b"UNKNOWN COMMAND\0",
        b"stream: OK and more\0",
        b"",
    ],
)
def test_anything_but_ok_or_found_is_no_verdict(fake, reply):
    with pytest.raises(ScannerUnavailable):
        parse_clamd_reply(reply)
    server = fake(reply)
    with pytest.raises(ScannerUnavailable):
        ClamdScanner(server.address, timeout=5).scan(io.BytesIO(b"some bytes"))


def test_a_clamd_that_never_answers_is_unavailable_after_the_timeout(fake):
    server = fake(None)
    started = time.monotonic()
    with pytest.raises(ScannerUnavailable):
        ClamdScanner(server.address, timeout=0.5).scan(io.BytesIO(b"some bytes"))
    assert time.monotonic() - started < 3


def test_a_missing_socket_or_a_closed_port_is_unavailable(tmp_path):
    with pytest.raises(ScannerUnavailable):
        ClamdScanner(f"unix://{tmp_path}/none.sock", timeout=1).scan(io.BytesIO(b"x"))
    with pytest.raises(ScannerUnavailable):
        ClamdScanner(f"tcp://127.0.0.1:{free_port()}", timeout=1).scan(io.BytesIO(b"x"))
    assert ClamdScanner(f"unix://{tmp_path}/none.sock", timeout=1).ping() is False


@pytest.mark.parametrize(
    "address", ["", "clamd", "http://clamd:3310", "tcp://clamd", "unix://", "/run/clamav/clamd.ctl"]
)
def test_a_malformed_address_is_a_configuration_error(address):
    with pytest.raises(ImproperlyConfigured, match="CLAMD_ADDRESS"):
        ClamdScanner(address)


def test_the_settings_choose_the_scanner(settings):
    settings.EVIDENCE_SCANNER = ""
    assert scanner_from_settings() is None
    settings.EVIDENCE_SCANNER = "clamd"
    settings.CLAMD_ADDRESS = "tcp://clamd.internal:3310"
    settings.CLAMD_TIMEOUT_SECONDS = 7
    scanner = scanner_from_settings()
    assert isinstance(scanner, ClamdScanner) and scanner.timeout == 7


def test_an_unknown_scanner_name_stops_start_up(monkeypatch):
    monkeypatch.setenv("EVIDENCE_SCANNER", "clamscan")
    with pytest.raises(ImproperlyConfigured, match="EVIDENCE_SCANNER"):
        env_choice("EVIDENCE_SCANNER", ("", "clamd"))


def test_a_real_clamd_finds_the_self_made_signature_anywhere_in_a_file(clamd):
    scanner = ClamdScanner(clamd.address, timeout=5)
    assert scanner.ping()
    assert scanner.scan(io.BytesIO(EICAR)) == ScanResult(True, REPORTED_SIGNATURE)
    in_a_pdf = b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n"
    assert scanner.scan(io.BytesIO(in_a_pdf)) == ScanResult(True, REPORTED_SIGNATURE)
    assert scanner.scan(io.BytesIO(b"just a policy\n")) == ScanResult(False)


def test_a_file_beyond_clamds_stream_limit_is_never_called_clean():
    server = ClamdServer(stream_max="1M").start()
    try:
        with pytest.raises(ScannerUnavailable):
            ClamdScanner(server.address, timeout=5).scan(io.BytesIO(b"a" * (3 * 1024 * 1024)))
    finally:
        server.cleanup()
