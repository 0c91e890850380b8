"""A company sign-in with Django's test client against the real test provider."""

from urllib.parse import urlsplit


def sso_sign_in(client, provider, username: str, *, next_url: str = ""):
    """Start at the app, sign in on the provider, come back: the callback's response."""
    start = client.get("/accounts/sso/start/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start.content
    back = provider.sign_in(start["Location"], username)
    parts = urlsplit(back)
    return client.get(parts.path + "?" + parts.query)
