"""Named API tokens with a lifecycle (issue 19): hashed at rest, expiring, read-only or
read-write, revoked by their owner, an admin, or any change to the owner's credentials.

- services.py: make, revoke, and revoke all of a person's tokens (each logged);
- authentication.py: the DRF authentication class that checks a presented key;
- signals.py: a password change, deactivation or a removed role revokes the person's tokens;
- api.py and views.py: the API endpoints and the account page.
"""

from core.tokens.labels import actor_label

__all__ = ["actor_label"]
