"""Where the Django secret key comes from.

Production must pass DJANGO_SECRET_KEY. A developer running `make run` gets a random key generated
once into var/ so sessions survive restarts without anyone committing a key to the repository.
"""

import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# An error message, not a password.
MISSING_SECRET_KEY = (
    "DJANGO_SECRET_KEY is not set. Set it to a long random value, or set DJANGO_DEBUG=1 "  # noqa: S105
    "for local development (a development key is then generated under var/)."
)


def resolve_secret_key(*, configured: str, debug: bool, var_dir: Path) -> str:
    if configured:
        return configured
    if not debug:
        raise ImproperlyConfigured(MISSING_SECRET_KEY)
    key_file = var_dir / "dev-secret-key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
