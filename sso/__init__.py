"""Company sign-in: OpenID Connect against the organisation's identity provider (issue 22).

- config.py: the OIDC_* and LOCAL_LOGIN settings read and checked (start-up refuses mistakes);
- oidc.py: the protocol, through Authlib (authorization code + PKCE, ID token checks);
- services.py: a verified identity becomes a user here (matched by issuer + subject), with the
  roles its groups give, at every sign-in;
- failures.py: each way a sign-in can fail, as the sentences its page shows;
- views.py: start, callback and sign-out (RP-initiated logout where the provider offers it).

A SAML module would sit beside oidc.py and hand services.py the same issuer, subject and claims.
"""

from sso.config import local_sign_in_allowed, sso_enabled
from sso.selectors import provider_groups_of

__all__ = ["local_sign_in_allowed", "provider_groups_of", "sso_enabled"]
