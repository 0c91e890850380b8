class ServiceError(Exception):
    """A refused change. `field_errors` maps a field name to sentences a user can act on."""

    def __init__(self, message: str, *, field_errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}


class ConflictError(ServiceError):
    """The change was based on a stale copy; `current` holds what the server has now."""

    def __init__(self, message: str, *, current: object) -> None:
        super().__init__(message)
        self.current = current


class NotAllowed(ServiceError):
    """The actor's role does not allow this change (HTTP 403)."""
