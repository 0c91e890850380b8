"""Canonical JSON and the hash of a scoring's inputs.

A stored snapshot must be byte-identical whenever the inputs are, so key order, separators, float
formatting and answer order are all fixed here rather than left to the caller.
"""

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from scoring.answers import AnswerInput, answer_sort_key
from scoring.rubric import Rubric

# Enough digits to tell any real override or weight apart, few enough to hide float noise
# (0.1 + 0.2 and 0.3 serialise the same).
FLOAT_DECIMALS = 6


def canonical_json(obj: Any) -> bytes:
    """Deterministic UTF-8 JSON; objects with to_dict() (rubric, answer, scorecard) are expanded."""
    return json.dumps(
        _normalise(obj),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    ).encode("utf-8")


def inputs_sha256(rubric: Rubric, answers: Iterable[AnswerInput]) -> str:
    """Fingerprint of what a scorecard was computed from; independent of answer order."""
    document = {
        "rubric": rubric.to_dict(),
        "answers": [a.to_dict() for a in sorted(answers, key=answer_sort_key)],
    }
    return hashlib.sha256(canonical_json(document)).hexdigest()


def _normalise(obj: Any) -> Any:
    # Exact-type checks first: a snapshot is thousands of small values and this runs on each one.
    kind = type(obj)
    if kind is str or kind is int or kind is bool or obj is None:
        return obj
    if kind is float:
        return _float(obj)
    if kind is dict:
        return {_key(key): _normalise(value) for key, value in obj.items()}
    if kind is list or kind is tuple:
        return [_normalise(item) for item in obj]
    return _normalise_other(obj)


def _normalise_other(obj: Any) -> Any:
    if isinstance(obj, bool | int | str):
        return obj
    if isinstance(obj, float):
        return _float(obj)
    if isinstance(obj, Mapping):
        return {_key(key): _normalise(value) for key, value in obj.items()}
    if isinstance(obj, list | tuple):
        return [_normalise(item) for item in obj]
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        return _normalise(to_dict())
    raise TypeError(f"canonical JSON cannot encode {type(obj).__name__}")


def _float(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"canonical JSON has no form for {value!r}")
    # Adding 0.0 folds -0.0 into 0.0.
    return round(value, FLOAT_DECIMALS) + 0.0


def _key(key: Any) -> str:
    if type(key) is not str:
        raise TypeError(f"canonical JSON needs string keys, got {key!r}")
    return key
