"""OpenID Connect through Authlib's Django client: authorization code with PKCE (S256), and an
ID token whose signature (the provider's published keys), iss, aud, azp, exp, iat and nonce are
checked, with OIDC_CLOCK_SKEW_SECONDS of leeway. `state` ties the answer to the browser session
that asked. Authlib rather than mozilla-django-oidc: it checks iss/aud/exp itself, does PKCE and
RP-initiated logout, and is also a provider library, which the tests use for a real provider.

Only asymmetric signatures are accepted, whatever the provider's metadata lists: "none" and
HMAC (signed with the client secret, which this side knows too) are not proof of the provider.
"""

from functools import cache

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from joserfc import errors as jose_errors

from sso.failures import SignInFailed

ASYMMETRIC_ALGORITHMS = (
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
)  # fmt: skip
# Provider error codes (RFC 6749 4.1.2.1, OpenID Connect 3.1.2.6) that mean the person or the
# provider said no, as opposed to something broken.
DENIED_ERRORS = frozenset(
    {"access_denied", "login_required", "interaction_required", "consent_required"}
)
CLAIM_FAILURES = {"aud": "audience", "azp": "audience", "iss": "issuer", "exp": "expired"}


@cache
def _client(issuer: str, client_id: str, client_secret: str, scopes: str, timeout: int):
    registry = OAuth()
    return registry.register(
        "company",
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": scopes,
            "code_challenge_method": "S256",
            "default_timeout": timeout,
        },
    )


def oidc_client():
    return _client(
        settings.OIDC_ISSUER,
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        settings.OIDC_SCOPES,
        settings.OIDC_TIMEOUT_SECONDS,
    )


def _metadata(client) -> dict:
    """The provider's discovery document, once per process, held to what we accept."""
    metadata = client.load_server_metadata()
    if metadata.get("issuer", "").rstrip("/") != settings.OIDC_ISSUER:
        # OpenID Connect Discovery 4.3: the document must name the issuer it was fetched for.
        raise SignInFailed("issuer", f"discovery names {metadata.get('issuer')!r}")
    offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    metadata["id_token_signing_alg_values_supported"] = [
        alg for alg in offered if alg in ASYMMETRIC_ALGORITHMS
    ]
    return metadata


def oidc_authorize_redirect(request, redirect_uri: str):
    client = oidc_client()
    try:
        _metadata(client)
        return client.authorize_redirect(request, redirect_uri)
    except requests.RequestException as error:
        raise SignInFailed("unreachable", type(error).__name__) from None


def oidc_complete(request) -> tuple[dict, str]:
    """The checked ID token's claims and the raw token (kept for the logout hint)."""
    client = oidc_client()
    issuer = settings.OIDC_ISSUER
    answered_by = request.GET.get("iss")
    if answered_by is not None and answered_by.rstrip("/") != issuer:
        # RFC 9207: the answer names the provider that sent it; another one's answer (a mix-up
        # attack) is refused before its code goes anywhere.
        raise SignInFailed("issuer", "authorization response from another issuer")
    try:
        _metadata(client)
        token = client.authorize_access_token(
            request,
            claims_options={"iss": {"essential": True, "values": [issuer]}},
            leeway=settings.OIDC_CLOCK_SKEW_SECONDS,
        )
    except MismatchingStateError:
        raise SignInFailed("state") from None
    except OAuthError as error:
        reason = "denied" if error.error in DENIED_ERRORS else "provider_error"
        raise SignInFailed(reason, str(error.error)[:100]) from None
    except jose_errors.ClaimError as error:
        raise SignInFailed(CLAIM_FAILURES.get(error.claim, "token"), error.claim) from None
    except jose_errors.JoseError as error:
        raise SignInFailed("token", type(error).__name__) from None
    except requests.RequestException as error:
        raise SignInFailed("unreachable", type(error).__name__) from None
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise SignInFailed("token", "no ID token")
    return dict(claims), token["id_token"]


def oidc_logout_url(*, id_token: str, post_logout_redirect_uri: str) -> str | None:
    """The provider's end-session address (RP-initiated logout), or None when it has none."""
    client = oidc_client()
    try:
        if not _metadata(client).get("end_session_endpoint"):
            return None
        return client.create_logout_url(
            post_logout_redirect_uri=post_logout_redirect_uri,
            id_token_hint=id_token,
            client_id=settings.OIDC_CLIENT_ID,
        )["url"]
    except (requests.RequestException, SignInFailed):
        return None
