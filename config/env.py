"""Small typed readers for settings that come from the environment.

Each reader names the variable in its error, so a misconfigured deployment fails at start-up with a
sentence an operator can act on instead of a stack trace deep inside Django.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_secret(name: str, default: str = "") -> str:
    """A secret from NAME, or from the file NAME_FILE names (Docker and systemd secrets), so a
    secret need not sit in the environment that `docker inspect` and /proc show. The file's
    trailing newline is dropped; setting both, or naming a file that cannot be read, stops the
    start with a sentence naming the variable."""
    path = os.environ.get(f"{name}_FILE", "").strip()
    if not path:
        return os.environ.get(name, default)
    if os.environ.get(name, "").strip():
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
    try:
        with open(path, encoding="utf-8") as handle:
            value = handle.read().rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise ImproperlyConfigured(f"{name}_FILE: cannot read {path!r} ({reason}).") from None
    if not value.strip():
        raise ImproperlyConfigured(f"{name}_FILE: {path!r} is empty.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no); got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer; got {raw!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, as a Content-Security-Policy source."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def env_choice(name: str, choices: tuple[str, ...], default: str = "") -> str:
    value = os.environ.get(name, default).strip()
    if value not in choices:
        allowed = ", ".join(repr(choice) for choice in choices)
        raise ImproperlyConfigured(f"{name} must be one of {allowed}; got {value!r}.")
    return value


def env_validity(name: str, default: str) -> dict[str, int | str]:
    """Evidence levels and how long each stands, as `level=days` or `level=attestation_end`,
    comma-separated (e.g. "documented=365,attested=attestation_end,verified=365")."""
    raw = os.environ.get(name, default)
    rules: dict[str, int | str] = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        level, _, value = (piece.strip() for piece in item.partition("="))
        if level not in ("documented", "attested", "verified"):
            raise ImproperlyConfigured(
                f"{name}: {level!r} is not an evidence level (documented, attested, verified)."
            )
        if value == "attestation_end":
            rules[level] = value
        elif value.isdigit() and int(value) > 0:
            rules[level] = int(value)
        else:
            raise ImproperlyConfigured(
                f"{name}: {level} must be a number of days or attestation_end; got {value!r}."
            )
    return rules
