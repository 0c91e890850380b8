"""The test OpenID provider (provider.py) as a real process on a free loopback port, and the app's
settings pointing at it."""

import copy
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from config.env import origin_of

PROVIDER = Path(__file__).with_name("provider.py")
CLIENT_ID = "sbd-tests"
CLIENT_SECRET = "test-client-secret-0123456789"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    def __init__(self, url: str) -> None:
        self.url = url

    def users(self, **users: dict) -> None:
        """Who the provider knows, by the name typed on its sign-in form."""
        for name, user in users.items():
            user.setdefault("sub", f"sub-{name}")
            user.setdefault("preferred_username", name)
        self._control({"users": users, "next_token": {}, "reset_counters": True})

    def bend_next_token(self, **bend) -> None:
        self._control({"next_token": bend})

    def counters(self) -> dict:
        return requests.get(f"{self.url}/_control", timeout=5).json()

    def _control(self, body: dict) -> None:
        requests.post(f"{self.url}/_control", json=body, timeout=5).raise_for_status()

    def sign_in(self, authorize_url: str, username: str) -> str:
        """What a browser does on the provider's form: returns where the provider sends it back."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        response = requests.post(
            f"{self.url}/authorize",
            data={**query, "username": username},
            allow_redirects=False,
            timeout=5,
        )
        assert response.status_code == 302, response.text
        return response.headers["Location"]


@pytest.fixture(scope="session")
def oidc_provider_process():
    port = _free_port()
    process = subprocess.Popen([sys.executable, str(PROVIDER), str(port), CLIENT_ID, CLIENT_SECRET])
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            requests.get(f"{url}/.well-known/openid-configuration", timeout=1).raise_for_status()
            break
        except requests.RequestException:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the test OpenID provider did not start")
            time.sleep(0.1)
    yield Provider(url)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def oidc(oidc_provider_process, settings):
    """Company sign-in switched on against the test provider; returns the provider."""
    settings.OIDC_ISSUER = oidc_provider_process.url
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = "Test IdP"
    # As config/settings.py makes it from OIDC_ISSUER at start-up.
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"] = ["'self'", origin_of(oidc_provider_process.url)]
    settings.CONTENT_SECURITY_POLICY = policy
    settings.OIDC_ROLE_MAP = (
        "sec-architects=architect,procurement-team=procurement,risk-board=viewer,sbd-admins=admin"
    )
    oidc_provider_process.users()
    return oidc_provider_process
