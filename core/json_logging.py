"""Structured logs: one JSON object per line, the request id on each, secrets and answer text
redacted before any handler sees them, and the request id carried from a web request into the
Celery tasks it enqueues.

Wired in config/settings.py (LOGGING; LOG_FORMAT=json|plain) and config/celery.py
(connect_celery_signals). Nothing here imports Django or the project at module level: the
module is imported while the settings are still loading.
"""

import json
import logging
import re
from datetime import UTC, datetime

REDACTED = "[redacted]"

# Keys whose values never reach a log: credentials, and what people wrote in answers, reviews
# and decisions (vendors' answers are confidential; the audit trail, not the log, keeps them).
_SECRET_PARTS = (
    "password",
    "passwd",
    "secret",
    "token",
    "authorization",
    "cookie",
    "session",
    "csrf",
    "api_key",
    "apikey",
    "private_key",
    "credential",
    "explanation",
    "justification",
    "rationale",
)
# A task's arguments too: Celery logs them in `extra` ("Task … received"), and the invitation
# e-mail task is handed the link's token.
_SECRET_KEYS = frozenset(
    {
        "text",
        "body",
        "note",
        "comment",
        "answer",
        "answers",
        "value",
        "old",
        "new",
        "key",
        "args",
        "kwargs",
        "argsrepr",
        "kwargsrepr",
    }
)
# Secrets that travel inside strings: a password in a URL, an invitation link's token, a token in
# a query string.
_SECRET_PATTERNS = (
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s:/@]*:)[^\s@/]+@", re.IGNORECASE), rf"\1{REDACTED}@"),
    (re.compile(r"(/vendor/invite/)[^/\s?#'\"]+"), rf"\1{REDACTED}"),
    (
        re.compile(r"([?&](?:token|key|password|secret|signature)=)[^&\s#'\"]+", re.IGNORECASE),
        rf"\1{REDACTED}",
    ),
)

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
    "taskName",
}


def is_secret_key(key: object) -> bool:
    name = str(key).lower()
    return name in _SECRET_KEYS or any(part in name for part in _SECRET_PARTS)


def redact(value, depth: int = 0):
    """A copy of `value` with secret keys' values replaced and secrets inside strings masked."""
    if depth > 5:
        return value
    if isinstance(value, str):
        for pattern, replacement in _SECRET_PATTERNS:
            value = pattern.sub(replacement, value)
        return value
    if isinstance(value, dict):
        return {k: REDACTED if is_secret_key(k) else redact(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(redact(v, depth + 1) for v in value)
    return value


class RedactingFilter(logging.Filter):
    """Redacts a record's message arguments and `extra` fields in place, so every handler and
    formatter (plain or JSON) gets the cleaned record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, dict):
            record.args = redact(record.args)
        elif isinstance(record.args, tuple):
            record.args = tuple(
                redact(arg) if isinstance(arg, str | dict | list | tuple) else arg
                for arg in record.args
            )
        for key in list(vars(record)):
            if key in _STANDARD:
                continue
            value = getattr(record, key)
            setattr(record, key, REDACTED if is_secret_key(key) else redact(value))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id, the
    record's `extra` fields, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": _request_id(record),
            "process": record.process,
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = _jsonable(value)
        if record.exc_info:
            entry["exc"] = redact(self.formatException(record.exc_info))
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _request_id(record: logging.LogRecord) -> str:
    """Django logs a 4xx/5xx response after the middleware has left the request's context, but
    hands over the request itself."""
    current = getattr(record, "request_id", "-")
    if current == "-":
        return getattr(getattr(record, "request", None), "request_id", "-")
    return current


def _jsonable(value):
    """Plain data as it is; any other object (Django puts the request in `extra`) as its text,
    which can hold a path with a token in it, so redacted."""
    if value is None or isinstance(value, bool | int | float | str | dict | list | tuple):
        return value
    return redact(str(value))


# --- The request id across Celery -------------------------------------------------------------
HEADER = "request_id"
_tokens: dict[str, object] = {}


def _on_publish(headers=None, **kwargs) -> None:
    """In whichever process enqueues (web or worker): the current request id rides along in the
    message headers."""
    from core.middleware import request_id_var

    current = request_id_var.get()
    if headers is not None and current != "-":
        headers.setdefault(HEADER, current)


def _on_task_start(task_id=None, task=None, **kwargs) -> None:
    """In the worker: the task logs under the id of the request that enqueued it, else under its
    own task id (periodic jobs)."""
    from core.middleware import request_id_var

    incoming = getattr(getattr(task, "request", None), HEADER, None)
    if not incoming and request_id_var.get() != "-":
        return  # run eagerly inside a request: keep that request's id
    _tokens[task_id] = request_id_var.set(str(incoming or task_id))


def _on_task_end(task_id=None, **kwargs) -> None:
    from core.middleware import request_id_var

    token = _tokens.pop(task_id, None)
    if token is not None:
        request_id_var.reset(token)


def _use_django_logging(**kwargs) -> None:
    """Connected to Celery's setup_logging: the worker and beat log exactly as the web does
    (settings.LOGGING: JSON, request ids, redaction) instead of Celery's own format."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)


def connect_celery_signals() -> None:
    from celery import signals

    signals.setup_logging.connect(
        _use_django_logging, weak=False, dispatch_uid="core.json_logging.setup"
    )
    signals.before_task_publish.connect(
        _on_publish, weak=False, dispatch_uid="core.json_logging.publish"
    )
    signals.task_prerun.connect(_on_task_start, weak=False, dispatch_uid="core.json_logging.prerun")
    signals.task_postrun.connect(_on_task_end, weak=False, dispatch_uid="core.json_logging.postrun")
