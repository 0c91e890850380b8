"""Malware scanning behind one small interface: `Scanner.scan(stream) -> ScanResult`.

A scanner that cannot give a verdict raises `ScannerUnavailable`; it never answers "clean" for a
file it did not read to the end. The ClamAV adapter speaks clamd's INSTREAM protocol itself (unix
socket or TCP), so the web hosts need no Python dependency and no ClamAV binaries, only a reachable
clamd. Which scanner runs is chosen by settings (EVIDENCE_SCANNER, CLAMD_ADDRESS,
CLAMD_TIMEOUT_SECONDS); with none configured `scanner_from_settings()` answers None and evidence is
stored as "not scanned" (see assessments/evidence/scan.py).
"""

import socket
import struct
from dataclasses import dataclass
from typing import BinaryIO, Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CHUNK_BYTES = 64 * 1024
# A reply is one short line; anything longer is not clamd talking.
MAX_REPLY_BYTES = 4096


@dataclass(frozen=True)
class ScanResult:
    infected: bool
    signature: str = ""


class ScannerUnavailable(Exception):
    """The scanner could not give a verdict (down, timed out, refused the stream, said nonsense)."""


class Scanner(Protocol):
    def scan(self, stream: BinaryIO) -> ScanResult: ...


def parse_clamd_reply(reply: bytes) -> ScanResult:
    """`stream: OK`, `stream: <signature> FOUND`; everything else (`... ERROR`, size limits,
    garbage, an empty reply) is no verdict."""
    text = reply.rstrip(b"\0\n").decode("utf-8", errors="replace").strip()
    if text == "stream: OK":
        return ScanResult(infected=False)
    if text.startswith("stream: ") and text.endswith(" FOUND"):
        signature = text[len("stream: ") : -len(" FOUND")].strip()
        if signature:
            return ScanResult(infected=True, signature=signature[:200])
    raise ScannerUnavailable(f"clamd gave no verdict: {text[:200]!r}")


class ClamdScanner:
    """clamd over `unix:///path/to/clamd.ctl` or `tcp://host:3310`."""

    def __init__(self, address: str, *, timeout: float = 20.0) -> None:
        parts = urlsplit(address)
        if parts.scheme == "unix" and parts.path:
            self._family, self._target = socket.AF_UNIX, parts.path
        elif parts.scheme == "tcp" and parts.hostname and parts.port:
            self._family, self._target = socket.AF_INET, (parts.hostname, parts.port)
        else:
            raise ImproperlyConfigured(
                f"CLAMD_ADDRESS must be unix:///path/to/clamd.ctl or tcp://host:port; "
                f"got {address!r}."
            )
        self.timeout = timeout

    def _connect(self) -> socket.socket:
        if self._family == socket.AF_UNIX:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            sock.connect(self._target)
            return sock
        return socket.create_connection(self._target, timeout=self.timeout)

    def _command(self, command: bytes, stream: BinaryIO | None = None) -> bytes:
        try:
            with self._connect() as sock:
                sock.sendall(b"z" + command + b"\0")
                if stream is not None:
                    while chunk := stream.read(CHUNK_BYTES):
                        sock.sendall(struct.pack(">I", len(chunk)) + chunk)
                    sock.sendall(struct.pack(">I", 0))
                return _read_reply(sock)
        except OSError as exc:  # refused, missing socket, timeout, reset by clamd's size limit
            raise ScannerUnavailable(f"clamd at {self._target!r}: {exc}") from exc

    def scan(self, stream: BinaryIO) -> ScanResult:
        return parse_clamd_reply(self._command(b"INSTREAM", stream))

    def ping(self) -> bool:
        try:
            return self._command(b"PING").rstrip(b"\0") == b"PONG"
        except ScannerUnavailable:
            return False


def _read_reply(sock: socket.socket) -> bytes:
    reply = b""
    while not reply.endswith(b"\0") and len(reply) < MAX_REPLY_BYTES:
        chunk = sock.recv(MAX_REPLY_BYTES)
        if not chunk:
            break
        reply += chunk
    return reply


def scanner_from_settings() -> Scanner | None:
    """Read on every call, so a changed setting (or a test's override) takes effect at once."""
    if settings.EVIDENCE_SCANNER == "clamd":
        return ClamdScanner(settings.CLAMD_ADDRESS, timeout=settings.CLAMD_TIMEOUT_SECONDS)
    return None
