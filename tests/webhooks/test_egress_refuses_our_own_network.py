"""webhooks/egress.py: only public https addresses are called, checked at every call, the
connection goes to the checked address, no redirect is followed, and a refused address never
receives a connection."""

import socket

import pytest

from tests.webhooks.receiver import Receiver, loopback_alias_available
from webhooks import egress


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("100.100.100.200", "private or internal"),  # shared space; a cloud's metadata service
        ("fd00:ec2::254", "private"),
        ("::ffff:10.0.0.1", "private"),  # IPv4 mapped into IPv6
        ("::ffff:169.254.169.254", "link-local"),
        ("0.0.0.0", "not a routable"),  # noqa: S104 (an address to refuse, not to bind)
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "not a routable"),
    ],
)
def test_internal_addresses_are_refused_with_the_reason(address, reason):
    assert reason in egress.address_refusal(address)


def test_public_addresses_pass():
    for address in ("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "8.8.8.8"):
        assert egress.address_refusal(address) is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://example.com/hook", "only https"),
        ("ftp://example.com/hook", "only https"),
        ("https://user:pw@example.com/hook", "user name or password"),
        ("https:///hook", "names no host"),
        ("https://example.com:99999/hook", "cannot be read"),
        ("https://" + "a" * 2100 + ".com/", "longer than"),
        ("https://no-such-host.invalid/hook", "cannot be resolved"),
        ("https://127.0.0.1/hook", "loopback"),
        ("https://localhost/hook", "loopback"),
        ("https://169.254.169.254/latest/meta-data/", "link-local"),
        ("https://[::1]/hook", "loopback"),
    ],
)
def test_a_url_that_may_not_be_called_is_refused_by_name(url, message):
    with pytest.raises(egress.Refused) as refused:
        egress.resolve(url)
    assert message in str(refused.value)


def test_a_name_resolving_to_any_internal_address_is_refused(monkeypatch):
    """One private answer among public ones is enough to refuse (no lottery per connection)."""
    answers = [("93.184.215.14",), ("10.0.0.5",)]
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, 443)) for (ip,) in answers
        ],
    )
    with pytest.raises(egress.Refused, match=r"10\.0\.0\.5 is a private"):
        egress.resolve("https://mixed.example/hook")


@pytest.mark.skipif(not loopback_alias_available(), reason="no 127.0.0.2 on this machine")
def test_a_listener_on_a_loopback_alias_sees_no_connection_without_the_test_switch():
    with Receiver("127.0.0.2") as receiver:
        for url in (receiver.url, receiver.url.replace("http://", "https://")):
            with pytest.raises(egress.Refused):
                egress.post(url, b"{}", {}, timeout=2)
        assert receiver.connections == 0


def test_the_connection_goes_to_the_checked_address_whatever_the_name_says_later(monkeypatch):
    """DNS rebinding: the name is resolved and checked once per call, and the socket goes to that
    address; a second, different answer is never asked for."""
    with Receiver() as receiver:
        names = []
        real = socket.getaddrinfo

        def resolver(host, port, *args, **kwargs):
            if host == "rebinding.test":
                names.append(host)
                # The first answer is checked; any later one would point somewhere else.
                host = "127.0.0.1" if len(names) == 1 else "127.0.0.3"
            return real(host, port, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", resolver)
        url = f"http://rebinding.test:{receiver.port}/hook?x=1"
        answer = egress.post(url, b'{"a": 1}', {}, timeout=2, allow_loopback=True)
        assert answer.status == 200 and names == ["rebinding.test"]
        request = receiver.requests[0]
        assert request["headers"]["Host"] == f"rebinding.test:{receiver.port}"
        assert request["path"] == "/hook?x=1" and request["body"] == b'{"a": 1}'


def test_a_redirect_is_an_answer_not_an_instruction():
    with Receiver(statuses=[302]) as receiver:
        answer = egress.post(receiver.url, b"{}", {}, timeout=2, allow_loopback=True)
        assert answer.status == 302 and receiver.connections == 1


def test_plain_http_is_only_ever_for_loopback_even_with_the_test_switch():
    with pytest.raises(egress.Refused, match="only https"):
        egress.resolve("http://93.184.215.14/hook", allow_loopback=True)
