"""Outbound HTTP for webhooks that cannot be turned against our own network (SSRF).

Only https, to a host whose every resolved address is public: loopback, private, link-local
(cloud metadata at 169.254.169.254 among them), shared (100.64/10), multicast, reserved and
unspecified addresses are refused, for IPv4, IPv6 and IPv4 mapped into IPv6. The check runs when
an endpoint is registered and again at every delivery, and the connection then goes to the very
address that was checked (the host name is kept only for TLS), so a DNS answer that changes
between the check and the connection (rebinding) gains nothing. No redirect is followed, every
socket operation has a short timeout, and at most a few kilobytes of the answer are read.

Plain http to a loopback address is allowed only where settings.WEBHOOKS_ALLOW_LOOPBACK is on,
which the settings accept only on a development or test machine.
"""

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2_000
RESPONSE_BYTES = 4_096


class Refused(Exception):
    """The URL or the address it resolves to may not be called; the message says why."""


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes


def address_refusal(address: str) -> str | None:
    """Why this IP address may not be called, or None."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_link_local:
        return f"{ip} is a link-local address (cloud metadata services live there)"
    if ip.is_multicast:
        return f"{ip} is a multicast address"
    if ip.is_unspecified or ip.is_reserved:
        return f"{ip} is not a routable address"
    if ip.is_private or not ip.is_global:
        return f"{ip} is a private or internal address"
    return None


def _target(url: str, *, allow_loopback: bool) -> tuple[str, str, int]:
    if len(url) > MAX_URL_LENGTH:
        raise Refused(f"the URL is longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused("the URL cannot be read") from None
    if parts.username or parts.password:
        raise Refused("the URL may not carry a user name or password")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise Refused("the URL names no host")
    if parts.scheme == "https":
        return "https", host, port or 443
    if parts.scheme == "http" and allow_loopback:
        return "http", host, port or 80
    raise Refused("only https URLs can receive webhooks")


def resolve(url: str, *, allow_loopback: bool = False) -> tuple[str, str, int, str]:
    """(scheme, host, port, the checked address to connect to), or Refused with the reason."""
    scheme, host, port = _target(url, allow_loopback=allow_loopback)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise Refused(f"the host {host} cannot be resolved") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise Refused(f"the host {host} has no address")
    for address in addresses:
        reason = address_refusal(address)
        loopback_ok = allow_loopback and ipaddress.ip_address(address).is_loopback
        # Every address must pass: a name that also resolves inside our network is refused.
        if reason and not loopback_ok:
            raise Refused(reason)
    if scheme == "http" and not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise Refused("only https URLs can receive webhooks")
    return scheme, host, port, addresses[0]


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Connects to the checked address; the host name serves TLS (SNI and certificate check)."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


def post(
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout: float,
    allow_loopback: bool = False,
) -> Response:
    """POST once, to the checked address; no redirect is followed (a 3xx is just an answer).
    Raises Refused, or OSError / http.client.HTTPException when the exchange fails."""
    scheme, host, port, address = resolve(url, allow_loopback=allow_loopback)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address, timeout)
    try:
        connection.request("POST", path, body=body, headers=headers)
        answer = connection.getresponse()
        return Response(answer.status, answer.read(RESPONSE_BYTES))
    finally:
        connection.close()
