"""The OpenAPI schema documents every answer an endpoint can give, errors included.

drf-spectacular documents the success responses each view declares; the errors come from layers
every view shares (authentication, roles, object getters, validation, the service errors of
core.errors, the limits), so they are added here once, in a postprocessing hook, with the one
shape they all have: `{"detail": "a sentence"}`, or a field name mapped to sentences. The
schemathesis run in CI (tests/fuzz/) fails on any status code or body the schema does not name.
"""

ERROR = {
    "type": "object",
    "description": 'Either {"detail": "a sentence"}, or each refused field (or an item\'s '
    "position) mapped to sentences that say what to change.",
    "additionalProperties": True,
}

# status: (when it applies, what it means)
WHY = {
    "400": "The request or one of its fields was refused; the body names each one.",
    "401": "No credentials, or a token that is unknown, expired or revoked (the body says which).",
    "403": "Your role, the token's read-only access, or a second factor still owed refuses this.",
    "404": "No such object among those you may see (named in the path or the body), or no "
    "such page of a list.",
    "405": "The endpoint has no such method.",
    "406": "The response cannot be given in the media type the Accept header asks for.",
    "409": "The change does not fit the object's current state, or was based on a stale copy.",
    "413": "The request body is larger than the endpoint accepts.",
    "414": "The URL (path and query string) is longer than the server reads (gunicorn's 4,094 "
    "bytes); the server answers before the application, with a short HTML page.",
    "415": "The request body's media type is not one the endpoint reads.",
    "429": "A limit was reached; the body says which and when to try again.",
    "503": "The database or a service behind it is unavailable; try again after Retry-After.",
}
UNSAFE = {"post", "put", "patch", "delete"}
PUBLIC = {"/api/v1/auth/token/"}


def document_error_responses(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry: every operation gets the error answers the
    shared layers can give it, each with the error body."""
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "head", "options", *UNSAFE}:
                continue
            responses = operation.setdefault("responses", {})
            for status in _statuses(path, method, operation):
                responses.setdefault(status, _answer(status))
    return result


def _answer(status: str) -> dict:
    if status == "414":  # gunicorn's own page: the request never reached the application
        return {
            "description": WHY[status],
            "content": {"text/html": {"schema": {"type": "string"}}},
        }
    return {"description": WHY[status], "content": {"application/json": {"schema": ERROR}}}


def _statuses(path: str, method: str, operation: dict) -> list[str]:
    statuses = ["400", "404", "406", "414", "503"]
    if path not in PUBLIC:
        statuses += ["401", "403"]
    if method in UNSAFE:
        statuses += ["409", "413", "415", "429"]
    return statuses
