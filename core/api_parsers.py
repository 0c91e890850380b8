"""Request bodies the API cannot read are the caller's error (400), never the server's.

DRF's JSON parser lets a deeply nested document (`[[[[…]]]]` a hundred thousand deep, a few
hundred kilobytes) exhaust the interpreter's recursion limit, which surfaced as a 500. Nesting is
refused past NESTING_LIMIT levels with a sentence that says so; nothing the API takes is nested
more than a few levels.
"""

import json

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

NESTING_LIMIT = 32
TOO_DEEP = f"The JSON body is nested more than {NESTING_LIMIT} levels deep."
NOT_JSON = "The body is not valid JSON in UTF-8."


def json_loads_bounded(raw: bytes | str) -> object:
    """json.loads for request bodies: ValueError (with a sentence) for anything unreadable,
    invalid UTF-8 and excessive nesting included."""
    try:
        data = json.loads(raw)
    except RecursionError:
        raise ValueError(TOO_DEEP) from None
    except ValueError:
        raise ValueError(NOT_JSON) from None
    if _depth_exceeds(data, NESTING_LIMIT):
        raise ValueError(TOO_DEEP)
    return data


def _depth_exceeds(data: object, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        try:
            return json_loads_bounded(raw or b"")
        except ValueError as error:
            raise ParseError(str(error)) from None
