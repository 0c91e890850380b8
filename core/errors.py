"""The errors services raise, and the one place that says what each means over HTTP.

A service refuses a change by raising one of these with sentences a user can act on. The API
(core.api_errors.api_exception_handler) and the vendor portal's JSON endpoints both answer with
`http_status` and `body`, so one refusal reads the same on every path.
"""

from collections.abc import Callable

# How a view turns the server's current copy of an object into JSON (ConflictError.current).
Presenter = Callable[[object], dict]


class ServiceError(Exception):
    """A refused change (HTTP 400). `field_errors` maps a field name to sentences."""

    http_status = 400

    def __init__(self, message: str, *, field_errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}

    def body(self, present: Presenter | None = None) -> dict:
        """The response body: the field errors when there are any, else the sentence."""
        return self.field_errors or {"detail": self.message}


class NotAllowed(ServiceError):
    """The actor's role does not allow this change (HTTP 403)."""

    http_status = 403

    def body(self, present: Presenter | None = None) -> dict:
        return {"detail": self.message}


class TooManyRequests(ServiceError):
    """The actor has used up a limit that frees itself with time (HTTP 429); the sentence says how
    many they have and when to try again."""

    http_status = 429


class ConflictError(ServiceError):
    """The change does not fit the object's current state or was based on a stale copy (HTTP
    409); `current` holds what the server has now, when there is a copy to show."""

    http_status = 409

    def __init__(self, message: str, *, current: object) -> None:
        super().__init__(message)
        self.current = current

    def body(self, present: Presenter | None = None) -> dict:
        body: dict = {"detail": self.message}
        if self.current is not None and present is not None:
            body["current"] = present(self.current)
        return body
