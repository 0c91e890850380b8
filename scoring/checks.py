"""Small type guards shared by the rubric and policy constructors.

Rubrics arrive from YAML and from the database, so a wrong type must fail at construction with the
key in the message, not deep inside score() with a TypeError.
"""

import math
from collections.abc import Mapping
from typing import Any

from scoring.vocabulary import RubricError


def number(value: Any, where: str) -> float:
    # bool is an int subclass; a YAML `weight: yes` is a typo, not a weight of 1.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RubricError(f"{where} must be a number, got {value!r}")
    if not math.isfinite(value):
        raise RubricError(f"{where} must be a finite number, got {value!r}")
    return float(value)


def text(value: Any, where: str, *, allow_empty: bool = True) -> str:
    if not isinstance(value, str):
        raise RubricError(f"{where} must be a string, got {value!r}")
    if not allow_empty and not value:
        raise RubricError(f"{where} must not be empty")
    return value


def flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise RubricError(f"{where} must be true or false, got {value!r}")
    return value


def mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise RubricError(f"{where} must be a mapping, got {type(value).__name__}")
    return value


def sequence(value: Any, where: str) -> list[Any]:
    # A bare string is iterable too; accepting it would turn "abc" into three option keys.
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise RubricError(f"{where} must be a list, got {type(value).__name__}")
    return list(value)


def unique_pairs(
    pairs: Any, where: str, allowed: tuple[str, ...], *, complete: bool
) -> dict[str, Any]:
    """Turn a tuple of (key, value) pairs into a dict, refusing duplicates and unknown keys."""
    result: dict[str, Any] = {}
    for pair in sequence(pairs, where):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise RubricError(f"{where} must hold (key, value) pairs, got {pair!r}")
        key, value = pair
        if key not in allowed:
            raise RubricError(f"{where}: unknown key {key!r}; expected one of {', '.join(allowed)}")
        if key in result:
            raise RubricError(f"{where}: duplicate key {key!r}")
        result[key] = value
    if complete:
        missing = [key for key in allowed if key not in result]
        if missing:
            raise RubricError(f"{where}: missing {', '.join(repr(k) for k in missing)}")
    return result
